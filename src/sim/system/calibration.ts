/**
 * Calibration of the stage machine (docs/model.md, Calibration): the four base hazards of moving on
 * (advancePre, advanceCeasefire, advancePartial, advanceComprehensive) and the base hazard of relapse
 * (relapseBase) are fitted by simulation so that a reference scenario reproduces the PA-X and UCDP
 * targets of calibration-data.ts. Each hazard is fitted in turn by bisection on its logarithm within its
 * parameter range, with common random numbers (the same seed and runs at every trial), in sweeps until
 * the values settle. Deterministic for a seed.
 *
 * The reference scenario: a generic two-party intrastate conflict — the government of a hybrid regime
 * (national elections every five years) and an armed group — at escalation, positions 30 and 70 on the
 * main issue, one official negotiator each, and one open-ended Track 1 process between them from week 0
 * and no other track. It is compiled by `compileScenario` like any user scenario, so it starts from the
 * same initial state (trust, support, legitimacy) a user's scenario gets.
 *
 * Statistics, simulated as they are measured in the data: for each transition the Kaplan–Meier share
 * of runs that move on within five years of first reaching the stage (runs censored at the horizon);
 * for relapse, the share of runs that fall back to pre-negotiation within five years of first reaching
 * a ceasefire (the conflict stops, then recurs), over runs followed for five years after it; the reach
 * shares with each run followed as long as a PA-X process that starts at Pre (out-of-sample checks).
 */
import { SystemSchema, type System } from '../../domain/system.js';
import {
  type PaxReading,
  type PaxTargets,
  type UcdpReading,
  halfOf,
  paxTargets,
  ucdpTargets,
  type Spell,
  type TransitionFigures,
  type UcdpTargets,
  WINDOW_WEEKS,
  transitionFigures,
} from './calibration-data.js';
import { compileScenario } from './compile.js';
import { runModel } from './engine.js';
import { type CompiledModel, SERIES } from './model.js';
import { PARAMETERS, type ParamName, type ParamValues, defaultParams } from './parameters.js';
import { type Scenario, ScenarioSchema } from './scenario.js';

/** The fitted parameters, in fitting order; transition k's hazard is CALIBRATED[k] (k = 0–3). */
export const CALIBRATED = [
  'advancePre',
  'advanceCeasefire',
  'advancePartial',
  'advanceComprehensive',
  'relapseBase',
] as const satisfies readonly ParamName[];
export type CalibratedName = (typeof CALIBRATED)[number];

export const DEFAULT_RUNS = 300;
export const DEFAULT_SEED = 1;
/** Bisection steps of the first sweep, over the parameter's range (25- to 50-fold): 1–1.5%. */
const STEPS = 8;
/** Later sweeps search within this factor of the value, in REFINE_STEPS steps: about 2.5%. */
const REFINE_FACTOR = 1.5;
const REFINE_STEPS = 5;
const MAX_SWEEPS = 4;
/** A sweep that moves no value by more than this (relative) ends the fit. */
const SETTLED = 0.03;

// ---------------------------------------------------------------------------------------------------
// The reference scenario

/** National elections of the government every five years from 2004 to the horizon. */
const electionYears = (weeks: number) =>
  Array.from({ length: Math.floor(weeks / 52 / 5) }, (_v, i) => 2004 + 5 * i);

const referenceSystem = (weeks: number) => ({
  multitrack: 1,
  id: 'calibration-reference',
  name: 'Calibration reference: a two-party conflict with an open Track 1 process',
  conflict: {
    id: 'reference-conflict',
    name: 'A government and an armed group',
    parties: ['government', 'armed-group'],
    issues: [{ id: 'main-issue', name: 'The main issue in dispute' }],
    stages: [{ stage: 'escalation', from: '2000-01-01' }],
    regimes: [{ party: 'government', regime: 'hybrid' }],
    elections: electionYears(weeks).map((y) => ({
      party: 'government',
      date: `${y}-01-01`,
    })),
  },
  parties: [
    { id: 'government', name: 'Government', kind: 'state' },
    { id: 'armed-group', name: 'Armed group', kind: 'armed-group' },
  ],
  actors: [
    {
      id: 'government-negotiator',
      name: 'Government negotiator',
      kind: 'person',
      sector: 'government',
      party: 'government',
      officialRole: 'Chief negotiator',
    },
    {
      id: 'armed-group-negotiator',
      name: 'Armed group negotiator',
      kind: 'person',
      sector: 'armed-group',
      party: 'armed-group',
    },
  ],
  initiatives: [
    {
      id: 'official-talks',
      name: 'Official talks',
      track: 'Track 1',
      mechanism: 'official-talks',
      scope: 'domestic',
      parties: ['government', 'armed-group'],
      issues: ['main-issue'],
      start: '2000-01-01',
    },
  ],
  links: [
    { type: 'participates-in', from: 'government-negotiator', to: 'official-talks' },
    { type: 'participates-in', from: 'armed-group-negotiator', to: 'official-talks' },
  ],
});

