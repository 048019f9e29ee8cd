/**
 * The engine's lookup structures for a compiled model, built once per model and reused by every run:
 * typed arrays of actors and initiatives, who works in what (compressed sparse rows both ways), the
 * effectiveness table as numbers, and the weeks of elections, closures and money and media flows.
 */
import { REGIMES, STAGES } from '../../domain/conflict.js';
import { ELECTORAL, effectiveness } from '../../domain/rules/effectiveness.js';
import { TRACK_IDS } from '../../domain/track.js';
import { EFFECT_FACTOR } from '../negotiation/engagement-effects.js';
import { type CompiledModel, TRACK_INDEX } from './model.js';

const NS = STAGES.length;
const NR = REGIMES.length;
const NE = ELECTORAL.length;

/** The effectiveness table as factors, indexed [track][stage][regime][electoral] (electoral 0 near, 1 far). */
export const EFFECT_TABLE: Float64Array = (() => {
  const table = new Float64Array(TRACK_IDS.length * NS * NR * NE);
  TRACK_IDS.forEach((t, ti) =>
    STAGES.forEach((s, si) =>
      REGIMES.forEach((r, ri) =>
        ELECTORAL.forEach((e, ei) => {
          table[((ti * NS + si) * NR + ri) * NE + ei] = EFFECT_FACTOR[effectiveness(t, s, r, e).effect];
        }),
      ),
    ),
  );
  return table;
})();

/** A week a year before an election counts as electorally near (effectiveness.ts: "within about a year"). */
const NEAR_WEEKS = 52;

export interface Plan {
  readonly actorCount: number;
  readonly actorResources: Float64Array;
  readonly actorReach: Float64Array;
  readonly actorOfficial: Uint8Array;
  readonly initiativeCount: number;
  readonly initTrack: Int8Array;
  readonly initStart: Int32Array;
  readonly initEnd: Int32Array;
  readonly initScale: Float64Array;
  readonly initFunded: Uint8Array;
  readonly initBridge: Float64Array;
  readonly initActorOffsets: Int32Array;
  readonly initActors: Int32Array;
  readonly actorInitOffsets: Int32Array;
  readonly actorInits: Int32Array;
  /** Mean effectiveness factor of initiative i at conflict stage `stage` in week w over its parties. */
  effectFor(i: number, stage: number, week: number): number;
  anyActive(track: number, week: number): boolean;
  fundedAt(i: number, week: number): boolean;
  amplifiedAt(i: number, week: number): boolean;
  /** Opinion moved by broadcasters amplifying initiatives this week. */
  mediaReachAt(week: number, activity: Float64Array): number;
  closedAt(week: number): boolean;
  electionAt(party: number, week: number): boolean;
}

function csr(
  count: number,
  lists: readonly (readonly number[])[],
): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i] ?? 0) + (lists[i]?.length ?? 0);
  const items = new Int32Array(offsets[count] ?? 0);
  for (let i = 0; i < count; i++) items.set(lists[i] ?? [], offsets[i] ?? 0);
  return { offsets, items };
}

function weekMask(weeks: number, windows: readonly (readonly [number, number])[]): Uint8Array {
  const mask = new Uint8Array(weeks);
  for (const [from, to] of windows) mask.fill(1, Math.max(0, from), Math.min(weeks, to));
  return mask;
}

