// Ensembles through the Runner interface: the jobs they send (one per strategy, same seed and run
// indexes), and the same summary and comparison from the inline runner and from two worker threads.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeRuns } from '../../../test/support/fake-runs.js';
import { readSystemFile } from '../../ingest/system-file.js';
import { createRunner } from '../runners/index.js';
import type { EnsembleJob, Runner } from '../runners/runner.js';
import { compileScenario } from '../system/compile.js';
import type { CompiledModel, RunResult } from '../system/model.js';
import { readScenarioFile } from '../system/scenario-file.js';
import { compareStrategies, runEnsemble } from './ensemble.js';
import { summarize } from './summary.js';

/** A runner that records its jobs and answers with neutral synthetic runs. */
function recordingRunner(): Runner & { jobs: EnsembleJob[] } {
  const jobs: EnsembleJob[] = [];
  return {
    name: 'recording',
    jobs,
    run: async (batch, progress) => {
      jobs.push(...batch);
      const total = batch.reduce((n, j) => n + j.runs, 0);
      progress?.(total, total);
      return batch.map((j) => fakeRuns(j.runs, () => ({})).map((r) => ({ ...r, run: j.firstRun + r.run })));
    },
    close: async () => undefined,
  };
}

const model = { strategy: 'a' } as CompiledModel;
const against = { strategy: 'b' } as CompiledModel;

describe('runEnsemble and compareStrategies', () => {
  it('send one job of runs 0 … N − 1 per strategy, with the same seed', async () => {
    const runner = recordingRunner();
    const progress: number[] = [];
    await runEnsemble({
      model,
      seed: 9,
      runs: 12,
      runner,
      keepSeries: false,
      progress: (d) => progress.push(d),
    });
    expect(runner.jobs).toEqual([{ model, seed: 9, firstRun: 0, runs: 12, keepSeries: false }]);
    expect(progress).toEqual([12]);
    runner.jobs.length = 0;
    const compared = await compareStrategies({ model, against, seed: 9, runs: 5, runner, resamples: 100 });
    expect(runner.jobs.map((j) => [j.model.strategy, j.seed, j.firstRun, j.runs, j.keepSeries])).toEqual([
      ['a', 9, 0, 5, true],
      ['b', 9, 0, 5, true],
    ]);
    expect(compared.comparison).toMatchObject({ strategy: 'a', against: 'b', runs: 5, resamples: 100 });
  });

  it('refuses an empty ensemble', async () => {
    await expect(runEnsemble({ model, seed: 1, runs: 0, runner: recordingRunner() })).rejects.toThrow(
      /runs ≥ 1/,
    );
  });
});

describe('an ensemble of the Oslo test scenario', async () => {
  const reading = await readScenarioFile(
    join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'scenarios', 'oslo-small.yaml'),
  );
  if (!reading.ok || reading.system.kind !== 'file') throw new Error('the test scenario does not read');
  const system = (await readSystemFile(reading.system.path)).system;
  if (!system) throw new Error('the Oslo case does not read');
  const withBackchannel = compileScenario(reading.scenario, system, 'as-is');
  const alone = compileScenario(reading.scenario, system, 'track-1-alone');
  const inline = createRunner({ threads: 1 });
  const threads = createRunner({ threads: 2 });
  afterAll(async () => {
    await inline.close();
    await threads.close();
  });

  const compare = (runner: Runner) =>
    compareStrategies({ model: withBackchannel, against: alone, seed: 5, runs: 40, runner, resamples: 300 });
  const summaries = (results: readonly RunResult[]) => JSON.stringify(summarize(withBackchannel, results));

  it('gives the same runs, summary and comparison inline and on two threads', async () => {
    const a = await compare(inline);
    const b = await compare(threads);
    expect(b.results).toEqual(a.results);
    expect(summaries(b.results)).toBe(summaries(a.results));
    expect(JSON.stringify(b.comparison)).toBe(JSON.stringify(a.comparison));
    expect(a.results.map((r) => r.run)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('runs one strategy as the first half of a comparison does (common random numbers)', async () => {
    const alone40 = await runEnsemble({ model: withBackchannel, seed: 5, runs: 40, runner: inline });
    const compared = await compare(inline);
    expect(alone40).toEqual(compared.results);
  });
});
