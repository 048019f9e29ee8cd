/**
 * Morris elementary-effects screening (Morris 1991), pure: the one-at-a-time trajectory design on a
 * p-level grid over k factors, drawn from a seeded stream, optionally picked for spread among a larger
 * set of candidates (Campolongo, Cariboni & Saltelli 2007, by greedy removal as in Ruano et al. 2012),
 * and the statistics of the elementary effects per factor and output: μ, μ* (mean absolute effect) and
 * σ. Effects are measured per unit of each factor's range (the change in the output when the factor
 * would move across its whole [min, max]), so they compare across factors of different units.
 */
import { stream } from '../rng.js';

/** A factor to screen: a name and the range the design explores. */
export interface MorrisFactor {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

export interface MorrisOptions {
  /** Grid levels p, even and ≥ 2; default 4. */
  readonly levels?: number;
  /** Trajectories r in the design, ≥ 2; default 10. */
  readonly trajectories?: number;
  /**
   * Candidate trajectories drawn before picking the r most spread out (Campolongo et al. 2007); equal to
   * r (the default) draws r trajectories and keeps them all, as Morris's original design.
   */
  readonly candidates?: number;
  readonly seed: number;
}

/** One trajectory: k + 1 points, each one step of ±Δ in one factor from the one before. */
export interface MorrisTrajectory {
  /** Grid level (0 … p − 1) of every factor at each point: points × factors. */
  readonly points: readonly Int32Array[];
  /** The factor changed at step j (from point j to point j + 1). */
  readonly order: Int32Array;
  /** +1 when step j moves its factor up by Δ, −1 when down. */
  readonly signs: Int8Array;
}

export interface MorrisDesign {
  readonly factors: readonly MorrisFactor[];
  readonly levels: number;
  /** Grid levels a step jumps: p / 2. */
  readonly jump: number;
  /** Step on the unit scale: p / (2(p − 1)). */
  readonly delta: number;
  readonly seed: number;
  /** Candidates drawn (equal to the trajectories kept when no selection was made). */
  readonly candidates: number;
  readonly trajectories: readonly MorrisTrajectory[];
  /**
   * Campolongo's spread of the kept trajectories: the square root of the sum over pairs of squared
   * trajectory distances (each the sum of the Euclidean distances between their points, unit scale).
   */
  readonly spread: number;
}

/** A design the caller asked for cannot be built; the message names the option and its bounds. */
export class MorrisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MorrisError';
  }
}

/** Key of the design's own random stream under the seed (runs use other streams). */
const DESIGN_STREAM = 0x6d6f7272;

export const DEFAULT_LEVELS = 4;
export const DEFAULT_TRAJECTORIES = 10;

function checkOptions(factors: readonly MorrisFactor[], levels: number, r: number, candidates: number): void {
  if (factors.length === 0) throw new MorrisError('a Morris design needs at least one factor');
  const names = new Set<string>();
  for (const f of factors) {
    if (names.has(f.name)) throw new MorrisError(`factor "${f.name}" appears twice`);
    names.add(f.name);
    if (!Number.isFinite(f.min) || !Number.isFinite(f.max) || !(f.max > f.min))
      throw new MorrisError(`factor "${f.name}": expected a range with min < max, not [${f.min}, ${f.max}]`);
  }
  if (!Number.isSafeInteger(levels) || levels < 2 || levels % 2 !== 0)
    throw new MorrisError(
      `levels ${levels}: expected an even whole number ≥ 2 (Δ = p/(2(p−1)) falls on the grid only for even p)`,
    );
  if (!Number.isSafeInteger(r) || r < 2)
    throw new MorrisError(`trajectories ${r}: expected a whole number ≥ 2 (σ needs two effects per factor)`);
  if (!Number.isSafeInteger(candidates) || candidates < r)
    throw new MorrisError(`candidates ${candidates}: expected a whole number ≥ the trajectories (${r})`);
}

