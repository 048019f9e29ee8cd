import { describe, expect, it } from 'vitest';
import { centralities } from './centrality.js';
import { FLORENTINE_MARRIAGES, KRACKHARDT_KITE, undirectedGraph } from './reference-graphs.js';

// Published values: betweenness (unnormalised) of the Florentine families as in Wasserman and Faust's
// data and UCINET (Medici 47.5); Krackhardt's kite (Krackhardt 1990: Heather 14). Eigenvector values
// are those networkx 3 reports (L2-normalised), which the same power iteration must reproduce.
const FLORENTINE: Record<string, [number, number, number]> = {
  Acciaiuoli: [1, 0, 0.132157],
  Medici: [6, 47.5, 0.430315],
  Castellani: [3, 5, 0.25902],
  Peruzzi: [3, 2, 0.275722],
  Strozzi: [4, 9.3333, 0.355973],
  Barbadori: [2, 8.5, 0.211706],
  Ridolfi: [3, 10.3333, 0.341554],
  Tornabuoni: [3, 8.3333, 0.325847],
  Albizzi: [3, 19.3333, 0.243961],
  Salviati: [2, 13, 0.145921],
  Pazzi: [1, 0, 0.044815],
  Bischeri: [3, 9.5, 0.282794],
  Guadagni: [4, 23.1667, 0.289117],
  Ginori: [1, 0, 0.074925],
  Lamberteschi: [1, 0, 0.088793],
};

const KITE: Record<string, [number, number, number]> = {
  Andre: [4, 0.8333, 0.352209],
  Beverly: [4, 0.8333, 0.352209],
  Carol: [3, 0, 0.285835],
  Diane: [6, 3.6667, 0.48102],
  Ed: [3, 0, 0.285835],
  Fernando: [5, 8.3333, 0.397691],
  Garth: [5, 8.3333, 0.397691],
  Heather: [3, 14, 0.195862],
  Ike: [2, 8, 0.048075],
  Jane: [1, 0, 0.011164],
};

describe('centralities', () => {
  for (const [name, edges, expected] of [
    ['the Florentine families', FLORENTINE_MARRIAGES, FLORENTINE],
    ["Krackhardt's kite", KRACKHARDT_KITE, KITE],
  ] as const) {
    it(`matches the published values on ${name}`, () => {
      const result = centralities(undirectedGraph(edges));
      expect(result.size).toBe(Object.keys(expected).length);
      for (const [node, [degree, betweenness, eigenvector]] of Object.entries(expected)) {
        const c = result.get(node);
        expect(c?.degree, node).toBe(degree);
        expect(c?.betweenness, node).toBeCloseTo(betweenness, 3);
        expect(c?.eigenvector ?? NaN, node).toBeCloseTo(eigenvector, 4);
      }
    });
  }

  it('gives zero on an empty graph and an isolated node', () => {
    expect(centralities(undirectedGraph([])).size).toBe(0);
    const one = undirectedGraph([]);
    one.addNode('alone');
    expect(centralities(one).get('alone')).toEqual({ degree: 0, betweenness: 0, eigenvector: 1 });
  });
});
