/**
 * The network of a system as a graphology graph: actors, parties and initiatives as nodes; engagement
 * participation, initiative conveners and funders, and the typed, dated links as edges. Engagements and
 * outcomes fold into the initiative they belong to, so the graph is simple and undirected (the metrics
 * want that), and every edge keeps the relations behind it with their direction, record and date (the
 * pathways read those). `on` keeps the system as it stood that day; `visible` scopes it to a viewer.
 */
import { UndirectedGraph } from 'graphology';
import { actorHomeTrack } from '../domain/actor.js';
import { earliest, latest } from '../domain/date.js';
import { linkId } from '../domain/link.js';
import type { SystemIndex } from '../domain/system-index.js';
import type { TrackId } from '../domain/track.js';

export type NodeKind = 'actor' | 'party' | 'initiative';
export type NodeTrack = TrackId | 'multi-track';

export interface NodeAttributes {
  readonly kind: NodeKind;
  readonly label: string;
  /** An actor's home track, an initiative's track; null for parties and unknown tracks. */
  readonly track: NodeTrack | null;
}

/** One reason for an edge: a link of the file, or a participation, convening or funding. */
export interface Relation {
  readonly type: string;
  /** The node the relation runs from (after folding engagements and outcomes into initiatives). */
  readonly from: string;
  readonly to: string;
  /** The record it comes from: a link id, an engagement id, or the initiative for conveners/funders. */
  readonly record: string;
  readonly date: string | null;
}

export interface EdgeAttributes {
  readonly relations: Relation[];
}

export type Network = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export interface NetworkOptions {
  /** The day to look at (YYYY-MM-DD or a partial date, read as its last day): later records are left out. */
  readonly on?: string;
  /** Keeps only the records this returns true for (a viewer's scope); all records when absent. */
  readonly visible?: (id: string) => boolean;
}

/** True when a record dated `date` already existed on `on` (an undated record always does). */
export function existedOn(date: string | undefined, on: string | undefined): boolean {
  return on === undefined || date === undefined || earliest(date) <= latest(on);
}

/** True when a record that ends at `until` was still in force on `on`. */
export function stillOn(until: string | undefined, on: string | undefined): boolean {
  return on === undefined || until === undefined || latest(until) >= latest(on);
}

export function buildNetwork(index: SystemIndex, options: NetworkOptions = {}): Network {
  const { system } = index;
  const { on } = options;
  const visible = options.visible ?? (() => true);
  const graph: Network = new UndirectedGraph<NodeAttributes, EdgeAttributes>();

  for (const party of system.parties) {
    if (visible(party.id)) graph.addNode(party.id, { kind: 'party', label: party.name, track: null });
  }
  for (const actor of system.actors) {
    if (!visible(actor.id)) continue;
    graph.addNode(actor.id, { kind: 'actor', label: actor.name, track: actorHomeTrack(actor) ?? null });
  }
  for (const initiative of system.initiatives) {
    if (!visible(initiative.id) || !existedOn(initiative.start, on)) continue;
    graph.addNode(initiative.id, {
      kind: 'initiative',
      label: initiative.name,
      track: index.initiativeTrack(initiative).effective ?? null,
    });
  }

  const relate = (relation: Relation) => {
    const { from, to } = relation;
    if (from === to || !graph.hasNode(from) || !graph.hasNode(to)) return;
    const edge = graph.edge(from, to);
    if (edge === undefined) graph.addEdge(from, to, { relations: [relation] });
    else graph.getEdgeAttributes(edge).relations.push(relation);
  };

  for (const engagement of system.engagements) {
    if (!visible(engagement.id) || !existedOn(engagement.date, on)) continue;
    for (const p of engagement.participants) {
      relate({
        type: 'participates-in',
        from: p.actor,
        to: engagement.initiative,
        record: engagement.id,
        date: engagement.date,
      });
    }
  }
  for (const initiative of system.initiatives) {
    for (const convener of initiative.conveners) {
      relate({ type: 'convenes', from: convener, to: initiative.id, record: initiative.id, date: null });
    }
    for (const funder of initiative.funders) {
      relate({ type: 'funds', from: funder, to: initiative.id, record: initiative.id, date: null });
    }
  }
  for (const link of system.links) {
    const id = linkId(link);
    if (!visible(id) || !existedOn(link.date, on) || !stillOn(link.until, on)) continue;
    if (!existedOn(recordDate(index, link.from), on) || !existedOn(recordDate(index, link.to), on)) continue;
    const from = index.owningInitiative(link.from) ?? link.from;
    const to = index.owningInitiative(link.to) ?? link.to;
    relate({ type: link.type, from, to, record: id, date: link.date ?? null });
  }
  return graph;
}

/** The date an engagement or outcome happened, so that a link to it waits for it. */
function recordDate(index: SystemIndex, id: string): string | undefined {
  const hit = index.byId.get(id);
  if (hit?.type === 'engagement' || hit?.type === 'outcome') return (hit.record as { date: string }).date;
  return undefined;
}
