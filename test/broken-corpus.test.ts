// The corpus of broken system files: each must fail validation (exit 1) with a message on stderr that
// names the right line and field, and no stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/run-cli.js';

const dir = join(import.meta.dirname, 'fixtures', 'broken');
const expectations = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8')) as Record<
  string,
  { line: number; field: string; why: string }
>;

describe('broken system files', () => {
  it('the corpus holds at least 30 files', () => {
    expect(Object.keys(expectations).length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, expected] of Object.entries(expectations)) {
    it(`${name}: ${expected.why}`, async () => {
      const file = join(dir, name);
      const { code, stderr, stdout } = await cli('validate', file);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
      const errors = stderr
        .split('\n')
        .filter((l) => l.startsWith(`${file}:`) && !/^\S+:\d+:\d+: (warning|info):/.test(l));
      const hit = errors.find((l) => {
        const m = /^.+?:(\d+):(\d+): (.*)$/.exec(l);
        if (!m) return false;
        const message = m[3] ?? '';
        return (
          Number(m[1]) === expected.line &&
          (expected.field === '' || message.startsWith(`${expected.field}: `))
        );
      });
      expect(
        hit,
        `expected an error at line ${expected.line} naming "${expected.field}", got:\n${stderr}`,
      ).toBeDefined();
    });
  }

  it('reports every file of a multi-file call and fails when one is broken', async () => {
    const good = join(import.meta.dirname, 'fixtures', 'minimal.yaml');
    const bad = join(dir, 'unknown-sector.yaml');
    const { code, stdout, stderr } = await cli('validate', good, bad);
    expect(code).toBe(1);
    expect(stdout).toContain('minimal.yaml: valid');
    expect(stderr).toContain('unknown-sector.yaml:');
  });

  it('--json gives one document with the problems', async () => {
    const { code, stdout } = await cli('validate', join(dir, 'binding-track-2-outcome.yaml'), '--json');
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as {
      valid: boolean;
      files: { problems: { field: string; rule: string }[] }[];
    };
    expect(doc.valid).toBe(false);
    expect(
      doc.files[0]?.problems.some((p) => p.field === 'outcomes[0].binding' && p.rule === 'authority'),
    ).toBe(true);
  });

  it('a missing file is a clear error, not a crash', async () => {
    const { code, stderr } = await cli('validate', join(dir, 'no-such-file.yaml'));
    expect(code).toBe(1);
    expect(stderr).toContain('no such file');
  });
});