/** The reference scenario and its system (see the module comment). */
export function referenceScenario(weeks: number): { scenario: Scenario; system: System } {
  const system = SystemSchema.parse(referenceSystem(weeks));
  const scenario = ScenarioSchema.parse({
    'multitrack-scenario': 1,
    name: 'calibration-reference',
    description: 'the reference scenario of the calibration (calibration.ts)',
    system: 'calibration-reference',
    start: '2000-01-01',
    horizon: weeks,
    positions: {
      government: { position: 30 },
      'armed-group': { position: 70 },
    },
  });
  return { scenario, system };
}

/** The reference scenario compiled for `weeks`, with the given parameter values. */
export function referenceModel(weeks: number, params?: ParamValues): CompiledModel {
  const { scenario, system } = referenceScenario(weeks);
  const model = compileScenario(scenario, system, 'as-is', { horizon: weeks });
  return params ? { ...model, params } : model;
}

// ---------------------------------------------------------------------------------------------------
// Simulated statistics

/** What the calibration keeps of one run. */
export interface RunEvents {
  /** First week each negotiation stage was reached, -1 when never. */
  readonly reached: readonly number[];
  /** First week back at pre-negotiation after first reaching a ceasefire, -1 when never. */
  readonly relapse: number;
}

const STAGE_SERIES = SERIES.indexOf('negotiationStage');

/** Runs the model `runs` times under `seed` and keeps each run's events. */
export function simulate(model: CompiledModel, seed: number, runs: number): RunEvents[] {
  const out: RunEvents[] = [];
  const weeks = model.weeks;
  for (let r = 0; r < runs; r++) {
    const result = runModel(model, seed, r, true);
    const reached = Array.from(result.reached);
    let relapse = -1;
    const cease = reached[1] ?? -1;
    if (cease >= 0 && result.relapses > 0) {
      const base = STAGE_SERIES * weeks;
      for (let w = cease; w < weeks; w++)
        if (result.series[base + w] === 0) {
          relapse = w;
          break;
        }
    }
    out.push({ reached, relapse });
  }
  return out;
}

export interface RunShare {
  readonly eligible: number;
  readonly recurred: number;
  readonly share: number;
}

function recurrenceOf(events: readonly RunEvents[], weeks: number, window: number): RunShare {
  let eligible = 0;
  let recurred = 0;
  for (const e of events) {
    const cease = e.reached[1] ?? -1;
    if (cease < 0 || cease + window > weeks) continue;
    eligible++;
    if (e.relapse >= 0 && e.relapse - cease <= window) recurred++;
  }
  return { eligible, recurred, share: eligible === 0 ? 0 : recurred / eligible };
}

export interface SimulatedFigures {
  readonly runs: number;
  readonly weeks: number;
  readonly transitions: readonly TransitionFigures[];
  /** Share of runs that relapse within five years of first reaching a ceasefire (runs followed five years). */
  readonly recurrence: RunShare;
  /** The same within ten years (a check). */
  readonly recurrence10: RunShare;
  /** Share of runs that reached Cea, SubPar, SubComp, Imp within the follow-up of a PA-X process. */
  readonly reach: readonly number[];
}

/** The statistics of simulated runs (see the module comment); `followUpWeeks` cycles over the runs. */
export function simulatedFigures(
  events: readonly RunEvents[],
  weeks: number,
  followUpWeeks: readonly number[],
): SimulatedFigures {
  const spells: Spell[][] = [[], [], [], []];
  for (const e of events) {
    for (let k = 0; k < 4; k++) {
      const at = e.reached[k] ?? -1;
      if (at < 0) continue;
      const next = e.reached[k + 1] ?? -1;
      spells[k]?.push(next >= 0 ? { time: next - at, event: true } : { time: weeks - at, event: false });
    }
  }
  const reach = [1, 2, 3, 4].map((k) => {
    if (followUpWeeks.length === 0) return 0;
    let n = 0;
    events.forEach((e, i) => {
      const at = e.reached[k] ?? -1;
      if (at >= 0 && at <= (followUpWeeks[i % followUpWeeks.length] ?? weeks)) n++;
    });
    return events.length === 0 ? 0 : n / events.length;
  });
  return {
    runs: events.length,
    weeks,
    transitions: spells.map((s, k) => transitionFigures(k, s)),
    recurrence: recurrenceOf(events, weeks, WINDOW_WEEKS),
    recurrence10: recurrenceOf(events, weeks, 2 * WINDOW_WEEKS),
    reach,
  };
}

