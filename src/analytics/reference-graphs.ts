/**
 * Reference graphs from the social-network literature whose metrics are published, for tests and
 * benchmarks: Padgett's Florentine families marriage network (Padgett and Ansell 1993; Breiger and
 * Pattison 1986; the 15 connected families, Pucci left out, as in networkx) and Krackhardt's kite
 * (Krackhardt 1990, "Assessing the political landscape").
 */
import { UndirectedGraph } from 'graphology';

export const FLORENTINE_MARRIAGES: readonly (readonly [string, string])[] = [
  ['Acciaiuoli', 'Medici'],
  ['Castellani', 'Peruzzi'],
  ['Castellani', 'Strozzi'],
  ['Castellani', 'Barbadori'],
  ['Medici', 'Barbadori'],
  ['Medici', 'Ridolfi'],
  ['Medici', 'Tornabuoni'],
  ['Medici', 'Albizzi'],
  ['Medici', 'Salviati'],
  ['Salviati', 'Pazzi'],
  ['Peruzzi', 'Strozzi'],
  ['Peruzzi', 'Bischeri'],
  ['Strozzi', 'Ridolfi'],
  ['Strozzi', 'Bischeri'],
  ['Ridolfi', 'Tornabuoni'],
  ['Tornabuoni', 'Guadagni'],
  ['Albizzi', 'Ginori'],
  ['Albizzi', 'Guadagni'],
  ['Bischeri', 'Guadagni'],
  ['Guadagni', 'Lamberteschi'],
];

export const KRACKHARDT_KITE: readonly (readonly [string, string])[] = [
  ['Andre', 'Beverly'],
  ['Andre', 'Carol'],
  ['Andre', 'Diane'],
  ['Andre', 'Fernando'],
  ['Beverly', 'Diane'],
  ['Beverly', 'Ed'],
  ['Beverly', 'Garth'],
  ['Carol', 'Diane'],
  ['Carol', 'Fernando'],
  ['Diane', 'Ed'],
  ['Diane', 'Fernando'],
  ['Diane', 'Garth'],
  ['Ed', 'Garth'],
  ['Fernando', 'Garth'],
  ['Fernando', 'Heather'],
  ['Garth', 'Heather'],
  ['Heather', 'Ike'],
  ['Ike', 'Jane'],
];

export function undirectedGraph(edges: readonly (readonly [string, string])[]): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const [a, b] of edges) {
    graph.mergeNode(a);
    graph.mergeNode(b);
    graph.mergeEdge(a, b);
  }
  return graph;
}
