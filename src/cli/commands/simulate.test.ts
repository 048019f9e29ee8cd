// `multitrack simulate`: the --json document, the same bytes for the same seed (and thread count), the
// files of --out, and exit codes 1 (bad scenario, at its line) and 2 (unknown strategy, bad option).
// Runs the CLI in-process, as the installed command would.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/run-cli.js';

const SCENARIO = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'scenarios',
  'oslo-small.yaml',
);
const CASE = join(import.meta.dirname, '..', '..', '..', 'cases', 'oslo-1993.yaml');

const simulate = (...argv: string[]) => cli('simulate', ...argv);

const dir = await mkdtemp(join(tmpdir(), 'multitrack-simulate-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('multitrack simulate', () => {
  it('prints one JSON document with the summary, parameters, seed, runs, model version and credits', async () => {
    const { code, stdout, stderr } = await simulate(SCENARIO, '--runs', '30', '--seed', '4', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as Record<string, unknown> & {
      summary: { strategy: string; runs: number; stages: { stage: string; chance: number }[] };
      parameters: Record<string, number>;
    };
    expect(Object.keys(doc)).toEqual([
      'scenario',
      'file',
      'system',
      'strategy',
      'against',
      'seed',
      'runs',
      'weeks',
      'start',
      'modelVersion',
      'parameters',
      'parameterOverrides',
      'summary',
      'againstSummary',
      'comparison',
      'methods',
      'notes',
      'credits',
    ]);
    expect(doc).toMatchObject({
      scenario: 'Oslo backchannel (test)',
      system: '../../../cases/oslo-1993.yaml',
      strategy: 'as-is',
      against: null,
      seed: 4,
      runs: 30,
      weeks: 104,
      start: '1992-06-01',
      againstSummary: null,
      comparison: null,
    });
    expect(doc.summary.stages.map((s) => s.stage)).toEqual([
      'pre-negotiation',
      'ceasefire',
      'partial',
      'comprehensive',
      'implementation',
    ]);
    expect(doc.summary.runs).toBe(30);
    expect(doc.parameters.decay).toBe(0.01);
    expect(JSON.stringify(doc.credits)).toMatch(/PA-X.*UCDP/);
  });

  it('prints the same bytes for the same seed, with one thread or two', async () => {
    const args = [SCENARIO, '--runs', '24', '--seed', '11', '--compare', 'track-1-alone'];
    const a = await simulate(...args);
    const b = await simulate(...args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const json1 = await simulate(...args, '--json');
    const json2 = await simulate(...args, '--json', '--threads', '2');
    expect(json2.stdout).toBe(json1.stdout);
    const other = await simulate(SCENARIO, '--runs', '24', '--seed', '12', '--compare', 'track-1-alone');
    expect(other.stdout).not.toBe(a.stdout);
  });

  it('prints a summary table and, with --compare, the paired differences and the better strategy', async () => {
    const { code, stdout } = await simulate(SCENARIO, '--runs', '30', '--compare', 'track-1-alone');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^stage +chance +95% interval +median date/m);
    expect(stdout).toMatch(/^ceasefire +\d+\.\d% +\d+\.\d–\d+\.\d%/m);
    expect(stdout).toContain('as-is against track-1-alone: paired differences over the same 30 runs');
    expect(stdout).toMatch(/^reaches comprehensive +/m);
    expect(stdout).toContain('On reaching a comprehensive agreement');
    expect(stdout).toContain('Calibration: PA-X Peace Agreements Database');
    const doc = JSON.parse(
      (await simulate(SCENARIO, '--runs', '30', '--compare', 'track-1-alone', '--json')).stdout,
    ) as {
      comparison: { method: string; metrics: { metric: string; interval: { low: number; high: number } }[] };
      againstSummary: { strategy: string };
    };
    expect(doc.againstSummary.strategy).toBe('track-1-alone');
    expect(doc.comparison.method).toMatch(/paired bootstrap/);
    expect(doc.comparison.metrics.map((m) => m.metric)).toContain('reached:comprehensive');
  });

  it('writes quantile and finals CSVs, SVG charts and summary.json with --out', async () => {
    const out = join(dir, 'out');
    const args = [SCENARIO, '--runs', '20', '--horizon', '30', '--compare', 'workshops', '--out', out];
    const { code, stdout } = await simulate(...args);
    expect(code).toBe(0);
    expect(stdout).toContain(`Wrote 24 files to ${out}`);
    expect((await readdir(out)).sort()).toEqual(['as-is', 'stages.svg', 'summary.json', 'workshops']);
    const files = (await readdir(join(out, 'workshops'))).sort();
    expect(files).toContain('quantiles.csv');
    expect(files).toContain('finals.csv');
    expect(files).toContain('fan-tension.svg');
    const quantiles = parse(await readFile(join(out, 'as-is', 'quantiles.csv'), 'utf8')) as string[][];
    expect(quantiles[0]?.join(',')).toBe('week,date,series,q05,q25,q50,q75,q95');
    expect(quantiles).toHaveLength(1 + 30 * 9);
    const finals = parse(await readFile(join(out, 'as-is', 'finals.csv'), 'utf8'), {
      columns: true,
    }) as unknown[];
    expect(finals).toHaveLength(20);
    for (const svg of ['stages.svg', 'as-is/fan-violence.svg'])
      expect(XMLValidator.validate(await readFile(join(out, svg), 'utf8'))).toBe(true);
    const json = await simulate(...args.slice(0, -2), '--json');
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe(json.stdout);
  });

  it('exits 1 with file:line:col, the field and what was expected for a broken scenario', async () => {
    const text = (await readFile(SCENARIO, 'utf8'))
      .replace('../../../cases/oslo-1993.yaml', CASE)
      .replace('horizon: 104', 'horizon: two years');
    const file = join(dir, 'broken.yaml');
    await writeFile(file, text);
    const { code, stdout, stderr } = await simulate(file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`multitrack: ${file}:8:10: horizon: expected a number of weeks\n`);
  });

  it('exits 1 at the entry of the strategy that names something the system does not have', async () => {
    const text = (await readFile(SCENARIO, 'utf8'))
      .replace('../../../cases/oslo-1993.yaml', CASE)
      .replace('remove: [oslo-backchannel]', 'remove: [oslo-backchanel]');
    const file = join(dir, 'unknown-initiative.yaml');
    await writeFile(file, text);
    const { code, stderr } = await simulate(file, '--strategy', 'track-1-alone');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^multitrack: ${file}:13:14: strategies\\.track-1-alone\\.remove\\[0\\]: .*"oslo-backchanel".*\\n$`,
      ),
    );
  });

  it('exits 1 at the system line when the system file is missing', async () => {
    const file = join(dir, 'no-system.yaml');
    await writeFile(
      file,
      (await readFile(SCENARIO, 'utf8')).replace('../../../cases/oslo-1993.yaml', 'gone.yaml'),
    );
    const { code, stderr } = await simulate(file);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^multitrack: ${file}:6:9: system: gone\\.yaml .*: no such file`));
  });

  it('exits 2 and lists the strategies for an unknown --strategy or --compare', async () => {
    const a = await simulate(SCENARIO, '--strategy', 'workshop');
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      'multitrack: --strategy workshop: no such strategy; the scenario defines: as-is, track-1-alone, workshops\n',
    );
    const b = await simulate(SCENARIO, '--compare', 'nothing');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('the scenario defines: as-is, track-1-alone, workshops');
    const c = await simulate(SCENARIO, '--compare', 'as-is');
    expect(c.code).toBe(2);
  });

  it('exits 2 for bad numbers and parameters on the command line', async () => {
    for (const args of [
      ['--runs', '0'],
      ['--runs', 'many'],
      ['--horizon', '-3'],
      ['--param', 'decay'],
      ['--param', 'decay=9'],
      ['--param', 'speed=1'],
      ['--threads', '0'],
    ]) {
      const { code, stderr } = await simulate(SCENARIO, ...args);
      expect([args, code]).toEqual([args, 2]);
      expect(stderr).toMatch(/^multitrack: /);
    }
    const { stderr } = await simulate(SCENARIO, '--param', 'decay=9');
    expect(stderr).toContain('decay = 9 is outside its range [0.002, 0.03]');
  });

  it('takes --param overrides into the parameters used and says which were changed', async () => {
    const { stdout } = await simulate(SCENARIO, '--runs', '5', '--param', 'decay=0.02', '--json');
    const doc = JSON.parse(stdout) as {
      parameters: Record<string, number>;
      parameterOverrides: Record<string, { value: number; default: number }>;
    };
    expect(doc.parameters.decay).toBe(0.02);
    expect(doc.parameterOverrides).toEqual({ decay: { value: 0.02, default: 0.01 } });
  });

  it('teaches in --help: an example scenario and what each output means', async () => {
    const { code, stdout } = await simulate('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('multitrack-scenario: 1');
    expect(stdout).toContain('quantiles.csv');
    expect(stdout).toContain('paired bootstrap');
  });
});
