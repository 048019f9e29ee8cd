/**
 * Picks the runner for an ensemble: inline for one thread, a piscina pool for several, a BullMQ
 * coordinator when a Redis URL is given (with in-process workers unless told otherwise). Also checks a
 * thread count against the cores of this machine. The BullMQ module is loaded only when used: it costs
 * a quarter of a second to load, which every other command should not pay.
 */
import { availableParallelism } from 'node:os';
import type { RunResult } from '../system/model.js';
import type { BullmqRunner } from './bullmq.js';
import { InlineRunner } from './inline.js';
import type { EnsembleJob, Progress, Runner } from './runner.js';
import { ThreadsRunner } from './threads.js';

export type { EnsembleJob, Progress, Runner } from './runner.js';
export { InlineRunner } from './inline.js';
export { ThreadsRunner } from './threads.js';

/** A runner cannot start as asked: a bad thread count, an unreachable Redis. The message says why. */
export class RunnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunnerError';
  }
}

export interface RunnerOptions {
  /** Worker threads; 1 or absent runs inline. With `redis`, the default number of local workers. */
  readonly threads?: number;
  /** A Redis URL (redis://host:port): chunks go to a BullMQ queue that workers anywhere can serve. */
  readonly redis?: string;
  /** With `redis`: threads of the in-process worker; 0 leaves all work to `multitrack worker` processes. */
  readonly localWorkers?: number;
  /** With `redis`: the queue family the workers listen to (their --queue); default multitrack-sim. */
  readonly queue?: string;
}

export function createRunner(options: RunnerOptions = {}): Runner {
  const threads = options.threads ?? 1;
  if (!Number.isSafeInteger(threads) || threads < 1)
    throw new RunnerError(`threads: expected a whole number ≥ 1, not ${threads}`);
  if (options.redis !== undefined) {
    const localWorkers = options.localWorkers ?? threads;
    if (!Number.isSafeInteger(localWorkers) || localWorkers < 0)
      throw new RunnerError(`local workers: expected a whole number ≥ 0, not ${localWorkers}`);
    checkRedisUrl(options.redis);
    if (options.queue !== undefined) checkQueueName(options.queue);
    return new LazyBullmqRunner({ redis: options.redis, localWorkers, queue: options.queue });
  }
  return threads === 1 ? new InlineRunner() : new ThreadsRunner(threads);
}

/**
 * A thread count from the command line, checked against this machine: a whole number from 1 to the
 * parallelism Node reports (os.availableParallelism()). More threads than cores only slows runs down.
 */
export function checkThreads(text: string | number, available = availableParallelism()): number {
  // More threads than cores is allowed (results are the same; it is only slower than one per core), up to
  // four per core: beyond that the threads only compete for memory.
  const most = Math.max(4, 4 * available);
  const value = typeof text === 'number' ? text : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RunnerError(`--threads ${text}: expected a whole number from 1 to ${most}`);
  if (value > most)
    throw new RunnerError(
      `--threads ${value}: this machine runs ${available} thread${available === 1 ? '' : 's'} at once ` +
        `(os.availableParallelism()), so use at most ${most} (one per core is fastest); to use more cores, ` +
        'start `multitrack worker --redis URL` on other machines and pass --redis URL',
    );
  return value;
}

/** A Redis URL as ioredis reads it: redis://[user:password@]host[:port][/db], or rediss:// for TLS. */
export function checkRedisUrl(url: string): string {
  if (!/^rediss?:\/\/\S+$/.test(url))
    throw new RunnerError(`--redis ${redactUrl(url)}: expected a Redis URL such as redis://127.0.0.1:6379`);
  return url;
}

/** A Redis URL fit for messages and logs: its password, if any, replaced by ***. */
export function redactUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/** A queue family name: letters, digits, dot, dash and underscore (BullMQ keys use colons). */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
    throw new RunnerError(
      `--queue ${JSON.stringify(name)}: expected a name of letters, digits, ".", "-" and "_" (at most 100)`,
    );
  return name;
}

/** The BullMQ runner, loaded on first use. */
class LazyBullmqRunner implements Runner {
  readonly name: string;
  private runner: Promise<BullmqRunner> | undefined;

  constructor(private readonly options: ConstructorParameters<typeof BullmqRunner>[0]) {
    this.name = `bullmq(${redactUrl(options.redis)})`;
  }

  private load(): Promise<BullmqRunner> {
    this.runner ??= import('./bullmq.js').then(({ BullmqRunner }) => new BullmqRunner(this.options));
    return this.runner;
  }

  async run(jobs: readonly EnsembleJob[], progress?: Progress): Promise<RunResult[][]> {
    return (await this.load()).run(jobs, progress);
  }

  async close(): Promise<void> {
    if (this.runner) await (await this.runner).close();
  }
}
