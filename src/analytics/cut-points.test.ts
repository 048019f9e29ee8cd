import { UndirectedGraph } from 'graphology';
import componentsModule from 'graphology-components';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cuts } from './cut-points.js';
import { cjsDefault } from './interop.js';
import { FLORENTINE_MARRIAGES, KRACKHARDT_KITE, undirectedGraph } from './reference-graphs.js';

const { countConnectedComponents } = cjsDefault(
  componentsModule as unknown as { default: typeof componentsModule },
);

describe('cuts', () => {
  it('finds the cut points and bridges of the Florentine families', () => {
    const result = cuts(undirectedGraph(FLORENTINE_MARRIAGES));
    expect(result.cutPoints.map((c) => c.id)).toEqual(['Albizzi', 'Guadagni', 'Medici', 'Salviati']);
    expect(result.bridges.map((b) => [b.source, b.target].sort())).toEqual(
      expect.arrayContaining([
        ['Acciaiuoli', 'Medici'],
        ['Albizzi', 'Ginori'],
        ['Guadagni', 'Lamberteschi'],
        ['Medici', 'Salviati'],
        ['Pazzi', 'Salviati'],
      ]),
    );
    expect(result.bridges).toHaveLength(5);
  });

  it("finds Heather and Ike in Krackhardt's kite", () => {
    const result = cuts(undirectedGraph(KRACKHARDT_KITE));
    expect(result.cutPoints.map((c) => c.id)).toEqual(['Heather', 'Ike']);
    expect(result.bridges.map((b) => [b.source, b.target].sort())).toEqual([
      ['Heather', 'Ike'],
      ['Ike', 'Jane'],
    ]);
  });

  it('names the track pairs that hang on a cut point or a bridge alone', () => {
    // a1, a2 (Track 2) — broker (Track 1.5) — o1, o2 (Track 1); a separate pair of Track 1 and Track 2
    // nodes keeps 1–2 joined elsewhere, so only the pairs with 1.5 hang on the broker.
    const track: Record<string, string> = { a1: '2', a2: '2', broker: '1.5', o1: '1', o2: '1' };
    const g = undirectedGraph([
      ['a1', 'a2'],
      ['a1', 'broker'],
      ['a2', 'broker'],
      ['broker', 'o1'],
      ['o1', 'o2'],
      ['o2', 'broker'],
    ]);
    expect(cuts(g, (n) => track[n]).cutPoints).toEqual([{ id: 'broker', separates: [['1', '2']] }]);
    g.mergeEdge('x1', 'x2');
    track.x1 = '1';
    track.x2 = '2';
    expect(cuts(g, (n) => track[n]).cutPoints).toEqual([{ id: 'broker', separates: [] }]);
    // a bridge: a Track 2 node tied to a Track 1 node only
    const h = undirectedGraph([
      ['t2', 't1'],
      ['t1', 'u1'],
    ]);
    const t: Record<string, string> = { t2: '2', t1: '1', u1: '1' };
    const result = cuts(h, (n) => t[n]);
    expect(result.bridges.find((b) => [b.source, b.target].includes('t2'))?.separates).toEqual([['1', '2']]);
    // without t1, the Track 2 node loses its tie to the other Track 1 node, u1
    expect(result.cutPoints).toEqual([{ id: 't1', separates: [['1', '2']] }]);
  });

  it('agrees with removing each node and edge on random graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 24 }),
        (n, pairs) => {
          const g = new UndirectedGraph();
          for (let i = 0; i < n; i++) g.addNode(String(i));
          for (const [a, b] of pairs) if (a < n && b < n && a !== b) g.mergeEdge(String(a), String(b));
          const base = countConnectedComponents(g);
          const result = cuts(g);
          const expectedPoints = g.nodes().filter((v) => {
            const copy = g.copy();
            copy.dropNode(v);
            return countConnectedComponents(copy) > base - (g.degree(v) === 0 ? 1 : 0);
          });
          expect(result.cutPoints.map((c) => c.id).sort()).toEqual(expectedPoints.sort());
          const expectedBridges = g.edges().filter((e) => {
            const copy = g.copy();
            copy.dropEdge(e);
            return countConnectedComponents(copy) > base;
          });
          expect(result.bridges).toHaveLength(expectedBridges.length);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
