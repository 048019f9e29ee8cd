// One process at a time on an embedded registry: a second process is told which process holds it and
// changes nothing; a lock left by a process that is gone (killed) is taken over.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegistry } from '../src/store/open.js';
import { LOCK_FILE } from '../src/store/pglite/index.js';
import { ADMIN } from '../src/store/port.js';
import { tempDir } from './support/temp.js';

const importCase = (db: string) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/bin.ts', 'import', 'system', 'cases/oslo-1993.yaml', '--db', db],
    { encoding: 'utf8' },
  );

describe('the embedded registry lock', () => {
  it('turns a second process away while the registry is open, and lets it in once closed', async () => {
    const db = join(await tempDir(), 'db');
    const registry = await openRegistry(db);
    try {
      expect(Number((await readFile(join(db, LOCK_FILE), 'utf8')).trim())).toBe(process.pid);
      const turnedAway = importCase(db);
      expect(turnedAway.status).toBe(1);
      expect(turnedAway.stderr).toContain(`it is in use by process ${process.pid}`);
      expect(turnedAway.stderr).not.toMatch(/\n\s+at /);
      expect(await registry.systems(ADMIN)).toEqual([]);
    } finally {
      await registry.close();
    }
    const admitted = importCase(db);
    expect(admitted.stderr).not.toContain('in use');
    expect(admitted.status).toBe(0);
  }, 120_000);

  it('takes over a lock left by a process that is gone', async () => {
    const db = join(await tempDir(), 'db');
    await (await openRegistry(db)).close();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    await writeFile(join(db, LOCK_FILE), `${gone.stdout}\n`);
    const registry = await openRegistry(db);
    try {
      expect(Number((await readFile(join(db, LOCK_FILE), 'utf8')).trim())).toBe(process.pid);
    } finally {
      await registry.close();
    }
  });
});
