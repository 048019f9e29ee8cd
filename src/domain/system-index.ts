/**
 * Lookups over a parsed system: records by id with their place in the file, and the track of every
 * engagement and initiative (declared in the file's convention, or classified from participants).
 * The rules and the views read a system through this index.
 */
import type { Actor } from './actor.js';
import type { Engagement } from './engagement.js';
import type { FindingPath } from './finding.js';
import type { Initiative } from './initiative.js';
import { linkId } from './link.js';
import type { Link } from './link.js';
import type { Outcome } from './outcome.js';
import type { Party } from './party.js';
import type { RecordType } from './record.js';
import { type Classification, ClassifyError, classify } from './rules/classify.js';
import type { System } from './system.js';
import { type TrackId, type TrackLabelMeaning, parseTrackLabel } from './track.js';

export interface Located<T> {
  readonly type: RecordType;
  readonly record: T;
  readonly path: FindingPath;
}

/** Where an initiative sits: declared by the file, classified from its engagements, and the one used. */
export interface InitiativeTrack {
  readonly declared?: TrackLabelMeaning;
  readonly derived?: Classification;
  /** The declared track if any, else the derived one; 'multi-track' for seed 002's "Track 4". */
  readonly effective?: TrackId | 'multi-track';
}

type AnyRecord =
  Party | Actor | Initiative | Engagement | Outcome | Link | System['conflict'] | System['sources'][number];

export class SystemIndex {
  readonly byId = new Map<string, Located<AnyRecord>>();
  readonly engagementsOf = new Map<string, Engagement[]>();
  readonly outcomesOf = new Map<string, Outcome[]>();
  private readonly engagementTracks = new Map<string, Classification | undefined>();
  private readonly initiativeTracks = new Map<string, InitiativeTrack>();

  constructor(readonly system: System) {
    const add = (type: RecordType, record: AnyRecord, path: FindingPath, id: string) => {
      if (!this.byId.has(id)) this.byId.set(id, { type, record, path });
    };
    add('conflict', system.conflict, ['conflict'], system.conflict.id);
    system.parties.forEach((r, i) => add('party', r, ['parties', i], r.id));
    system.actors.forEach((r, i) => add('actor', r, ['actors', i], r.id));
    system.initiatives.forEach((r, i) => add('initiative', r, ['initiatives', i], r.id));
    system.engagements.forEach((r, i) => add('engagement', r, ['engagements', i], r.id));
    system.outcomes.forEach((r, i) => add('outcome', r, ['outcomes', i], r.id));
    system.links.forEach((r, i) => add('link', r, ['links', i], linkId(r)));
    system.sources.forEach((r, i) => add('source', r, ['sources', i], r.id));
    for (const e of system.engagements) push(this.engagementsOf, e.initiative, e);
    for (const o of system.outcomes) push(this.outcomesOf, o.initiative, o);
  }

  get<T extends AnyRecord>(id: string, type: RecordType): T | undefined {
    const hit = this.byId.get(id);
    return hit && hit.type === type ? (hit.record as T) : undefined;
  }

  typeOf(id: string): RecordType | undefined {
    return this.byId.get(id)?.type;
  }

  actor(id: string): Actor | undefined {
    return this.get<Actor>(id, 'actor');
  }

  initiative(id: string): Initiative | undefined {
    return this.get<Initiative>(id, 'initiative');
  }

  /** The track of an engagement from its participants, or undefined when it cannot be classified. */
  engagementTrack(engagement: Engagement): Classification | undefined {
    if (!this.engagementTracks.has(engagement.id)) {
      this.engagementTracks.set(engagement.id, this.classifyParticipants(engagement.participants));
    }
    return this.engagementTracks.get(engagement.id);
  }

  initiativeTrack(initiative: Initiative): InitiativeTrack {
    const cached = this.initiativeTracks.get(initiative.id);
    if (cached) return cached;
    let declared: TrackLabelMeaning | undefined;
    if (initiative.track !== undefined) {
      try {
        declared = parseTrackLabel(initiative.track, this.system.convention);
      } catch {
        declared = undefined;
      }
    }
    // each person once per capacity, however many meetings they attended: the reason counts people
    const seen = new Set<string>();
    const participants = (this.engagementsOf.get(initiative.id) ?? [])
      .flatMap((e) => e.participants)
      .filter((p) => {
        const key = `${p.actor}\u0000${p.capacity}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const derived = participants.length > 0 ? this.classifyParticipants(participants) : undefined;
    const effective = declared
      ? declared.kind === 'track'
        ? declared.track
        : 'multi-track'
      : derived?.track;
    const result: InitiativeTrack = { declared, derived, effective };
    this.initiativeTracks.set(initiative.id, result);
    return result;
  }

  /** The initiative an initiative, engagement or outcome belongs to (itself for an initiative). */
  owningInitiative(id: string): string | undefined {
    const hit = this.byId.get(id);
    if (!hit) return undefined;
    if (hit.type === 'initiative') return id;
    if (hit.type === 'engagement') return (hit.record as Engagement).initiative;
    if (hit.type === 'outcome') return (hit.record as Outcome).initiative;
    return undefined;
  }

  private feedsGraph: Map<string, Set<string>> | undefined;

  /** Initiatives that `from` feeds into, directly or through a chain of feeds-into links. */
  feedsIntoClosure(from: string): Set<string> {
    if (!this.feedsGraph) {
      this.feedsGraph = new Map();
      for (const link of this.system.links) {
        if (link.type !== 'feeds-into') continue;
        const a = this.owningInitiative(link.from);
        const b = this.owningInitiative(link.to);
        if (a === undefined || b === undefined || a === b) continue;
        if (!this.feedsGraph.has(a)) this.feedsGraph.set(a, new Set());
        this.feedsGraph.get(a)?.add(b);
      }
    }
    const next = this.feedsGraph;
    const seen = new Set<string>();
    const stack = [...(next.get(from) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    return seen;
  }

  private classifyParticipants(participants: Engagement['participants']): Classification | undefined {
    const known = participants.flatMap((p) => {
      const actor = this.actor(p.actor);
      return actor ? [{ sector: actor.sector, capacity: p.capacity }] : [];
    });
    if (known.length === 0) return undefined;
    try {
      return classify(known);
    } catch (error) {
      if (error instanceof ClassifyError) return undefined;
      throw error;
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
