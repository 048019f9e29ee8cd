// Morris screening on functions of known structure: μ* ranks the factors as their weights say, a factor
// the function ignores has μ* = 0, factors that interact or act non-linearly have σ > 0; the design is a
// valid one-at-a-time design on the grid and the same seed draws the same one.
import { describe, expect, it } from 'vitest';
import {
  type MorrisDesign,
  type MorrisFactor,
  MorrisError,
  designPoints,
  elementaryEffects,
  morrisDesign,
  morrisStatistics,
  pointValues,
  readStatistic,
} from './morris.js';

const unit = (name: string): MorrisFactor => ({ name, min: 0, max: 1 });
const FACTORS = ['x1', 'x2', 'x3', 'x4', 'x5'].map(unit);

/** y = 3·x1 + x2² + 0·x3 + x4·x5 on the unit cube. */
const analytic = (x: Record<string, number>) =>
  3 * (x.x1 ?? 0) + (x.x2 ?? 0) ** 2 + 0 * (x.x3 ?? 0) + (x.x4 ?? 0) * (x.x5 ?? 0);

function evaluate(design: MorrisDesign, f: (x: Record<string, number>) => number[]): number[][] {
  return designPoints(design).map((p) => f(pointValues(design, p)));
}

describe('morrisDesign', () => {
  it('moves one factor at a time by ±Δ and stays on the grid', () => {
    for (const levels of [2, 4, 6, 8]) {
      const design = morrisDesign(FACTORS, { seed: 7, levels, trajectories: 12, candidates: 30 });
      expect(design.delta).toBeCloseTo(levels / (2 * (levels - 1)), 12);
      expect(design.trajectories).toHaveLength(12);
      for (const t of design.trajectories) {
        expect(t.points).toHaveLength(FACTORS.length + 1);
        expect([...t.order].sort()).toEqual(FACTORS.map((_, i) => i));
        for (const p of t.points) for (const level of p) expect(level >= 0 && level <= levels - 1).toBe(true);
        for (let j = 0; j < FACTORS.length; j++) {
          const a = t.points[j] as Int32Array;
          const b = t.points[j + 1] as Int32Array;
          const changed = [...a.keys()].filter((i) => a[i] !== b[i]);
          expect(changed).toEqual([t.order[j]]);
          const f = t.order[j] as number;
          const step = ((b[f] as number) - (a[f] as number)) / (levels - 1);
          expect(Math.abs(step)).toBeCloseTo(design.delta, 12);
          expect(Math.sign(step)).toBe(t.signs[j]);
        }
      }
    }
  });

  it('draws the same design for the same seed and another for another seed', () => {
    const a = morrisDesign(FACTORS, { seed: 42, trajectories: 8, candidates: 24 });
    const b = morrisDesign(FACTORS, { seed: 42, trajectories: 8, candidates: 24 });
    const c = morrisDesign(FACTORS, { seed: 43, trajectories: 8, candidates: 24 });
    const flat = (d: MorrisDesign) =>
      designPoints(d)
        .map((p) => [...p].join(','))
        .join(';');
    expect(flat(a)).toBe(flat(b));
    expect(a.spread).toBe(b.spread);
    expect(flat(a)).not.toBe(flat(c));
  });

  it('picks trajectories more spread out than the first r drawn (Campolongo et al. 2007)', () => {
    let better = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const plain = morrisDesign(FACTORS, { seed, trajectories: 6 });
      const picked = morrisDesign(FACTORS, { seed, trajectories: 6, candidates: 40 });
      expect(picked.spread).toBeGreaterThan(0);
      if (picked.spread > plain.spread) better++;
    }
    expect(better).toBeGreaterThanOrEqual(9);
  });

  it('scales levels to each factor’s range, with the ends exact', () => {
    const factors = [
      { name: 'a', min: 0.0002, max: 0.01 },
      { name: 'b', min: 5, max: 40 },
    ];
    const design = morrisDesign(factors, { seed: 3, trajectories: 20 });
    const seen = new Map<string, Set<number>>();
    for (const p of designPoints(design))
      for (const [name, v] of Object.entries(pointValues(design, p))) {
        const spec = factors.find((f) => f.name === name) as MorrisFactor;
        expect(v >= spec.min && v <= spec.max).toBe(true);
        seen.set(name, (seen.get(name) ?? new Set()).add(v));
      }
    expect(seen.get('a')?.has(0.01)).toBe(true);
    expect(seen.get('b')?.has(5)).toBe(true);
    expect(seen.get('b')?.has(40)).toBe(true);
  });

  it('refuses odd levels, a single trajectory, too few candidates and empty or repeated factors', () => {
    expect(() => morrisDesign(FACTORS, { seed: 1, levels: 5 })).toThrow(MorrisError);
    expect(() => morrisDesign(FACTORS, { seed: 1, trajectories: 1 })).toThrow(/trajectories 1/);
    expect(() => morrisDesign(FACTORS, { seed: 1, trajectories: 5, candidates: 4 })).toThrow(/candidates/);
    expect(() => morrisDesign([], { seed: 1 })).toThrow(/at least one factor/);
    expect(() => morrisDesign([unit('a'), unit('a')], { seed: 1 })).toThrow(/twice/);
    expect(() => morrisDesign([{ name: 'a', min: 1, max: 1 }], { seed: 1 })).toThrow(/min < max/);
  });
});

