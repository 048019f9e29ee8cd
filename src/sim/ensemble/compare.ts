/**
 * Two strategies compared run by run. Run i of each strategy shares the seed and the run index, so both
 * meet the same spoilers, elections and chance events (common random numbers) and the difference of run
 * i is the effect of the strategy alone. Per run: reaching each stage, a lasting agreement, relapse,
 * final tension and weeks at war; over runs: the mean difference with a paired bootstrap 95% interval
 * (runs resampled with replacement, the same resample for both strategies, from a seeded stream) and the
 * share of resamples in which the better strategy stays ahead.
 */
import { stream } from '../rng.js';
import { NEGOTIATION_STAGES, type RunResult } from '../system/model.js';
import { type Interval, mean, quantile } from './summary.js';

/** Key of the bootstrap's random stream under the ensemble seed (apart from every run's streams). */
const BOOTSTRAP_STREAM = 0x626f6f74;

export const DEFAULT_RESAMPLES = 2000;

export interface PairedMetricSpec {
  readonly metric: string;
  readonly label: string;
  /** Whether more is better (reaching a stage) or less (relapse, tension). */
  readonly higherIsBetter: boolean;
  /** 'share' for yes/no per run (shown in percentage points), 'value' for a quantity. */
  readonly kind: 'share' | 'value';
  readonly value: (r: RunResult) => number;
}

const COMPREHENSIVE = NEGOTIATION_STAGES.indexOf('comprehensive');

/** What is compared, per run, in this order. */
export const PAIRED_METRICS: readonly PairedMetricSpec[] = Object.freeze([
  ...NEGOTIATION_STAGES.slice(1).map((stage, k): PairedMetricSpec => ({
    metric: `reached:${stage}`,
    label: `reaches ${stage}`,
    higherIsBetter: true,
    kind: 'share',
    value: (r) => ((r.reached[k + 1] ?? -1) >= 0 ? 1 : 0),
  })),
  {
    metric: 'lasting-agreement',
    label: 'comprehensive agreement that holds',
    higherIsBetter: true,
    kind: 'share',
    value: (r) => ((r.reached[COMPREHENSIVE] ?? -1) >= 0 && !r.relapsedAfterAgreement ? 1 : 0),
  },
  {
    metric: 'relapse',
    label: 'relapses at least once',
    higherIsBetter: false,
    kind: 'share',
    value: (r) => (r.relapses > 0 ? 1 : 0),
  },
  {
    metric: 'final-tension',
    label: 'final tension',
    higherIsBetter: false,
    kind: 'value',
    value: (r) => r.finalTension,
  },
  {
    metric: 'weeks-at-war',
    label: 'weeks at war',
    higherIsBetter: false,
    kind: 'value',
    value: (r) => r.weeksAtWar,
  },
]);

export interface PairedMetric {
  readonly metric: string;
  readonly label: string;
  readonly higherIsBetter: boolean;
  readonly kind: 'share' | 'value';
  /** Mean over runs under the strategy and under the one it is compared with. */
  readonly strategy: number;
  readonly against: number;
  /** Mean of the paired differences (strategy − against). */
  readonly difference: number;
  /** Paired bootstrap 95% percentile interval of the mean difference. */
  readonly interval: Interval;
  /** The strategy the mean difference favours; null when there is none. */
  readonly better: string | null;
  /** Share of resamples in which `better` stays ahead (0.5–1); null when there is no difference. */
  readonly confidence: number | null;
}

export interface StrategyComparison {
  readonly strategy: string;
  readonly against: string;
  readonly runs: number;
  readonly seed: number;
  readonly resamples: number;
  readonly method: string;
  readonly metrics: readonly PairedMetric[];
}

/** Per-run differences (strategy − against) of each metric, in PAIRED_METRICS order. */
export function pairedDifferences(
  results: readonly RunResult[],
  against: readonly RunResult[],
): Float64Array[] {
  if (results.length !== against.length)
    throw new Error(`paired runs differ in number: ${results.length} and ${against.length}`);
  results.forEach((r, i) => {
    if (r.run !== against[i]?.run)
      throw new Error(`run ${i} is not paired: run ${r.run} against run ${against[i]?.run}`);
  });
  return PAIRED_METRICS.map((m) =>
    Float64Array.from(results, (r, i) => m.value(r) - m.value(against[i] as RunResult)),
  );
}

/**
 * Bootstrap of the mean of each row of `differences` with one shared resample of the columns per
 * round: the sorted means per row.
 */
export function bootstrapMeans(
  differences: readonly Float64Array[],
  resamples: number,
  seed: number,
): Float64Array[] {
  const n = differences[0]?.length ?? 0;
  const means = differences.map(() => new Float64Array(resamples));
  if (n === 0) return means;
  const rng = stream(seed, 0, BOOTSTRAP_STREAM);
  const sums = new Float64Array(differences.length);
  for (let b = 0; b < resamples; b++) {
    sums.fill(0);
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      for (let m = 0; m < differences.length; m++) sums[m] = (sums[m] ?? 0) + (differences[m]?.[i] ?? 0);
    }
    for (let m = 0; m < differences.length; m++) (means[m] as Float64Array)[b] = (sums[m] ?? 0) / n;
  }
  for (const row of means) row.sort();
  return means;
}

/** Paired comparison of two strategies' runs (both in run order, run i with the same seed and index). */
export function compareRuns(
  results: readonly RunResult[],
  against: readonly RunResult[],
  options: { strategy: string; against: string; seed: number; resamples?: number },
): StrategyComparison {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const differences = pairedDifferences(results, against);
  const boot = bootstrapMeans(differences, resamples, options.seed);
  const metrics = PAIRED_METRICS.map((spec, m): PairedMetric => {
    const d = differences[m] as Float64Array;
    const means = boot[m] as Float64Array;
    const difference = mean(d);
    const favoursStrategy = spec.higherIsBetter ? difference > 0 : difference < 0;
    const favoursAgainst = spec.higherIsBetter ? difference < 0 : difference > 0;
    let ahead = 0;
    for (const v of means) if (Math.sign(v) === Math.sign(difference) && v !== 0) ahead++;
    return {
      metric: spec.metric,
      label: spec.label,
      higherIsBetter: spec.higherIsBetter,
      kind: spec.kind,
      strategy: mean(Float64Array.from(results, spec.value)),
      against: mean(Float64Array.from(against, spec.value)),
      difference,
      interval: { low: quantile(means, 0.025), high: quantile(means, 0.975) },
      better: favoursStrategy ? options.strategy : favoursAgainst ? options.against : null,
      confidence: favoursStrategy || favoursAgainst ? ahead / resamples : null,
    };
  });
  return {
    strategy: options.strategy,
    against: options.against,
    runs: results.length,
    seed: options.seed,
    resamples,
    method: `paired differences (strategy − against) over runs that share seed and run index (common random numbers); 95% interval: paired bootstrap, ${resamples} resamples of runs with replacement (seeded), percentile interval`,
    metrics,
  };
}
