// The runners' contract: the same bits out for the same (model, seed, runs) inline, on 1, 2 and 4
// threads, in any chunking, and through BullMQ with in-process or separate `multitrack worker`
// processes; the packed and JSON forms keep every bit; and clear errors for bad thread counts and Redis.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCase } from '../../ingest/case-library.js';
import { compileScenario } from '../system/compile.js';
import { runModel } from '../system/engine.js';
import type { CompiledModel, RunResult } from '../system/model.js';
import { ScenarioSchema } from '../system/scenario.js';
import { BullmqRunner, connectRedis, modelFromJson, modelToJson } from './bullmq.js';
import { InlineRunner, RunnerError, ThreadsRunner, checkThreads, createRunner } from './index.js';
import type { EnsembleJob, Runner } from './runner.js';
import { decodePacked, encodePacked, packRuns, unpackRuns } from './thread-worker.js';
import { chunkRuns, splitJobs } from './threads.js';

const REDIS = process.env.MULTITRACK_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const ROOT = join(import.meta.dirname, '..', '..', '..');

const scenario = ScenarioSchema.parse({
  'multitrack-scenario': 1,
  name: 'runners',
  system: 'cases/oslo-1993.yaml',
  start: '1992-06-01',
  horizon: 104,
  strategies: {
    'more-track-two': {
      add: [
        {
          id: 'workshops',
          track: 2,
          start: '1992-09',
          participants: 24,
          feedsInto: ['oslo-official-negotiations'],
        },
        { id: 'media', track: 9, start: '1993-01', participants: 48 },
      ],
      close: [{ from: '1993-02-01', until: '1993-04-01' }],
    },
  },
});

let asIs: CompiledModel;
let strategy: CompiledModel;
let jobs: EnsembleJob[];
let baseline: RunResult[][];

beforeAll(async () => {
  const system = (await readCase('oslo-1993'))?.system;
  if (!system) throw new Error('the oslo-1993 case is missing');
  asIs = compileScenario(scenario, system, 'as-is');
  strategy = compileScenario(scenario, system, 'more-track-two');
  jobs = [
    { model: asIs, seed: 1993, firstRun: 0, runs: 24, keepSeries: true },
    { model: strategy, seed: 1993, firstRun: 0, runs: 24, keepSeries: true },
    { model: asIs, seed: 7, firstRun: 100, runs: 9, keepSeries: false },
  ];
  baseline = await new InlineRunner().run(jobs);
});

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Every field of every run the same, typed arrays compared byte for byte. */
function expectSameBits(actual: RunResult[][], expected: RunResult[][]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((runs, j) => {
    const got = actual[j] as RunResult[];
    expect(got.length).toBe(runs.length);
    runs.forEach((want, i) => {
      const have = got[i] as RunResult;
      expect(Object.keys(have).sort()).toEqual(Object.keys(want).sort());
      for (const key of Object.keys(want) as (keyof RunResult)[]) {
        const w = want[key];
        const h = have[key];
        if (ArrayBuffer.isView(w)) {
          expect(h?.constructor, `${key} of job ${j} run ${i}`).toBe(w.constructor);
          expect(bytes(h as ArrayBufferView).equals(bytes(w)), `${key} of job ${j} run ${i}`).toBe(true);
        } else
          expect(Object.is(h, w), `${key} of job ${j} run ${i}: ${String(h)} vs ${String(w)}`).toBe(true);
      }
    });
  });
}

async function runAll(runner: Runner): Promise<{ results: RunResult[][]; progress: number[] }> {
  const progress: number[] = [];
  try {
    const results = await runner.run(jobs, (done, total) => {
      expect(total).toBe(57);
      progress.push(done);
    });
    return { results, progress };
  } finally {
    await runner.close();
  }
}

function expectProgress(progress: readonly number[]): void {
  expect(progress.at(-1)).toBe(57);
  for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1] as number);
}

describe('the baseline', () => {
  it('is the engine run by run, in run order, and the runs differ', () => {
    expect(baseline.map((runs) => runs.length)).toEqual([24, 24, 9]);
    expect(baseline[2]?.map((r) => r.run)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108]);
    expectSameBits([[baseline[0]?.[5] as RunResult]], [[runModel(asIs, 1993, 5, true)]]);
    expect(baseline[0]?.[0]?.series.length).toBe(9 * 104);
    expect(baseline[2]?.[0]?.series.length).toBe(0);
    expect(new Set(baseline[0]?.map((r) => r.finalTension)).size).toBeGreaterThan(1);
  });
});

describe('worker threads', () => {
  for (const threads of [1, 2, 4]) {
    it(`give the same bits on ${threads} thread${threads === 1 ? '' : 's'}`, async () => {
      const { results, progress } = await runAll(new ThreadsRunner(threads));
      expectSameBits(results, baseline);
      expectProgress(progress);
    });
  }

  it('give the same bits whatever the chunk size', async () => {
    for (const size of [1, 24]) {
      const { results } = await runAll(new ThreadsRunner(2, { chunkRuns: size }));
      expectSameBits(results, baseline);
    }
  });

  it('split jobs into chunks that cover every run once', () => {
    const chunks = splitJobs(jobs, 5);
    expect(chunks.filter((c) => c.job === 2)).toEqual([
      { job: 2, firstRun: 100, runs: 5 },
      { job: 2, firstRun: 105, runs: 4 },
    ]);
    expect(chunks.reduce((n, c) => n + c.runs, 0)).toBe(57);
    expect(chunkRuns(57, 2)).toBe(4);
    expect(chunkRuns(100_000, 2)).toBe(64);
    expect(chunkRuns(1, 8)).toBe(1);
  });
});

