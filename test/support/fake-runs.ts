// Synthetic run results for the tests of the ensemble functions: each field set directly, the rest
// neutral, so a test states exactly what its runs did.
import { NEGOTIATION_STAGES, type RunResult, SERIES } from '../../src/sim/system/model.js';

export interface FakeRun {
  /** First week of each stage by name; absent stages are never reached (pre-negotiation: week 0). */
  readonly reached?: Partial<Record<(typeof NEGOTIATION_STAGES)[number], number>>;
  readonly relapses?: number;
  readonly relapsedAfterAgreement?: boolean;
  readonly finalTension?: number;
  readonly peakTension?: number;
  readonly peakViolence?: number;
  readonly weeksAtWar?: number;
  /** Weekly series: the value of series s in week w. */
  readonly series?: { readonly weeks: number; readonly value: (series: number, week: number) => number };
}

export function fakeRun(run: number, spec: FakeRun = {}): RunResult {
  const reached = new Int32Array(NEGOTIATION_STAGES.length).fill(-1);
  reached[0] = 0;
  NEGOTIATION_STAGES.forEach((stage, k) => {
    const week = spec.reached?.[stage];
    if (week !== undefined) reached[k] = week;
  });
  const weeks = spec.series?.weeks ?? 0;
  const series = new Float64Array(SERIES.length * weeks);
  for (let s = 0; s < SERIES.length; s++)
    for (let w = 0; w < weeks; w++) series[s * weeks + w] = spec.series?.value(s, w) ?? 0;
  return {
    run,
    series,
    reached,
    relapses: spec.relapses ?? 0,
    relapsedAfterAgreement: spec.relapsedAfterAgreement ?? false,
    finalTension: spec.finalTension ?? 0.5,
    peakTension: spec.peakTension ?? 0.5,
    peakViolence: spec.peakViolence ?? 0.2,
    weeksAtWar: spec.weeksAtWar ?? 0,
    actorUpdates: 0,
  };
}

export function fakeRuns(n: number, spec: (run: number) => FakeRun): RunResult[] {
  return Array.from({ length: n }, (_, run) => fakeRun(run, spec(run)));
}
