// The SVG charts: well-formed XML with a title, axes, a legend and the calibration credit; the same bytes
// for the same input; text escaped; the stage curves as cumulative shares of runs.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fakeRuns } from '../../../test/support/fake-runs.js';
import { SERIES } from '../system/model.js';
import { CALIBRATION_CREDIT, fanChart, stageChart, stageCurves } from './charts.js';
import { seriesQuantiles } from './quantiles.js';

const WEEKS = 60;
const results = fakeRuns(50, (run) => ({
  reached: run % 2 === 0 ? { ceasefire: run, partial: run + 5 } : {},
  series: { weeks: WEEKS, value: (s, w) => Math.min(1, (run / 50) * (w / WEEKS) + s / 20) },
}));
const quantiles = seriesQuantiles({ start: '1992-06', weeks: WEEKS }, results);

interface SvgNode {
  svg: { title: string; text: unknown[]; path: unknown[] | unknown };
}

function parseSvg(text: string): SvgNode {
  expect(XMLValidator.validate(text)).toBe(true);
  return new XMLParser({ ignoreAttributes: false }).parse(text) as SvgNode;
}

/** Every piece of text in the chart. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<'),
  );
}

describe('fanChart', () => {
  const input = {
    series: 'tension' as const,
    quantiles,
    scenario: 'Oslo & after',
    strategy: 'as-is',
    seed: 3,
  };
  const svg = fanChart(input);

  it('is well-formed SVG with a title, axis labels, a legend and the credit', () => {
    const doc = parseSvg(svg);
    expect(doc.svg.title).toBe('Tension (0–1): Oslo & after');
    const all = texts(svg);
    expect(all).toContain('Tension (0–1): Oslo & after');
    expect(all).toContain('5–95% of runs');
    expect(all).toContain('25–75% of runs');
    expect(all).toContain('median');
    expect(all).toContain('1992-06');
    expect(all.some((t) => t.startsWith('week (week 0 = 1992-06-01'))).toBe(true);
    expect(all).toContain(CALIBRATION_CREDIT);
    expect(svg).toContain('Oslo &amp; after');
  });

  it('is the same bytes for the same input, and differs for another series', () => {
    expect(fanChart(input)).toBe(svg);
    expect(fanChart({ ...input, series: 'violence' })).not.toBe(svg);
  });

  it('draws every series', () => {
    for (const series of SERIES) parseSvg(fanChart({ ...input, series }));
  });

  it('writes coordinates with at most two decimals', () => {
    const numbers = [...svg.matchAll(/-?\d+\.\d+/g)].map((m) => m[0]);
    expect(numbers.every((n) => (n.split('.')[1] ?? '').length <= 2)).toBe(true);
  });
});

describe('stageCurves', () => {
  it('is the share of runs that have reached each stage by each week', () => {
    const curves = stageCurves(results, WEEKS);
    const ceasefire = curves[1] as Float64Array;
    expect(ceasefire[0]).toBeCloseTo(1 / 50, 12);
    expect(ceasefire[9]).toBeCloseTo(5 / 50, 12);
    expect(ceasefire[WEEKS - 1]).toBeCloseTo(0.5, 12);
    expect(curves[0]?.[0]).toBe(1);
    expect(Array.from(curves[3] as Float64Array).every((v) => v === 0)).toBe(true);
    for (const curve of curves)
      for (let w = 1; w < WEEKS; w++)
        expect(curve[w] as number).toBeGreaterThanOrEqual(curve[w - 1] as number);
  });
});

describe('stageChart', () => {
  const input = {
    scenario: 'Oslo',
    start: '1992-06',
    weeks: WEEKS,
    runs: 50,
    seed: 1,
    strategies: [
      { strategy: 'backchannel', curves: stageCurves(results, WEEKS) },
      { strategy: 'track-1-alone', curves: stageCurves(results.slice(0, 25), WEEKS) },
    ],
  };

  it('is well-formed SVG with a line per stage and strategy, and a legend of both', () => {
    const svg = stageChart(input);
    const doc = parseSvg(svg);
    expect(Array.isArray(doc.svg.path) ? doc.svg.path : [doc.svg.path]).toHaveLength(8);
    const all = texts(svg);
    for (const label of [
      'ceasefire',
      'partial',
      'comprehensive',
      'implementation',
      'backchannel',
      'track-1-alone',
    ])
      expect(all).toContain(label);
    expect(all).toContain('100%');
    expect(all).toContain(CALIBRATION_CREDIT);
    expect(stageChart(input)).toBe(svg);
  });
});
