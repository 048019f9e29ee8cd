// The ensemble summary: the Wilson interval against Newcombe's published values, type-7 quantiles on
// known arrays, week dates, and a summary of synthetic runs whose every figure can be worked by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeRuns } from '../../../test/support/fake-runs.js';
import { mean, meanInterval, quantile, sorted, summarize, weekDate, wilson } from './summary.js';

describe('wilson', () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score interval).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives %f – %f', (x, n, low, high) => {
    const interval = wilson(x, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is symmetric: x of n mirrors n − x of n', () => {
    const a = wilson(3, 17);
    const b = wilson(14, 17);
    expect(a.low).toBeCloseTo(1 - b.high, 12);
    expect(a.high).toBeCloseTo(1 - b.low, 12);
  });

  it('stays in [0, 1] and contains the observed share', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100_000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const { low, high } = wilson(x, n);
          return 0 <= low && low <= x / n + 1e-12 && x / n - 1e-12 <= high && high <= 1;
        },
      ),
    );
  });

  it('is the whole of [0, 1] with no runs', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('quantile', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([15, 20, 35, 40, 50], 0.4)).toBe(29);
    expect(quantile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(quantile([15, 20, 35, 40, 50], 1)).toBe(50);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('is monotone in the level and stays within the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const s = sorted(values);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = quantile(s, lo);
          const b = quantile(s, hi);
          return a <= b && (s[0] as number) <= a && b <= (s[s.length - 1] as number);
        },
      ),
    );
  });
});

describe('meanInterval', () => {
  it('is mean ± 1.96 sd / √n', () => {
    const values = [0.2, 0.4, 0.6, 0.8];
    const sd = Math.sqrt(((0.3 ** 2 + 0.1 ** 2) * 2) / 3);
    const { low, high } = meanInterval(values);
    expect(low).toBeCloseTo(0.5 - (1.959963984540054 * sd) / 2, 12);
    expect(high).toBeCloseTo(0.5 + (1.959963984540054 * sd) / 2, 12);
  });

  it('contains the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), (values) => {
        const m = mean(values);
        const { low, high } = meanInterval(values);
        return low <= m + 1e-12 && m - 1e-12 <= high;
      }),
    );
  });
});

describe('weekDate', () => {
  it('counts whole weeks from the first day of a partial date', () => {
    expect(weekDate('1992-06', 0)).toBe('1992-06-01');
    expect(weekDate('1992-06', 1)).toBe('1992-06-08');
    expect(weekDate('1992', 52)).toBe('1992-12-30');
    expect(weekDate('1993-09-13', 0.5)).toBe('1993-09-17');
  });
});

describe('summarize', () => {
  // Ten runs: runs 0–3 reach a ceasefire at weeks 10, 20, 30, 40; runs 0 and 1 go on to a comprehensive
  // agreement, run 1 relapses after it; runs 1 and 5 relapse; final tension 0.1 × run.
  const results = fakeRuns(10, (run) => ({
    reached:
      run < 4
        ? {
            ceasefire: 10 * (run + 1),
            partial: run < 2 ? 50 : undefined,
            comprehensive: run < 2 ? 60 + run : undefined,
          }
        : {},
    relapses: run === 1 || run === 5 ? 1 : 0,
    relapsedAfterAgreement: run === 1,
    finalTension: run / 10,
    peakViolence: run / 20,
    weeksAtWar: run < 5 ? 0 : run,
  }));
  const summary = summarize({ scenario: 'test', strategy: 'as-is', start: '1992-06', weeks: 100 }, results);

  it('gives the chance of each stage with its Wilson interval', () => {
    expect(summary.stages.map((s) => [s.stage, s.runs, s.chance])).toEqual([
      ['pre-negotiation', 10, 1],
      ['ceasefire', 4, 0.4],
      ['partial', 2, 0.2],
      ['comprehensive', 2, 0.2],
      ['implementation', 0, 0],
    ]);
    expect(summary.stages[1]?.interval).toEqual(wilson(4, 10));
  });

  it('times a stage among the runs that reach it, in weeks and dates', () => {
    expect(summary.stages[1]?.timing).toEqual({
      p10Week: 13,
      medianWeek: 25,
      p90Week: 37,
      p10: '1992-08-31',
      median: '1992-11-23',
      p90: '1993-02-15',
    });
    expect(summary.stages[4]?.timing).toBeNull();
  });

  it('gives relapse overall and after a comprehensive agreement', () => {
    expect(summary.relapse).toEqual({ of: 10, runs: 2, rate: 0.2, interval: wilson(2, 10) });
    expect(summary.relapseAfterAgreement).toEqual({ of: 2, runs: 1, rate: 0.5, interval: wilson(1, 2) });
  });

  it('gives final tension with a normal interval of the mean, peak violence and weeks at war', () => {
    expect(summary.finalTension.mean).toBeCloseTo(0.45, 12);
    expect(summary.finalTension.interval).toEqual(meanInterval(results.map((r) => r.finalTension)));
    expect(summary.finalTension.median).toBeCloseTo(0.45, 12);
    expect(summary.peakViolence.p90).toBeCloseTo(0.405, 12);
    expect(summary.weeksAtWar).toMatchObject({ mean: 3.5, share: 0.5 });
  });

  it('has no relapse rate after agreement when no run reaches one', () => {
    const none = summarize(
      { scenario: 'test', strategy: 'as-is', start: '2000', weeks: 10 },
      fakeRuns(3, () => ({})),
    );
    expect(none.relapseAfterAgreement).toEqual({ of: 0, runs: 0, rate: null, interval: null });
  });
});
