/**
 * The inline runner: runs every job in this thread, one run after another, reporting progress after
 * each run. It yields to the event loop every few dozen milliseconds so that a progress bar can redraw
 * and signals are heard; that never changes a result, since each run is pure in (model, seed, run).
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { runModel } from '../system/engine.js';
import type { RunResult } from '../system/model.js';
import type { EnsembleJob, Progress, Runner } from './runner.js';
import { checkJobs, totalRuns } from './threads.js';

/** Longest stretch of runs between two turns of the event loop. */
const SLICE_MS = 50;

export class InlineRunner implements Runner {
  readonly name = 'inline';

  async run(jobs: readonly EnsembleJob[], progress?: Progress): Promise<RunResult[][]> {
    checkJobs(jobs);
    const total = totalRuns(jobs);
    let done = 0;
    let sliceStart = performance.now();
    const results: RunResult[][] = [];
    for (const job of jobs) {
      const runs = new Array<RunResult>(job.runs);
      for (let i = 0; i < job.runs; i++) {
        runs[i] = runModel(job.model, job.seed, job.firstRun + i, job.keepSeries);
        progress?.(++done, total);
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
      results.push(runs);
    }
    return results;
  }

  async close(): Promise<void> {}
}
