// Registry commands given bad input or a reader that goes away: a moment or date that does not exist
// and a limit that is not a positive whole number are usage errors (exit 2) naming the expected form, at
// the CLI and at the store; a closed stdout (`history | head -1`) ends the command quietly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRegistry } from '../src/store/open.js';
import { ADMIN, BadRequestError } from '../src/store/port.js';
import { cli } from './support/run-cli.js';
import { tempDir } from './support/temp.js';

const db = join(await tempDir(), 'db');
const mt = (...args: string[]) => cli('--db', db, ...args);

beforeAll(async () => {
  expect((await mt('import', 'system', 'cases/oslo-1993.yaml')).code).toBe(0);
}, 120_000);

/** Runs the CLI in a child whose stdout is closed before it writes; its exit code and stderr. */
const withClosedStdout = (args: readonly string[]) =>
  new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args]);
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });

describe('time options', () => {
  it.each([
    ['--as-of', 'garbage', /--as-of garbage: expected an ISO 8601 moment/],
    ['--as-of', '2026-13-01', /--as-of 2026-13-01: month 13 is out of range/],
    ['--as-of', '2026-11-22T25:00:00Z', /--as-of .*: the time of day is out of range/],
    ['--on', 'banana', /--on banana: expected a date as YYYY, YYYY-MM or YYYY-MM-DD/],
    ['--on', '1993-13-45', /--on 1993-13-45: month 13 is out of range/],
  ])('%s %s is a usage error naming the expected form', async (flag, value, message) => {
    for (const args of [
      ['list', 'oslo-1993'],
      ['show', 'oslo-1993/fafo'],
      ['export', 'system', 'oslo-1993'],
    ]) {
      const result = await mt(...args, flag, value);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/internal error|invalid input syntax/);
    }
  });

  it('the store refuses a moment or date that does not exist in words, never with a database error', async () => {
    const registry = await openRegistry(join(await tempDir(), 'db'));
    try {
      for (const time of [
        { asOf: 'garbage' },
        { asOf: '2026-13-01' },
        { on: 'banana' },
        { on: '1993-13-45' },
      ])
        await expect(registry.list(ADMIN, 'oslo-1993', time), JSON.stringify(time)).rejects.toThrow(
          BadRequestError,
        );
      await expect(registry.search(ADMIN, 'oslo', { limit: 0 })).rejects.toThrow(BadRequestError);
    } finally {
      await registry.close();
    }
  });
});

describe('--limit', () => {
  it.each(['0', '-3', '2.5', 'ten', ''])('--limit "%s" is a usage error', async (value) => {
    const result = await mt('search', 'backchannel', '--limit', value);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--limit .*: expected a positive whole number/);
  });

  it('a positive whole number limits the hits', async () => {
    const result = await mt('search', 'Oslo', '--limit', '1', '--json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { hits: unknown[] }).hits).toHaveLength(1);
  });
});

describe('a reader that closes stdout', () => {
  it('ends the development entry point quietly', async () => {
    const result = await withClosedStdout(['src/cli/bin.ts', '--db', db, 'history']);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.code).toBe(0);
  }, 60_000);

  it('ends the installed entry point quietly too (its writes go through processIo)', async () => {
    const script = `import { run } from './src/cli/main.ts'; process.exitCode = await run(['--db', ${JSON.stringify(db)}, 'history']);`;
    const result = await withClosedStdout(['--input-type=module', '-e', script]);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.code).toBe(0);
  }, 60_000);
});
