// The static models: the compromise model's published DEU score, and properties every weighted mean and
// weighted median must have (checked with fast-check on random issues).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDeuText } from './deu.js';
import type { Issue } from './issue.js';
import { compromise, weightedMedian, weightedMedianOf } from './spatial.js';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');

const stakeholder = fc.record({
  position: fc.double({ min: -1000, max: 1000, noNaN: true }),
  // Zero, or a salience well above the subnormal range: scaling a subnormal salience underflows to 0,
  // which no weighted mean can be invariant to.
  salience: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })),
  capability: fc.double({ min: 0, max: 10, noNaN: true }),
});

const issueArb = fc.array(stakeholder, { minLength: 1, maxLength: 30 }).map((list): Issue => ({
  id: 'random',
  scale: { min: -1000, max: 1000 },
  stakeholders: list.map((s, i) => ({ id: `a${i}`, name: `a${i}`, ...s })),
  engagements: [],
}));

describe('compromise model', () => {
  it('scores MAE 23.43 (±0.01) on the 262 DEU issues with outcomes, salience-only weights', async () => {
    const file = join(DATA, 'deu', 'deu-issues-dev.tsv');
    const reading = readDeuText(file, await readFile(file, 'utf8'));
    if (!reading.ok) throw new Error(reading.problems.map((p) => p.message).join('; '));
    const scored = reading.set.issues.filter((i) => i.outcome !== undefined);
    expect(scored).toHaveLength(262);
    const errors = scored.map((i) => Math.abs(compromise(i) - (i.outcome ?? NaN)));
    const mae = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(Math.abs(mae - 23.43)).toBeLessThanOrEqual(0.01);
  });

  it('lies within [min, max] of the positions', () => {
    fc.assert(
      fc.property(issueArb, fc.boolean(), (issue, capability) => {
        const f = compromise(issue, { capability });
        const xs = issue.stakeholders.map((s) => s.position);
        expect(f).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
        expect(f).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
      }),
    );
  });

  it('is invariant to scaling all saliences by the same factor', () => {
    fc.assert(
      fc.property(issueArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (issue, k) => {
        const scaled = {
          ...issue,
          stakeholders: issue.stakeholders.map((s) => ({ ...s, salience: s.salience * k })),
        };
        expect(compromise(scaled)).toBeCloseTo(compromise(issue), 6);
      }),
    );
  });

  it('gives no weight to an actor with a position but no salience', () => {
    fc.assert(
      fc.property(issueArb, fc.double({ min: -1000, max: 1000, noNaN: true }), (issue, x) => {
        fc.pre(issue.stakeholders.some((s) => s.salience > 1e-6));
        const added = {
          ...issue,
          stakeholders: [
            ...issue.stakeholders,
            { id: 'silent', name: 'silent', position: x, salience: 0, capability: 1 },
          ],
        };
        expect(compromise(added)).toBeCloseTo(compromise(issue), 6);
      }),
    );
  });
});

describe('weighted median', () => {
  it('is the position of some actor', () => {
    fc.assert(
      fc.property(issueArb, fc.boolean(), (issue, capability) => {
        const m = weightedMedian(issue, { capability });
        expect(issue.stakeholders.map((s) => s.position)).toContain(m);
      }),
    );
  });

  it('minimises the weighted distance to all positions among the positions held', () => {
    fc.assert(
      fc.property(issueArb, (issue) => {
        const w = issue.stakeholders.map((s) => s.salience);
        fc.pre(w.some((v) => v > 0));
        const cost = (y: number) =>
          issue.stakeholders.reduce((a, s) => a + s.salience * Math.abs(s.position - y), 0);
        const m = weightedMedian(issue);
        for (const s of issue.stakeholders)
          expect(cost(m)).toBeLessThanOrEqual(cost(s.position) + 1e-6 * (1 + cost(m)));
      }),
    );
  });

  it('is invariant to scaling all saliences', () => {
    fc.assert(
      fc.property(issueArb, fc.integer({ min: 2, max: 100 }), (issue, k) => {
        const scaled = {
          ...issue,
          stakeholders: issue.stakeholders.map((s) => ({ ...s, salience: s.salience * k })),
        };
        expect(weightedMedian(scaled)).toBe(weightedMedian(issue));
      }),
    );
  });

  it('breaks an exact half-and-half tie towards the weighted mean', () => {
    // Half the weight at or below 10, half at 100: mean 52.5, so 10; mirrored, 90.
    expect(weightedMedianOf([0, 10, 100], [1, 1, 2])).toBe(10);
    expect(weightedMedianOf([0, 90, 100], [2, 1, 1])).toBe(90);
    expect(weightedMedianOf([5], [0])).toBe(5);
  });
});
