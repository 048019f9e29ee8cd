/**
 * What an ensemble of runs says about one strategy: per negotiation stage the chance of reaching it within
 * the horizon (with a Wilson score 95% interval) and when (median and 10th/90th percentile week among the
 * runs that reach it, also as dates); how often the process relapses; the final tension with a 95%
 * interval for its mean; peak violence and weeks at war. Pure functions over run results in run order,
 * so the summary is the same bit for bit whatever runner produced them.
 */
import { quantileSorted } from 'd3-array';
import { earliest } from '../../domain/date.js';
import {
  type CompiledModel,
  NEGOTIATION_STAGES,
  type NegotiationStage,
  type RunResult,
} from '../system/model.js';

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Wilson score interval for a proportion of `successes` in `n` trials (Wilson 1927): unlike the normal
 * (Wald) interval it stays inside [0, 1] and is not empty at 0 or n successes.
 */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Values sorted ascending into a new typed array. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The p-quantile of ascending values by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy), NaN for no values.
 */
export function quantile(ascending: ArrayLike<number>, p: number): number {
  if (ascending.length === 0) return NaN;
  // d3's types ask for an array; it only reads length and indexes, so a typed array serves as well.
  return quantileSorted(ascending as unknown as number[], p) ?? NaN;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] ?? 0) - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Normal 95% interval for the mean: mean ± 1.96 × sd / √n. */
export function meanInterval(values: ArrayLike<number>): Interval {
  const m = mean(values);
  const half = values.length > 0 ? (Z95 * sampleSd(values)) / Math.sqrt(values.length) : NaN;
  return { low: m - half, high: m + half };
}

/** The date (YYYY-MM-DD) of a week counted from `start` (a partial date means its first day). */
export function weekDate(start: string, week: number): string {
  const [y = 1970, m = 1, d = 1] = earliest(start).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + Math.round(week * 7))).toISOString().slice(0, 10);
}

export interface Spread {
  readonly mean: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
}

/** Mean (summed in the given order, so it matches other means over runs) and the spread of values. */
export function spread(values: ArrayLike<number>): Spread {
  const s = sorted(values);
  return { mean: mean(values), p10: quantile(s, 0.1), median: quantile(s, 0.5), p90: quantile(s, 0.9) };
}

export interface StageTiming {
  /** Weeks from week 0, among the runs that reach the stage. */
  readonly p10Week: number;
  readonly medianWeek: number;
  readonly p90Week: number;
  /** The same as dates. */
  readonly p10: string;
  readonly median: string;
  readonly p90: string;
}

export interface StageSummary {
  readonly stage: NegotiationStage;
  /** Runs that reach the stage within the horizon. */
  readonly runs: number;
  readonly chance: number;
  /** Wilson score 95% interval of the chance. */
  readonly interval: Interval;
  /** When, among the runs that reach it; null when none does. */
  readonly timing: StageTiming | null;
}

export interface Rate {
  /** The runs the rate is taken over. */
  readonly of: number;
  readonly runs: number;
  /** null when taken over no runs. */
  readonly rate: number | null;
  /** Wilson score 95% interval; null when taken over no runs. */
  readonly interval: Interval | null;
}

export interface EnsembleSummary {
  readonly scenario: string;
  readonly strategy: string;
  /** Date of week 0. */
  readonly start: string;
  readonly weeks: number;
  readonly runs: number;
  readonly stages: readonly StageSummary[];
  /** Runs with at least one relapse from an agreement stage back to pre-negotiation. */
  readonly relapse: Rate;
  /** Runs that relapse after a comprehensive agreement, among the runs that reach one. */
  readonly relapseAfterAgreement: Rate;
  readonly finalTension: Spread & {
    readonly sd: number;
    /** Normal 95% interval for the mean over runs (mean ± 1.96 × sd / √n). */
    readonly interval: Interval;
  };
  readonly peakViolence: Spread;
  readonly weeksAtWar: Spread & {
    /** Share of runs with at least one week at war. */
    readonly share: number;
  };
}

/** How each figure is computed, for reports and the JSON document. */
export const SUMMARY_METHODS = Object.freeze({
  chance:
    'share of runs reaching the stage within the horizon; 95% Wilson score interval (Wilson 1927) over runs',
  timing:
    'median and 10th/90th percentile of the first week a stage is reached, among the runs that reach it (type-7 quantiles); dates count whole weeks from the start',
  relapse:
    'share of runs with at least one fall from an agreement stage back to pre-negotiation; after agreement: among runs reaching a comprehensive agreement; Wilson 95% intervals',
  finalTension:
    'mean over runs with a normal 95% interval for the mean (mean ± 1.96 × sd / √n); p10/median/p90 show the spread of runs',
});

function rate(runs: number, of: number): Rate {
  return of > 0
    ? { of, runs, rate: runs / of, interval: wilson(runs, of) }
    : { of, runs, rate: null, interval: null };
}

function stageSummary(
  stage: number,
  results: readonly RunResult[],
  weeks: number,
  start: string,
): StageSummary {
  const when: number[] = [];
  for (const r of results) {
    const week = r.reached[stage] ?? -1;
    if (week >= 0 && week < weeks) when.push(week);
  }
  const n = results.length;
  const s = sorted(when);
  const timing: StageTiming | null =
    s.length === 0
      ? null
      : (() => {
          const p10Week = quantile(s, 0.1);
          const medianWeek = quantile(s, 0.5);
          const p90Week = quantile(s, 0.9);
          return {
            p10Week,
            medianWeek,
            p90Week,
            p10: weekDate(start, p10Week),
            median: weekDate(start, medianWeek),
            p90: weekDate(start, p90Week),
          };
        })();
  return {
    stage: NEGOTIATION_STAGES[stage] as NegotiationStage,
    runs: when.length,
    chance: n > 0 ? when.length / n : 0,
    interval: wilson(when.length, n),
    timing,
  };
}

const COMPREHENSIVE = NEGOTIATION_STAGES.indexOf('comprehensive');

/** The summary of one strategy's runs (in run order). */
export function summarize(
  model: Pick<CompiledModel, 'scenario' | 'strategy' | 'start' | 'weeks'>,
  results: readonly RunResult[],
): EnsembleSummary {
  const n = results.length;
  const finals = Float64Array.from(results, (r) => r.finalTension);
  const agreements = results.filter((r) => (r.reached[COMPREHENSIVE] ?? -1) >= 0);
  const war = Float64Array.from(results, (r) => r.weeksAtWar);
  return {
    scenario: model.scenario,
    strategy: model.strategy,
    start: earliest(model.start),
    weeks: model.weeks,
    runs: n,
    stages: NEGOTIATION_STAGES.map((_, k) => stageSummary(k, results, model.weeks, model.start)),
    relapse: rate(results.filter((r) => r.relapses > 0).length, n),
    relapseAfterAgreement: rate(agreements.filter((r) => r.relapsedAfterAgreement).length, agreements.length),
    finalTension: { ...spread(finals), sd: sampleSd(finals), interval: meanInterval(finals) },
    peakViolence: spread(Float64Array.from(results, (r) => r.peakViolence)),
    weeksAtWar: { ...spread(war), share: n > 0 ? results.filter((r) => r.weeksAtWar > 0).length / n : 0 },
  };
}
