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
const OSLO = join(import.meta.dirname, '..', '..', '..', 'cases', 'oslo-1993.yaml');

/** An issue whose stakeholders name a party, another party, an actor of the Oslo case, and no one. */
const OSLO_ISSUE = `id: oslo-principles
opens: 1992-06
decides: 1993-09
stakeholders:
  - { id: israel, actor: israel, position: 20, salience: 0.8, capability: 2 }
  - { id: plo, actor: plo, position: 80, salience: 0.9 }
  - { id: norway, actor: norway-mfa, position: 50, salience: 0.4, capability: 0.5 }
  - { id: ghost, actor: no-such-actor, position: 40, salience: 0.2 }
`;

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

  it('--compare passes --rounds to the dynamic models', async () => {
    type Doc = { rounds?: number; models: { model: string; options: object; mae: number }[] };
    const run = async (...extra: string[]) => {
      const r = await forecast(
        DEU,
        '--model',
        'expected-utility',
        '--compare',
        '--resamples',
        '100',
        '--json',
        ...extra,
      );
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as Doc;
    };
    const eight = await run();
    const two = await run('--rounds', '2');
    expect(two.rounds).toBe(2);
    expect(eight.rounds).toBeUndefined();
    // The compared MAE is the one the same model gives with the same rounds outside --compare.
    const direct = JSON.parse(
      (await forecast(DEU, '--model', 'expected-utility', '--rounds', '2', '--json')).stdout,
    ) as {
      mae: number;
    };
    expect(two.models[0]?.mae).toBeCloseTo(direct.mae, 12);
    expect(two.models[0]?.mae).not.toBeCloseTo(eight.models[0]?.mae ?? NaN, 3);
  });

  it('--compare writes "reference" for the baseline instead of a zero interval', async () => {
    const { stdout } = await forecast(DEU, '--compare', '--resamples', '100');
    const row = stdout.split('\n').find((l) => /^\s*compromise\s/.test(l)) ?? '';
    expect(row).toMatch(/\(defaults\)/);
    expect(row.match(/reference/g)).toHaveLength(2);
    expect(row).not.toMatch(/0\.00 – 0\.00|0%/);
    const other = await forecast(
      DEU,
      '--model',
      'compromise',
      '--options',
      'capability=true',
      '--compare',
      '--resamples',
      '100',
    );
    expect(other.stdout).not.toMatch(/reference/);
  });

  it('--engagements takes a system file or registry:ID, with the same result, and warns about unknown actors', async () => {
    const issue = join(dir, 'oslo-issue.yaml');
    await writeFile(issue, OSLO_ISSUE);
    const db = join(dir, 'registry');
    expect((await cli('--db', db, 'init', '--json')).code).toBe(0);
    const args = [issue, '--model', 'multitrack', '--json'];
    const alone = await forecast(...args);
    const viaFile = await forecast(...args, '--engagements', OSLO);
    const viaRegistry = await cli('--db', db, 'forecast', ...args, '--engagements', 'registry:oslo-1993');
    expect(viaFile.code).toBe(0);
    expect(viaRegistry.code).toBe(0);
    const value = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { issues: { forecast: number }[] }).issues[0]?.forecast ?? NaN;
    expect(value(viaRegistry)).toBe(value(viaFile));
    // The Oslo back channel (Track 2) reaches the Israeli and PLO stakeholders and moves the forecast.
    expect(value(viaFile)).not.toBeCloseTo(value(alone), 6);
    for (const r of [viaFile, viaRegistry]) {
      expect(r.stderr).toMatch(
        /warning: issue oslo-principles: stakeholder ghost: actor "no-such-actor" is not an actor or party/,
      );
      expect(r.stderr).not.toMatch(/stakeholder (israel|plo|norway):/);
    }
    expect(alone.stderr).toBe('');
    const missing = await cli('--db', db, 'forecast', ...args, '--engagements', 'registry:no-such-system');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-system');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
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
    const asDirectory = await forecast(dir);
    expect(asDirectory.code).toBe(1);
    expect(asDirectory.stderr).toContain(`${dir}:1: is a directory, not an issue file`);
    const short = join(dir, 'short.csv');
    await writeFile(short, 'Actor,Capability,Position,Salience\nA,1,5,0.5\nB,1\n');
    const shortRun = await forecast(short);
    expect(shortRun.code).toBe(1);
    expect(shortRun.stderr).toContain(`${short}:3: expected 4 cells as in the header, got 2`);
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
