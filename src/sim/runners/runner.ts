/**
 * The one interface every runner offers (inline, worker threads, BullMQ workers): run a batch of jobs,
 * each a compiled model with a seed and a range of run indexes, and return every run's result in run
 * order. Each run is a pure function of (model, seed, run index), so the runner, the thread count and
 * the order of completion never change a single bit of the results.
 */
import type { CompiledModel, RunResult } from '../system/model.js';

export interface EnsembleJob {
  readonly model: CompiledModel;
  readonly seed: number;
  /** Runs firstRun … firstRun + runs - 1. */
  readonly firstRun: number;
  readonly runs: number;
  /** Keep the weekly series (for quantiles and charts); false keeps only the events and finals. */
  readonly keepSeries: boolean;
}

/** Called after each finished run with the number done so far and the total. */
export type Progress = (done: number, total: number) => void;

export interface Runner {
  readonly name: string;
  /** The results of each job, in job order, each in run order. */
  run(jobs: readonly EnsembleJob[], progress?: Progress): Promise<RunResult[][]>;
  close(): Promise<void>;
}
