/**
 * GraphML export, for yEd, Cytoscape, NetworkX, igraph and Gephi: one directed graph whose nodes are the
 * parties, actors, initiatives, engagements and outcomes and whose edges are the links plus the relations
 * the records imply (part-of, participates-in, produced-by, adopted-by). Every value is a <data> element
 * whose key is declared before the graph.
 */
import { type GraphEdge, type GraphNode, systemGraph } from './graph.js';
import { ATTR, TEXT, type XmlTree, buildXml } from './xml-document.js';
import type { System } from '../domain/system.js';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

interface Key<T> {
  readonly id: string;
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly value: (item: T) => string | boolean | undefined;
}

/** Node keys; `label` is the name most tools show. */
export const GRAPHML_NODE_KEYS: readonly Key<GraphNode>[] = [
  { id: 'n-label', name: 'label', type: 'string', value: (n) => n.name },
  { id: 'n-record', name: 'record', type: 'string', value: (n) => n.type },
  { id: 'n-kind', name: 'kind', type: 'string', value: (n) => n.kind },
  { id: 'n-track', name: 'track', type: 'string', value: (n) => n.track },
  { id: 'n-sector', name: 'sector', type: 'string', value: (n) => n.sector },
  { id: 'n-party', name: 'party', type: 'string', value: (n) => n.party },
  { id: 'n-initiative', name: 'initiative', type: 'string', value: (n) => n.initiative },
  { id: 'n-mechanism', name: 'mechanism', type: 'string', value: (n) => n.mechanism },
  { id: 'n-start', name: 'start', type: 'string', value: (n) => n.start },
  { id: 'n-end', name: 'end', type: 'string', value: (n) => n.end },
  { id: 'n-date', name: 'date', type: 'string', value: (n) => n.date },
  { id: 'n-binding', name: 'binding', type: 'boolean', value: (n) => n.binding },
  { id: 'n-country', name: 'country', type: 'string', value: (n) => n.country },
  { id: 'n-original-type', name: 'originalType', type: 'string', value: (n) => n.originalType },
  { id: 'n-description', name: 'description', type: 'string', value: (n) => n.description },
];

export const GRAPHML_EDGE_KEYS: readonly Key<GraphEdge>[] = [
  { id: 'e-label', name: 'label', type: 'string', value: (e) => e.type },
  { id: 'e-relation', name: 'relation', type: 'string', value: (e) => e.relation },
  { id: 'e-date', name: 'date', type: 'string', value: (e) => e.date },
  { id: 'e-until', name: 'until', type: 'string', value: (e) => e.until },
  { id: 'e-original-type', name: 'originalType', type: 'string', value: (e) => e.label },
  { id: 'e-name', name: 'name', type: 'string', value: (e) => e.name },
  { id: 'e-capacity', name: 'capacity', type: 'string', value: (e) => e.capacity },
  { id: 'e-role', name: 'role', type: 'string', value: (e) => e.role },
  { id: 'e-description', name: 'description', type: 'string', value: (e) => e.description },
];

function keyDeclarations<T>(target: 'node' | 'edge', keys: readonly Key<T>[]): XmlTree[] {
  return keys.map((k) => ({
    [`${ATTR}id`]: k.id,
    [`${ATTR}for`]: target,
    [`${ATTR}attr.name`]: k.name,
    [`${ATTR}attr.type`]: k.type,
  }));
}

function data<T>(item: T, keys: readonly Key<T>[]): XmlTree {
  const values: XmlTree[] = [];
  for (const k of keys) {
    const value = k.value(item);
    if (value === undefined || value === '') continue;
    values.push({ [`${ATTR}key`]: k.id, [TEXT]: String(value) });
  }
  return values.length > 0 ? { data: values } : {};
}

/** The system as a GraphML document. */
export function writeGraphml(system: System): string {
  const { nodes, edges } = systemGraph(system);
  return buildXml({
    graphml: {
      [`${ATTR}xmlns`]: GRAPHML_NAMESPACE,
      [`${ATTR}xmlns:xsi`]: 'http://www.w3.org/2001/XMLSchema-instance',
      [`${ATTR}xsi:schemaLocation`]: `${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd`,
      key: [...keyDeclarations('node', GRAPHML_NODE_KEYS), ...keyDeclarations('edge', GRAPHML_EDGE_KEYS)],
      graph: {
        [`${ATTR}id`]: system.id,
        [`${ATTR}edgedefault`]: 'directed',
        node: nodes.map((n) => ({ [`${ATTR}id`]: n.id, ...data(n, GRAPHML_NODE_KEYS) })),
        edge: edges.map((e) => ({
          [`${ATTR}id`]: e.id,
          [`${ATTR}source`]: e.source,
          [`${ATTR}target`]: e.target,
          ...data(e, GRAPHML_EDGE_KEYS),
        })),
      },
    },
  });
}