describe('morrisStatistics', () => {
  const design = morrisDesign(FACTORS, { seed: 11, trajectories: 20, candidates: 60 });
  const stats = morrisStatistics(
    design,
    evaluate(design, (x) => [analytic(x)]),
  ).map((s) => s[0] as NonNullable<(typeof s)[0]>);
  const muStar = stats.map((s) => s.muStar);

  it('ranks the factors by their influence: x1, then x2, then x4 and x5, and x3 last', () => {
    const ranked = FACTORS.map((f, i) => ({ name: f.name, m: muStar[i] as number }))
      .sort((a, b) => b.m - a.m)
      .map((r) => r.name);
    expect(ranked.slice(0, 2)).toEqual(['x1', 'x2']);
    expect(ranked.slice(2, 4).sort()).toEqual(['x4', 'x5']);
    expect(ranked[4]).toBe('x3');
  });

  it('gives the linear factor its slope with σ = 0, and the ignored factor μ* = 0', () => {
    expect(stats[0]?.mu).toBeCloseTo(3, 12);
    expect(stats[0]?.muStar).toBeCloseTo(3, 12);
    expect(stats[0]?.sigma).toBeCloseTo(0, 12);
    expect(stats[2]).toEqual({
      mu: 0,
      muStar: 0,
      sigma: 0,
      noise: null,
      noiseFloor: null,
      muStarInterval: null,
    });
    expect(readStatistic(stats[0] as (typeof stats)[0])).toBe('linear');
    expect(readStatistic(stats[2] as (typeof stats)[0])).toBe('negligible');
  });

  it('shows the non-linear factor and the interacting pair through σ > 0', () => {
    for (const i of [1, 3, 4]) expect(stats[i]?.sigma).toBeGreaterThan(0.05);
    // x4·x5: the effect of x4 is x5, between 0 and 1; its mean is near 1/2.
    expect(stats[3]?.muStar).toBeGreaterThan(0.2);
    expect(stats[3]?.muStar).toBeLessThan(0.8);
  });

  it('measures effects per whole range of the factor, whatever its units', () => {
    const factors = [
      { name: 'a', min: 10, max: 20 },
      { name: 'b', min: 0, max: 0.001 },
    ];
    const d = morrisDesign(factors, { seed: 5, trajectories: 4 });
    const s = morrisStatistics(
      d,
      evaluate(d, (x) => [2 * (x.a ?? 0) + 1000 * (x.b ?? 0), -(x.b ?? 0) * 5000]),
    );
    expect(s[0]?.[0]?.mu).toBeCloseTo(20, 9);
    expect(s[1]?.[0]?.mu).toBeCloseTo(1, 9);
    expect(s[1]?.[1]?.mu).toBeCloseTo(-5, 9);
    expect(s[1]?.[1]?.muStar).toBeCloseTo(5, 9);
  });

  it('keeps the elementary effects of each output apart, one per trajectory', () => {
    const ee = elementaryEffects(
      design,
      evaluate(design, (x) => [x.x1 ?? 0, -(x.x3 ?? 0)]),
    );
    expect(ee).toHaveLength(FACTORS.length);
    expect(ee[0]?.[0]).toEqual(new Array(20).fill(1).map(() => expect.closeTo(1, 12)));
    expect(ee[2]?.[1]?.every((v) => Math.abs(v + 1) < 1e-12)).toBe(true);
    expect(ee[1]?.[0]?.every((v) => v === 0)).toBe(true);
  });

  it('brackets μ* with a bootstrap interval over the trajectories, the same for the same seed', () => {
    const y = evaluate(design, (x) => [analytic(x)]);
    const a = morrisStatistics(design, y, { resamples: 500 });
    const b = morrisStatistics(design, y, { resamples: 500 });
    expect(a).toEqual(b);
    for (const row of a) {
      const s = row[0] as NonNullable<(typeof row)[0]>;
      const [low, high] = s.muStarInterval ?? [NaN, NaN];
      expect(low).toBeLessThanOrEqual(s.muStar + 1e-12);
      expect(high).toBeGreaterThanOrEqual(s.muStar - 1e-12);
    }
    expect(a[0]?.[0]?.muStarInterval?.[0]).toBeCloseTo(3, 12);
    expect(a[0]?.[0]?.muStarInterval?.[1]).toBeCloseTo(3, 12);
    const [low, high] = a[3]?.[0]?.muStarInterval ?? [0, 0];
    expect(high).toBeGreaterThan(low);
    expect(() => morrisStatistics(design, y, { resamples: -1 })).toThrow(/resamples/);
  });

  it('turns step errors into a noise floor and reads a μ* under it as noise', () => {
    const k = FACTORS.length;
    const stepErrors = design.trajectories.map(() => Array.from({ length: k }, () => [0.01]));
    const s = morrisStatistics(
      design,
      evaluate(design, (x) => [0.001 * (x.x3 ?? 0) + 3 * (x.x1 ?? 0)]),
      { stepErrors },
    );
    const se = 0.01 / design.delta;
    expect(s[0]?.[0]?.noise).toBeCloseTo(se, 12);
    const floor = Math.sqrt(2 / Math.PI) * se + 2 * Math.sqrt((1 - 2 / Math.PI) * 20) * (se / 20);
    expect(s[0]?.[0]?.noiseFloor).toBeCloseTo(floor, 12);
    expect(readStatistic(s[2]?.[0] as NonNullable<(typeof s)[0][0]>)).toBe('within noise');
    expect(readStatistic(s[0]?.[0] as NonNullable<(typeof s)[0][0]>)).toBe('linear');
  });
});
