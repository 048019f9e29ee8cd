/**
 * Forecast intervals: the model is run again on copies of each issue whose positions and saliences are
 * perturbed within stated noise (normal, sd as a share of the scale for positions and on the 0–1 scale
 * for saliences, clamped to their ranges), and the 2.5% and 97.5% quantiles of the forecasts are the
 * interval. Each (issue, run) draws from its own seeded stream, so the same seed gives the same bytes.
 */
import type { Issue } from './issue.js';
import { type ModelOptions, type ModelSpec, runModel } from './models.js';
import { type Stream, scramble, stream } from '../rng.js';
import { quantile } from './score.js';

export interface Noise {
  /** Standard deviation of position noise, as a share of the issue's scale. */
  readonly position: number;
  /** Standard deviation of salience noise, on the 0–1 salience scale. */
  readonly salience: number;
}

/** The noise stated in docs/negotiation.md: sd 5% of the scale for positions, 0.1 for saliences. */
export const DEFAULT_NOISE: Noise = Object.freeze({ position: 0.05, salience: 0.1 });

/** A copy of the issue with every position and salience perturbed. */
export function perturb(issue: Issue, rng: Stream, noise: Noise): Issue {
  const { min, max } = issue.scale;
  const span = max - min;
  return {
    ...issue,
    stakeholders: issue.stakeholders.map((s) => ({
      ...s,
      position: Math.min(max, Math.max(min, s.position + rng.normal() * noise.position * span)),
      // An actor who carries no weight (salience 0: none recorded) keeps carrying none.
      salience: s.salience > 0 ? Math.min(1, Math.max(0, s.salience + rng.normal() * noise.salience)) : 0,
    })),
  };
}

export interface IssueInterval {
  readonly id: string;
  readonly low: number;
  readonly high: number;
}

/** Per issue, the 95% interval of the forecasts over `runs` perturbed copies. */
export function forecastIntervals(
  model: ModelSpec,
  issues: readonly Issue[],
  runs: number,
  seed: number,
  options: ModelOptions = {},
  rounds?: number,
  noise: Noise = DEFAULT_NOISE,
): IssueInterval[] {
  return issues.map((issue, k) => {
    const issueSeed = scramble(seed ^ scramble(k + 1));
    const values: number[] = [];
    for (let r = 0; r < runs; r++) {
      values.push(runModel(model, perturb(issue, stream(issueSeed, r), noise), options, rounds).forecast);
    }
    values.sort((a, b) => a - b);
    return { id: issue.id, low: quantile(values, 0.025), high: quantile(values, 0.975) };
  });
}
