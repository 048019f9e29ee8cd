/**
 * How a Track 1.5 or Track 2 engagement acts on the officials who take part, for the multi-track model:
 * in which bargaining round it lands (from its date between the issue's opening and decision, or its
 * stated round), and how strong it is (its intensity × how well its track works at the conflict's
 * stage and regime, from the domain's effectiveness table). Pure functions.
 */
import type { Regime, Stage } from '../../domain/conflict.js';
import { earliest } from '../../domain/date.js';
import { type Effect, effectiveness } from '../../domain/rules/effectiveness.js';
import type { Issue, NegotiationEngagement } from './issue.js';

/** An engagement's strength as a multiplier of its effects; negative reverses them. */
export const EFFECT_FACTOR: Readonly<Record<Effect, number>> = Object.freeze({
  strong: 1,
  moderate: 0.6,
  weak: 0.3,
  'counter-productive': -0.3,
});

export interface ScheduledEngagement {
  readonly engagement: NegotiationEngagement;
  /** The round (1-based) before whose moves it acts. */
  readonly round: number;
  /** intensity × effectiveness factor. */
  readonly strength: number;
  /** Indexes of the participating stakeholders. */
  readonly participants: readonly number[];
}

function day(date: string): number {
  const [y, m, d] = earliest(date).split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** The factor of the effectiveness table for a track in the issue's context; 1 when no stage is given. */
export function contextFactor(issue: Issue, track: '1.5' | '2'): number {
  const stage: Stage | undefined = issue.context?.stage;
  if (!stage) return 1;
  const regime: Regime = issue.context?.regime ?? 'democracy';
  return EFFECT_FACTOR[effectiveness(track, stage, regime, issue.context?.electoral ?? 'far').effect];
}

/**
 * The engagements of an issue placed on rounds 1…rounds. A dated engagement lands in the round its date
 * falls in, splitting opens–decides into equal rounds; one before the opening acts in round 1; one after
 * the decision is dropped (it cannot have shaped it). An undated one without a round acts in round 1.
 */
export function scheduleEngagements(issue: Issue, rounds: number): ScheduledEngagement[] {
  const index = new Map(issue.stakeholders.map((s, i) => [s.id, i]));
  const out: ScheduledEngagement[] = [];
  for (const e of issue.engagements) {
    let round = e.round ?? 1;
    if (e.date !== undefined && issue.opens && issue.decides) {
      const start = day(issue.opens);
      const end = day(issue.decides);
      const at = day(e.date);
      if (at > end) continue;
      round = end > start ? 1 + Math.floor(((at - start) / (end - start)) * rounds) : 1;
    }
    round = Math.min(Math.max(round, 1), rounds);
    const participants = e.participants.map((p) => index.get(p)).filter((i): i is number => i !== undefined);
    out.push({ engagement: e, round, strength: e.intensity * contextFactor(issue, e.track), participants });
  }
  return out.sort((a, b) => a.round - b.round || a.engagement.id.localeCompare(b.engagement.id));
}
