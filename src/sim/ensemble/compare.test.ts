// Paired comparison of strategies on synthetic runs: differences run by run, a bootstrap that is exact
// where every run differs by the same amount, that is seeded, and that is antisymmetric in the pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeRun, fakeRuns } from '../../../test/support/fake-runs.js';
import { PAIRED_METRICS, compareRuns, pairedDifferences } from './compare.js';

const metric = (name: string) => PAIRED_METRICS.findIndex((m) => m.metric === name);
const options = { strategy: 'workshops', against: 'as-is', seed: 7, resamples: 500 };

describe('pairedDifferences', () => {
  // Strategy: runs 0–5 reach a comprehensive agreement; as-is: runs 0–2. Tension 0.1 lower throughout.
  const strategy = fakeRuns(10, (run) => ({
    reached: run < 6 ? { ceasefire: 5, partial: 10, comprehensive: 20 } : {},
    finalTension: 0.4,
    relapses: run === 9 ? 1 : 0,
  }));
  const against = fakeRuns(10, (run) => ({
    reached: run < 3 ? { ceasefire: 5, partial: 10, comprehensive: 30 } : {},
    finalTension: 0.5,
  }));

  it('takes strategy minus against, run by run', () => {
    const d = pairedDifferences(strategy, against);
    expect(Array.from(d[metric('reached:comprehensive')] ?? [])).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(d[metric('relapse')] ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(d[metric('final-tension')] ?? []).every((v) => Math.abs(v + 0.1) < 1e-12)).toBe(true);
  });

  it('refuses runs that are not paired by run index', () => {
    expect(() => pairedDifferences(strategy, against.slice(1))).toThrow(/differ in number/);
    expect(() => pairedDifferences([fakeRun(0)], [fakeRun(1)])).toThrow(/not paired/);
  });

  it('gives mean differences, intervals, the better strategy and the confidence', () => {
    const c = compareRuns(strategy, against, options);
    const comprehensive = c.metrics[metric('reached:comprehensive')];
    expect(comprehensive).toMatchObject({ strategy: 0.6, against: 0.3, better: 'workshops' });
    expect(comprehensive?.difference).toBeCloseTo(0.3, 12);
    expect(comprehensive?.interval.low).toBeGreaterThanOrEqual(0);
    expect(comprehensive?.interval.high).toBeLessThanOrEqual(0.7);
    expect(comprehensive?.confidence).toBeGreaterThan(0.95);
    // Every run 0.1 lower: the bootstrap can only give −0.1.
    const tension = c.metrics[metric('final-tension')];
    expect(tension?.better).toBe('workshops');
    expect(tension?.interval.low).toBeCloseTo(-0.1, 12);
    expect(tension?.interval.high).toBeCloseTo(-0.1, 12);
    expect(tension?.confidence).toBe(1);
    // More relapse is worse: the comparison favours as-is.
    expect(c.metrics[metric('relapse')]).toMatchObject({ better: 'as-is', difference: 0.1 });
    // Nobody reaches implementation: no difference, no better strategy.
    expect(c.metrics[metric('reached:implementation')]).toMatchObject({
      difference: 0,
      interval: { low: 0, high: 0 },
      better: null,
      confidence: null,
    });
    expect(c.method).toMatch(/paired bootstrap, 500 resamples/);
  });

  it('is the same for the same seed, and another seed moves only the intervals', () => {
    const a = compareRuns(strategy, against, options);
    expect(compareRuns(strategy, against, options)).toEqual(a);
    const b = compareRuns(strategy, against, { ...options, seed: 8 });
    expect(b.metrics.map((m) => m.difference)).toEqual(a.metrics.map((m) => m.difference));
  });
});

describe('compareRuns on random runs', () => {
  const run = fc.record({
    comprehensive: fc.boolean(),
    relapses: fc.integer({ min: 0, max: 2 }),
    finalTension: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const runsOf = (xs: readonly { comprehensive: boolean; relapses: number; finalTension: number }[]) =>
    xs.map((x, i) =>
      fakeRun(i, {
        reached: x.comprehensive ? { ceasefire: 1, partial: 2, comprehensive: 3 } : {},
        relapses: x.relapses,
        finalTension: x.finalTension,
      }),
    );

  it('negates every difference and interval when the strategies swap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(run, run), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (pairs, seed) => {
          const a = runsOf(pairs.map(([x]) => x));
          const b = runsOf(pairs.map(([, y]) => y));
          const ab = compareRuns(a, b, { strategy: 'a', against: 'b', seed, resamples: 200 });
          const ba = compareRuns(b, a, { strategy: 'b', against: 'a', seed, resamples: 200 });
          return ab.metrics.every((m, k) => {
            const n = ba.metrics[k];
            if (!n) return false;
            const close = (x: number, y: number) => Math.abs(x - y) < 1e-9;
            const flipped = m.better === null ? n.better === null : n.better === m.better;
            return (
              close(m.difference, -n.difference) &&
              close(m.interval.low, -n.interval.high) &&
              close(m.interval.high, -n.interval.low) &&
              flipped &&
              m.confidence === n.confidence
            );
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the interval ordered and the confidence a share of resamples', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(run, run), { minLength: 1, maxLength: 40 }), (pairs) => {
        const c = compareRuns(runsOf(pairs.map(([x]) => x)), runsOf(pairs.map(([, y]) => y)), {
          ...options,
          resamples: 200,
        });
        return c.metrics.every(
          (m) =>
            m.interval.low <= m.interval.high &&
            (m.confidence === null || (m.confidence >= 0 && m.confidence <= 1)),
        );
      }),
      { numRuns: 60 },
    );
  });
});
