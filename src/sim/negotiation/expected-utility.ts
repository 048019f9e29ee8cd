/**
 * Bueno de Mesquita's expected-utility ("group decision") model as specified by Scholz, Calbert & Smith
 * (2011), "Unravelling Bueno De Mesquita's group decision model", J. Theoretical Politics 23(4). Each
 * round: risk exponents from each actor's exposure to challenges, then every actor weighs every other's
 * expected utility of challenging and being challenged, picks one offer (confrontation, compromise or
 * capitulation) and moves. The readings the paper leaves open are named options (eu-options.ts); the
 * equations are in docs/negotiation.md. A pure function of (issue, options, rounds).
 */
import { type EuOptions, EU_PRESETS } from './eu-options.js';
import type { Issue } from './issue.js';

export interface RoundSummary {
  /** The weighted median (Condorcet winner, votes capability × salience) of the positions after the round. */
  readonly median: number;
  /** The capability × salience weighted mean of the positions after the round. */
  readonly mean: number;
}

export interface DynamicResult {
  readonly forecast: number;
  readonly rounds: readonly RoundSummary[];
  /** Each stakeholder's position after the last round, in the issue's order. */
  readonly positions: readonly number[];
}

interface Actors {
  readonly n: number;
  readonly w: Float64Array; // capability × salience: vote weight
  readonly s: Float64Array; // salience: probability of resisting a challenge
}

/** Median and mean of positions x under weights w (the median is an actor's position). */
export function summarise(x: Float64Array, w: Float64Array): RoundSummary {
  let num = 0;
  let den = 0;
  for (let k = 0; k < x.length; k++) {
    num += (w[k] ?? 0) * (x[k] ?? 0);
    den += w[k] ?? 0;
  }
  let plain = 0;
  for (const v of x) plain += v;
  const mean = den > 0 ? num / den : plain / x.length;
  let median = x[0] ?? 0;
  let best = Infinity;
  for (let a = 0; a < x.length; a++) {
    const y = x[a] ?? 0;
    let cost = 0;
    for (let k = 0; k < x.length; k++) cost += (den > 0 ? (w[k] ?? 0) : 1) * Math.abs((x[k] ?? 0) - y);
    if (cost < best - 1e-12 || (Math.abs(cost - best) <= 1e-12 && y < median)) {
      best = cost;
      median = y;
    }
  }
  return { median, mean };
}

/** Utility 2 − 4(0.5 ± 0.5·d)^r of the model, with the base kept at 0 or more. */
function util(base: number, r: number): number {
  return 2 - 4 * Math.pow(Math.max(0, base), r);
}

/**
 * P[i·n + j]: the probability that i prevails over j — the votes for i over j divided by the votes on
 * this pair (denominator "pair") or on every ordered pair of actors (denominator "all-pairs").
 */
function probabilities(
  a: Actors,
  x: Float64Array,
  risk: Float64Array,
  range: number,
  o: EuOptions,
): Float64Array {
  const { n, w } = a;
  const u = new Float64Array(n * n); // u[k·n + a] = w_k (|x_k − x_a| / range)^{r_k}
  for (let k = 0; k < n; k++) {
    const xk = x[k] ?? 0;
    const rk = risk[k] ?? 1;
    const wk = w[k] ?? 0;
    for (let b = 0; b < n; b++) u[k * n + b] = wk * Math.pow(Math.abs(xk - (x[b] ?? 0)) / range, rk);
  }
  let all = 0;
  if (o.denominator === 'all-pairs') {
    // Σ over ordered pairs of |u_b − u_a| = 2 Σ_i (2i − n + 1) u_(i) over the sorted u of each voter.
    const row = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      row.set(u.subarray(k * n, k * n + n));
      row.sort();
      for (let i = 0; i < n; i++) all += 2 * (2 * i - n + 1) * (row[i] ?? 0);
    }
  }
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || x[i] === x[j]) continue;
      let forI = 0;
      let pair = 0;
      for (let k = 0; k < n; k++) {
        const v = (u[k * n + j] ?? 0) - (u[k * n + i] ?? 0);
        if (v > 0) forI += v;
        pair += Math.abs(v);
      }
      const den = o.denominator === 'all-pairs' ? all : pair;
      p[i * n + j] = den > 0 ? forI / den : 0;
    }
  }
  return p;
}

/** Expected utility to i of challenging j, seen by an observer with risk exponent r (Scholz eq. 5–9). */
function challenge(
  i: number,
  j: number,
  r: number,
  a: Actors,
  x: Float64Array,
  p: Float64Array,
  range: number,
  median: number,
  q: number,
): number {
  const xi = x[i] ?? 0;
  const xj = x[j] ?? 0;
  const d = Math.abs(xi - xj) / range;
  const pij = p[i * a.n + j] ?? 0;
  const sj = a.s[j] ?? 0;
  const success = util(0.5 - 0.5 * d, r);
  const failure = util(0.5 + 0.5 * d, r);
  let eu = sj * (pij * success + (1 - pij) * failure) + (1 - sj) * success - q * util(0.5, r);
  if (q < 1) {
    const shift = (Math.abs(xi - median) + Math.abs(xi - xj)) / range;
    const better = util(0.5 - 0.25 * shift, r);
    const worse = util(0.5 + 0.25 * shift, r);
    const t = Math.abs(xj - median) > Math.abs(xi - median) ? 1 : 0;
    eu -= (1 - q) * (t * better + (1 - t) * worse);
  }
  return eu;
}