/** One random trajectory: a base point on the lower grid, a direction per factor, a random order. */
function drawTrajectory(
  k: number,
  levels: number,
  jump: number,
  rng: ReturnType<typeof stream>,
): MorrisTrajectory {
  const bases = levels - jump;
  const start = new Int32Array(k);
  const direction = new Int8Array(k);
  for (let i = 0; i < k; i++) {
    const base = rng.int(bases);
    const up = rng.chance(0.5);
    direction[i] = up ? 1 : -1;
    start[i] = up ? base : base + jump;
  }
  const order = new Int32Array(k);
  for (let i = 0; i < k; i++) order[i] = i;
  for (let i = k - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const points: Int32Array[] = [start];
  const signs = new Int8Array(k);
  let current = start;
  for (let j = 0; j < k; j++) {
    const f = order[j] as number;
    const sign = direction[f] as number;
    signs[j] = sign;
    const next = current.slice();
    next[f] = (next[f] as number) + sign * jump;
    points.push(next);
    current = next;
  }
  return { points, order, signs };
}

/** Campolongo's distance between two trajectories: the sum of Euclidean distances between their points. */
function trajectoryDistance(a: MorrisTrajectory, b: MorrisTrajectory, scale: number): number {
  let total = 0;
  for (const p of a.points)
    for (const q of b.points) {
      let sq = 0;
      for (let i = 0; i < p.length; i++) {
        const d = ((p[i] as number) - (q[i] as number)) * scale;
        sq += d * d;
      }
      total += Math.sqrt(sq);
    }
  return total;
}

/**
 * Keeps `r` of the candidates with a large spread: starting from all of them, repeatedly drops the one
 * whose squared distances to the others add up least (the drop that keeps the spread highest), until r
 * remain. Returns the kept indexes in drawing order and their spread.
 */
function selectSpread(
  candidates: readonly MorrisTrajectory[],
  r: number,
  scale: number,
): { kept: number[]; spread: number } {
  const m = candidates.length;
  const d2 = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = a + 1; b < m; b++) {
      const d = trajectoryDistance(
        candidates[a] as MorrisTrajectory,
        candidates[b] as MorrisTrajectory,
        scale,
      );
      d2[a * m + b] = d * d;
      d2[b * m + a] = d * d;
    }
  const alive = new Uint8Array(m).fill(1);
  const contribution = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    let sum = 0;
    for (let b = 0; b < m; b++) sum += d2[a * m + b] as number;
    contribution[a] = sum;
  }
  for (let left = m; left > r; left--) {
    let worst = -1;
    for (let a = 0; a < m; a++)
      if (alive[a] === 1 && (worst < 0 || (contribution[a] as number) < (contribution[worst] as number)))
        worst = a;
    alive[worst] = 0;
    for (let a = 0; a < m; a++) contribution[a] = (contribution[a] as number) - (d2[a * m + worst] as number);
  }
  const kept: number[] = [];
  for (let a = 0; a < m; a++) if (alive[a] === 1) kept.push(a);
  let sum = 0;
  for (let x = 0; x < kept.length; x++)
    for (let y = x + 1; y < kept.length; y++)
      sum += d2[(kept[x] as number) * m + (kept[y] as number)] as number;
  return { kept, spread: Math.sqrt(sum) };
}

/** The Morris design for `factors`: r trajectories of k + 1 points each, the same for the same seed. */
export function morrisDesign(factors: readonly MorrisFactor[], options: MorrisOptions): MorrisDesign {
  const levels = options.levels ?? DEFAULT_LEVELS;
  const r = options.trajectories ?? DEFAULT_TRAJECTORIES;
  const candidates = options.candidates ?? r;
  checkOptions(factors, levels, r, candidates);
  const jump = levels / 2;
  const scale = 1 / (levels - 1);
  const rng = stream(options.seed, 0, DESIGN_STREAM);
  const drawn = Array.from({ length: candidates }, () => drawTrajectory(factors.length, levels, jump, rng));
  const { kept, spread } = selectSpread(drawn, r, scale);
  return {
    factors: factors.map((f) => ({ name: f.name, min: f.min, max: f.max })),
    levels,
    jump,
    delta: jump * scale,
    seed: options.seed,
    candidates,
    trajectories: kept.map((k) => drawn[k] as MorrisTrajectory),
    spread,
  };
}

/** Points of the design in evaluation order: trajectory by trajectory, k + 1 points each. */
export function designPoints(design: MorrisDesign): Int32Array[] {
  return design.trajectories.flatMap((t) => [...t.points]);
}

