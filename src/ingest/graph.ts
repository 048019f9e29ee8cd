/**
 * A system as a graph, the shape every export format draws: the parties, actors, initiatives,
 * engagements and outcomes as nodes, and as edges the typed links plus the relations the records imply
 * (an engagement is part of its initiative, its participants take part in it, an outcome was produced by
 * its initiative and adopted by another). Nodes and edges keep the order of the system file, so the same
 * system always gives the same graph.
 */
import { actorHomeTrack } from '../domain/actor.js';
import type { LinkType } from '../domain/link.js';
import { SystemIndex } from '../domain/system-index.js';
import type { System } from '../domain/system.js';
import { type TrackId, trackLabel } from '../domain/track.js';

export const NODE_TYPES = ['party', 'actor', 'initiative', 'engagement', 'outcome'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Relations a system implies by its records' fields rather than states as links. */
export const STRUCTURAL_RELATIONS = ['part-of', 'participates-in', 'produced-by', 'adopted-by'] as const;
export type StructuralRelation = (typeof STRUCTURAL_RELATIONS)[number];

export interface GraphNode {
  readonly id: string;
  readonly type: NodeType;
  readonly name: string;
  /** Actor kind (person, organisation), party kind or outcome kind. */
  readonly kind?: string;
  /** The track the record sits on: an actor's home track, an initiative's effective track, … */
  readonly track?: TrackId | 'multi-track';
  readonly sector?: string;
  /** The party an actor is affiliated to. */
  readonly party?: string;
  /** The initiative an engagement or outcome belongs to. */
  readonly initiative?: string;
  readonly mechanism?: string;
  /** An initiative's span. */
  readonly start?: string;
  /** When an initiative or a multi-day engagement ended. */
  readonly end?: string;
  /** An engagement's or an outcome's date. */
  readonly date?: string;
  /** Whether an outcome binds. */
  readonly binding?: boolean;
  readonly country?: string;
  /** The office an actor of an official sector holds. */
  readonly officialRole?: string;
  readonly originalType?: string;
  readonly description?: string;
}

export interface GraphEdge {
  /** Unique among all nodes and edges of the graph. */
  readonly id: string;
  /** The id the system file gives the link, when it gives one (not the default from--type--to). */
  readonly declaredId?: string;
  readonly source: string;
  readonly target: string;
  readonly type: LinkType | StructuralRelation;
  /** `link` for a link of the system, `structural` for a relation its records imply. */
  readonly relation: 'link' | 'structural';
  readonly date?: string;
  readonly until?: string;
  /** A link's original type name in the tool it came from. */
  readonly label?: string;
  readonly name?: string;
  /** A participant's capacity and role (participates-in relations). */
  readonly capacity?: string;
  readonly role?: string;
  readonly description?: string;
}

export interface SystemGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * The system as nodes and edges. A checked system has unique ids and links between existing records; for
 * any other, a second record with an id already seen and an edge to an id that is no node are left out,
 * so that every output format stays a well-formed graph.
 */
export function systemGraph(system: System): SystemGraph {
  const index = new SystemIndex(system);
  const nodes: GraphNode[] = [];
  const nodeIds = new Set<string>();
  const addNode = (node: GraphNode) => {
    if (nodeIds.has(node.id)) return;
    nodeIds.add(node.id);
    nodes.push(node);
  };

  for (const p of system.parties) {
    addNode({ id: p.id, type: 'party', name: p.name, kind: p.kind, description: p.description });
  }
  for (const a of system.actors) {
    addNode({
      id: a.id,
      type: 'actor',
      name: a.name,
      kind: a.kind,
      track: actorHomeTrack(a),
      sector: a.sector,
      party: a.party,
      country: a.country,
      officialRole: a.officialRole,
      originalType: a.originalType,
      description: a.description,
    });
  }
  for (const n of system.initiatives) {
    addNode({
      id: n.id,
      type: 'initiative',
      name: n.name,
      track: index.initiativeTrack(n).effective,
      mechanism: n.mechanism,
      start: n.start,
      end: n.end,
      description: n.description,
    });
  }
  for (const e of system.engagements) {
    addNode({
      id: e.id,
      type: 'engagement',
      name: e.name,
      track: index.engagementTrack(e)?.track,
      initiative: e.initiative,
      date: e.date,
      end: e.end,
      description: e.description,
    });
  }
  for (const o of system.outcomes) {
    const initiative = index.initiative(o.initiative);
    addNode({
      id: o.id,
      type: 'outcome',
      name: o.name,
      kind: o.kind,
      track: initiative && index.initiativeTrack(initiative).effective,
      initiative: o.initiative,
      date: o.date,
      binding: o.binding,
      description: o.description,
    });
  }

  const edges: GraphEdge[] = [];
  const taken = new Set(nodeIds);
  const addEdge = (edge: Omit<GraphEdge, 'id'>, id: string) => {
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) return;
    let unique = id;
    for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
    taken.add(unique);
    edges.push({ id: unique, ...edge });
  };

  for (const l of system.links) {
    addEdge(
      {
        declaredId: l.id,
        source: l.from,
        target: l.to,
        type: l.type,
        relation: 'link',
        date: l.date,
        until: l.until,
        label: l.label,
        name: l.name,
        description: l.description,
      },
      l.id ?? `${l.from}--${l.type}--${l.to}`,
    );
  }
  const structural = (source: string, type: StructuralRelation, target: string) =>
    ({ source, target, type, relation: 'structural' }) as const;
  for (const e of system.engagements) {
    addEdge(
      { ...structural(e.id, 'part-of', e.initiative), date: e.date },
      `${e.id}--part-of--${e.initiative}`,
    );
    for (const p of e.participants) {
      addEdge(
        { ...structural(p.actor, 'participates-in', e.id), date: e.date, capacity: p.capacity, role: p.role },
        `${p.actor}--participates-in--${e.id}`,
      );
    }
  }
  for (const o of system.outcomes) {
    addEdge(
      { ...structural(o.id, 'produced-by', o.initiative), date: o.date },
      `${o.id}--produced-by--${o.initiative}`,
    );
    if (o.adoptedBy !== undefined) {
      addEdge({ ...structural(o.id, 'adopted-by', o.adoptedBy) }, `${o.id}--adopted-by--${o.adoptedBy}`);
    }
  }
  return { nodes, edges };
}

/** A track as people write it: "Track 1.5", or "multi-track". */
export function trackText(track: TrackId | 'multi-track' | undefined): string | undefined {
  if (track === undefined) return undefined;
  return track === 'multi-track' ? track : trackLabel(track);
}
