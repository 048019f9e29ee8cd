import { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { type Brokerage, brokerage, emptyBrokerage } from './brokerage.js';

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
});
