import { describe, expect, it } from 'vitest';
import { communities } from './communities.js';
import { FLORENTINE_MARRIAGES, undirectedGraph } from './reference-graphs.js';

describe('communities (Louvain, seeded)', () => {
  it('splits two cliques joined by one tie', () => {
    const g = undirectedGraph([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
      ['x', 'y'],
      ['x', 'z'],
      ['y', 'z'],
      ['c', 'x'],
    ]);
    const result = communities(g, 7);
    expect(result.communities.map((c) => c.nodes)).toEqual([
      ['a', 'b', 'c'],
      ['x', 'y', 'z'],
    ]);
    expect(result.modularity).toBeCloseTo(5 / 14, 6);
  });

  it('gives the same answer for the same seed', () => {
    const g = undirectedGraph(FLORENTINE_MARRIAGES);
    const runs = [1, 2, 3].map(() => communities(g, 42));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0]?.modularity).toBeGreaterThan(0.3);
  });

  it('puts each node alone in a graph with no ties', () => {
    const g = undirectedGraph([]);
    g.addNode('p');
    g.addNode('q');
    expect(communities(g).communities).toEqual([
      { id: 0, nodes: ['p'] },
      { id: 1, nodes: ['q'] },
    ]);
  });
});
