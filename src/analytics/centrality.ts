/**
 * Who is central: degree, betweenness and eigenvector centrality of every node (graphology-metrics).
 * Betweenness is unnormalised — the number of shortest paths through a node summed over pairs of other
 * nodes, each undirected pair once — so it reads like the published values (47.5 for the Medici). It is
 * exact unless `betweennessSamples` asks for Brandes and Pich's pivot estimate (betweenness.ts), on the
 * same scale. Edge weights are ignored: a tie is a tie.
 */
import type { AbstractGraph } from 'graphology-types';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import { betweenness } from './betweenness.js';
import { cjsDefault } from './interop.js';

const eigenvectorCentrality = cjsDefault(eigenvectorModule);

export interface Centrality {
  readonly degree: number;
  readonly betweenness: number;
  /** L2-normalised principal eigenvector; null when the power iteration does not converge. */
  readonly eigenvector: number | null;
}

export interface CentralityOptions {
  /** Pivots of the betweenness estimate; 0 or absent (or at least the number of nodes) for exact. */
  readonly betweennessSamples?: number;
  /** Seed of the pivot choice (default 1). */
  readonly seed?: number;
}

export function centralities(graph: AbstractGraph, options: CentralityOptions = {}): Map<string, Centrality> {
  if (graph.order === 0) return new Map();
  const between = betweenness(graph, { samples: options.betweennessSamples, seed: options.seed }).values;
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
      betweenness: between[node] ?? 0,
      eigenvector: eigenvector ? (eigenvector[node] ?? 0) : null,
    });
  });
  return result;
}
