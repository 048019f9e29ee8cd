// One process at a time on an embedded registry: a second process is told which process holds it and
// changes nothing; a lock left by a process that is gone (killed) is taken over.
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs the CLI in a child process, without waiting for it: the code, stdout and stderr when it ends. */
const started = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });

describe('the embedded registry lock', () => {
  it('three simultaneous imports: each one either imports all of its system or is turned away', async () => {
    const db = join(await tempDir(), 'db');
    const cases = ['oslo-1993', 'jcpoa-2015', 'camp-david-1978'];
    const runs = await Promise.all(
      cases.map((c) => started('import', 'system', `cases/${c}.yaml`, '--db', db, '--json')),
    );
    const imported: string[] = [];
    runs.forEach((r, i) => {
      expect(r.stderr).not.toMatch(/\n\s+at |Aborted|internal error/);
      if (r.code === 0) imported.push(cases[i] as string);
      else {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`the registry ${db} is in use by process \\d+; `));
      }
    });
    expect(imported.length).toBeGreaterThan(0);
    const registry = await openRegistry(db);
    try {
      const held = await registry.systems(ADMIN);
      expect(held.map((s) => s.id).sort()).toEqual([...imported].sort());
      for (const s of held) expect(s.records).toBeGreaterThan(10);
    } finally {
      await registry.close();
    }
  }, 180_000);

  it('turns a second process away while the registry is open, and lets it in once closed', async () => {
    const db = join(await tempDir(), 'db');
    const registry = await openRegistry(db);
    try {
      expect(Number((await readFile(join(db, LOCK_FILE), 'utf8')).trim())).toBe(process.pid);
      const turnedAway = importCase(db);
      expect(turnedAway.status).toBe(1);
      expect(turnedAway.stderr).toContain(`the registry ${db} is in use by process ${process.pid}`);
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
