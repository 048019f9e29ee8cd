// consistency: every rule its findings name has a source (seed claim, domain.md section, or the data
// model when the seeds are silent), and the capacity checks name the claim they rest on.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SystemIndex } from '../system-index.js';
import { type SystemInput, SystemSchema } from '../system.js';
import { CONSISTENCY_SOURCES, checkConsistency } from './consistency.js';

const minimal = parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'minimal.yaml'), 'utf8'),
) as SystemInput;

function consistency(change: (s: SystemInput) => void) {
  const input = structuredClone(minimal);
  change(input);
  return checkConsistency(new SystemIndex(SystemSchema.parse(input)));
}

describe('consistency sources', () => {
  it('every source names a seed, a domain.md section or says it is the data model', () => {
    for (const [rule, source] of Object.entries(CONSISTENCY_SOURCES))
      expect(source, rule).toMatch(/seed 00[0-4]|domain\.md §\d|data model/);
    // the claims the audit asked for: capacity vs office rests on seed 003
    expect(CONSISTENCY_SOURCES.capacity).toMatch(/seed 003/);
  });

  it('every finding, across broken variants and the case library, carries a rule with a source', () => {
    const variants: ((s: SystemInput) => void)[] = [
      (s) => {
        s.actors?.push({ id: 'fm-a', name: 'Duplicate', kind: 'person', sector: 'academic' });
      },
      (s) => {
        s.links?.push({ type: 'funds', from: 'nobody', to: 'dialogue' });
      },
      (s) => {
        const i = s.initiatives?.[0] as { start: string; end?: string };
        i.end = '2001';
      },
      (s) => {
        const e = s.engagements?.[0] as { participants: { actor: string; capacity: string }[] };
        e.participants = [{ actor: 'scholar', capacity: 'official' }];
      },
      (s) => {
        (s.initiatives?.[1] as { track?: string }).track = 'Track 2';
      },
      (s) => {
        s.conflict.regimes = [];
        s.conflict.stages = [];
      },
      (s) => {
        s.links?.push({ type: 'feeds-into', from: 'talks', to: 'dialogue' });
      },
    ];
    const rules = new Set<string>();
    for (const change of variants) for (const f of consistency(change)) rules.add(f.rule);
    const cases = join(import.meta.dirname, '..', '..', '..', 'cases');
    for (const name of readdirSync(cases).filter((f) => f.endsWith('.yaml'))) {
      const system = SystemSchema.parse(parse(readFileSync(join(cases, name), 'utf8')));
      for (const f of checkConsistency(new SystemIndex(system))) rules.add(f.rule);
    }
    expect(rules.size).toBeGreaterThanOrEqual(6);
    for (const rule of rules) expect(Object.keys(CONSISTENCY_SOURCES), rule).toContain(rule);
  });

  it('an official capacity without an office cites seed 003', () => {
    const findings = consistency((s) => {
      s.actors?.push({ id: 'aide', name: 'An aide', kind: 'person', sector: 'government' });
      s.engagements?.[1]?.participants.push({ actor: 'aide', capacity: 'official' });
    });
    const hit = findings.find((f) => f.rule === 'capacity' && /no officialRole/.test(f.message));
    expect(hit?.message).toMatch(/seed 003/);
  });
});
