// The CLI contracts of ARCHITECTURE.md: --json prints one document on stdout, exit codes 0/1/2/3, help
// that teaches, and no stack traces for user mistakes — checked in-process and in a real process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from './support/run-cli.js';

const root = join(import.meta.dirname, '..');
const exec = promisify(execFile);

async function subprocess(...argv: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...argv], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('multitrack CLI', () => {
  it('classify --json gives {"track", "reason"} for the issue’s example', async () => {
    const { code, stdout } = await cli(
      'classify',
      '--participant',
      'government:personal',
      '--participant',
      'think-tank:personal',
      '--json',
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { track: string; reason: string };
    expect(doc.track).toBe('1.5');
    expect(doc.reason).toMatch(/personal capacity/);
  });

  it('classify --actor reads actor texts, not surface words', async () => {
    const ask = async (text: string) =>
      JSON.parse((await cli('classify', '--actor', text, '--json')).stdout) as {
        track: string | null;
        status: string;
      };
    expect(await ask('For the Government of Norway')).toMatchObject({ track: '1' });
    expect(await ask('Minister of Information')).toMatchObject({ track: '1' });
    expect(await ask('New Sudan Council of Churches')).toMatchObject({ track: '7' });
    expect(await ask('Witnessed by:')).toMatchObject({ track: null, status: 'no-actor' });
    expect((await cli('classify', '--actor', 'x', '-p', 'ngo:personal')).code).toBe(2);
  });

  it('classify accepts every sector the issue lists', async () => {
    const sectors = [
      'government',
      'military',
      'igo',
      'ngo',
      'academic',
      'think-tank',
      'business',
      'citizen',
      'research',
      'education',
      'activist',
      'religious',
      'funder',
      'media',
    ];
    for (const sector of sectors) {
      const { code } = await cli('classify', '-p', `${sector}:personal`, '--json');
      expect(code, sector).toBe(0);
    }
  });

  it('classify: bad input exits 1 with the accepted values; no participant is a usage error (2)', async () => {
    const bad = await cli('classify', '-p', 'wizard:personal');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown sector "wizard"; expected one of: government/);
    const none = await cli('classify');
    expect(none.code).toBe(2);
  });

  it('an unknown command or option is a usage error (2)', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('tracks', '--colour')).code).toBe(2);
  });

  it('tracks --json lists the taxonomy, sectors and conventions; --label maps a label', async () => {
    const { stdout } = await cli('tracks', '--json');
    const doc = JSON.parse(stdout) as { tracks: { id: string }[]; conventions: { id: string }[] };
    expect(doc.tracks.map((t) => t.id)).toEqual(['1', '1.5', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(doc.conventions.map((c) => c.id)).toContain('three-level');
    const label = JSON.parse(
      (await cli('tracks', '--label', 'Track 3', '--convention', 'three-level', '--json')).stdout,
    );
    expect(label).toMatchObject({ kind: 'track', track: '4' });
    const unknown = await cli('tracks', '--label', 'Track Twelve');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/accepted/);
  });

  it('schema prints a JSON Schema that requires the conflict', async () => {
    const { code, stdout } = await cli('schema');
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toContain('conflict');
    expect(Object.keys(schema.properties)).toContain('initiatives');
  });

  it('cases --json lists the library; cases show names unknown ids', async () => {
    const list = JSON.parse((await cli('cases', '--json')).stdout) as { cases: { id: string }[] };
    expect(list.cases.map((c) => c.id)).toContain('oslo-1993');
    const shown = JSON.parse((await cli('cases', 'show', 'oslo-1993', '--json')).stdout) as {
      sources: unknown[];
    };
    expect(shown.sources.length).toBeGreaterThan(0);
    const missing = await cli('cases', 'show', 'atlantis');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no case "atlantis".*oslo-1993/);
  });

  it('effectiveness filters the table and rejects unknown values', async () => {
    const doc = JSON.parse(
      (await cli('effectiveness', '--track', '2', '--stage', 'war', '--json')).stdout,
    ) as {
      cells: { effect: string }[];
    };
    expect(doc.cells).toHaveLength(6);
    expect((await cli('effectiveness', '--stage', 'peace')).code).toBe(1);
  });

  it('in a real process: --help teaches, user errors exit 1 without a stack trace', async () => {
    const help = await subprocess('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Start here:/);
    const bad = await subprocess('validate', 'test/fixtures/broken/binding-track-2-outcome.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/binding-track-2-outcome\.yaml:\d+:\d+: outcomes\[0\]\.binding:/);
    expect(bad.stderr).not.toMatch(/\s+at \S+ \(/);
    const usage = await subprocess('describe');
    expect(usage.code).toBe(2);
  });
});
