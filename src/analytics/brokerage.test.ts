import fc from 'fast-check';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import { describe, expect, it } from 'vitest';
import { type Brokerage, type GroupOf, brokerage, brokerageRole, emptyBrokerage } from './brokerage.js';

/** The definition read literally: every two-path a → b → c that a does not close, one by one. */
function brokerageByPaths(graph: AbstractGraph, groupOf: GroupOf): Map<string, Brokerage> {
  const directed = graph.type === 'directed';
  const result = new Map<string, Brokerage>();
  graph.forEachNode((b) => {
    const counts: Record<string, number> = { ...emptyBrokerage() };
    result.set(b, counts as Brokerage);
    const gb = groupOf(b);
    if (gb === null || gb === undefined) return;
    for (const a of directed ? graph.inNeighbors(b) : graph.neighbors(b)) {
      const ga = groupOf(a);
      if (a === b || ga === null || ga === undefined) continue;
      for (const c of directed ? graph.outNeighbors(b) : graph.neighbors(b)) {
        const gc = groupOf(c);
        if (c === b || c === a || gc === null || gc === undefined) continue;
        if (directed ? graph.hasDirectedEdge(a, c) : graph.hasEdge(a, c)) continue;
        counts[brokerageRole(ga, gb, gc)] = (counts[brokerageRole(ga, gb, gc)] as number) + 1;
        counts.total = (counts.total as number) + 1;
      }
    }
  });
  return result;
}

function directed(edges: [string, string][]): DirectedGraph {
  const g = new DirectedGraph();
  for (const [a, b] of edges) {
    g.mergeNode(a);
    g.mergeNode(b);
    g.mergeEdge(a, b);
  }
  return g;
}

const only = (role: keyof Brokerage, n = 1): Brokerage => ({ ...emptyBrokerage(), [role]: n, total: n });

describe('brokerage (Gould and Fernandez 1989)', () => {
  // Figure 1 of Gould and Fernandez: the five types of mediation, each a two-path a → b → c whose
  // groups are written after the node (A, B, C).
  const FIGURE_1: [keyof Brokerage, Record<string, string>][] = [
    ['coordinator', { a: 'A', b: 'A', c: 'A' }],
    ['itinerant', { a: 'A', b: 'B', c: 'A' }],
    ['representative', { a: 'A', b: 'A', c: 'B' }],
    ['gatekeeper', { a: 'A', b: 'B', c: 'B' }],
    ['liaison', { a: 'A', b: 'B', c: 'C' }],
  ];
  for (const [role, groups] of FIGURE_1) {
    it(`names the ${role}`, () => {
      const result = brokerage(
        directed([
          ['a', 'b'],
          ['b', 'c'],
        ]),
        (n) => groups[n],
      );
      expect(result.get('b')).toEqual(only(role));
      expect(result.get('a')).toEqual(emptyBrokerage());
      expect(result.get('c')).toEqual(emptyBrokerage());
    });
  }

  it('does not count a path the two ends close themselves', () => {
    const g = directed([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ]);
    expect(brokerage(g, () => 'A').get('b')).toEqual(emptyBrokerage());
    // the reverse tie c → a does not close a → b → c
    const h = directed([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    expect(brokerage(h, () => 'A').get('b')).toEqual(only('coordinator'));
  });

  it('counts a worked example: two groups joined through one broker', () => {
    // x1, x2 in group X send to k (group X); k sends to y1 (group Y) and x3 (group X); y1 sends to y2.
    const g = directed([
      ['x1', 'k'],
      ['x2', 'k'],
      ['k', 'y1'],
      ['k', 'x3'],
      ['y1', 'y2'],
    ]);
    const group = (n: string) => (n.startsWith('y') ? 'Y' : 'X');
    const result = brokerage(g, group);
    // k: x1→k→y1, x2→k→y1 (representative ×2); x1→k→x3, x2→k→x3 (coordinator ×2)
    expect(result.get('k')).toEqual({ ...emptyBrokerage(), representative: 2, coordinator: 2, total: 4 });
    // y1: k→y1→y2 (gatekeeper: b and c in Y, a outside)
    expect(result.get('y1')).toEqual(only('gatekeeper'));
  });

  it('counts each path both ways on an undirected graph, and skips nodes of no group', () => {
    const g = new UndirectedGraph();
    g.mergeEdge('a', 'b');
    g.mergeEdge('b', 'c');
    g.mergeEdge('c', 'd');
    const groups: Record<string, string | null> = { a: 'A', b: 'A', c: 'B', d: null };
    const result = brokerage(g, (n) => groups[n]);
    expect(result.get('b')).toEqual({ ...emptyBrokerage(), representative: 1, gatekeeper: 1, total: 2 });
    expect(result.get('c')).toEqual(emptyBrokerage());
  });

  it('counts what listing every two-path counts, on random graphs with hubs', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 150 }),
        fc.array(fc.constantFrom('A', 'B', 'C', null), { minLength: 30, maxLength: 30 }),
        (isDirected, n, pairs, groups) => {
          const g = isDirected ? new DirectedGraph() : new UndirectedGraph();
          for (let i = 0; i < n; i++) g.addNode(`v${i}`);
          // a hub: node 0 tied to half the nodes, so both sides of the shorter-list choice are taken
          for (let i = 1; i < n; i += 2) g.mergeEdge('v0', `v${i}`);
          for (const [a, b] of pairs) if (a < n && b < n && a !== b) g.mergeEdge(`v${a}`, `v${b}`);
          const groupOf = (v: string) => groups[Number(v.slice(1))];
          expect(brokerage(g, groupOf)).toEqual(brokerageByPaths(g, groupOf));
        },
      ),
      { numRuns: 300 },
    );
  });
});
