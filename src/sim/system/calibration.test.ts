// The calibration: the stored values of the five calibrated parameters still reproduce the targets of
// the shared PA-X and UCDP files, and a fit on those files lands near them; the fitter recovers known
// hazards from data the engine generated.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { paxTargets, readPaxProcesses, readUcdpAcd, ucdpTargets } from './calibration-data.js';
import {
  CALIBRATED,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  type CalibrationTargets,
  calibrationTargets,
  fitCalibration,
  referenceModel,
  simulate,
  simulateAt,
} from './calibration.js';
import { defaultParams } from './parameters.js';

const data = (path: string) => fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url));
const PAX = data('pax/pax-agreements-dev.csv');
const ACD = data('ucdp/ucdp-prio-acd-251.csv');

const shared = (): CalibrationTargets =>
  calibrationTargets(
    paxTargets(readPaxProcesses(readFileSync(PAX, 'utf8'), PAX)),
    ucdpTargets(readUcdpAcd(readFileSync(ACD, 'utf8'), ACD)),
  );

describe('calibration on the shared data', () => {
  const targets = shared();
  const stored = defaultParams();

  it('stored values reproduce the fitted statistics (default runs and seed)', () => {
    const sim = simulateAt(stored, targets, DEFAULT_RUNS, DEFAULT_SEED);
    sim.transitions.forEach((t, k) => {
      expect(Math.abs(t.advanceWithin5y - (targets.advanceWithin5y[k] ?? 0))).toBeLessThan(0.02);
    });
    expect(Math.abs(sim.recurrence.share - (targets.recurrence5 ?? 0))).toBeLessThan(0.02);
  });

  it('a fit from the stored values lands within 30% of them', { timeout: 60_000 }, () => {
    const fit = fitCalibration(targets, {
      runs: 150,
      seed: DEFAULT_SEED,
      start: stored,
      bracket: 2,
      maxSweeps: 1,
    });
    for (const v of fit.values) {
      expect(v.atBound).toBe(false);
      expect(v.value / stored[v.name]).toBeGreaterThan(1 / 1.3);
      expect(v.value / stored[v.name]).toBeLessThan(1.3);
    }
  });
});

describe('the fitter', () => {
  it('recovers known hazards from runs the engine generated', { timeout: 60_000 }, () => {
    const known = {
      ...defaultParams(),
      advancePre: 0.012,
      advanceCeasefire: 0.008,
      advancePartial: 0.005,
      advanceComprehensive: 0.01,
      relapseBase: 0.001,
    };
    const followUpWeeks = [780];
    const runs = 120;
    const seed = 5;
    const sim = simulateAt(known, { advanceWithin5y: [], recurrence5: 0, followUpWeeks }, runs, seed);
    const targets: CalibrationTargets = {
      advanceWithin5y: sim.transitions.map((t) => t.advanceWithin5y),
      recurrence5: sim.recurrence.share,
      followUpWeeks,
    };
    // From the middle of each range, with the same runs (common random numbers): the known values make
    // every statistic match, and the fit must find them to within the resolution 120 runs allow.
    const fit = fitCalibration(targets, { runs, seed });
    for (const name of CALIBRATED) {
      const ratio = fit.params[name] / known[name];
      expect(ratio, name).toBeGreaterThan(0.85);
      expect(ratio, name).toBeLessThan(1.15);
    }
  });

  it('is deterministic for a seed', () => {
    const model = referenceModel(300);
    expect(simulate(model, 3, 30)).toEqual(simulate(model, 3, 30));
  });
});
