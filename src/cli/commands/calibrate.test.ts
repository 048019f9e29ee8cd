// `multitrack calibrate`: the --json document on the shared PA-X and UCDP files (targets read from the
// data, a fitted value per calibrated parameter, deterministic for a seed), and clear errors for a
// missing file or a CSV without the PA-X columns. Runs the CLI in-process with a small fit.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/run-cli.js';
import { PARAMETERS } from '../../sim/system/parameters.js';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const PAX = join(DATA, 'pax', 'pax-agreements-dev.csv');
const ACD = join(DATA, 'ucdp', 'ucdp-prio-acd-251.csv');
const PA = join(DATA, 'ucdp', 'ucdp-peace-agreements-221.csv');
const small = ['--pax', PAX, '--ucdp-acd', ACD, '--ucdp-pa', PA, '--runs', '30', '--no-held-out'];

const dir = await mkdtemp(join(tmpdir(), 'multitrack-calibrate-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('multitrack calibrate', () => {
  it('fits every calibrated parameter on the shared data, the same for the same seed', async () => {
    const first = await cli('calibrate', ...small, '--seed', '3', '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as {
      data: { pax: { processes: number; agreements: number } };
      fit: { values: { name: string; value: number; min: number; max: number }[] };
    };
    expect(doc.data.pax).toMatchObject({ processes: 112, agreements: 1396 });
    const calibrated = PARAMETERS.filter((p) => p.calibrated).map((p) => p.name);
    expect(doc.fit.values.map((v) => v.name).sort()).toEqual([...calibrated].sort());
    for (const v of doc.fit.values) {
      expect(v.value).toBeGreaterThanOrEqual(v.min);
      expect(v.value).toBeLessThanOrEqual(v.max);
    }
    const again = await cli('calibrate', ...small, '--seed', '3', '--json');
    expect(again.stdout).toBe(first.stdout);
  });

  it('names a missing file and exits 1', async () => {
    const missing = join(dir, 'absent.csv');
    const { code, stderr } = await cli('calibrate', '--pax', missing, '--ucdp-acd', ACD, '--no-held-out');
    expect(code).toBe(1);
    expect(stderr).toContain(missing);
  });

  it('names the columns a PA-X file lacks', async () => {
    const file = join(dir, 'not-pax.csv');
    await writeFile(file, 'name,date\nsomething,2001-01-01\n');
    const { code, stderr } = await cli('calibrate', '--pax', file, '--ucdp-acd', ACD, '--no-held-out');
    expect(code).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/Stage|PP|Dat/);
  });
});
