// Weekly quantile bands and the CSV files: quantiles of known columns, bands ordered by level for any
// runs, and CSVs that parse back with the documented header and the same bytes for the same runs.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeRun, fakeRuns } from '../../../test/support/fake-runs.js';
import { SERIES } from '../system/model.js';
import {
  FINALS_COLUMNS,
  QUANTILE_COLUMNS,
  QUANTILE_LEVELS,
  finalsCsv,
  formatNumber,
  quantileAt,
  quantilesCsv,
  seriesQuantiles,
} from './quantiles.js';

const MODEL = { start: '1992-06', weeks: 3 };

// 100 runs; run r has value r + 100 × week in series 0 and (99 − r) / 100 elsewhere.
const results = fakeRuns(100, (run) => ({
  series: { weeks: 3, value: (s, w) => (s === 0 ? run + 100 * w : (99 - run) / 100) },
}));

describe('seriesQuantiles', () => {
  const q = seriesQuantiles(MODEL, results);

  it('gives the 5/25/50/75/95% quantiles of each week and series', () => {
    expect(QUANTILE_LEVELS.map((_, l) => quantileAt(q, 0, 0, l))).toEqual([4.95, 24.75, 49.5, 74.25, 94.05]);
    expect(QUANTILE_LEVELS.map((_, l) => quantileAt(q, 0, 2, l))).toEqual([
      204.95, 224.75, 249.5, 274.25, 294.05,
    ]);
    expect(quantileAt(q, 3, 1, 2)).toBeCloseTo(0.495, 12);
  });

  it('refuses runs that did not keep their series', () => {
    expect(() => seriesQuantiles(MODEL, [fakeRun(0)])).toThrow(/keepSeries/);
  });

  it('orders the bands by level, whatever the runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 30,
        }),
        (values) => {
          const runs = values.map((v, run) =>
            fakeRun(run, { series: { weeks: 2, value: (_, w) => v[w] ?? 0 } }),
          );
          const bands = seriesQuantiles({ start: '2000', weeks: 2 }, runs);
          for (let s = 0; s < SERIES.length; s++)
            for (let w = 0; w < 2; w++)
              for (let l = 1; l < QUANTILE_LEVELS.length; l++)
                if (quantileAt(bands, s, w, l - 1) > quantileAt(bands, s, w, l)) return false;
          return true;
        },
      ),
    );
  });
});

describe('quantilesCsv', () => {
  const text = quantilesCsv(seriesQuantiles(MODEL, results));
  const rows = parse(text) as string[][];

  it('has the header week,date,series,q05,q25,q50,q75,q95 and a row per week and series', () => {
    expect(rows[0]).toEqual([...QUANTILE_COLUMNS]);
    expect(rows[0]?.join(',')).toBe('week,date,series,q05,q25,q50,q75,q95');
    expect(rows).toHaveLength(1 + 3 * SERIES.length);
    expect(rows[1]).toEqual(['0', '1992-06-01', 'tension', '4.95', '24.75', '49.5', '74.25', '94.05']);
    expect(rows[1 + SERIES.length]?.slice(0, 3)).toEqual(['1', '1992-06-08', 'tension']);
  });

  it('is the same bytes for the same runs', () => {
    expect(quantilesCsv(seriesQuantiles(MODEL, results))).toBe(text);
  });
});

describe('finalsCsv', () => {
  it('has a row per run with the week and date of each stage, empty when never reached', () => {
    const text = finalsCsv('1992-06', [
      fakeRun(0, { reached: { ceasefire: 2 }, finalTension: 1 / 3, relapses: 1, weeksAtWar: 4 }),
      fakeRun(1, { relapsedAfterAgreement: true }),
    ]);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...FINALS_COLUMNS]);
    expect(rows[0]).toMatchObject({
      run: '0',
      final_tension: '0.333333',
      relapses: '1',
      weeks_at_war: '4',
      relapsed_after_agreement: 'false',
      pre_negotiation_week: '0',
      ceasefire_week: '2',
      ceasefire_date: '1992-06-15',
      partial_week: '',
      partial_date: '',
    });
    expect(rows[1]?.relapsed_after_agreement).toBe('true');
  });
});

describe('formatNumber', () => {
  it('rounds to six decimals, drops trailing zeros and never writes -0', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0.0000001)).toBe('0');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(NaN)).toBe('');
  });
});
