// interactionSeries: sums by actor pair, party pair or track pair, month by month, without losing events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../domain/interaction.js';
import { interactionSeries } from './interaction-series.js';

const interaction = fc.record({
  source: fc.constantFrom('a', 'b', 'c'),
  target: fc.constantFrom('a', 'b', 'c'),
  month: fc.constantFrom('2011-06', '2011-07'),
  sourceTrack: fc.constantFrom('1', '2', null),
  targetTrack: fc.constantFrom('1', '9', null),
  events: fc.nat(20),
  mentions: fc.nat(50),
  goldsteinSum: fc.integer({ min: -100, max: 100 }),
  goldsteinCount: fc.nat(20),
  toneSum: fc.integer({ min: -100, max: 100 }),
  toneCount: fc.nat(20),
  quad: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5)),
}) as fc.Arbitrary<Interaction>;

describe('interactionSeries', () => {
  it('property: every grouping keeps every event and mention (parties: of actors with a party)', () => {
    fc.assert(
      fc.property(fc.array(interaction, { maxLength: 40 }), (rows) => {
        const total = (k: 'events' | 'mentions') => rows.reduce((n, r) => n + r[k], 0);
        for (const by of ['actors', 'tracks', 'parties'] as const) {
          const points = interactionSeries(rows, by, (a) => (a === 'c' ? undefined : `p-${a}`));
          const kept = by === 'parties' ? rows.filter((r) => r.source !== 'c' && r.target !== 'c') : rows;
          expect(points.reduce((n, p) => n + p.events, 0)).toBe(kept.reduce((n, r) => n + r.events, 0));
          if (by !== 'parties') expect(points.reduce((n, p) => n + p.mentions, 0)).toBe(total('mentions'));
        }
      }),
    );
  });

  it('means and shares come from the sums', () => {
    const row = (quad: [number, number, number, number]): Interaction => ({
      source: 'a',
      target: 'b',
      month: '2012-01',
      sourceTrack: '1',
      targetTrack: '1',
      events: 4,
      mentions: 8,
      goldsteinSum: 10,
      goldsteinCount: 4,
      toneSum: -2,
      toneCount: 4,
      quad,
    });
    const [p] = interactionSeries([row([2, 1, 1, 0]), row([0, 0, 0, 4])], 'tracks');
    expect(p).toMatchObject({
      from: '1',
      to: '1',
      events: 8,
      goldsteinMean: 2.5,
      toneMean: -0.5,
      cooperative: 3,
      conflictual: 5,
    });
    expect(p?.cooperativeShare).toBeCloseTo(3 / 8);
  });
});
