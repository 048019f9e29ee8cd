/**
 * The BullMQ runner, to spread an ensemble over several processes and machines through Redis.
 *
 * The coordinator (`BullmqRunner`) gives each ensemble a queue of its own, named from a fresh ensemble
 * id under a queue family (default multitrack-sim), stores each job's model once in Redis, puts the
 * chunks of runs on the queue, and announces the queue in the family's register of live ensembles (a
 * sorted set scored by heartbeat, plus a pub/sub message). Workers (`SimulationWorker`: in this process,
 * or `multitrack worker --redis URL` anywhere) watch the register, serve every live ensemble's queue,
 * run each chunk on a pool of threads and return its results as base64 of the packed arrays (every bit
 * kept: NaN, -0, infinities). The coordinator collects the results by job id, puts them in run order,
 * and removes the queue, the models and the announcement when the ensemble ends.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { CompiledModel, RunResult } from '../system/model.js';
import { RunnerError, checkQueueName, checkRedisUrl, redactUrl } from './index.js';
import type { EnsembleJob, Progress, Runner } from './runner.js';
import { type EncodedRuns, decodePacked, encodePacked, unpackRuns } from './thread-worker.js';
import { ChunkPool, checkJobs, chunkRuns, sharedModel, splitJobs, totalRuns } from './threads.js';

/** The queue family that coordinators and workers meet in unless told otherwise. */
export const DEFAULT_QUEUE = 'multitrack-sim';

/** An ensemble whose coordinator has not renewed its announcement for this long is abandoned. */
const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
/** How often workers look at the register even without a message. */
const RECONCILE_MS = 2_000;
/** Models expire a day after the coordinator's last heartbeat (when it died without cleaning up). */
const MODEL_TTL_S = 86_400;

/** What a chunk job carries; the model is fetched once per worker by its key. */
interface ChunkData {
  readonly modelKey: string;
  readonly seed: number;
  readonly firstRun: number;
  readonly runs: number;
  readonly keepSeries: boolean;
}

const registerKey = (family: string) => `multitrack:${family}:ensembles`;
const modelKeyOf = (family: string, ensemble: string, job: number) =>
  `multitrack:${family}:model:${ensemble}:${job}`;

/** Connects to Redis, failing at once with a clear message when it cannot be reached. */
export async function connectRedis(url: string): Promise<Redis> {
  checkRedisUrl(url);
  let connected = false;
  let lastError = '';
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    // Give up at once on the first connection; once connected, ride out a restart of Redis.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 5_000) : null),
  });
  redis.on('error', (error: Error) => (lastError = error.message));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const reason = lastError || (error instanceof Error ? error.message : String(error));
    throw new RunnerError(`cannot reach Redis at ${redactUrl(url)}: ${reason}`);
  }
  connected = true;
  return redis;
}

/** The model as JSON, with the numbers JSON cannot hold (NaN, ±Infinity, -0) kept as {"$number": text}. */
export function modelToJson(model: CompiledModel): string {
  return JSON.stringify(model, (_key, value: unknown) =>
    typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))
      ? { $number: Object.is(value, -0) ? '-0' : String(value) }
      : value,
  );
}

export function modelFromJson(text: string): CompiledModel {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const special = (value as { $number?: unknown }).$number;
      if (keys.length === 1 && typeof special === 'string') return Number(special);
    }
    return value;
  }) as CompiledModel;
}

