// Crash safety: an import killed with SIGKILL halfway leaves a registry that opens and holds all of that
// import or none of it. The import runs in a child process (the real CLI); the parent kills it while it
// writes, then opens the registry and counts.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSystem } from '../bench/generate.js';
import { openRegistry } from '../src/store/open.js';
import { ADMIN } from '../src/store/port.js';
import { tempDir } from './support/temp.js';

const ACTORS = 15_000;
const LINKS = 45_000;
const TOTAL = ACTORS + LINKS + 1 + 1 + Math.max(1, Math.floor(ACTORS / 1000)); // + conflict, party, initiatives

/** Runs `multitrack import system FILE --db DIR`; kills it `killAfterMs` after it says it is importing. */
function importAndKill(
  file: string,
  db: string,
  killAfterMs: number,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bin.ts', 'import', 'system', file, '--db', db],
      {
        env: { ...process.env, MULTITRACK_PROGRESS: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (!killed && Number.isFinite(killAfterMs) && chunk.toString().includes('importing')) {
        setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ killed, code }));
  });
}

describe('crash safety of the embedded registry', () => {
  it('an import killed halfway leaves all of it or none of it, and the registry opens', async () => {
    const dir = await tempDir();
    const file = join(dir, 'big.json');
    await writeFile(file, JSON.stringify(generateSystem('crash', ACTORS, LINKS)));
    const outcomes: string[] = [];
    for (const [attempt, delay] of [200, 1500, 4000, Infinity].entries()) {
      const db = join(dir, `db-${attempt}`);
      const { killed } = await importAndKill(file, db, delay);
      const registry = await openRegistry(db);
      try {
        const systems = await registry.systems(ADMIN);
        if (systems.length === 0) outcomes.push(killed ? 'killed: none' : 'finished: none');
        else {
          expect(systems.map((s) => s.id)).toEqual(['crash']);
          expect(await registry.count(ADMIN, 'crash')).toBe(TOTAL);
          outcomes.push(killed ? 'killed: all' : 'finished: all');
        }
      } finally {
        await registry.close();
      }
    }
    // At least one child must really have been killed mid-way for the test to mean anything.
    expect(outcomes.filter((o) => o === 'killed: none').length).toBeGreaterThan(0);
    // And the same import left alone holds everything.
    expect(outcomes[outcomes.length - 1]).toBe('finished: all');
    console.log(`crash test outcomes: ${outcomes.join('; ')}`);
  }, 240_000);
});
