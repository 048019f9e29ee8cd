// `multitrack analyze`: the --json shape the issue states, the terminal tables, --on, and exit codes 1
// (bad file) and 2 (usage). Runs the CLI in-process, as the installed command would.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_DIR } from '../../ingest/case-library.js';
import { cli } from '../../../test/support/run-cli.js';
import { EXIT } from '../errors.js';

const OSLO = join(CASES_DIR, 'oslo-1993.yaml');

const analyze = (...argv: string[]) => cli('analyze', ...argv);

describe('multitrack analyze', () => {
  it('prints the JSON shape of the issue', async () => {
    const { code, stdout } = await analyze(OSLO, '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as Record<string, unknown> & { nodes: Record<string, unknown>[] };
    for (const key of ['nodes', 'cutPoints', 'bridges', 'communities', 'coverage', 'pathways', 'alerts'])
      expect(doc, key).toHaveProperty(key);
    for (const key of ['id', 'label', 'kind', 'track', 'degree', 'betweenness', 'eigenvector', 'brokerage'])
      expect(doc.nodes[0], key).toHaveProperty(key);
  });

  it('prints tables with the pathway to the accords', async () => {
    const { code, stdout } = await analyze(OSLO);
    expect(code).toBe(0);
    expect(stdout).toContain('Most central');
    expect(stdout).toContain('oslo-backchannel → oslo-official-negotiations [feeds-into]');
  });

  it('takes --on and refuses a bad date (exit 2) and a missing file (exit 1)', async () => {
    const before = await analyze(OSLO, '--on', '1993-03-01', '--json');
    expect((JSON.parse(before.stdout) as { on: string }).on).toBe('1993-03-01');
    expect((await analyze(OSLO, '--on', 'March 1993')).code).toBe(EXIT.usage);
    expect((await analyze(join(CASES_DIR, 'no-such-case.yaml'))).code).toBe(EXIT.invalid);
  });

  it('says how betweenness was computed: exact by default, sampled with --betweenness-samples', async () => {
    const exact = JSON.parse((await analyze(OSLO, '--json')).stdout) as { betweenness: unknown };
    expect(exact.betweenness).toEqual({ method: 'exact' });
    const sampled = await analyze(OSLO, '--json', '--betweenness-samples', '5', '--seed', '3');
    expect((JSON.parse(sampled.stdout) as { betweenness: unknown }).betweenness).toEqual({
      method: 'sampled',
      pivots: 5,
      seed: 3,
    });
    const table = await analyze(OSLO, '--betweenness-samples', '5');
    expect(table.stdout).toContain('(estimated from 5 pivots)');
    expect((await analyze(OSLO, '--betweenness-samples', '0')).stdout).not.toContain('estimated');
    expect((await analyze(OSLO, '--betweenness-samples', 'many')).code).toBe(EXIT.usage);
    expect((await analyze(OSLO, '--betweenness-samples', '-3')).code).toBe(EXIT.usage);
  });
});