/** Σ over k ≠ i of k's expected utility of challenging i, seen by i when every actor is risk-neutral. */
function dangers(a: Actors, x: Float64Array, range: number, o: EuOptions, median: number): Float64Array {
  const ones = new Float64Array(a.n).fill(1);
  const p = probabilities(a, x, ones, range, o);
  const out = new Float64Array(a.n);
  for (let i = 0; i < a.n; i++) {
    let sum = 0;
    for (let k = 0; k < a.n; k++) if (k !== i) sum += challenge(k, i, 1, a, x, p, range, median, o.q);
    out[i] = sum;
  }
  return out;
}

/** Risk exponents rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3), Rᵢ = (2·dangerᵢ − max − min)/(max − min). */
function riskExponents(
  a: Actors,
  x: Float64Array,
  range: number,
  o: EuOptions,
  median: number,
): Float64Array {
  const here = dangers(a, x, range, o, median);
  const risk = new Float64Array(a.n);
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of here) {
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  const moved = new Float64Array(x);
  for (let i = 0; i < a.n; i++) {
    const di = here[i] ?? 0;
    if (o.riskRange === 'positions') {
      // Bueno de Mesquita's intent: compare i's danger with what it would be at the other positions held.
      lo = di;
      hi = di;
      for (let b = 0; b < a.n; b++) {
        if (x[b] === x[i]) continue;
        moved[i] = x[b] ?? 0;
        const alt = dangers(a, moved, range, o, median)[i] ?? 0;
        lo = Math.min(lo, alt);
        hi = Math.max(hi, alt);
      }
      moved[i] = x[i] ?? 0;
    }
    const big = hi - lo > 1e-12 ? (2 * di - hi - lo) / (hi - lo) : 0;
    risk[i] = (1 - big / 3) / (1 + big / 3);
  }
  return risk;
}

type OfferType = 'confrontation' | 'compromise' | 'capitulation';
interface Offer {
  readonly type: OfferType;
  readonly position: number;
  readonly key: number;
}

/** The offer j makes to i as i sees it, if any (Scholz's quadrants of EU_ij and EU_ji). */
function offerTo(
  i: number,
  j: number,
  a: Actors,
  x: Float64Array,
  p: Float64Array,
  risk: Float64Array,
  range: number,
  median: number,
  o: EuOptions,
): Offer | undefined {
  const r = risk[i] ?? 1;
  const euIJ = challenge(i, j, r, a, x, p, range, median, o.q);
  const euJI = challenge(j, i, r, a, x, p, range, median, o.q);
  const xi = x[i] ?? 0;
  const xj = x[j] ?? 0;
  if (euJI > euIJ && euIJ > 0) return { type: 'confrontation', position: xj, key: Math.abs(xi - xj) };
  if (euJI > 0 && 0 > euIJ) {
    if (euJI > Math.abs(euIJ)) {
      const position = xi + (xj - xi) * Math.abs(euIJ / euJI);
      // Scholz's code ranks compromises by this weighted position rather than by the move they ask.
      const key =
        o.offerChoice === 'scholz-code'
          ? (Math.abs(euIJ) * xi + Math.abs(euJI) * xj) / (Math.abs(euIJ) + Math.abs(euJI))
          : Math.abs(position - xi);
      return { type: 'compromise', position, key };
    }
    if (o.capitulation === 'printed') return { type: 'capitulation', position: xj, key: Math.abs(xi - xj) };
  }
  return undefined;
}

const TYPE_ORDER: Record<OfferType, number> = { confrontation: 0, compromise: 1, capitulation: 2 };

function better(a: Offer, b: Offer | undefined, o: EuOptions): boolean {
  if (!b) return true;
  if (o.offerChoice === 'scholz-code' && a.type !== b.type) return TYPE_ORDER[a.type] < TYPE_ORDER[b.type];
  return a.key < b.key;
}

/** One round: new risk exponents, then every actor takes its best offer (all move at once). */
function round(a: Actors, x: Float64Array, range: number, o: EuOptions): Float64Array {
  const { median } = summarise(x, a.w);
  const risk = riskExponents(a, x, range, o, median);
  const p = probabilities(a, x, risk, range, o);
  const next = new Float64Array(x);
  for (let i = 0; i < a.n; i++) {
    let best: Offer | undefined;
    for (let j = 0; j < a.n; j++) {
      if (x[j] === x[i]) continue;
      const offer = offerTo(i, j, a, x, p, risk, range, median, o);
      if (offer && better(offer, best, o)) best = offer;
    }
    if (best) next[i] = best.position;
  }
  return next;
}

/** Runs the model for `rounds` rounds; the forecast is the median or mean after the last round. */
export function expectedUtility(
  issue: Issue,
  options: EuOptions = EU_PRESETS.scholz2011,
  rounds = 8,
): DynamicResult {
  const n = issue.stakeholders.length;
  const a: Actors = {
    n,
    w: Float64Array.from(issue.stakeholders, (s) => s.capability * s.salience),
    s: Float64Array.from(issue.stakeholders, (s) => s.salience),
  };
  let x: Float64Array = Float64Array.from(issue.stakeholders, (s) => s.position);
  const span = (v: Float64Array) => Math.max(...v) - Math.min(...v);
  const initialRange = span(x);
  const summaries: RoundSummary[] = [];
  for (let t = 0; t < rounds; t++) {
    const range = options.positionRange === 'initial' ? initialRange : span(x);
    if (range > 0) x = round(a, x, range, options);
    summaries.push(summarise(x, a.w));
  }
  const last = summaries[summaries.length - 1] ?? summarise(x, a.w);
  return {
    forecast: options.forecast === 'mean' ? last.mean : last.median,
    rounds: summaries,
    positions: Array.from(x),
  };
}
