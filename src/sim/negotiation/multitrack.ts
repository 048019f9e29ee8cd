/**
 * The multi-track bargaining model (ours; assumptions and equations in docs/negotiation.md). Track 1
 * officials concede round by round towards the compromise they perceive, less the more the issue
 * matters to them, never past their bottom line; Track 1.5 and Track 2 engagements change what the
 * officials who take part learn about each other's positions (misperception shrinks), how salient the
 * issue is to them, and how far they will go (bottom lines widen). The outcome settles on the tabled
 * position nearest the weighted mean of the final positions (or on that mean), optionally held to what
 * a coalition can accept under the issue's decision rule. A pure function of (issue, options, rounds).
 */
import { type DynamicResult, type RoundSummary, summarise } from './expected-utility.js';
import { type ScheduledEngagement, scheduleEngagements } from './engagement-effects.js';
import type { DecisionRule, Issue } from './issue.js';

export interface TrackEffects {
  /** Share of the misperception between two participants removed by one engagement of strength 1. */
  readonly learning: number;
  /** Change of salience (towards 1 when positive, towards 0 when negative), per unit strength. */
  readonly salience: number;
  /** Widening of each participant's bottom line, as a share of the scale, per unit strength. */
  readonly acceptance: number;
}

export interface MultitrackOptions {
  /** β: outcome weights are capability × salience^β (β < 1 flattens the weights). */
  readonly salienceExponent: number;
  /** α: share of the perceived gap an indifferent actor (salience 0) closes in one round. */
  readonly concession: number;
  /** κ₀: how far, before any contact, an official sees others' positions pulled towards its own. */
  readonly misperception: number;
  /** θ₀: bottom line of a fully salient actor, as a share of the scale from its opening position. */
  readonly bottomLine: number;
  /** θ₁: extra room of an indifferent actor (θᵢ = θ₀ + θ₁(1 − sᵢ)). */
  readonly bottomLineSlack: number;
  /** Hold the outcome to what the decision rule lets a coalition accept (`rule`) or not (`ignore`). */
  readonly decision: 'rule' | 'ignore';
  /**
   * Where the outcome settles: the weighted mean of the final positions (`mean`), or the final position
   * of a stakeholder who cares (salience > 0) nearest that mean (`tabled`: texts that are agreed are
   * texts someone put on the table).
   */
  readonly settle: 'mean' | 'tabled';
  /** Capability weights in the outcome (true) or salience alone (false). */
  readonly capability: boolean;
  readonly track15: TrackEffects;
  readonly track2: TrackEffects;
}

/** Defaults: Track 1 parameters tuned on deu-issues-dev.tsv only; engagement effects are priors. */
export const MULTITRACK_DEFAULTS: MultitrackOptions = Object.freeze({
  salienceExponent: 0.5,
  concession: 0.1,
  misperception: 0.5,
  bottomLine: 0.25,
  bottomLineSlack: 0.5,
  decision: 'ignore',
  settle: 'tabled',
  capability: true,
  track15: Object.freeze({ learning: 0.5, salience: 0.1, acceptance: 0.1 }),
  track2: Object.freeze({ learning: 0.25, salience: -0.05, acceptance: 0.05 }),
});

const THRESHOLD: Readonly<Record<DecisionRule, number>> = Object.freeze({
  unanimity: 1,
  'qualified-majority': 0.65,
  'simple-majority': 0.5,
});

