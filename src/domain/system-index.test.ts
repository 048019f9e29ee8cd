// The index's initiative track counts people, not appearances: each (actor, capacity) once, however many
// meetings they attended, so a reason such as "4 officials … with 3 non-officials" counts 7 people.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify } from './rules/classify.js';
import { sectorById } from './sector.js';
import { SystemIndex } from './system-index.js';
import { type SystemInput, SystemSchema } from './system.js';

const minimal = parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'minimal.yaml'), 'utf8'),
) as SystemInput;

type Capacity = 'official' | 'personal';
/** Actors of minimal.yaml with the capacities each may take (officials either, others personal only). */
const PEOPLE: readonly { actor: string; capacities: readonly Capacity[] }[] = [
  { actor: 'fm-a', capacities: ['official', 'personal'] },
  { actor: 'fm-b', capacities: ['official', 'personal'] },
  { actor: 'scholar', capacities: ['personal'] },
  { actor: 'foundation', capacities: ['personal'] },
];

const attendance = fc
  .constantFrom(...PEOPLE)
  .chain((p) => fc.constantFrom(...p.capacities).map((capacity) => ({ actor: p.actor, capacity })));

/** The "talks" initiative holding the given meetings (each a non-empty list of participants). */
function talksWith(meetings: readonly (readonly { actor: string; capacity: Capacity }[])[]) {
  const input = structuredClone(minimal);
  input.engagements = [
    ...(input.engagements ?? []).filter((e) => e.initiative !== 'talks'),
    ...meetings.map((participants, i) => ({
      id: `round-${i + 1}`,
      name: `Round ${i + 1}`,
      initiative: 'talks',
      date: '2003-06-02',
      participants: [...participants],
    })),
  ];
  const system = SystemSchema.parse(input);
  const index = new SystemIndex(system);
  const talks = index.initiative('talks');
  if (!talks) throw new Error('minimal.yaml has no "talks" initiative');
  return { index, talks, system };
}

describe('SystemIndex.initiativeTrack', () => {
  it('counts each person once across repeated meetings', () => {
    const round = [
      { actor: 'fm-a', capacity: 'official' as const },
      { actor: 'fm-b', capacity: 'official' as const },
      { actor: 'scholar', capacity: 'personal' as const },
    ];
    const { index, talks } = talksWith([round, round, round]);
    expect(index.initiativeTrack(talks).derived?.reason).toBe(
      '2 officials acting officially together with 1 non-official',
    );
  });

  it('derives the same track and reason as classifying the distinct (actor, capacity) pairs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(attendance, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (meetings) => {
          const { index, talks, system } = talksWith(meetings);
          const distinct = new Map<string, { actor: string; capacity: Capacity }>();
          for (const p of meetings.flat()) distinct.set(`${p.actor}/${p.capacity}`, p);
          const sectorOf = (id: string) => system.actors.find((a) => a.id === id)?.sector ?? 'unclassified';
          const expected = classify(
            [...distinct.values()].map((p) => ({ sector: sectorOf(p.actor), capacity: p.capacity })),
          );
          const derived = index.initiativeTrack(talks).derived;
          expect(derived?.track).toBe(expected.track);
          expect(derived?.reason).toBe(expected.reason);
          // every head count in the reason is at most the number of distinct people-in-capacity
          for (const m of (derived?.reason ?? '').matchAll(/(\d+) (?:official|non-official|participant)/g))
            expect(Number(m[1])).toBeLessThanOrEqual(distinct.size);
        },
      ),
    );
  });

  it('repeating every meeting never changes the derived track or reason (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(attendance, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        (meetings) => {
          const once = talksWith(meetings);
          const twice = talksWith([...meetings, ...meetings]);
          expect(twice.index.initiativeTrack(twice.talks).derived).toEqual(
            once.index.initiativeTrack(once.talks).derived,
          );
        },
      ),
    );
  });

  it('keeps one entry per capacity: the same official once officially and once personally counts in both', () => {
    const { index, talks } = talksWith([
      [{ actor: 'fm-a', capacity: 'official' }],
      [{ actor: 'fm-a', capacity: 'personal' }],
    ]);
    expect(sectorById('government').official).toBe(true);
    expect(index.initiativeTrack(talks).derived?.reason).toBe(
      '1 official takes part in a personal capacity and 1 official acting officially',
    );
  });
});
