/**
 * Communities: groups of nodes tied more to each other than to the rest (Louvain, from
 * graphology-communities-louvain), with a seeded random stream (pure-rand's xoroshiro128+, seeded as
 * src/sim does) so the same system and seed always give the same communities. Communities are
 * numbered by size, largest first, then by their first node id.
 */
import type { AbstractGraph } from 'graphology-types';
import louvainModule from 'graphology-communities-louvain';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { cjsDefault } from './interop.js';

const louvain = cjsDefault(louvainModule);

export interface Community {
  readonly id: number;
  readonly nodes: readonly string[];
}

export interface Communities {
  readonly modularity: number;
  readonly communities: readonly Community[];
  /** The community of each node. */
  readonly of: ReadonlyMap<string, number>;
}

/** Uniform numbers in [0, 1) from a seed; small seeds scrambled first (murmur3 finaliser). */
export function seededRandom(seed: number): () => number {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  const rng = xoroshiro128plus(h | 0);
  return () => uniformFloat64(rng);
}

export function communities(graph: AbstractGraph, seed = 1): Communities {
  let mapping: Record<string, number>;
  let modularity = 0;
  if (graph.size === 0) {
    mapping = Object.fromEntries(graph.nodes().map((n, i) => [n, i]));
  } else {
    const detailed = louvain.detailed(graph, { rng: seededRandom(seed), getEdgeWeight: null });
    mapping = detailed.communities;
    modularity = detailed.modularity;
  }
  const groups = new Map<number, string[]>();
  for (const node of graph.nodes()) {
    const c = mapping[node] as number;
    const list = groups.get(c) ?? [];
    list.push(node);
    groups.set(c, list);
  }
  const ordered = [...groups.values()]
    .map((nodes) => nodes.sort())
    .sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
  const of = new Map<string, number>();
  const list = ordered.map((nodes, id) => {
    for (const n of nodes) of.set(n, id);
    return { id, nodes };
  });
  return { modularity, communities: list, of };
}
