// A scenario whose system lives in the registry (system: registry:ID with --db): the simulation reads
// the system through the viewer's access, and gives the same numbers as the same system from its file.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const SCENARIO = join(import.meta.dirname, '..', 'scenarios', 'oslo-backchannel.yaml');

describe('simulate a system from the registry', () => {
  it('reads registry:oslo-1993 and matches the file-based run', async () => {
    const work = await tempDir();
    const db = join(work, 'registry');
    expect((await cli('--db', db, 'init', '--json')).code).toBe(0);
    const text = await readFile(SCENARIO, 'utf8');
    const fromRegistry = join(work, 'oslo-registry.yaml');
    await writeFile(
      fromRegistry,
      text.replace('system: ../cases/oslo-1993.yaml', 'system: registry:oslo-1993'),
    );

    const args = ['--runs', '40', '--seed', '9', '--json'];
    const viaRegistry = await cli('--db', db, 'simulate', fromRegistry, ...args);
    expect(viaRegistry.stderr).toBe('');
    expect(viaRegistry.code).toBe(0);
    const viaFile = await cli('simulate', SCENARIO, ...args);
    type Doc = { summary: unknown; parameters: unknown };
    const a = JSON.parse(viaRegistry.stdout) as Doc;
    const b = JSON.parse(viaFile.stdout) as Doc;
    expect(a.summary).toEqual(b.summary);

    const missing = await cli('--db', db, 'simulate', fromRegistry.replace('.yaml', '-x.yaml'), ...args);
    expect(missing.code).toBe(1);
  });

  it('names a system the registry does not hold', async () => {
    const work = await tempDir();
    const db = join(work, 'registry');
    const file = join(work, 'ghost.yaml');
    await writeFile(
      file,
      (await readFile(SCENARIO, 'utf8')).replace(
        'system: ../cases/oslo-1993.yaml',
        'system: registry:no-such-system',
      ),
    );
    const { code, stderr } = await cli('--db', db, 'simulate', file, '--runs', '5');
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-system');
  });
});
