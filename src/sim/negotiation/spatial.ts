/**
 * The two static spatial models: the compromise model (the salience-weighted mean of positions, weights
 * optionally × capability; Achen 2006, Thomson et al. 2006) and the weighted median (the position that
 * minimises the weighted sum of distances: the Condorcet winner when each stakeholder votes with its
 * weight). Pure functions of an issue.
 */
import { type Issue, type Stakeholder, weightOf } from './issue.js';

export interface SpatialOptions {
  /** Weights are salience × capability instead of salience alone. */
  readonly capability: boolean;
}

export const DEFAULT_SPATIAL: SpatialOptions = { capability: false };

/** Weighted mean of positions; when no stakeholder carries weight, the plain mean. */
export function weightedMean(stakeholders: readonly Stakeholder[], weights: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < stakeholders.length; i++) {
    const w = weights[i] ?? 0;
    num += w * (stakeholders[i]?.position ?? 0);
    den += w;
  }
  if (den > 0) return num / den;
  let sum = 0;
  for (const s of stakeholders) sum += s.position;
  return sum / stakeholders.length;
}

/** The compromise model: Σ wᵢxᵢ / Σ wᵢ with wᵢ = sᵢ (or sᵢcᵢ). */
export function compromise(issue: Issue, options: SpatialOptions = DEFAULT_SPATIAL): number {
  return weightedMean(
    issue.stakeholders,
    issue.stakeholders.map((s) => weightOf(s, options.capability)),
  );
}

/**
 * The weighted median of positions: the smallest position where the cumulative weight reaches half of
 * the total. When it reaches exactly half, both neighbouring positions minimise the weighted distance;
 * the one nearer the weighted mean is taken (the lower on a further tie). Always an actor's position.
 */
export function weightedMedianOf(positions: readonly number[], weights: readonly number[]): number {
  const order = positions.map((_, i) => i).filter((i) => (weights[i] ?? 0) > 0);
  const use = order.length > 0 ? order : positions.map((_, i) => i);
  const w = (i: number) => (order.length > 0 ? (weights[i] ?? 0) : 1);
  use.sort((a, b) => (positions[a] ?? 0) - (positions[b] ?? 0) || a - b);
  let total = 0;
  let mean = 0;
  for (const i of use) {
    total += w(i);
    mean += w(i) * (positions[i] ?? 0);
  }
  mean /= total;
  let cumulative = 0;
  for (let k = 0; k < use.length; k++) {
    const i = use[k] ?? 0;
    cumulative += w(i);
    const here = positions[i] ?? 0;
    if (cumulative * 2 > total * (1 + 1e-12)) return here;
    if (Math.abs(cumulative * 2 - total) <= total * 1e-12) {
      const next = k + 1 < use.length ? (positions[use[k + 1] ?? 0] ?? here) : here;
      return Math.abs(next - mean) < Math.abs(here - mean) ? next : here;
    }
  }
  return positions[use[use.length - 1] ?? 0] ?? 0;
}

/** The weighted-median model. */
export function weightedMedian(issue: Issue, options: SpatialOptions = DEFAULT_SPATIAL): number {
  return weightedMedianOf(
    issue.stakeholders.map((s) => s.position),
    issue.stakeholders.map((s) => weightOf(s, options.capability)),
  );
}
