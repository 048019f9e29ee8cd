/**
 * The worker-threads runner: a piscina pool of T threads runs an ensemble in chunks of runs, each
 * thread taking chunks as it frees up. Each run is a pure function of (model, seed, run index), so the
 * split into chunks and the order in which they finish never change a bit of the results. The model
 * crosses to the threads once per job as v8-serialised bytes in shared memory; results come back in
 * transferred buffers (thread-worker.ts). `ChunkPool` is the pool itself, also used by BullMQ workers.
 */
import { randomUUID } from 'node:crypto';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import type { CompiledModel, RunResult } from '../system/model.js';
import type { EnsembleJob, Progress, Runner } from './runner.js';
import { type PackedRuns, type ThreadTask, unpackRuns } from './thread-worker.js';

/** A chunk of a batch: runs firstRun … firstRun + runs - 1 of job `job`. */
export interface PlannedChunk {
  readonly job: number;
  readonly firstRun: number;
  readonly runs: number;
}

/** Largest chunk: keeps progress moving and the threads evenly loaded on big ensembles. */
const MAX_CHUNK_RUNS = 64;
/** Chunks per worker aimed at, so that a slow chunk does not leave the other threads idle at the end. */
const CHUNKS_PER_WORKER = 8;

/** Runs per chunk for `totalRuns` runs over `workers` workers: several chunks each, at most 64 runs. */
export function chunkRuns(totalRuns: number, workers: number): number {
  const perChunk = Math.ceil(totalRuns / (Math.max(1, workers) * CHUNKS_PER_WORKER));
  return Math.min(MAX_CHUNK_RUNS, Math.max(1, perChunk));
}

/** Splits each job into chunks of at most `size` runs, in job and run order. */
export function splitJobs(jobs: readonly EnsembleJob[], size: number): PlannedChunk[] {
  const chunks: PlannedChunk[] = [];
  jobs.forEach((job, index) => {
    for (let offset = 0; offset < job.runs; offset += size)
      chunks.push({ job: index, firstRun: job.firstRun + offset, runs: Math.min(size, job.runs - offset) });
  });
  return chunks;
}

/** Total runs of a batch. */
export function totalRuns(jobs: readonly EnsembleJob[]): number {
  return jobs.reduce((sum, job) => sum + job.runs, 0);
}

/** Checks the shape of a batch before any work starts (a mistake here is a caller's bug). */
export function checkJobs(jobs: readonly EnsembleJob[]): void {
  for (const job of jobs) {
    if (!Number.isSafeInteger(job.runs) || job.runs < 0)
      throw new RangeError(`an ensemble job needs a whole, non-negative number of runs, not ${job.runs}`);
    if (!Number.isSafeInteger(job.firstRun) || job.firstRun < 0)
      throw new RangeError(`an ensemble job's first run must be a whole number ≥ 0, not ${job.firstRun}`);
    if (!Number.isFinite(job.seed)) throw new RangeError(`an ensemble job's seed must be a number`);
  }
}

/** A model as v8-serialised bytes in shared memory: every thread reads the same copy. */
export function sharedModel(model: CompiledModel): SharedArrayBuffer {
  const bytes = serialize(model);
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * The worker file beside this module: thread-worker.js in the build; thread-worker.ts when running
 * from source (vitest, tsx), where each thread then needs tsx's loader to read TypeScript.
 */
function workerFile(): { filename: string; execArgv?: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = new URL(fromSource ? './thread-worker.ts' : './thread-worker.js', import.meta.url).href;
  return fromSource ? { filename, execArgv: [...process.execArgv, '--import', 'tsx'] } : { filename };
}

/** A pool of threads that run chunks; started on first use. */
export class ChunkPool {
  private pool: Piscina<ThreadTask, PackedRuns> | undefined;

  constructor(readonly threads: number) {
    if (!Number.isSafeInteger(threads) || threads < 1)
      throw new RangeError(`a thread pool needs a whole number of threads ≥ 1, not ${threads}`);
  }

  run(task: ThreadTask): Promise<PackedRuns> {
    this.pool ??= new Piscina<ThreadTask, PackedRuns>({
      ...workerFile(),
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
    return this.pool.run(task);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.destroy();
  }
}

export interface ThreadsRunnerOptions {
  /** Runs per chunk; default: enough chunks for every thread to take several (chunkRuns). */
  readonly chunkRuns?: number;
}

export class ThreadsRunner implements Runner {
  readonly name: string;
  private readonly pool: ChunkPool;

  constructor(
    readonly threads: number,
    private readonly options: ThreadsRunnerOptions = {},
  ) {
    this.pool = new ChunkPool(threads);
    this.name = `threads(${threads})`;
  }

  async run(jobs: readonly EnsembleJob[], progress?: Progress): Promise<RunResult[][]> {
    checkJobs(jobs);
    const total = totalRuns(jobs);
    const size = this.options.chunkRuns ?? chunkRuns(total, this.threads);
    const ensemble = randomUUID();
    const models = jobs.map((job) => sharedModel(job.model));
    const results = jobs.map((job) => new Array<RunResult>(job.runs));
    let done = 0;
    await Promise.all(
      splitJobs(jobs, size).map(async (chunk) => {
        const job = jobs[chunk.job] as EnsembleJob;
        const packed = await this.pool.run({
          modelKey: `${ensemble}/${chunk.job}`,
          model: models[chunk.job] as SharedArrayBuffer,
          seed: job.seed,
          firstRun: chunk.firstRun,
          runs: chunk.runs,
          keepSeries: job.keepSeries,
        });
        const into = results[chunk.job] as RunResult[];
        const offset = chunk.firstRun - job.firstRun;
        unpackRuns(packed).forEach((result, i) => (into[offset + i] = result));
        done += chunk.runs;
        progress?.(done, total);
      }),
    );
    return results;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