interface State {
  readonly x: Float64Array; // positions
  readonly s: Float64Array; // saliences
  readonly kappa: Float64Array; // misperception of j by i, n × n
  readonly theta: Float64Array; // bottom lines as a share of the scale
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** One engagement's effects on its participants (strength < 0 reverses each effect). */
function engage(st: State, n: number, e: ScheduledEngagement, fx: TrackEffects): void {
  const k = e.strength;
  for (const i of e.participants) {
    for (const j of e.participants) {
      if (i === j) continue;
      const cur = st.kappa[i * n + j] ?? 0;
      const change = clamp01(Math.abs(k) * fx.learning);
      st.kappa[i * n + j] = k >= 0 ? cur * (1 - change) : cur + change * (1 - cur);
    }
    const s = st.s[i] ?? 0;
    const ds = k * fx.salience;
    st.s[i] = clamp01(ds >= 0 ? s + ds * (1 - s) : s + ds * s);
    st.theta[i] = clamp01((st.theta[i] ?? 0) + k * fx.acceptance);
  }
}

/**
 * The point nearest `target` that enough stakeholders accept: each accepts the interval of its bottom
 * line; the accepting capability (among those with salience > 0) must reach the rule's threshold. When
 * no point qualifies there is no agreement and policy stays at the reference point (or `target` when
 * the issue has none).
 */
export function acceptable(
  target: number,
  lo: Float64Array,
  hi: Float64Array,
  weight: Float64Array,
  threshold: number,
  fallback: number | undefined,
): number {
  let total = 0;
  for (const w of weight) total += w;
  if (total <= 0) return target;
  const support = (y: number) => {
    let sum = 0;
    for (let i = 0; i < lo.length; i++)
      if (y >= (lo[i] ?? 0) - 1e-9 && y <= (hi[i] ?? 0) + 1e-9) sum += weight[i] ?? 0;
    return sum >= threshold * total - 1e-9;
  };
  if (support(target)) return target;
  // Support changes only at interval ends, so the nearest qualifying point is one of them.
  let best: number | undefined;
  for (const y of [...lo, ...hi]) {
    if (
      support(y) &&
      (best === undefined ||
        Math.abs(y - target) < Math.abs(best - target) ||
        (Math.abs(y - target) === Math.abs(best - target) && y < best))
    )
      best = y;
  }
  return best ?? fallback ?? target;
}

/** The position held by a stakeholder with salience > 0 nearest `target` (the lower on a tie). */
export function tabled(target: number, x: Float64Array, s: Float64Array): number {
  let best: number | undefined;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    if ((s[i] ?? 0) <= 0) continue;
    const d = Math.abs(xi - target);
    if (best === undefined || d < Math.abs(best - target) || (d === Math.abs(best - target) && xi < best))
      best = xi;
  }
  return best ?? target;
}

export function multitrack(
  issue: Issue,
  options: MultitrackOptions = MULTITRACK_DEFAULTS,
  rounds = 10,
): DynamicResult {
  const n = issue.stakeholders.length;
  const span = issue.scale.max - issue.scale.min;
  const c = Float64Array.from(issue.stakeholders, (s) => (options.capability ? s.capability : 1));
  const x0 = Float64Array.from(issue.stakeholders, (s) => s.position);
  const st: State = {
    x: new Float64Array(x0),
    s: Float64Array.from(issue.stakeholders, (s) => s.salience),
    kappa: new Float64Array(n * n).fill(options.misperception),
    theta: Float64Array.from(
      issue.stakeholders,
      (s) => options.bottomLine + options.bottomLineSlack * (1 - s.salience),
    ),
  };
  const weights = () =>
    Float64Array.from(st.s, (s, i) => (c[i] ?? 0) * Math.pow(s, options.salienceExponent));
  const schedule = scheduleEngagements(issue, rounds);
  const summaries: RoundSummary[] = [];
  let next = 0;
  for (let t = 1; t <= rounds; t++) {
    for (; next < schedule.length && (schedule[next]?.round ?? Infinity) <= t; next++) {
      const e = schedule[next];
      if (e) engage(st, n, e, e.engagement.track === '1.5' ? options.track15 : options.track2);
    }
    const w = weights();
    const moved = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = st.x[i] ?? 0;
      let num = (w[i] ?? 0) * xi;
      let den = w[i] ?? 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const xj = st.x[j] ?? 0;
        const seen = xj + (st.kappa[i * n + j] ?? 0) * (xi - xj);
        num += (w[j] ?? 0) * seen;
        den += w[j] ?? 0;
      }
      const perceived = den > 0 ? num / den : xi;
      const room = (st.theta[i] ?? 0) * span;
      const target = xi + options.concession * (1 - (st.s[i] ?? 0)) * (perceived - xi);
      moved[i] = Math.min(Math.max(target, (x0[i] ?? 0) - room), (x0[i] ?? 0) + room);
    }
    st.x.set(moved);
    summaries.push(summarise(st.x, w));
  }
  const w = weights();
  const last = summarise(st.x, w);
  let forecast = options.settle === 'tabled' ? tabled(last.mean, st.x, st.s) : last.mean;
  if (options.decision === 'rule' && issue.decisionRule) {
    const lo = Float64Array.from(x0, (v, i) => v - (st.theta[i] ?? 0) * span);
    const hi = Float64Array.from(x0, (v, i) => v + (st.theta[i] ?? 0) * span);
    const voters = Float64Array.from(st.s, (s, i) => (s > 0 ? (c[i] ?? 0) : 0));
    forecast = acceptable(forecast, lo, hi, voters, THRESHOLD[issue.decisionRule], issue.referencePoint);
  }
  return { forecast, rounds: summaries, positions: Array.from(st.x) };
}
