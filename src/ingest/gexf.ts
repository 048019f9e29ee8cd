/**
 * GEXF 1.3 export, for Gephi: a static directed graph whose nodes are the parties, actors, initiatives,
 * engagements and outcomes (each with its record type, track, sector, dates and the like as declared node
 * attributes) and whose edges are the links plus the relations the records imply (part-of,
 * participates-in, produced-by, adopted-by), each edge labelled with its type.
 */
import { type GraphEdge, type GraphNode, systemGraph } from './graph.js';
import { ATTR, type XmlTree, buildXml } from './xml-document.js';
import type { System } from '../domain/system.js';

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';

interface Column<T> {
  readonly id: string;
  readonly title: string;
  readonly type: 'string' | 'boolean';
  readonly value: (item: T) => string | boolean | undefined;
}

/** Node attributes. Titles avoid Gephi's own column names (Id, Label, start, end, Type). */
export const GEXF_NODE_ATTRIBUTES: readonly Column<GraphNode>[] = [
  { id: 'record', title: 'record type', type: 'string', value: (n) => n.type },
  { id: 'kind', title: 'kind', type: 'string', value: (n) => n.kind },
  { id: 'track', title: 'track', type: 'string', value: (n) => n.track },
  { id: 'sector', title: 'sector', type: 'string', value: (n) => n.sector },
  { id: 'party', title: 'party', type: 'string', value: (n) => n.party },
  { id: 'initiative', title: 'initiative', type: 'string', value: (n) => n.initiative },
  { id: 'mechanism', title: 'mechanism', type: 'string', value: (n) => n.mechanism },
  { id: 'start', title: 'start date', type: 'string', value: (n) => n.start },
  { id: 'end', title: 'end date', type: 'string', value: (n) => n.end },
  { id: 'date', title: 'date', type: 'string', value: (n) => n.date },
  { id: 'binding', title: 'binding', type: 'boolean', value: (n) => n.binding },
  { id: 'country', title: 'country', type: 'string', value: (n) => n.country },
  { id: 'original-type', title: 'original type', type: 'string', value: (n) => n.originalType },
  { id: 'description', title: 'description', type: 'string', value: (n) => n.description },
];

export const GEXF_EDGE_ATTRIBUTES: readonly Column<GraphEdge>[] = [
  { id: 'link-type', title: 'link type', type: 'string', value: (e) => e.type },
  { id: 'relation', title: 'relation', type: 'string', value: (e) => e.relation },
  { id: 'date', title: 'date', type: 'string', value: (e) => e.date },
  { id: 'until', title: 'until', type: 'string', value: (e) => e.until },
  { id: 'original-type', title: 'original type', type: 'string', value: (e) => e.label },
  { id: 'name', title: 'name', type: 'string', value: (e) => e.name },
  { id: 'capacity', title: 'capacity', type: 'string', value: (e) => e.capacity },
  { id: 'role', title: 'role', type: 'string', value: (e) => e.role },
  { id: 'description', title: 'description', type: 'string', value: (e) => e.description },
];

function declarations<T>(cls: 'node' | 'edge', columns: readonly Column<T>[]): XmlTree {
  return {
    [`${ATTR}class`]: cls,
    [`${ATTR}mode`]: 'static',
    attribute: columns.map((c) => ({
      [`${ATTR}id`]: c.id,
      [`${ATTR}title`]: c.title,
      [`${ATTR}type`]: c.type,
    })),
  };
}

function attvalues<T>(item: T, columns: readonly Column<T>[]): XmlTree {
  const values: XmlTree[] = [];
  for (const c of columns) {
    const value = c.value(item);
    if (value === undefined || value === '') continue;
    values.push({ [`${ATTR}for`]: c.id, [`${ATTR}value`]: String(value) });
  }
  return values.length > 0 ? { attvalues: { attvalue: values } } : {};
}

/** The system as a GEXF 1.3 document. */
export function writeGexf(system: System): string {
  const { nodes, edges } = systemGraph(system);
  const graph: XmlTree = {
    [`${ATTR}mode`]: 'static',
    [`${ATTR}defaultedgetype`]: 'directed',
    attributes: [declarations('node', GEXF_NODE_ATTRIBUTES), declarations('edge', GEXF_EDGE_ATTRIBUTES)],
    nodes: {
      node: nodes.map((n) => ({
        [`${ATTR}id`]: n.id,
        [`${ATTR}label`]: n.name,
        ...attvalues(n, GEXF_NODE_ATTRIBUTES),
      })),
    },
    edges: {
      edge: edges.map((e) => ({
        [`${ATTR}id`]: e.id,
        [`${ATTR}source`]: e.source,
        [`${ATTR}target`]: e.target,
        [`${ATTR}label`]: e.type,
        ...attvalues(e, GEXF_EDGE_ATTRIBUTES),
      })),
    },
  };
  return buildXml({
    gexf: {
      [`${ATTR}xmlns`]: GEXF_NAMESPACE,
      [`${ATTR}xmlns:xsi`]: 'http://www.w3.org/2001/XMLSchema-instance',
      [`${ATTR}xsi:schemaLocation`]: `${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd`,
      [`${ATTR}version`]: '1.3',
      meta: {
        creator: 'Multitrack',
        description: `${system.name} (${system.id})`,
      },
      graph,
    },
  });
}
