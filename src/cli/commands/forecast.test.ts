// `multitrack forecast`: the --json shape the issue states, --list-models, --compare, seeded --runs, and
// exit codes 1 (bad input) and 2 (usage). Runs the CLI in-process, as the installed command would.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/run-cli.js';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const DEU = join(DATA, 'deu', 'deu-issues-dev.tsv');
const EMISSION = join(DATA, 'scholz', 'emission-standards-actors.csv');

const forecast = (...argv: string[]) => cli('forecast', ...argv);

const dir = await mkdtemp(join(tmpdir(), 'multitrack-forecast-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('multitrack forecast', () => {
  it('prints {"model", "n", "mae", "issues": [{"id", "forecast", "outcome", "error"}]} for the DEU file', async () => {
    const { code, stdout } = await forecast(DEU, '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      model: string;
      n: number;
      mae: number;
      issues: Record<string, unknown>[];
    };
    expect(Object.keys(doc)).toEqual(['model', 'n', 'mae', 'issues']);
    expect(doc.model).toBe('compromise');
    expect(doc.n).toBe(268);
    expect(doc.mae).toBeCloseTo(23.43, 2);
    expect(Object.keys(doc.issues[0] ?? {})).toEqual(['id', 'forecast', 'outcome', 'error']);
    expect(
      doc.issues.filter((i) => i.outcome === undefined).every((i) => Object.keys(i).join() === 'id,forecast'),
    ).toBe(true);
  });

  it('adds "rounds": [{"median", "mean"}] for a dynamic model on a single issue', async () => {
    const { code, stdout } = await forecast(
      EMISSION,
      '--model',
      'expected-utility',
      '--rounds',
      '8',
      '--json',
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      n: number;
      rounds: { median: number; mean: number }[];
      issues: unknown[];
    };
    expect(Object.keys(doc)).toEqual(['model', 'n', 'issues', 'rounds']);
    expect(doc.rounds).toHaveLength(8);
    expect(doc.rounds[0]?.median).toBeCloseTo(8.42, 2);
    expect(Object.keys(doc.rounds[0] ?? {})).toEqual(['median', 'mean']);
  });

  it('lists the models with their options', async () => {
    const { code, stdout } = await forecast('--list-models', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { default: string; models: { name: string }[] };
    expect(doc.models.map((m) => m.name)).toContain('multitrack');
    const text = await forecast('--list-models');
    expect(text.stdout).toMatch(/expected-utility: .*Scholz/);
    expect(text.stdout).toMatch(/denominator=all-pairs/);
  });

  it('--compare gives every model’s MAE and its paired bootstrap interval against compromise', async () => {
    const { code, stdout } = await forecast(DEU, '--compare', '--resamples', '500', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      n: number;
      baseline: string;
      models: { model: string; mae: number; differenceInterval: number[] }[];
    };
    expect(doc.n).toBe(262);
    expect(doc.baseline).toBe('compromise');
    expect(doc.models.map((m) => m.model)).toEqual([
      'compromise',
      'weighted-median',
      'expected-utility',
      'expected-utility',
      'multitrack',
    ]);
    expect(doc.models.every((m) => m.differenceInterval.length === 2)).toBe(true);
    const human = await forecast(DEU, '--compare', '--resamples', '200');
    expect(human.stdout).toMatch(/Δ vs compromise/);
  });

  it('--runs N --seed S: intervals, identical output for the same seed', async () => {
    const args = [EMISSION, '--model', 'multitrack', '--runs', '50', '--seed', '9', '--json'];
    const a = await forecast(...args);
    const b = await forecast(...args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout) as { issues: { forecast: number; low: number; high: number }[] };
    expect(doc.issues[0]?.low).toBeLessThanOrEqual(doc.issues[0]?.high ?? -1);
    const other = await forecast(EMISSION, '--model', 'multitrack', '--runs', '50', '--seed', '10', '--json');
    expect(other.stdout).not.toBe(a.stdout);
  });

  it('exits 1 with FILE:LINE:COL for bad input', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'id: a\nstakeholders:\n  - { id: p, position: 5, salience: 7 }\n');
    const r = await forecast(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:3:37: stakeholders[0].salience: salience must be between 0 and 1 (write 80 as 0.8)`,
    );
    expect((await forecast(join(dir, 'missing.yaml'))).code).toBe(1);
    const noOutcomes = join(dir, 'ok.yaml');
    await writeFile(noOutcomes, 'id: a\nstakeholders:\n  - { id: p, position: 5, salience: 0.7 }\n');
    expect((await forecast(noOutcomes, '--compare')).code).toBe(1);
  });

  it('exits 2 for usage errors', async () => {
    expect((await forecast()).code).toBe(2);
    expect((await forecast(EMISSION, '--model', 'oracle')).code).toBe(2);
    expect(
      (await forecast(EMISSION, '--model', 'expected-utility', '--options', 'denominator=some')).code,
    ).toBe(2);
    expect((await forecast(EMISSION, '--rounds', '0')).code).toBe(2);
    expect((await forecast(EMISSION, '--runs', 'many')).code).toBe(2);
    expect((await forecast(EMISSION, '--bogus')).code).toBe(2);
  });
});
