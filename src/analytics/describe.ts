/**
 * The system at a glance: how many actors, initiatives and engagements sit on each track, which
 * initiatives feed which, what they produced and whether it binds, how links run between tracks (a
 * track-to-track matrix), and the rules' findings. A pure function of a checked system.
 */
import { actorHomeTrack } from '../domain/actor.js';
import type { Stage } from '../domain/conflict.js';
import { compareDates } from '../domain/date.js';
import type { Engagement } from '../domain/engagement.js';
import type { SystemIndex } from '../domain/system-index.js';
import { TRACKS, TRACK_IDS, type TrackId } from '../domain/track.js';

export type TrackOrMulti = TrackId | 'multi-track';

export interface TrackCounts {
  readonly track: TrackId;
  readonly name: string;
  readonly actors: number;
  readonly initiatives: number;
  readonly engagements: number;
}

export interface InitiativeSummary {
  readonly id: string;
  readonly name: string;
  readonly track: TrackOrMulti | null;
  readonly declaredTrack: TrackOrMulti | null;
  readonly derivedTrack: TrackId | null;
  readonly derivedReason: string | null;
  readonly mechanism: string;
  readonly start: string;
  readonly end: string | null;
  readonly engagements: number;
  readonly feedsInto: readonly string[];
  readonly outcomes: readonly {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly binding: boolean;
    readonly date: string;
    readonly adoptedBy: string | null;
  }[];
}

export interface CrossTrackLink {
  readonly type: string;
  readonly from: string;
  readonly fromTrack: TrackOrMulti;
  readonly to: string;
  readonly toTrack: TrackOrMulti;
  readonly date: string | null;
}

export interface SystemDescription {
  readonly id: string;
  readonly name: string;
  readonly convention: string;
  readonly conflict: {
    readonly id: string;
    readonly name: string;
    readonly parties: readonly string[];
    /** The latest stage, or null when the stage history is not known. */
    readonly stage: Stage | null;
    readonly stageSince: string | null;
    readonly stages: readonly { readonly stage: Stage; readonly from: string }[];
  };
  readonly counts: {
    readonly parties: number;
    readonly actors: number;
    readonly initiatives: number;
    readonly engagements: number;
    readonly outcomes: number;
    readonly links: number;
    readonly sources: number;
  };
  readonly tracks: readonly TrackCounts[];
  readonly tracksPresent: readonly TrackId[];
  readonly initiatives: readonly InitiativeSummary[];
  /** links[from track][to track] = number of links, for links whose two ends both have a track. */
  readonly linkMatrix: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly crossTrackLinks: readonly CrossTrackLink[];
}

/** The track a record sits on, when it has one (parties, sources and the conflict have none). */
export function recordTrack(index: SystemIndex, id: string): TrackOrMulti | undefined {
  switch (index.typeOf(id)) {
    case 'actor': {
      const actor = index.actor(id);
      return actor && actorHomeTrack(actor);
    }
    case 'initiative': {
      const initiative = index.initiative(id);
      return initiative && index.initiativeTrack(initiative).effective;
    }
    case 'engagement': {
      const engagement = index.get<Engagement>(id, 'engagement');
      return engagement && index.engagementTrack(engagement)?.track;
    }
    case 'outcome': {
      const owner = index.owningInitiative(id);
      const initiative = owner === undefined ? undefined : index.initiative(owner);
      return initiative && index.initiativeTrack(initiative).effective;
    }
    default:
      return undefined;
  }
}

export function describeSystem(index: SystemIndex): SystemDescription {
  const { system } = index;
  const stages = [...system.conflict.stages].sort((a, b) => compareDates(a.from, b.from));
  const current = stages[stages.length - 1];

  const counts = new Map<TrackId, { actors: number; initiatives: number; engagements: number }>(
    TRACK_IDS.map((t) => [t, { actors: 0, initiatives: 0, engagements: 0 }]),
  );
  for (const actor of system.actors) {
    const home = actorHomeTrack(actor);
    const c = home && counts.get(home);
    if (c) c.actors += 1;
  }
  for (const initiative of system.initiatives) {
    const t = index.initiativeTrack(initiative).effective;
    const c = t && t !== 'multi-track' ? counts.get(t) : undefined;
    if (c) c.initiatives += 1;
  }
  for (const engagement of system.engagements) {
    const t = index.engagementTrack(engagement)?.track;
    const c = t ? counts.get(t) : undefined;
    if (c) c.engagements += 1;
  }
  const tracks = TRACKS.map(
    (t) => ({ track: t.id, name: t.name, ...(counts.get(t.id) as object) }) as TrackCounts,
  );

  const feeds = new Map<string, string[]>();
  for (const link of system.links) {
    if (link.type !== 'feeds-into') continue;
    const a = index.owningInitiative(link.from);
    const b = index.owningInitiative(link.to);
    if (a === undefined || b === undefined || a === b) continue;
    const list = feeds.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    feeds.set(a, list);
  }

  const initiatives: InitiativeSummary[] = system.initiatives.map((n) => {
    const t = index.initiativeTrack(n);
    const declared = t.declared ? (t.declared.kind === 'track' ? t.declared.track : 'multi-track') : null;
    return {
      id: n.id,
      name: n.name,
      track: t.effective ?? null,
      declaredTrack: declared,
      derivedTrack: t.derived?.track ?? null,
      derivedReason: t.derived?.reason ?? null,
      mechanism: n.mechanism,
      start: n.start,
      end: n.end ?? null,
      engagements: (index.engagementsOf.get(n.id) ?? []).length,
      feedsInto: feeds.get(n.id) ?? [],
      outcomes: (index.outcomesOf.get(n.id) ?? []).map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        binding: o.binding,
        date: o.date,
        adoptedBy: o.adoptedBy ?? null,
      })),
    };
  });

  const matrix: Record<string, Record<string, number>> = {};
  const crossTrackLinks: CrossTrackLink[] = [];
  for (const link of system.links) {
    const from = recordTrack(index, link.from);
    const to = recordTrack(index, link.to);
    if (from === undefined || to === undefined) continue;
    const row = (matrix[from] ??= {});
    row[to] = (row[to] ?? 0) + 1;
    if (from !== to) {
      crossTrackLinks.push({
        type: link.type,
        from: link.from,
        fromTrack: from,
        to: link.to,
        toTrack: to,
        date: link.date ?? null,
      });
    }
  }

  return {
    id: system.id,
    name: system.name,
    convention: system.convention,
    conflict: {
      id: system.conflict.id,
      name: system.conflict.name,
      parties: system.conflict.parties,
      stage: current?.stage ?? null,
      stageSince: current?.from ?? null,
      stages: stages.map((s) => ({ stage: s.stage, from: s.from })),
    },
    counts: {
      parties: system.parties.length,
      actors: system.actors.length,
      initiatives: system.initiatives.length,
      engagements: system.engagements.length,
      outcomes: system.outcomes.length,
      links: system.links.length,
      sources: system.sources.length,
    },
    tracks,
    tracksPresent: tracks.filter((t) => t.actors + t.initiatives + t.engagements > 0).map((t) => t.track),
    initiatives,
    linkMatrix: matrix,
    crossTrackLinks,
  };
}
