/**
 * Monte Carlo ensembles through the Runner interface: runs 0 … N − 1 of a compiled model under one seed,
 * and two strategies run side by side with the same seed and run indexes (common random numbers) so
 * they can be compared run by run. Which runner and how many threads never change a result.
 */
import type { Progress, Runner } from '../runners/runner.js';
import type { CompiledModel, RunResult } from '../system/model.js';
import { type StrategyComparison, compareRuns } from './compare.js';

export interface EnsembleOptions {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly runs: number;
  readonly runner: Runner;
  /** Keep each run's weekly series (for quantiles and charts); default true. */
  readonly keepSeries?: boolean;
  readonly progress?: Progress;
}

function checkRuns(runs: number): void {
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new RangeError(`an ensemble needs a whole number of runs ≥ 1, not ${runs}`);
}

/** Every run's result, in run order. */
export async function runEnsemble(options: EnsembleOptions): Promise<RunResult[]> {
  checkRuns(options.runs);
  const [results] = await options.runner.run(
    [
      {
        model: options.model,
        seed: options.seed,
        firstRun: 0,
        runs: options.runs,
        keepSeries: options.keepSeries ?? true,
      },
    ],
    options.progress,
  );
  if (!results || results.length !== options.runs)
    throw new Error(`runner ${options.runner.name} returned ${results?.length ?? 0} of ${options.runs} runs`);
  return results;
}

export interface ComparisonOptions extends EnsembleOptions {
  /** The model of the strategy to compare with (same scenario, another strategy). */
  readonly against: CompiledModel;
  /** Bootstrap resamples for the intervals of the paired differences. */
  readonly resamples?: number;
}

export interface ComparedEnsembles {
  readonly results: RunResult[];
  readonly againstResults: RunResult[];
  readonly comparison: StrategyComparison;
}

/**
 * Both strategies' runs in one batch (progress counts both), paired by run index, and their paired
 * comparison; the bootstrap draws from the same seed, on a stream of its own.
 */
export async function compareStrategies(options: ComparisonOptions): Promise<ComparedEnsembles> {
  checkRuns(options.runs);
  const job = (model: CompiledModel) => ({
    model,
    seed: options.seed,
    firstRun: 0,
    runs: options.runs,
    keepSeries: options.keepSeries ?? true,
  });
  const [results, againstResults] = await options.runner.run(
    [job(options.model), job(options.against)],
    options.progress,
  );
  if (
    !results ||
    !againstResults ||
    results.length !== options.runs ||
    againstResults.length !== options.runs
  )
    throw new Error(`runner ${options.runner.name} did not return ${options.runs} runs of each strategy`);
  const comparison = compareRuns(results, againstResults, {
    strategy: options.model.strategy,
    against: options.against.strategy,
    seed: options.seed,
    resamples: options.resamples,
  });
  return { results, againstResults, comparison };
}
