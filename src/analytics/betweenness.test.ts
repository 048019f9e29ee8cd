// Sampled betweenness (Brandes and Pich 2007) against exact: equal when every node is a pivot, the same
// numbers for the same seed, close to exact on a 2,000-node preferential-attachment graph, and never
// negative, with nothing through a node of degree 1.
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import {
  betweenness,
  betweennessMethod,
  choosePivots,
  exactBetweenness,
  sampledBetweenness,
} from './betweenness.js';
import { rng } from '../../bench/generate.js';
import { FLORENTINE_MARRIAGES, KRACKHARDT_KITE, undirectedGraph } from './reference-graphs.js';

/** Barabási–Albert preferential attachment: `n` nodes, each new one tied to `m` existing ones. */
function preferentialAttachment(n: number, m: number, seed: number): UndirectedGraph {
  const random = rng(seed);
  const graph = new UndirectedGraph();
  const ends: number[] = [];
  for (let i = 0; i <= m; i++) graph.addNode(`n${i}`);
  for (let i = 0; i <= m; i++)
    for (let j = i + 1; j <= m; j++) {
      graph.addEdge(`n${i}`, `n${j}`);
      ends.push(i, j);
    }
  for (let v = m + 1; v < n; v++) {
    graph.addNode(`n${v}`);
    const targets = new Set<number>();
    while (targets.size < m) targets.add(ends[Math.floor(random() * ends.length)] as number);
    for (const u of targets) {
      graph.addEdge(`n${v}`, `n${u}`);
      ends.push(v, u);
    }
  }
  return graph;
}

const topTen = (values: Record<string, number>) =>
  Object.entries(values)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([node]) => node);
const total = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

describe('sampled betweenness', () => {
  for (const [name, edges] of [
    ['Florentine families', FLORENTINE_MARRIAGES],
    ['Krackhardt kite', KRACKHARDT_KITE],
  ] as const) {
    it(`equals exact on the ${name} when every node is a pivot`, () => {
      const graph = undirectedGraph(edges);
      const exact = exactBetweenness(graph);
      for (const seed of [1, 2, 99]) {
        const sampled = sampledBetweenness(graph, graph.order, seed);
        for (const node of graph.nodes()) expect(sampled[node], node).toBeCloseTo(exact[node] as number, 9);
      }
    });
  }

  it('gives the same numbers for the same seed, and other pivots for another seed', () => {
    const graph = undirectedGraph(FLORENTINE_MARRIAGES);
    expect(sampledBetweenness(graph, 5, 7)).toEqual(sampledBetweenness(graph, 5, 7));
    expect([...choosePivots(1000, 10, 1)]).toEqual([...choosePivots(1000, 10, 1)]);
    expect([...choosePivots(1000, 10, 1)]).not.toEqual([...choosePivots(1000, 10, 2)]);
    // small seeds start unrelated streams: the first pivots of seeds 1..20 are not all alike
    expect(
      new Set(Array.from({ length: 20 }, (_, s) => choosePivots(1000, 1, s + 1)[0])).size,
    ).toBeGreaterThan(15);
  });

  it('chooses distinct pivots, all of them when k is the number of nodes', () => {
    const pivots = [...choosePivots(500, 500, 3)];
    expect(new Set(pivots).size).toBe(500);
    expect(Math.min(...pivots)).toBe(0);
    expect(Math.max(...pivots)).toBe(499);
    expect(choosePivots(10, 50, 3).length).toBe(10);
  });

  it('is close to exact on a 2,000-node preferential-attachment graph', () => {
    const graph = preferentialAttachment(2000, 2, 1);
    const exact = exactBetweenness(graph);
    const exactTop = new Set(topTen(exact));
    const exactTotal = total(exact);
    const estimates = [1, 2, 3].map((seed) => sampledBetweenness(graph, 256, seed));
    for (const estimate of estimates) {
      // seeds 1 to 30 give 7 to 10 of exact's top ten at 256 pivots, and totals within 3 %
      expect(topTen(estimate).filter((n) => exactTop.has(n)).length).toBeGreaterThanOrEqual(7);
      expect(Math.abs(total(estimate) - exactTotal) / exactTotal).toBeLessThan(0.05);
    }
    // different pivots, different numbers
    expect(estimates[0]).not.toEqual(estimates[1]);
  });

  it('is never negative, and zero for nodes of degree 0 or 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer(),
        (n, pairs, k, seed) => {
          const graph = new UndirectedGraph();
          for (let i = 0; i < n; i++) graph.addNode(`v${i}`);
          for (const [a, b] of pairs) if (a < n && b < n && a !== b) graph.mergeEdge(`v${a}`, `v${b}`);
          const estimate = sampledBetweenness(graph, k, seed);
          for (const node of graph.nodes()) {
            const value = estimate[node] as number;
            expect(value).toBeGreaterThanOrEqual(0);
            if (graph.degree(node) <= 1) expect(value).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('betweenness method', () => {
  it('is exact for 0 samples or at least as many as nodes, else sampled with its seed', () => {
    expect(betweennessMethod(100)).toEqual({ method: 'exact' });
    expect(betweennessMethod(100, { samples: 0, seed: 3 })).toEqual({ method: 'exact' });
    expect(betweennessMethod(100, { samples: 100 })).toEqual({ method: 'exact' });
    expect(betweennessMethod(100, { samples: 10, seed: 3 })).toEqual({
      method: 'sampled',
      pivots: 10,
      seed: 3,
    });
    expect(() => betweennessMethod(100, { samples: -1 })).toThrow(RangeError);
    const graph = undirectedGraph(KRACKHARDT_KITE);
    expect(betweenness(graph, { samples: 4, seed: 2 }).method).toEqual({
      method: 'sampled',
      pivots: 4,
      seed: 2,
    });
    expect(betweenness(graph).values.Heather).toBeCloseTo(14, 9);
  });
});