function buildPlan(model: CompiledModel): Plan {
  const weeks = model.weeks;
  const actors = model.actors;
  const inits = model.initiatives;
  const nA = actors.length;
  const nI = inits.length;
  const actorResources = Float64Array.from(actors, (a) => a.resources);
  const actorReach = Float64Array.from(actors, (a) => a.reach);
  const actorOfficial = Uint8Array.from(actors, (a) => (a.track === TRACK_INDEX['1'] ? 1 : 0));
  const initActorsLists = inits.map((i) => i.actors);
  const actorInitsLists: number[][] = actors.map(() => []);
  inits.forEach((init, i) => init.actors.forEach((a) => actorInitsLists[a]?.push(i)));
  const ia = csr(nI, initActorsLists);
  const ai = csr(nA, actorInitsLists);

  const near = model.parties.map((party) =>
    weekMask(
      weeks,
      party.electionWeeks.map((e) => [e - NEAR_WEEKS, e] as const),
    ),
  );
  const elections = model.parties.map((party) =>
    weekMask(
      weeks,
      party.electionWeeks.map((e) => [e, e + 1]),
    ),
  );
  const regimes = model.parties.map((party) => party.regime);
  const initParties = inits.map((i) =>
    i.parties.length > 0 ? Int32Array.from(i.parties) : Int32Array.from(model.parties, (_p, k) => k),
  );
  const perTrack = TRACK_IDS.map((_t, ti) =>
    weekMask(
      weeks,
      inits.filter((i) => i.track === ti).map((i) => [i.startWeek, i.endWeek] as const),
    ),
  );
  const fundsMask = inits.map((_i, k) =>
    weekMask(
      weeks,
      model.flows
        .filter((f) => f.kind === 'funds' && f.to === k)
        .map((f) => [f.startWeek, f.endWeek] as const),
    ),
  );
  const amplifyFlows = model.flows.filter((f) => f.kind === 'amplifies');
  const amplifyMask = inits.map((_i, k) =>
    weekMask(
      weeks,
      amplifyFlows.filter((f) => f.to === k).map((f) => [f.startWeek, f.endWeek] as const),
    ),
  );
  const closed = weekMask(
    weeks,
    model.closures.map((c) => [c.fromWeek, c.untilWeek] as const),
  );

  return {
    actorCount: nA,
    actorResources,
    actorReach,
    actorOfficial,
    initiativeCount: nI,
    initTrack: Int8Array.from(inits, (i) => i.track),
    initStart: Int32Array.from(inits, (i) => i.startWeek),
    initEnd: Int32Array.from(inits, (i) => i.endWeek),
    initScale: Float64Array.from(inits, (i) => i.scale),
    initFunded: Uint8Array.from(inits, (i) => (i.funded ? 1 : 0)),
    initBridge: Float64Array.from(inits, (i) => i.bridge),
    initActorOffsets: ia.offsets,
    initActors: ia.items,
    actorInitOffsets: ai.offsets,
    actorInits: ai.items,
    effectFor(i, stage, week) {
      const parties = initParties[i];
      if (!parties || parties.length === 0) return 0;
      const base = ((inits[i]?.track ?? 0) * NS + stage) * NR;
      let sum = 0;
      for (let k = 0; k < parties.length; k++) {
        const party = parties[k] ?? 0;
        const electoral = near[party]?.[week] === 1 ? 0 : 1;
        sum += EFFECT_TABLE[(base + (regimes[party] ?? 0)) * NE + electoral] ?? 0;
      }
      return sum / parties.length;
    },
    anyActive: (track, week) => perTrack[track]?.[week] === 1,
    fundedAt: (i, week) => fundsMask[i]?.[week] === 1,
    amplifiedAt: (i, week) => amplifyMask[i]?.[week] === 1,
    mediaReachAt(week, activity) {
      let sum = 0;
      for (const f of amplifyFlows)
        if (week >= f.startWeek && week < f.endWeek) sum += 0.3 * (activity[f.from] ?? 0);
      return sum;
    },
    closedAt: (week) => closed[week] === 1,
    electionAt: (party, week) => elections[party]?.[week] === 1,
  };
}

const PLANS = new WeakMap<CompiledModel, Plan>();

/** The plan of a model, built on first use and kept while the model lives. */
export function planOf(model: CompiledModel): Plan {
  let plan = PLANS.get(model);
  if (!plan) {
    plan = buildPlan(model);
    PLANS.set(model, plan);
  }
  return plan;
}
