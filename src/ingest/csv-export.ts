/**
 * Plain CSV export: a nodes table (the parties, actors, initiatives, engagements and outcomes) and an
 * edges table (the links plus the relations the records imply: part-of, participates-in, produced-by,
 * adopted-by), one row each, in the order of the system file, for spreadsheets, pandas, R or a database
 * load. Columns are lower-case; `type` is the record type of a node and the link or relation type of an
 * edge (not Gephi's Directed/Undirected column: use the GEXF export for Gephi).
 */
import { systemGraph } from './graph.js';
import { writeSheet } from './csv-sheet.js';
import type { System } from '../domain/system.js';

export const NODE_COLUMNS = [
  'id',
  'type',
  'name',
  'track',
  'sector',
  'party',
  'start',
  'end',
  'date',
  'kind',
  'initiative',
  'mechanism',
  'binding',
  'country',
  'original_type',
  'description',
] as const;

export const EDGE_COLUMNS = [
  'id',
  'source',
  'target',
  'type',
  'date',
  'until',
  'label',
  'relation',
  'name',
  'capacity',
  'role',
  'description',
] as const;

/** The system as two CSV texts, `nodes` and `edges` (RFC 4180, CRLF, formulas guarded). */
export function writeCsv(system: System): { nodes: string; edges: string } {
  const graph = systemGraph(system);
  const nodes = graph.nodes.map((n) => [
    n.id,
    n.type,
    n.name,
    n.track,
    n.sector,
    n.party,
    n.start,
    n.end,
    n.date,
    n.kind,
    n.initiative,
    n.mechanism,
    n.binding === undefined ? undefined : String(n.binding),
    n.country,
    n.originalType,
    n.description,
  ]);
  const edges = graph.edges.map((e) => [
    e.id,
    e.source,
    e.target,
    e.type,
    e.date,
    e.until,
    e.label,
    e.relation,
    e.name,
    e.capacity,
    e.role,
    e.description,
  ]);
  return { nodes: writeSheet(NODE_COLUMNS, nodes), edges: writeSheet(EDGE_COLUMNS, edges) };
}
