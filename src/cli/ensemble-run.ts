/**
 * Running simulation work from a command: the --threads option checked, a runner opened (inline,
 * threads or BullMQ), a progress bar drawn while the work runs, and the runner closed whatever happens.
 * A bad option is a usage error; a runner failing on the way (Redis gone) is a user-facing error.
 */
import { RunnerError, checkThreads, createRunner } from '../sim/runners/index.js';
import type { Progress, Runner } from '../sim/runners/runner.js';
import type { CommandContext } from './context.js';
import { UsageError, UserError } from './errors.js';
import { progressBar } from './progress.js';

function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof RunnerError) throw new UsageError(error.message);
    throw error;
  }
}

/** The thread count of --threads (a number of threads, at most four per core). */
export function threadsOption(text: string | number): number {
  return usage(() => checkThreads(text));
}

export interface RunOptions {
  readonly threads: number;
  readonly redis?: string;
  readonly json: boolean;
  /** Progress bar wording: "simulating", "screening". */
  readonly verb: string;
}

/** Opens a runner, runs `work` with it and a progress callback, and always closes both. */
export async function withRunner<T>(
  ctx: CommandContext,
  options: RunOptions,
  work: (runner: Runner, progress: Progress | undefined) => Promise<T>,
): Promise<T> {
  const runner = usage(() => createRunner({ threads: options.threads, redis: options.redis }));
  const bar = progressBar(ctx, options.json, options.verb, 'runs');
  try {
    return await work(runner, bar.progress);
  } catch (error) {
    if (error instanceof RunnerError) throw new UserError(error.message);
    throw error;
  } finally {
    bar.stop();
    await runner.close();
  }
}