/** A grid level of factor `f` as a value in its [min, max] (the ends exactly). */
export function levelValue(design: MorrisDesign, f: number, level: number): number {
  const factor = design.factors[f];
  if (!factor) throw new RangeError(`no factor ${f} in the design`);
  if (level <= 0) return factor.min;
  if (level >= design.levels - 1) return factor.max;
  const v = factor.min + (level / (design.levels - 1)) * (factor.max - factor.min);
  return Math.min(factor.max, Math.max(factor.min, v));
}

/** A point of the design as factor values, by name. */
export function pointValues(design: MorrisDesign, point: Int32Array): Record<string, number> {
  const out: Record<string, number> = {};
  design.factors.forEach((f, i) => (out[f.name] = levelValue(design, i, point[i] as number)));
  return out;
}

/**
 * Elementary effects of every factor on every output, indexed [factor][output][trajectory]: for the
 * step of trajectory t that moves factor i, (y(x + Δeᵢ) − y(x)) / Δ with Δ on the unit scale, that is
 * the change in the output per whole range of the factor. `outputs[point][o]` holds the outputs at each
 * point of designPoints(design), in that order.
 */
export function elementaryEffects(
  design: MorrisDesign,
  outputs: readonly (readonly number[])[],
): number[][][] {
  const k = design.factors.length;
  const r = design.trajectories.length;
  if (outputs.length !== r * (k + 1))
    throw new RangeError(`expected outputs at ${r * (k + 1)} design points, not ${outputs.length}`);
  const nOut = outputs[0]?.length ?? 0;
  const effects = design.factors.map(() => Array.from({ length: nOut }, () => new Array<number>(r).fill(0)));
  design.trajectories.forEach((t, ti) => {
    for (let j = 0; j < k; j++) {
      const before = outputs[ti * (k + 1) + j] as readonly number[];
      const after = outputs[ti * (k + 1) + j + 1] as readonly number[];
      if (before.length !== nOut || after.length !== nOut)
        throw new RangeError('every design point needs the same number of outputs');
      const f = t.order[j] as number;
      const step = (t.signs[j] as number) * design.delta;
      for (let o = 0; o < nOut; o++)
        (effects[f]?.[o] as number[])[ti] = ((after[o] as number) - (before[o] as number)) / step;
    }
  });
  return effects;
}

/** The Morris statistics of one factor on one output. */
export interface MorrisStatistic {
  /** Mean elementary effect: its sign tells the direction when effects share one. */
  readonly mu: number;
  /** Mean absolute elementary effect: the factor's overall influence (Campolongo et al. 2007). */
  readonly muStar: number;
  /** Standard deviation of the effects (n − 1): non-linearity or interaction with other factors. */
  readonly sigma: number;
  /**
   * Root mean square of the effects' standard errors when the outputs are noisy estimates (Monte Carlo
   * means) and the caller gave them; null otherwise.
   */
  readonly noise: number | null;
  /**
   * The μ* that noise alone would give a factor with no effect at all: the expected mean absolute value
   * of the effects' errors (√(2/π)·se each, taken as normal) plus two standard errors of that mean. A μ*
   * at or below it is not told from zero. Null without step errors.
   */
  readonly noiseFloor: number | null;
  /**
   * 95% percentile bootstrap interval of μ* over the trajectories (resampled with replacement), when
   * asked for; null otherwise. Overlapping intervals mean the ranking of two factors is not settled.
   */
  readonly muStarInterval: readonly [number, number] | null;
}

export interface MorrisAnalysisOptions {
  /**
   * Standard error of the output difference at each step, indexed [trajectory][step][output], in output
   * units (e.g. the paired standard error of two ensemble means over the same runs).
   */
  readonly stepErrors?: readonly (readonly (readonly number[])[])[];
  /** Bootstrap resamples for the interval of μ* (0, the default, gives none); drawn from the design's seed. */
  readonly resamples?: number;
}

/** Mean and variance of |Z| for a standard normal Z. */
const HALF_NORMAL_MEAN = Math.sqrt(2 / Math.PI);
const HALF_NORMAL_VARIANCE = 1 - 2 / Math.PI;

/** Key of the bootstrap's random stream under the design's seed. */
const BOOTSTRAP_STREAM = 0x626f6f74;

/** The q-quantile of sorted values, interpolating between order statistics. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The trajectory indexes of each bootstrap resample, shared by every factor and output. */
function resampleIndexes(seed: number, r: number, resamples: number): Int32Array {
  const rng = stream(seed, 0, BOOTSTRAP_STREAM);
  const picks = new Int32Array(resamples * r);
  for (let i = 0; i < picks.length; i++) picks[i] = rng.int(r);
  return picks;
}

