/**
 * The compiled form of a scenario that the living-system engine runs: plain numbers and arrays only, so
 * it can be sent unchanged to a worker thread or a BullMQ job, and the shape of one run's result. The
 * compiler (compile.ts) builds it from a system, a strategy and a horizon; the engine (engine.ts) runs it.
 */
import type { ParamValues } from './parameters.js';

/** Negotiation stages, following the PA-X agreement stages (Pre, Cea, SubPar, SubComp, Imp). */
export const NEGOTIATION_STAGES = [
  'pre-negotiation',
  'ceasefire',
  'partial',
  'comprehensive',
  'implementation',
] as const;
export type NegotiationStage = (typeof NEGOTIATION_STAGES)[number];

/** Index of each canonical track in the engine's arrays: 1, 1.5, 2, 3 … 9. */
export const TRACK_INDEX = {
  '1': 0,
  '1.5': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  '8': 8,
  '9': 9,
};
export const TRACK_COUNT = 10;

/** Conflict life-cycle stages in the engine's order (as domain STAGES). */
export const CONFLICT_STAGE_COUNT = 5;

/** The weekly series kept for every run, in this order. */
export const SERIES = [
  'tension',
  'violence',
  'eliteTrust',
  'societalTrust',
  'support',
  'legitimacy',
  'ideas',
  'negotiationStage',
  'officialChannel',
] as const;
export type SeriesName = (typeof SERIES)[number];

export interface CompiledParty {
  readonly id: string;
  readonly name: string;
  /** 0 democracy, 1 hybrid, 2 authoritarian (domain REGIMES order). */
  readonly regime: number;
  /** Weeks (from the scenario start) of this party's national elections. */
  readonly electionWeeks: readonly number[];
  /** Position on the conflict's main issue, 0–100, with salience and capability, for Track 1 talks. */
  readonly position: number;
  readonly salience: number;
  readonly capability: number;
}

export interface CompiledActor {
  readonly id: string;
  readonly name: string;
  readonly track: number;
  /** Weekly resources of its own (1 = enough to sustain its programmes). */
  readonly resources: number;
  /** How far its work carries: 1 for an ordinary participant, more for a leader, a network, a broadcaster. */
  readonly reach: number;
}

export interface CompiledInitiative {
  readonly id: string;
  readonly name: string;
  readonly track: number;
  readonly startWeek: number;
  /** Exclusive; the horizon when open-ended. */
  readonly endWeek: number;
  /** Indexes of the parties it concerns (all parties when it names none). */
  readonly parties: readonly number[];
  /** Indexes of the actors taking part (participants and conveners). */
  readonly actors: readonly number[];
  /**
   * How directly it reaches Track 1: 1 when a feeds-into chain leads to a Track 1 initiative or outcome,
   * 0.5 when some of its participants also sit in Track 1 or 1.5, 0 otherwise.
   */
  readonly bridge: number;
  /** Strength multiplier from the strategy (fund ×2, scale down ×0.5 …); 1 otherwise. */
  readonly scale: number;
  /**
   * Whether it has money of its own: official processes, initiatives with funders or conveners that
   * pay. Others run at full strength only while a funds flow reaches them (Track 8 enables programmes).
   */
  readonly funded: boolean;
  /** Whether it is added by the strategy (for reports). */
  readonly added: boolean;
}

/** A flow along a link of the system: money from a funder, airtime from a broadcaster. */
export interface CompiledFlow {
  readonly kind: 'funds' | 'amplifies';
  readonly from: number;
  /** Initiative index. */
  readonly to: number;
  readonly startWeek: number;
  readonly endWeek: number;
}

/** A closure of the official channel imposed by the strategy (missions closed, talks suspended). */
export interface ChannelClosure {
  readonly fromWeek: number;
  readonly untilWeek: number;
}

export interface InitialState {
  /** Conflict stage index at the start (domain STAGES order). */
  readonly conflictStage: number;
  readonly negotiationStage: number;
  readonly tension: number;
  readonly violence: number;
  readonly eliteTrust: number;
  readonly societalTrust: number;
  readonly support: number;
  readonly legitimacy: number;
  readonly officialChannel: boolean;
}

export interface CompiledModel {
  readonly scenario: string;
  readonly strategy: string;
  /** ISO date of week 0. */
  readonly start: string;
  readonly weeks: number;
  readonly parties: readonly CompiledParty[];
  readonly actors: readonly CompiledActor[];
  readonly initiatives: readonly CompiledInitiative[];
  readonly flows: readonly CompiledFlow[];
  readonly closures: readonly ChannelClosure[];
  readonly initial: InitialState;
  readonly params: ParamValues;
  /** What the compiler assumed or left out, for the report (e.g. an initiative with no track). */
  readonly notes: readonly string[];
}

/** One run of the engine: its weekly series and the events that matter for the summary. */
export interface RunResult {
  readonly run: number;
  /** SERIES.length × weeks values, series-major (all weeks of tension, then of violence …). */
  readonly series: Float64Array;
  /** First week each negotiation stage was reached (index by stage), -1 when never; stage 0 at its start. */
  readonly reached: Int32Array;
  /** Relapses: falls from an agreement stage back to pre-negotiation. */
  readonly relapses: number;
  /** Whether the process relapsed after reaching a comprehensive agreement. */
  readonly relapsedAfterAgreement: boolean;
  readonly finalTension: number;
  readonly peakTension: number;
  readonly peakViolence: number;
  /** Weeks the conflict spent at the war stage. */
  readonly weeksAtWar: number;
  /** Actor-updates the run made (actors × weeks), for the benchmark. */
  readonly actorUpdates: number;
}
