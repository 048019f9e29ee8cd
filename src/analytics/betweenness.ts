/**
 * Betweenness centrality, exact or estimated, on one scale: unnormalised, the number of shortest paths
 * through a node summed over pairs of other nodes, each undirected pair once. Exact is graphology-metrics
 * (Brandes 2001: one breadth-first search per node, O(nodes × ties), hours at 100,000 actors). The
 * estimate is Brandes and Pich's pivot sampling (2007, "Centrality estimation in large networks",
 * International Journal of Bifurcation and Chaos 17(7)): the same single-source step from k pivots
 * chosen uniformly without replacement by a seeded stream, the dependencies scaled by nodes / k. It is
 * unbiased, costs k searches instead of one per node, and with k = nodes it is the exact value.
 */
import type { AbstractGraph } from 'graphology-types';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { cjsDefault } from './interop.js';

const exactCentrality = cjsDefault(betweennessModule);

/** How a betweenness figure was obtained: every node a source, or `pivots` sampled sources. */
export type BetweennessMethod =
  | { readonly method: 'exact' }
  | { readonly method: 'sampled'; readonly pivots: number; readonly seed: number };

export interface BetweennessOptions {
  /** Pivots to sample; 0 or absent, or at least the number of nodes, computes the exact value. */
  readonly samples?: number;
  /** Seed of the pivot choice (default 1). */
  readonly seed?: number;
}

/** Above this many nodes `analyze` estimates betweenness unless told otherwise. */
export const EXACT_BETWEENNESS_MAX_NODES = 20_000;
/** Pivots `analyze` samples on a network above `EXACT_BETWEENNESS_MAX_NODES`. */
export const DEFAULT_BETWEENNESS_PIVOTS = 256;

/** The method `samples` and `seed` call for on a graph of `order` nodes. */
export function betweennessMethod(order: number, options: BetweennessOptions = {}): BetweennessMethod {
  const samples = options.samples ?? 0;
  if (!Number.isInteger(samples) || samples < 0)
    throw new RangeError(`betweenness samples: expected a whole number, got ${samples}`);
  if (samples === 0 || samples >= order) return { method: 'exact' };
  return { method: 'sampled', pivots: samples, seed: options.seed ?? 1 };
}

/** Exact unnormalised betweenness (graphology-metrics), edge weights ignored. */
export function exactBetweenness(graph: AbstractGraph): Record<string, number> {
  if (graph.order === 0) return {};
  return exactCentrality(graph, { normalized: false, getEdgeWeight: null });
}

/**
 * splitmix32's output mix: a 32-bit hash with full avalanche, so that seeds 1, 2, 3… start unrelated
 * streams (pure-rand's first draws are nearly the same across small integer seeds).
 */
export function mixSeed(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) | 0;
}

/** `k` distinct indices of [0, n), uniformly without replacement (a partial Fisher–Yates shuffle). */
export function choosePivots(n: number, k: number, seed: number): Int32Array {
  const count = Math.min(k, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = xoroshiro128plus(mixSeed(seed));
  for (let i = 0; i < count; i++) {
    const j = uniformInt(rng, i, n - 1);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order.slice(0, count);
}

/** What `createUnweightedIndexedBrandes` returns: the single-source step, with its node index. */
interface IndexedBrandes {
  (
    source: number,
  ): [{ size: number; items: ArrayLike<number>; pop(): number | undefined }, number[][], Uint32Array];
  readonly index: { readonly nodes: readonly string[] };
}

/**
 * Brandes and Pich's estimate from `pivots` sources (seeded): each pivot's shortest-path dependencies
 * accumulated as in Brandes 2001, times nodes / pivots, halved on an undirected graph (each pair once).
 */
export function sampledBetweenness(graph: AbstractGraph, pivots: number, seed = 1): Record<string, number> {
  const n = graph.order;
  if (n === 0) return {};
  if (!Number.isInteger(pivots) || pivots < 1)
    throw new RangeError(`betweenness pivots: expected a positive whole number, got ${pivots}`);
  const brandes = createUnweightedIndexedBrandes(graph) as unknown as IndexedBrandes;
  const sources = choosePivots(n, pivots, seed);
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  for (const source of sources) {
    const [stack, predecessors, sigma] = brandes(source);
    // the same accumulation as graphology-metrics' betweenness, for one source
    for (let j = 0; j < stack.size; j++) delta[stack.items[j] as number] = 0;
    while (stack.size !== 0) {
      const w = stack.pop() as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      for (const v of predecessors[w] as number[])
        delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      if (w !== source) centrality[w] = (centrality[w] as number) + (delta[w] as number);
    }
  }
  const scale = (n / sources.length) * (graph.type === 'undirected' ? 0.5 : 1);
  const result: Record<string, number> = {};
  brandes.index.nodes.forEach((node, i) => {
    result[node] = (centrality[i] as number) * scale;
  });
  return result;
}

/** Betweenness of every node by the method `options` call for, with that method. */
export function betweenness(
  graph: AbstractGraph,
  options: BetweennessOptions = {},
): { readonly values: Record<string, number>; readonly method: BetweennessMethod } {
  const method = betweennessMethod(graph.order, options);
  const values =
    method.method === 'exact'
      ? exactBetweenness(graph)
      : sampledBetweenness(graph, method.pivots, method.seed);
  return { values, method };
}