function muStarInterval(ee: readonly number[], picks: Int32Array, resamples: number): [number, number] {
  const r = ee.length;
  const values = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < r; i++) sum += Math.abs(ee[picks[b * r + i] as number] as number);
    values[b] = sum / r;
  }
  values.sort();
  return [quantileSorted(values, 0.025), quantileSorted(values, 0.975)];
}

/** μ, μ* and σ of every factor on every output, indexed [factor][output]. */
export function morrisStatistics(
  design: MorrisDesign,
  outputs: readonly (readonly number[])[],
  options: MorrisAnalysisOptions = {},
): MorrisStatistic[][] {
  const effects = elementaryEffects(design, outputs);
  const k = design.factors.length;
  const r = design.trajectories.length;
  const nOut = outputs[0]?.length ?? 0;
  // Per factor and output: the sum of the effects' standard errors and of their squares.
  const zeros = () => design.factors.map(() => new Array<number>(nOut).fill(0));
  const seSum = options.stepErrors ? zeros() : undefined;
  const seSq = options.stepErrors ? zeros() : undefined;
  if (options.stepErrors && seSum && seSq) {
    if (options.stepErrors.length !== r)
      throw new RangeError(`expected step errors for ${r} trajectories, not ${options.stepErrors.length}`);
    design.trajectories.forEach((t, ti) => {
      for (let j = 0; j < k; j++) {
        const se = options.stepErrors?.[ti]?.[j];
        if (!se || se.length !== nOut)
          throw new RangeError(`missing step errors at trajectory ${ti}, step ${j}`);
        const f = t.order[j] as number;
        const sum = seSum[f] as number[];
        const sq = seSq[f] as number[];
        for (let o = 0; o < nOut; o++) {
          const e = (se[o] as number) / design.delta;
          sum[o] = (sum[o] as number) + e;
          sq[o] = (sq[o] as number) + e * e;
        }
      }
    });
  }
  const resamples = options.resamples ?? 0;
  if (!Number.isSafeInteger(resamples) || resamples < 0)
    throw new RangeError(`resamples: expected a whole number ≥ 0, not ${resamples}`);
  const picks = resamples > 0 ? resampleIndexes(design.seed, r, resamples) : undefined;
  return effects.map((perOutput, f) =>
    perOutput.map((ee, o) => {
      const mu = ee.reduce((a, b) => a + b, 0) / r;
      const muStar = ee.reduce((a, b) => a + Math.abs(b), 0) / r;
      const variance = ee.reduce((a, b) => a + (b - mu) ** 2, 0) / (r - 1);
      const sum = seSum?.[f]?.[o];
      const sq = seSq?.[f]?.[o];
      const noise = sq === undefined ? null : Math.sqrt(sq / r);
      const noiseFloor =
        sum === undefined || sq === undefined
          ? null
          : HALF_NORMAL_MEAN * (sum / r) + (2 * Math.sqrt(HALF_NORMAL_VARIANCE * sq)) / r;
      const interval = picks ? muStarInterval(ee, picks, resamples) : null;
      return { mu, muStar, sigma: Math.sqrt(variance), noise, noiseFloor, muStarInterval: interval };
    }),
  );
}

/** How a factor acts on an output, read from its statistics. */
export type MorrisReading =
  'negligible' | 'within noise' | 'linear' | 'monotonic' | 'almost monotonic' | 'non-linear or interacting';

/**
 * The usual reading of σ/μ* (Garcia Sanchez et al. 2014): below 0.1 linear, below 0.5 monotonic, below
 * 1 almost monotonic, above 1 non-linear, non-monotonic or interacting with other factors. A μ* at or
 * below the noise floor, or below `negligible` (an absolute floor in output units per range), says nothing.
 */
export function readStatistic(s: MorrisStatistic, negligible = 1e-12): MorrisReading {
  if (s.muStar <= negligible) return 'negligible';
  if (s.noiseFloor !== null && s.muStar <= s.noiseFloor) return 'within noise';
  const ratio = s.sigma / s.muStar;
  if (ratio < 0.1) return 'linear';
  if (ratio < 0.5) return 'monotonic';
  if (ratio < 1) return 'almost monotonic';
  return 'non-linear or interacting';
}