describe('packing and JSON', () => {
  it('keep NaN, -0 and infinities bit for bit', () => {
    const odd: RunResult = {
      ...(baseline[0]?.[0] as RunResult),
      series: Float64Array.of(NaN, -0, Infinity, -Infinity, 5e-324, 0.1 + 0.2),
      finalTension: -0,
      peakViolence: NaN,
    };
    const [back] = unpackRuns(decodePacked(JSON.parse(JSON.stringify(encodePacked(packRuns([odd]))))));
    expectSameBits([[back as RunResult]], [[odd]]);
  });

  it('carry a model with numbers JSON cannot hold', () => {
    const model = { ...asIs, initial: { ...asIs.initial, tension: -0, violence: NaN } };
    const back = modelFromJson(modelToJson(model));
    expect(Object.is(back.initial.tension, -0)).toBe(true);
    expect(back.initial.violence).toBeNaN();
    expect(back.actors).toEqual(asIs.actors);
  });
});

describe('BullMQ', () => {
  const queue = `multitrack-test-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    redis = await connectRedis(REDIS);
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await redis.quit();
  });

  const leftovers = async () => [
    ...(await redis.keys(`bull:${queue}.*`)),
    ...(await redis.keys(`multitrack:${queue}:model:*`)),
  ];

  it('gives the same bits with two in-process workers, and leaves nothing in Redis', async () => {
    const { results, progress } = await runAll(createRunner({ redis: REDIS, threads: 2, queue }));
    expectSameBits(results, baseline);
    expectProgress(progress);
    expect(await leftovers()).toEqual([]);
    expect(await redis.zcard(`multitrack:${queue}:ensembles`)).toBe(0);
  });

  it('gives the same bits with a separate `multitrack worker` process', async () => {
    worker = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/bin.ts',
        'worker',
        '--redis',
        REDIS,
        '--concurrency',
        '2',
        '--queue',
        queue,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    worker.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => worker?.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      worker?.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('worker ready')) resolve();
      });
      void exited.then((code) => reject(new Error(`the worker exited with ${code}: ${stderr}`)));
    });
    const runner = new BullmqRunner({ redis: REDIS, queue, localWorkers: 0 });
    const { results } = await runAll(runner);
    expectSameBits(results, baseline);
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/worker stopped after .* 57 runs in \d+ chunks/);
    expect(stderr).toContain(`joined ensemble ${queue}.`);
    expect(await leftovers()).toEqual([]);
  }, 60_000);

  it('gives up with a clear message when no worker takes the ensemble, and leaves nothing in Redis', async () => {
    const lonely = `${queue}-none`;
    const runner = new BullmqRunner({ redis: REDIS, queue: lonely, localWorkers: 0, workerWaitMs: 300 });
    try {
      await expect(runAll(runner)).rejects.toThrow(
        `no worker took a chunk of the ensemble within 0.3 s: start one with \`multitrack worker --redis ${REDIS} --queue ${lonely}\``,
      );
    } finally {
      await runner.close();
    }
    expect([
      ...(await redis.keys(`bull:${lonely}.*`)),
      ...(await redis.keys(`multitrack:${lonely}:model:*`)),
    ]).toEqual([]);
    expect(await redis.zcard(`multitrack:${lonely}:ensembles`)).toBe(0);
  });
});

describe('choosing and checking', () => {
  it('picks inline for one thread and a pool for more', async () => {
    const one = createRunner({});
    const two = createRunner({ threads: 2 });
    expect([one.name, two.name]).toEqual(['inline', 'threads(2)']);
    await Promise.all([one.close(), two.close()]);
  });

  it('checks a thread count against the cores', () => {
    expect(checkThreads('2', 4)).toBe(2);
    expect(() => checkThreads('0', 4)).toThrow(/--threads 0: expected a whole number from 1 to 16/);
    expect(() => checkThreads('1.5', 4)).toThrow(RunnerError);
    expect(checkThreads('4', 2)).toBe(4); // more threads than cores: slower, same results
    expect(() => checkThreads('9', 2)).toThrow(/this machine runs 2 threads at once .*use at most 8/);
  });

  it('says when Redis is malformed or out of reach', async () => {
    await expect(connectRedis('localhost:6379')).rejects.toThrow(
      /--redis localhost:6379: expected a Redis URL/,
    );
    await expect(connectRedis('redis://127.0.0.1:1')).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
    );
    expect(() => createRunner({ redis: 'redis://:secret@127.0.0.1/0 x' })).toThrow(
      /--redis redis:\/\/:\*\*\*@127\.0\.0\.1\/0 x: expected a Redis URL/,
    );
    expect(() => createRunner({ redis: REDIS, queue: 'a:b' })).toThrow(/--queue "a:b"/);
    const runner = createRunner({ redis: 'redis://127.0.0.1:1' });
    await expect(runner.run(jobs)).rejects.toBeInstanceOf(RunnerError);
    await runner.close();
  });
});
