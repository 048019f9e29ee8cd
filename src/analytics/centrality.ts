/**
 * Who is central: degree, betweenness and eigenvector centrality of every node (graphology-metrics).
 * Betweenness is unnormalised — the number of shortest paths through a node summed over pairs of other
 * nodes, each undirected pair once — so it reads like the published values (47.5 for the Medici).
 * Edge weights are ignored: a tie is a tie.
 */
import type { AbstractGraph } from 'graphology-types';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import { cjsDefault } from './interop.js';

const betweennessCentrality = cjsDefault(betweennessModule);
const eigenvectorCentrality = cjsDefault(eigenvectorModule);

export interface Centrality {
  readonly degree: number;
  readonly betweenness: number;
  /** L2-normalised principal eigenvector; null when the power iteration does not converge. */
  readonly eigenvector: number | null;
}

export function centralities(graph: AbstractGraph): Map<string, Centrality> {
  if (graph.order === 0) return new Map();
  const betweenness = betweennessCentrality(graph, { normalized: false, getEdgeWeight: null });
  let eigenvector: Record<string, number> | undefined;
  try {
    eigenvector = eigenvectorCentrality(graph, { getEdgeWeight: null, maxIterations: 10_000 });
  } catch {
    eigenvector = undefined;
  }
  const result = new Map<string, Centrality>();
  graph.forEachNode((node) => {
    result.set(node, {
      degree: graph.degree(node),
      betweenness: betweenness[node] ?? 0,
      eigenvector: eigenvector ? (eigenvector[node] ?? 0) : null,
    });
  });
  return result;
}