// ---------------------------------------------------------------------------------------------------
// Targets and the fit

/** The numbers the fit needs: one per calibrated parameter, and the follow-ups for the reach shares. */
export interface CalibrationTargets {
  /** Share moving on within five years, per transition (PA-X, Kaplan–Meier). */
  readonly advanceWithin5y: readonly (number | null)[];
  /** Share of ended episodes recurring within five years (UCDP). */
  readonly recurrence5: number | null;
  /** Weeks each PA-X process starting at Pre was followed (for the simulated reach shares). */
  readonly followUpWeeks: readonly number[];
}

export function calibrationTargets(pax: PaxTargets, ucdp: UcdpTargets): CalibrationTargets {
  return {
    advanceWithin5y: pax.transitions.map((t) => (t.atRisk > 0 ? t.advanceWithin5y : null)),
    recurrence5: ucdp.recurrence5.eligible > 0 ? ucdp.recurrence5.share : null,
    followUpWeeks: pax.followUpWeeks,
  };
}

export interface FitOptions {
  readonly runs?: number;
  readonly seed?: number;
  /**
   * Parameters to start from. Default: the stored values, with the five calibrated ones at the geometric
   * middle of their ranges, so that the fit depends on the data, the runs and the seed only.
   */
  readonly start?: ParamValues;
  /**
   * Search the first sweep within a factor of the start value (clipped to the range) instead of the whole
   * range: a check from known-good values. Later sweeps always search within a factor 1.5.
   */
  readonly bracket?: number;
  /** At most this many sweeps (default 4). */
  readonly maxSweeps?: number;
  /** Names the fit in progress reports. */
  readonly label?: string;
  /** Called after each parameter is fitted. */
  readonly progress?: (step: {
    readonly fit: string;
    readonly sweep: number;
    readonly name: CalibratedName;
    readonly value: number;
  }) => void;
}

export interface FittedValue {
  readonly name: CalibratedName;
  readonly value: number;
  /** False when the data have nothing to fit it to (no spell at the stage, no ended episode): the start value is kept. */
  readonly fitted: boolean;
  readonly min: number;
  readonly max: number;
  /** True when the fit stopped at an end of the parameter's range (the target lies beyond it). */
  readonly atBound: boolean;
}

export interface FitResult {
  readonly runs: number;
  readonly seed: number;
  readonly weeks: number;
  readonly sweeps: number;
  /** Whether the last sweep moved no value by more than 3% (else the fit stopped after MAX_SWEEPS). */
  readonly settled: boolean;
  /** The largest relative change of a value in the last sweep. */
  readonly lastChange: number;
  readonly values: readonly FittedValue[];
  readonly params: ParamValues;
  /** The simulated statistics at the fitted values. */
  readonly simulated: SimulatedFigures;
}

/** The simulation horizon: the longest follow-up, at least 15 years. */
export function horizonFor(targets: CalibrationTargets): number {
  return Math.max(3 * WINDOW_WEEKS, Math.ceil(Math.max(0, ...targets.followUpWeeks)));
}

function statistic(figures: SimulatedFigures, name: CalibratedName): number {
  const k = CALIBRATED.indexOf(name);
  return k < 4 ? (figures.transitions[k]?.advanceWithin5y ?? 0) : figures.recurrence.share;
}

function targetOf(targets: CalibrationTargets, name: CalibratedName): number | null {
  const k = CALIBRATED.indexOf(name);
  return k < 4 ? (targets.advanceWithin5y[k] ?? null) : targets.recurrence5;
}

function specOf(name: CalibratedName) {
  return PARAMETERS.find((p) => p.name === name) as (typeof PARAMETERS)[number];
}

/** Simulates the reference model at `params` and returns its statistics. */
export function simulateAt(
  params: ParamValues,
  targets: CalibrationTargets,
  runs: number,
  seed: number,
  base: CompiledModel = referenceModel(horizonFor(targets)),
): SimulatedFigures {
  const model: CompiledModel = { ...base, params };
  return simulatedFigures(simulate(model, seed, runs), base.weeks, targets.followUpWeeks);
}