/** The current time of the Redis server, in milliseconds: one clock for every machine. */
async function redisNow(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

export interface WorkerOptions {
  readonly redis: string;
  /** The queue family to serve; default multitrack-sim. */
  readonly queue?: string;
  /** Threads running chunks at once; default 1. */
  readonly concurrency?: number;
  /** Told when the worker joins or leaves an ensemble. */
  readonly log?: (line: string) => void;
}

/** A worker serving every live ensemble of a queue family, running chunks on its own thread pool. */
export class SimulationWorker {
  /** Chunks and runs done since the start. */
  chunks = 0;
  runs = 0;
  private readonly workers = new Map<string, Worker<ChunkData, EncodedRuns>>();
  private readonly models = new Map<string, Promise<SharedArrayBuffer>>();
  private readonly pool: ChunkPool;
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    readonly family: string,
    readonly concurrency: number,
    private readonly log: (line: string) => void,
  ) {
    this.pool = new ChunkPool(concurrency);
  }

  static async start(options: WorkerOptions): Promise<SimulationWorker> {
    const family = checkQueueName(options.queue ?? DEFAULT_QUEUE);
    const concurrency = options.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1)
      throw new RunnerError(`--concurrency ${concurrency}: expected a whole number ≥ 1`);
    const redis = await connectRedis(options.redis);
    const subscriber = redis.duplicate();
    const log = options.log ?? (() => {});
    subscriber.on('error', (error: Error) => log(`Redis: ${error.message}`));
    const worker = new SimulationWorker(redis, subscriber, family, concurrency, log);
    try {
      await subscriber.subscribe(registerKey(family));
      subscriber.on('message', () => void worker.reconcile());
      await worker.reconcile();
    } catch (error) {
      await worker.close();
      throw error;
    }
    worker.timer = setInterval(() => void worker.reconcile(), RECONCILE_MS);
    worker.timer.unref();
    return worker;
  }

  /** Serves the queues of the live ensembles and leaves those that ended; one pass at a time. */
  reconcile(): Promise<void> {
    this.reconciling = this.reconciling
      .then(() => this.reconcileOnce())
      .catch((error: unknown) => {
        this.log(
          `cannot read the ensemble register: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    if (this.closed) return;
    const key = registerKey(this.family);
    const now = await redisNow(this.redis);
    await this.redis.zremrangebyscore(key, '-inf', now - STALE_MS);
    const live = new Set(await this.redis.zrangebyscore(key, now - STALE_MS, '+inf'));
    for (const name of live) {
      if (this.workers.has(name) || this.closed) continue;
      const worker = new Worker<ChunkData, EncodedRuns>(name, (job) => this.process(job), {
        connection: this.redis,
        concurrency: this.concurrency,
      });
      worker.on('error', (error) => this.log(`${name}: ${error.message}`));
      this.workers.set(name, worker);
      this.log(`joined ensemble ${name}`);
    }
    for (const [name, worker] of this.workers) {
      if (live.has(name)) continue;
      this.workers.delete(name);
      await worker.close();
      this.log(`left ensemble ${name}`);
    }
  }

  private async process(job: Job<ChunkData, EncodedRuns>): Promise<EncodedRuns> {
    const { modelKey, seed, firstRun, runs, keepSeries } = job.data;
    const model = await this.model(modelKey);
    const packed = await this.pool.run({ modelKey, model, seed, firstRun, runs, keepSeries });
    this.chunks++;
    this.runs += runs;
    return encodePacked(packed);
  }

  /** A job's model as shared bytes for the threads, fetched once and kept for the last few keys. */
  private model(key: string): Promise<SharedArrayBuffer> {
    let model = this.models.get(key);
    if (model === undefined) {
      model = this.redis.get(key).then((text) => {
        if (text === null) throw new Error(`the model ${key} is gone (its ensemble ended)`);
        return sharedModel(modelFromJson(text));
      });
      model.catch(() => this.models.delete(key));
      if (this.models.size >= 8) this.models.delete(this.models.keys().next().value as string);
      this.models.set(key, model);
    }
    return model;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.reconciling;
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    this.workers.clear();
    await this.pool.close();
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export interface BullmqRunnerOptions {
  readonly redis: string;
  /** Threads of a worker started in this process; 0: only `multitrack worker` processes run chunks. */
  readonly localWorkers?: number;
  /** The queue family; default multitrack-sim. */
  readonly queue?: string;
  /** Runs per chunk; default: several chunks per worker, at most 64 runs. */
  readonly chunkRuns?: number;
  /**
   * How long to wait for a worker to take the ensemble's first chunk before giving up, in ms; default
   * two minutes. Once a worker has started, the ensemble waits for as long as its chunks take.
   */
  readonly workerWaitMs?: number;
}

/** The default of `workerWaitMs`. */
export const DEFAULT_WORKER_WAIT_MS = 120_000;

/** The coordinator: one BullMQ queue per ensemble, results collected by job id, in run order. */
export class BullmqRunner implements Runner {
  readonly name: string;
  private readonly family: string;
  private connection: Promise<Redis> | undefined;
  private local: Promise<SimulationWorker> | undefined;

  constructor(private readonly options: BullmqRunnerOptions) {
    this.family = checkQueueName(options.queue ?? DEFAULT_QUEUE);
    this.name = `bullmq(${redactUrl(options.redis)})`;
  }

  private redis(): Promise<Redis> {
    this.connection ??= connectRedis(this.options.redis);
    return this.connection;
  }

  async run(jobs: readonly EnsembleJob[], progress?: Progress): Promise<RunResult[][]> {
    checkJobs(jobs);
    const redis = await this.redis();
    const localWorkers = this.options.localWorkers ?? 1;
    if (localWorkers > 0) {
      this.local ??= SimulationWorker.start({
        redis: this.options.redis,
        queue: this.family,
        concurrency: localWorkers,
      });
      await this.local;
    }
    const results = jobs.map((job) => new Array<RunResult>(job.runs));
    const total = totalRuns(jobs);
    if (total === 0) return results;

    const ensemble = randomUUID();
    const name = `${this.family}.${ensemble}`;
    const size = this.options.chunkRuns ?? chunkRuns(total, Math.max(4, localWorkers));
    const chunks = splitJobs(jobs, size);
    const modelKeys = jobs.map((_, j) => modelKeyOf(this.family, ensemble, j));
    const queue = new Queue<ChunkData, EncodedRuns>(name, {
      connection: redis,
      streams: { events: { maxLen: Math.max(10_000, chunks.length * 10) } },
    });
    // The queue is new, so its event stream read from the start holds this ensemble's events only.
    const events = new QueueEvents(name, { connection: redis, lastEventId: '0' });
    // Connection trouble is retried by ioredis; an unheard 'error' event would end the process.
    queue.on('error', () => {});
    events.on('error', () => {});
    let heartbeat: NodeJS.Timeout | undefined;
    let noWorker: NodeJS.Timeout | undefined;
    // The announcement, renewed while the ensemble runs (with its models' lifetime).
    const announce = async () => {
      await redis.zadd(registerKey(this.family), await redisNow(redis), name);
      await redis.publish(registerKey(this.family), name);
      for (const key of modelKeys) await redis.expire(key, MODEL_TTL_S);
    };
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      const store = redis.multi();
      jobs.forEach((job, j) => store.set(modelKeys[j] as string, modelToJson(job.model), 'EX', MODEL_TTL_S));
      await store.exec();

      const pending = new Map(chunks.map((chunk, i) => [`c${i}`, chunk]));
      const finished = new Promise<void>((resolve, reject) => {
        let done = 0;
        // No worker at all (none in this process, none started with `multitrack worker`) would leave
        // the ensemble waiting for ever: give up when no chunk has started within the wait.
        const waitMs = this.options.workerWaitMs ?? DEFAULT_WORKER_WAIT_MS;
        noWorker = setTimeout(() => {
          reject(
            new RunnerError(
              `no worker took a chunk of the ensemble within ${waitMs / 1000} s: start one ` +
                `with \`multitrack worker --redis ${redactUrl(this.options.redis)} --queue ${this.family}\``,
            ),
          );
        }, waitMs);
        noWorker.unref();
        events.on('active', () => clearTimeout(noWorker));
        events.on('completed', ({ jobId, returnvalue }) => {
          const chunk = pending.get(jobId);
          if (chunk === undefined) return;
          pending.delete(jobId);
          const job = jobs[chunk.job] as EnsembleJob;
          try {
            const encoded = (
              typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue
            ) as EncodedRuns;
            const runs = unpackRuns(decodePacked(encoded));
            if (runs.length !== chunk.runs)
              throw new Error(`a worker returned ${runs.length} runs for a chunk of ${chunk.runs}`);
            const into = results[chunk.job] as RunResult[];
            runs.forEach((run, i) => (into[chunk.firstRun - job.firstRun + i] = run));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          done += chunk.runs;
          progress?.(done, total);
          if (pending.size === 0) resolve();
        });
        events.on('failed', ({ jobId, failedReason }) => {
          const chunk = pending.get(jobId);
          if (chunk === undefined) return;
          const last = chunk.firstRun + chunk.runs - 1;
          reject(new Error(`a worker failed on runs ${chunk.firstRun}–${last}: ${failedReason}`));
        });
      });
      // A failure may arrive before `finished` is awaited: mark it handled here, it is thrown below.
      finished.catch(() => {});
      await queue.addBulk(
        chunks.map((chunk, i) => {
          const job = jobs[chunk.job] as EnsembleJob;
          const data: ChunkData = {
            modelKey: modelKeys[chunk.job] as string,
            seed: job.seed,
            firstRun: chunk.firstRun,
            runs: chunk.runs,
            keepSeries: job.keepSeries,
          };
          // The result travels in the completed event; the job itself need not stay in Redis.
          return { name: 'chunk', data, opts: { jobId: `c${i}`, removeOnComplete: true } };
        }),
      );
      await announce();
      heartbeat = setInterval(() => void announce().catch(() => {}), HEARTBEAT_MS);
      heartbeat.unref();
      await finished;
      return results;
    } finally {
      clearInterval(heartbeat);
      clearTimeout(noWorker);
      await redis.zrem(registerKey(this.family), name);
      await redis.publish(registerKey(this.family), name);
      await redis.del(...modelKeys);
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }

  async close(): Promise<void> {
    const local = this.local;
    const connection = this.connection;
    this.local = undefined;
    this.connection = undefined;
    if (local) await (await local.catch(() => undefined))?.close();
    if (connection) {
      const redis = await connection.catch(() => undefined);
      await redis?.quit().catch(() => redis.disconnect());
    }
  }
}
