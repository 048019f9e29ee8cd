// Seeded randomness: forecast intervals and the paired bootstrap give the same bytes for the same seed,
// other seeds give other draws, small seeds are scrambled, and intervals behave as intervals.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readActorsCsvText } from './actors-csv.js';
import { readDeuText } from './deu.js';
import type { Issue } from './issue.js';
import { modelByName } from './models.js';
import { scramble, stream } from '../rng.js';
import { compareModels, pairedBootstrap, quantile } from './score.js';
import { forecastIntervals, perturb } from './uncertainty.js';

const DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');

async function emission(): Promise<Issue> {
  const file = join(DATA, 'scholz', 'emission-standards-actors.csv');
  const r = readActorsCsvText(file, await readFile(file, 'utf8'));
  if (!r.ok || !r.set.issues[0]) throw new Error('unreadable');
  return r.set.issues[0];
}

function model(name: string) {
  const m = modelByName(name);
  if (!m) throw new Error(name);
  return m;
}

describe('seeded streams', () => {
  it('scrambles small seeds: first draws of seeds 1…20 are spread over [0, 1)', () => {
    const firsts = Array.from({ length: 20 }, (_, s) => stream(s + 1).next()).sort((a, b) => a - b);
    expect((firsts[19] ?? 0) - (firsts[0] ?? 0)).toBeGreaterThan(0.5);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => scramble(i))).size).toBe(1000);
  });

  it('gives the same sequence for the same (seed, run) and another for another run', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(1000), (seed, run) => {
        const a = stream(seed, run);
        const b = stream(seed, run);
        const c = stream(seed, run + 1);
        const xs = [a.next(), a.normal(), a.int(10)];
        expect([b.next(), b.normal(), b.int(10)]).toEqual(xs);
        expect(c.next()).not.toBe(xs[0]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('forecast intervals', () => {
  it('are identical for the same seed, byte for byte, and differ for another seed', async () => {
    const issue = await emission();
    for (const name of ['compromise', 'expected-utility', 'multitrack']) {
      const a = JSON.stringify(forecastIntervals(model(name), [issue], 40, 7));
      const b = JSON.stringify(forecastIntervals(model(name), [issue], 40, 7));
      const c = JSON.stringify(forecastIntervals(model(name), [issue], 40, 8));
      expect(a).toBe(b);
      expect(a).not.toBe(c);
    }
  });

  it('do not depend on which other issues are forecast alongside (per-issue streams)', async () => {
    const issue = await emission();
    const other = { ...issue, id: 'other' };
    const alone = forecastIntervals(model('compromise'), [issue], 30, 3)[0];
    const together = forecastIntervals(model('compromise'), [issue, other], 30, 3)[0];
    expect(together).toEqual(alone);
  });

  it('bracket the forecast of the unperturbed issue for the compromise model, and widen with noise', async () => {
    const issue = await emission();
    const m = model('compromise');
    const point = m.run(issue, {}).forecast;
    const [narrow] = forecastIntervals(m, [issue], 400, 1, {}, undefined, { position: 0.01, salience: 0.01 });
    const [wide] = forecastIntervals(m, [issue], 400, 1, {}, undefined, { position: 0.1, salience: 0.2 });
    expect(narrow?.low).toBeLessThanOrEqual(point);
    expect(narrow?.high).toBeGreaterThanOrEqual(point);
    expect((wide?.high ?? 0) - (wide?.low ?? 0)).toBeGreaterThan((narrow?.high ?? 0) - (narrow?.low ?? 0));
  });

  it('perturb keeps positions on the scale, saliences in [0, 1], and zero saliences at zero', async () => {
    const issue = await emission();
    const zero = {
      ...issue,
      stakeholders: issue.stakeholders.map((s, i) => (i === 0 ? { ...s, salience: 0 } : s)),
    };
    const rng = stream(5);
    for (let k = 0; k < 200; k++) {
      const p = perturb(zero, rng, { position: 0.5, salience: 0.5 });
      for (const s of p.stakeholders) {
        expect(s.position).toBeGreaterThanOrEqual(0);
        expect(s.position).toBeLessThanOrEqual(10);
        expect(s.salience).toBeGreaterThanOrEqual(0);
        expect(s.salience).toBeLessThanOrEqual(1);
      }
      expect(p.stakeholders[0]?.salience).toBe(0);
    }
  });
});

describe('paired bootstrap', () => {
  it('is deterministic for a seed and centred on the observed difference', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [2, 3, 4, 5, 6, 7, 8, 9];
    const r1 = pairedBootstrap(a, b, 500, 3);
    expect(JSON.stringify(r1)).toBe(JSON.stringify(pairedBootstrap(a, b, 500, 3)));
    expect(r1.difference).toBe(-1);
    expect(r1.differenceInterval).toEqual([-1, -1]); // every pair differs by exactly 1
    expect(r1.maeInterval[0]).toBeLessThan(4.5);
    expect(r1.maeInterval[1]).toBeGreaterThan(4.5);
    expect(r1.better).toBe(1);
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
  });

  it('compares every model on the DEU file against compromise, reproducibly', async () => {
    const file = join(DATA, 'deu', 'deu-issues-dev.tsv');
    const r = readDeuText(file, await readFile(file, 'utf8'));
    if (!r.ok) throw new Error('unreadable');
    const entries = [{ model: model('compromise') }, { model: model('weighted-median') }];
    const one = compareModels(entries, model('compromise'), r.set.issues, 300, 11);
    const two = compareModels(entries, model('compromise'), r.set.issues, 300, 11);
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(one.n).toBe(262);
    expect(one.rows[0]?.mae).toBeCloseTo(23.43, 2);
    expect(one.rows[0]?.differenceInterval).toEqual([0, 0]);
    expect(one.rows[1]?.difference).toBeGreaterThan(0);
  });
});