/** Fits the five base hazards to `targets` (see the module comment). */
export function fitCalibration(targets: CalibrationTargets, options: FitOptions = {}): FitResult {
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const weeks = horizonFor(targets);
  const base = referenceModel(weeks);
  const values: Record<string, number> = {
    ...(options.start ??
      Object.fromEntries([
        ...Object.entries(base.params),
        ...CALIBRATED.filter((name) => targetOf(targets, name) !== null).map(
          (name) => [name, Math.sqrt(specOf(name).min * specOf(name).max)] as const,
        ),
      ])),
  };
  const current = () => Object.freeze({ ...values }) as ParamValues;
  const maxSweeps = options.maxSweeps ?? MAX_SWEEPS;
  let sweeps = 0;
  let settled = false;
  let lastChange = Number.POSITIVE_INFINITY;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    sweeps = sweep;
    let moved = 0;
    for (const name of CALIBRATED) {
      const spec = specOf(name);
      const goal = targetOf(targets, name);
      if (goal === null) continue;
      const before = values[name] ?? spec.value;
      const factor = sweep === 1 ? options.bracket : REFINE_FACTOR;
      let lo = Math.log(factor === undefined ? spec.min : Math.max(spec.min, before / factor));
      let hi = Math.log(factor === undefined ? spec.max : Math.min(spec.max, before * factor));
      const steps = sweep === 1 ? STEPS : REFINE_STEPS;
      for (let i = 0; i < steps; i++) {
        const mid = (lo + hi) / 2;
        values[name] = Math.exp(mid);
        if (statistic(simulateAt(current(), targets, runs, seed, base), name) < goal) lo = mid;
        else hi = mid;
      }
      const fitted = Math.exp((lo + hi) / 2);
      values[name] = fitted;
      moved = Math.max(moved, Math.abs(fitted / before - 1));
      options.progress?.({ fit: options.label ?? 'fit', sweep, name, value: fitted });
    }
    lastChange = moved;
    if (moved < SETTLED) {
      settled = true;
      break;
    }
  }
  const params = current();
  return {
    runs,
    seed,
    weeks,
    sweeps,
    settled,
    lastChange,
    values: CALIBRATED.map((name) => {
      const spec = specOf(name);
      const value = params[name];
      const fitted = targetOf(targets, name) !== null;
      return {
        name,
        value,
        fitted,
        min: spec.min,
        max: spec.max,
        atBound: fitted && (value < spec.min * 1.01 || value > spec.max * 0.99),
      };
    }),
    params,
    simulated: simulateAt(params, targets, runs, seed, base),
  };
}

// ---------------------------------------------------------------------------------------------------
// The fit table and the held-out check

/** One statistic, in the data and simulated; `fitted` names the parameter fitted to it (else a check). */
export interface FitRow {
  readonly statistic: string;
  readonly source: 'PA-X' | 'UCDP';
  readonly target: number | null;
  readonly simulated: number | null;
  readonly fitted?: CalibratedName;
  /** Why a target is missing: no data, or a median the data never reach. */
  readonly note?: string;
}

const NO_DATA = { note: 'no data' } as const;

