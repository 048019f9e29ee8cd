/**
 * Scoring forecasts against known outcomes: absolute errors, the mean absolute error, and a paired
 * bootstrap (issues resampled with replacement, the same resample for both models) giving 95% intervals
 * for a model's MAE and for its difference from a baseline. Seeded: same inputs and seed, same numbers.
 */
import type { Issue } from './issue.js';
import { type ModelOptions, type ModelSpec, runModel } from './models.js';
import { stream } from '../rng.js';

export interface IssueForecast {
  readonly id: string;
  readonly forecast: number;
  readonly outcome?: number;
  readonly error?: number;
}

export function forecastAll(
  model: ModelSpec,
  issues: readonly Issue[],
  options: ModelOptions = {},
  rounds?: number,
): IssueForecast[] {
  return issues.map((issue) => {
    const { forecast } = runModel(model, issue, options, rounds);
    return issue.outcome === undefined
      ? { id: issue.id, forecast }
      : { id: issue.id, forecast, outcome: issue.outcome, error: Math.abs(forecast - issue.outcome) };
  });
}

export function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length > 0 ? sum / values.length : NaN;
}

/** Mean absolute error over the forecasts with a known outcome (undefined when none has one). */
export function mae(forecasts: readonly IssueForecast[]): number | undefined {
  const errors = forecasts.flatMap((f) => (f.error === undefined ? [] : [f.error]));
  return errors.length > 0 ? meanOf(errors) : undefined;
}

/** The q-quantile of sorted values (linear interpolation between order statistics). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (b - a) * (at - lo);
}

export interface PairedBootstrap {
  readonly mae: number;
  readonly baselineMae: number;
  /** 95% interval of the model's MAE. */
  readonly maeInterval: readonly [number, number];
  /** MAE(model) − MAE(baseline): negative means the model is better. */
  readonly difference: number;
  readonly differenceInterval: readonly [number, number];
  /** Share of resamples in which the model's MAE is below the baseline's. */
  readonly better: number;
}

/** Paired bootstrap of two error vectors over the same issues. */
export function pairedBootstrap(
  errors: readonly number[],
  baseline: readonly number[],
  resamples = 2000,
  seed = 1,
): PairedBootstrap {
  const n = errors.length;
  if (n === 0 || baseline.length !== n)
    throw new Error('paired bootstrap needs two error lists of one length');
  const rng = stream(seed, 0);
  const maes = new Float64Array(resamples);
  const diffs = new Float64Array(resamples);
  let better = 0;
  for (let b = 0; b < resamples; b++) {
    let m = 0;
    let base = 0;
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      m += errors[i] ?? 0;
      base += baseline[i] ?? 0;
    }
    maes[b] = m / n;
    diffs[b] = (m - base) / n;
    if (m < base) better++;
  }
  maes.sort();
  diffs.sort();
  const model = meanOf(errors);
  const base = meanOf(baseline);
  return {
    mae: model,
    baselineMae: base,
    maeInterval: [quantile(Array.from(maes), 0.025), quantile(Array.from(maes), 0.975)],
    difference: model - base,
    differenceInterval: [quantile(Array.from(diffs), 0.025), quantile(Array.from(diffs), 0.975)],
    better: better / resamples,
  };
}

export interface ComparisonRow extends PairedBootstrap {
  readonly model: string;
  readonly options: ModelOptions;
}

export interface Comparison {
  readonly n: number;
  readonly baseline: string;
  readonly resamples: number;
  readonly seed: number;
  readonly rows: readonly ComparisonRow[];
}

/**
 * Every (model, options) on the issues with outcomes, each against the baseline's errors; `rounds`
 * (when given) is passed to every model, dynamic ones use it, static ones ignore it.
 */
export function compareModels(
  entries: readonly { readonly model: ModelSpec; readonly options?: ModelOptions }[],
  baseline: ModelSpec,
  issues: readonly Issue[],
  resamples = 2000,
  seed = 1,
  rounds?: number,
): Comparison {
  const scored = issues.filter((i) => i.outcome !== undefined);
  if (scored.length === 0) throw new Error('no issue has a known outcome to compare against');
  const errorsOf = (model: ModelSpec, options: ModelOptions = {}) =>
    forecastAll(model, scored, options, rounds).map((f) => f.error ?? 0);
  const base = errorsOf(baseline);
  return {
    n: scored.length,
    baseline: baseline.name,
    resamples,
    seed,
    rows: entries.map(({ model, options = {} }) => ({
      model: model.name,
      options,
      ...pairedBootstrap(errorsOf(model, options), base, resamples, seed),
    })),
  };
}
