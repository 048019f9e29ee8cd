/**
 * Engagements of a system file (the registry's format) as negotiation engagements: every engagement
 * the domain rules classify as Track 1.5 or Track 2 in which a stakeholder of the issue takes part —
 * a participant that is the registry actor the stakeholder names, or an actor of the party it names.
 */
import type { System } from '../../domain/system.js';
import type { SystemIndex } from '../../domain/system-index.js';
import type { Issue, NegotiationEngagement } from './issue.js';

export function engagementsFromSystem(
  system: System,
  index: SystemIndex,
  issue: Issue,
): NegotiationEngagement[] {
  const byActor = new Map<string, string[]>();
  for (const s of issue.stakeholders) {
    if (!s.actor) continue;
    byActor.set(s.actor, [...(byActor.get(s.actor) ?? []), s.id]);
  }
  const out: NegotiationEngagement[] = [];
  for (const e of system.engagements) {
    const track = index.engagementTrack(e)?.track;
    if (track !== '1.5' && track !== '2') continue;
    const participants = new Set<string>();
    for (const p of e.participants) {
      const party = index.actor(p.actor)?.party;
      for (const id of [...(byActor.get(p.actor) ?? []), ...(party ? (byActor.get(party) ?? []) : [])])
        participants.add(id);
    }
    if (participants.size === 0) continue;
    out.push({ id: e.id, track, date: e.date, participants: [...participants].sort(), intensity: 1 });
  }
  return out;
}