/** Target against simulated, for the fitted statistics and the checks. */
export function fitTable(pax: PaxTargets, ucdp: UcdpTargets, sim: SimulatedFigures): FitRow[] {
  const rows: FitRow[] = [];
  pax.transitions.forEach((t, k) => {
    rows.push({
      statistic: `${t.label}: share moving on within 5 years`,
      source: 'PA-X',
      target: t.atRisk > 0 ? t.advanceWithin5y : null,
      simulated: sim.transitions[k]?.advanceWithin5y ?? null,
      ...(t.atRisk > 0 ? { fitted: CALIBRATED[k] as CalibratedName } : NO_DATA),
    });
  });
  pax.transitions.forEach((t, k) => {
    rows.push({
      statistic: `${t.label}: median weeks (Kaplan–Meier)`,
      source: 'PA-X',
      target: t.kmQuartiles[1],
      simulated: sim.transitions[k]?.kmQuartiles[1] ?? null,
      ...(t.atRisk === 0
        ? NO_DATA
        : t.kmQuartiles[1] === null
          ? { note: 'check: fewer than half move on in the data' }
          : {}),
    });
  });
  (['Cea', 'SubPar', 'SubComp', 'Imp'] as const).forEach((stage, k) => {
    rows.push({
      statistic: `processes from Pre reaching ${stage} by the data's end`,
      source: 'PA-X',
      target: pax.reach.fromPre > 0 ? (pax.reach.shares[k] ?? null) : null,
      simulated: pax.reach.fromPre > 0 ? (sim.reach[k] ?? null) : null,
      ...(pax.reach.fromPre > 0 ? {} : NO_DATA),
    });
  });
  rows.push({
    statistic: 'ended episodes recurring within 5 years',
    source: 'UCDP',
    target: ucdp.recurrence5.eligible > 0 ? ucdp.recurrence5.share : null,
    simulated: sim.recurrence.share,
    ...(ucdp.recurrence5.eligible > 0 ? { fitted: 'relapseBase' as const } : NO_DATA),
  });
  rows.push({
    statistic: 'ended episodes recurring within 10 years',
    source: 'UCDP',
    target: ucdp.recurrence10.eligible > 0 ? ucdp.recurrence10.share : null,
    simulated: sim.recurrence10.share,
    ...(ucdp.recurrence10.eligible > 0 ? {} : NO_DATA),
  });
  return rows;
}

export interface CalibrationOptions extends FitOptions {
  /** Also fit on one half of the processes and conflicts and check on the other (default true). */
  readonly heldOut?: boolean;
}

export interface HeldOut {
  /** Processes and conflicts fall in half 0 or 1 by a stable hash of their id; the fit is on half 0. */
  readonly fitOn: { readonly processes: number; readonly conflicts: number };
  readonly checkOn: { readonly processes: number; readonly conflicts: number };
  /** The fit on half 0. */
  readonly fit: FitResult;
  /** The half-0 fit on its own data, and on the other half's. */
  readonly fitTable: readonly FitRow[];
  readonly checkTable: readonly FitRow[];
  readonly checkTargets: { readonly pax: PaxTargets; readonly ucdp: UcdpTargets };
}

export interface CalibrationReport {
  readonly targets: { readonly pax: PaxTargets; readonly ucdp: UcdpTargets };
  /**
   * The values stored in parameters.ts on these data (same runs and seed): with a PA-X file of other
   * peace processes, the out-of-sample check of the calibration.
   */
  readonly storedTable: readonly FitRow[];
  readonly fit: FitResult;
  readonly table: readonly FitRow[];
  readonly heldOut?: HeldOut;
}

/** The whole calibration: targets, the fit on all data, its table, and the held-out check. */
export function calibrate(
  pax: PaxReading,
  ucdp: UcdpReading,
  options: CalibrationOptions = {},
): CalibrationReport {
  const paxAll = paxTargets(pax);
  const ucdpAll = ucdpTargets(ucdp);
  const allTargets = calibrationTargets(paxAll, ucdpAll);
  const fit = fitCalibration(allTargets, { ...options, label: 'all data' });
  const stored = simulateAt(defaultParams(), allTargets, fit.runs, fit.seed);
  const report = {
    targets: { pax: paxAll, ucdp: ucdpAll },
    storedTable: fitTable(paxAll, ucdpAll, stored),
    fit,
    table: fitTable(paxAll, ucdpAll, fit.simulated),
  };
  if (options.heldOut === false) return report;
  const half = (h: 0 | 1) => {
    const processes = pax.processes.filter((p) => halfOf(p.id) === h);
    const conflicts = ucdp.conflicts.filter((c) => halfOf(c.id) === h);
    return {
      processes: processes.length,
      conflicts: conflicts.length,
      pax: paxTargets(pax, processes),
      ucdp: ucdpTargets(ucdp, conflicts),
    };
  };
  const a = half(0);
  const b = half(1);
  const fitA = fitCalibration(calibrationTargets(a.pax, a.ucdp), { ...options, label: 'half 0' });
  const bTargets = calibrationTargets(b.pax, b.ucdp);
  const onB = simulateAt(fitA.params, bTargets, fitA.runs, fitA.seed);
  return {
    ...report,
    heldOut: {
      fitOn: { processes: a.processes, conflicts: a.conflicts },
      checkOn: { processes: b.processes, conflicts: b.conflicts },
      fit: fitA,
      fitTable: fitTable(a.pax, a.ucdp, fitA.simulated),
      checkTable: fitTable(b.pax, b.ucdp, onB),
      checkTargets: { pax: b.pax, ucdp: b.ucdp },
    },
  };
}
