// The expected-utility model against Scholz, Calbert & Smith (2011) Table 2 (the EC car-emission
// standards case, Q = 1), what the literal reading of their printed equations gives instead, and the
// model's invariants.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readActorsCsvText } from './actors-csv.js';
import { EU_PRESETS, type EuOptions } from './eu-options.js';
import { expectedUtility } from './expected-utility.js';
import type { Issue } from './issue.js';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');

async function emissionStandards(): Promise<Issue> {
  const file = join(DATA, 'scholz', 'emission-standards-actors.csv');
  const reading = readActorsCsvText(file, await readFile(file, 'utf8'));
  if (!reading.ok) throw new Error(reading.problems.map((p) => p.message).join('; '));
  const issue = reading.set.issues[0];
  if (!issue) throw new Error('no issue');
  return issue;
}

// Scholz et al. (2011) Table 2, rounds 1–8 (data/README.md, "Published results to compare against").
const TABLE2_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6];
const TABLE2_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6];

describe('expected-utility model, Scholz et al. (2011)', () => {
  it('reproduces Table 2 (median and mean by round 1–8) within ±0.3 under the scholz2011 preset', async () => {
    const result = expectedUtility(await emissionStandards(), EU_PRESETS.scholz2011, 8);
    expect(result.rounds).toHaveLength(8);
    result.rounds.forEach((r, t) => {
      expect(Math.abs(r.median - (TABLE2_MEDIAN[t] ?? NaN)), `median, round ${t + 1}`).toBeLessThanOrEqual(
        0.3,
      );
      expect(Math.abs(r.mean - (TABLE2_MEAN[t] ?? NaN)), `mean, round ${t + 1}`).toBeLessThanOrEqual(0.3);
    });
  });

  it('matches the public Python replication of the authors’ code (jmckib/bdm-scholz-expected-utility-model) to 4 decimals', async () => {
    // Printed by that code (Python 2.7, 8 rounds) on the same CSV, run while building this model.
    const python = {
      median: [
        8.41593231543, 9.61085913412, 9.9619795904, 9.9619795904, 9.9619795904, 7.47204636192, 8.82459385526,
        9.6711297698,
      ],
      mean: [
        7.46131437828, 7.55250086586, 7.59014499745, 7.35813053133, 7.34917398968, 7.41487754537,
        7.51045718368, 7.57244709755,
      ],
    };
    const result = expectedUtility(await emissionStandards(), EU_PRESETS.scholz2011, 8);
    result.rounds.forEach((r, t) => {
      expect(r.median).toBeCloseTo(python.median[t] ?? NaN, 4);
      expect(r.mean).toBeCloseTo(python.mean[t] ?? NaN, 4);
    });
  });

  it('documents the literal reading: the printed equations do not reproduce Table 2', async () => {
    // Pair denominator (P_ij + P_ji = 1), capitulation as printed, least-move offers: the median voter
    // never leaves 7 (Belgium, Greece) and the mean drifts down instead of up.
    const result = expectedUtility(await emissionStandards(), EU_PRESETS.literal, 8);
    expect(result.rounds.map((r) => r.median)).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    const means = [7.55, 7.42, 7.28, 7.25, 7.24, 7.22, 7.22, 7.3];
    result.rounds.forEach((r, t) => expect(r.mean).toBeCloseTo(means[t] ?? NaN, 2));
    const off = result.rounds.filter((r, t) => Math.abs(r.median - (TABLE2_MEDIAN[t] ?? 0)) > 0.3);
    expect(off.length).toBeGreaterThanOrEqual(7);
  });

  it('names which open reading carries the table: only the all-pairs denominator reproduces it', async () => {
    const issue = await emissionStandards();
    const fits = (o: EuOptions) =>
      expectedUtility(issue, o, 8).rounds.every(
        (r, t) =>
          Math.abs(r.median - (TABLE2_MEDIAN[t] ?? 0)) <= 0.3 &&
          Math.abs(r.mean - (TABLE2_MEAN[t] ?? 0)) <= 0.3,
      );
    expect(fits(EU_PRESETS.scholz2011)).toBe(true);
    expect(fits({ ...EU_PRESETS.scholz2011, denominator: 'pair' })).toBe(false);
    // Capitulation never fires with the all-pairs denominator on this case, so that reading is moot here.
    expect(fits({ ...EU_PRESETS.scholz2011, capitulation: 'printed' })).toBe(true);
    expect(fits({ ...EU_PRESETS.scholz2011, offerChoice: 'least-move' })).toBe(false);
  });

  it('is a pure function: same input, same output; the input is not changed', async () => {
    const issue = await emissionStandards();
    const before = JSON.stringify(issue);
    const a = expectedUtility(issue, EU_PRESETS.scholz2011, 5);
    const b = expectedUtility(issue, EU_PRESETS.scholz2011, 5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(issue)).toBe(before);
  });

  it('keeps every position inside the span of the opening positions, under every reading', () => {
    const actor = fc.record({
      position: fc.integer({ min: 0, max: 100 }),
      salience: fc.double({ min: 0, max: 1, noNaN: true }),
      capability: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const options = fc.record({
      denominator: fc.constantFrom('pair' as const, 'all-pairs' as const),
      capitulation: fc.constantFrom('printed' as const, 'never' as const),
      offerChoice: fc.constantFrom('least-move' as const, 'scholz-code' as const),
      riskRange: fc.constantFrom('actors' as const, 'positions' as const),
      positionRange: fc.constantFrom('initial' as const, 'current' as const),
      q: fc.constantFrom(1, 0.5),
      forecast: fc.constantFrom('median' as const, 'mean' as const),
    });
    fc.assert(
      fc.property(fc.array(actor, { minLength: 2, maxLength: 7 }), options, (actors, o) => {
        const issue: Issue = {
          id: 'x',
          scale: { min: 0, max: 100 },
          stakeholders: actors.map((a, i) => ({ id: `a${i}`, name: `a${i}`, ...a })),
          engagements: [],
        };
        const lo = Math.min(...actors.map((a) => a.position));
        const hi = Math.max(...actors.map((a) => a.position));
        const result = expectedUtility(issue, o, 3);
        for (const x of result.positions) {
          expect(x).toBeGreaterThanOrEqual(lo - 1e-9);
          expect(x).toBeLessThanOrEqual(hi + 1e-9);
        }
        expect(Number.isFinite(result.forecast)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('stays put when everyone already agrees', () => {
    const issue: Issue = {
      id: 'consensus',
      scale: { min: 0, max: 100 },
      stakeholders: [1, 2, 3].map((i) => ({
        id: `a${i}`,
        name: `a${i}`,
        position: 40,
        salience: 0.5,
        capability: 1,
      })),
      engagements: [],
    };
    const result = expectedUtility(issue, EU_PRESETS.scholz2011, 3);
    expect(result.forecast).toBe(40);
    expect(result.rounds.every((r) => r.median === 40 && r.mean === 40)).toBe(true);
  });
});
