// `multitrack sensitivity`: --json carries every parameter × output, the same seed gives the same bytes
// (also across thread counts), the table ranks by μ*, and mistakes on the command line exit 2 with a
// message that says what was expected. Runs the CLI in-process on a small Oslo scenario.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/run-cli.js';
import { PARAM_NAMES } from '../../sim/system/parameters.js';
import { OUTPUTS } from './sensitivity.js';

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
const OSLO = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'oslo-backchannel.yaml');
const sensitivity = (...argv: string[]) => cli('sensitivity', SCENARIO, ...argv);

interface Doc {
  strategy: string;
  seed: number;
  runs: number;
  design: { levels: number; trajectories: number; points: number; totalRuns: number; candidates: number };
  main: string;
  outputs: { key: string }[];
  parameters: {
    name: string;
    rank: number;
    min: number;
    max: number;
    baseline: number;
    effects: Record<
      string,
      { mu: number; muStar: number; sigma: number; noise: number | null; reading: string }
    >;
  }[];
  ranking: Record<string, string[]>;
}

describe('multitrack sensitivity', () => {
  it('prints every parameter × output with --json, the same for the same seed', async () => {
    const argv = ['--trajectories', '2', '--runs', '10', '--threads', '1', '--json'];
    const first = await sensitivity(...argv);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as Doc;
    expect(doc.strategy).toBe('as-is');
    expect(doc.design).toMatchObject({ levels: 4, trajectories: 2, points: 2 * (PARAM_NAMES.length + 1) });
    expect(doc.design.totalRuns).toBe(doc.design.points * 10);
    expect(doc.parameters.map((p) => p.name).sort()).toEqual([...PARAM_NAMES].sort());
    const keys = OUTPUTS.map((o) => o.key);
    expect(doc.outputs.map((o) => o.key)).toEqual(keys);
    for (const p of doc.parameters) {
      expect(Object.keys(p.effects)).toEqual(keys);
      for (const e of Object.values(p.effects)) {
        expect(e.muStar).toBeGreaterThanOrEqual(Math.abs(e.mu) - 1e-9);
        expect(e.sigma).toBeGreaterThanOrEqual(0);
        expect(e.noise).not.toBeNull();
      }
    }
    // Parameters come in order of μ* on the main output, ranked 1 … k.
    const main = doc.parameters.map((p) => p.effects[doc.main]?.muStar ?? 0);
    expect(main).toEqual([...main].sort((a, b) => b - a));
    expect(doc.parameters.map((p) => p.rank)).toEqual(doc.parameters.map((_, i) => i + 1));
    expect(doc.ranking[doc.main]).toEqual(doc.parameters.map((p) => p.name));

    const second = await sensitivity(...argv);
    expect(second.stdout).toBe(first.stdout);
    const other = await sensitivity(
      '--trajectories',
      '2',
      '--runs',
      '10',
      '--threads',
      '1',
      '--json',
      '--seed',
      '2',
    );
    expect(other.stdout).not.toBe(first.stdout);
  });

  it.skipIf(availableParallelism() < 2)('gives the same bytes on 1 and 2 threads', async () => {
    const argv = ['--params', 'trustEffect,ideasEffect,advancePre', '--trajectories', '3', '--runs', '16'];
    const one = await sensitivity(...argv, '--threads', '1', '--json');
    const two = await sensitivity(...argv, '--threads', '2', '--json');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const doc = JSON.parse(one.stdout) as Doc;
    expect(doc.parameters.map((p) => p.name).sort()).toEqual(['advancePre', 'ideasEffect', 'trustEffect']);
  });

  it('prints a table ranked by μ* with a reading per parameter', async () => {
    const { code, stdout } = await cli(
      'sensitivity',
      OSLO,
      '--params',
      'gainActivism,advancePre,relapseBase',
      '--strategy',
      'track1-alone',
      '--trajectories',
      '4',
      '--runs',
      '40',
      '--threads',
      '1',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('strategy track1-alone');
    expect(stdout).toMatch(
      /rank\s+parameter\s+range\s+μ\*\s+μ\* 95%\s+μ\s+σ\s+σ\/μ\*\s+noise floor\s+reading/,
    );
    const rows = stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows).toHaveLength(3);
    // Advancing from pre-negotiation and relapsing move the chance of agreement; Track 6 activism is not
    // in this system at all, so on the same runs it changes nothing.
    expect(
      rows
        .slice(0, 2)
        .map((r) => r.split(/\s+/)[1])
        .sort(),
    ).toEqual(['advancePre', 'relapseBase']);
    expect(rows[0]).toMatch(/(raises|lowers|both ways); /);
    expect(rows[2]).toMatch(/^3\s+gainActivism\s.*no effect on these runs$/);
  });

  it('exits 2 with what was expected on a bad command line', async () => {
    const cases: [string[], RegExp][] = [
      [['--levels', '5'], /--levels 5: expected an even number/],
      [['--trajectories', '1'], /--trajectories 1: expected a whole number from 2/],
      [['--runs', '0'], /--runs 0: expected a whole number from 1/],
      [['--params', 'trustEffect,nonsense'], /unknown parameter "nonsense"; expected some of: advancePre/],
      [['--params', 'decay,decay'], /"decay" is named twice/],
      [['--params', ','], /expected parameter names separated by commas/],
      [
        ['--strategy', 'nope', '--runs', '1'],
        /--strategy nope: no such strategy; the scenario defines: as-is, /,
      ],
      [['--threads', '0'], /--threads 0: expected a whole number/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await sensitivity(...argv);
      expect(stderr).toMatch(message);
      expect(code).toBe(2);
    }
  });

  it('exits 1 on a missing scenario file', async () => {
    const { code, stderr } = await cli('sensitivity', 'no-such-scenario.yaml', '--threads', '1');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-scenario\.yaml/);
  });
});
