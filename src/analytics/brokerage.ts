/**
 * Brokerage roles (Gould and Fernandez 1989, "Structures of mediation", Sociological Methodology 19):
 * a node b brokers each two-path a → b → c where a does not reach c directly, and the groups of a, b and
 * c name the role — coordinator (all three in one group), itinerant (a and c in one group, b outside),
 * representative (a and b in one group, c outside), gatekeeper (b and c in one group, a outside) and
 * liaison (three groups). In the system the groups are the tracks. On an undirected graph every edge
 * runs both ways, so each path counts in both directions (as sna's `brokerage` on a symmetric matrix):
 * representative and gatekeeper counts are then equal. Triads with a node of no group are not counted.
 */
import type { AbstractGraph } from 'graphology-types';

export const BROKERAGE_ROLES = [
  'coordinator',
  'itinerant',
  'representative',
  'gatekeeper',
  'liaison',
] as const;
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number];

export type Brokerage = Record<BrokerageRole, number> & { readonly total: number };

export type GroupOf = (node: string) => string | null | undefined;

/** The role of b on the path a → b → c, from the three groups. */
export function brokerageRole(a: string, b: string, c: string): BrokerageRole {
  if (a === b) return b === c ? 'coordinator' : 'representative';
  if (a === c) return 'itinerant';
  return b === c ? 'gatekeeper' : 'liaison';
}

export function emptyBrokerage(): Brokerage {
  return { coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0, total: 0 };
}

/** Adjacency as index lists (compressed rows): `targets[starts[v]..starts[v + 1])` are v's neighbours. */
interface Adjacency {
  readonly starts: Int32Array;
  readonly targets: Int32Array;
}

function adjacency(
  nodes: readonly string[],
  position: ReadonlyMap<string, number>,
  list: (n: string) => string[],
): Adjacency {
  const rows = nodes.map((n) => list(n).map((m) => position.get(m) as number));
  const starts = new Int32Array(nodes.length + 1);
  rows.forEach((row, v) => (starts[v + 1] = (starts[v] as number) + row.length));
  const targets = new Int32Array(starts[nodes.length] as number);
  rows.forEach((row, v) => targets.set(row, starts[v] as number));
  return { starts, targets };
}

/**
 * Every node's count of each role (zero for nodes that broker nothing). The two-paths through b are not
 * listed one by one (that is the square of b's degree, hundreds of millions at a hub of 10,000
 * participants): the pairs of b's sources and targets are counted per pair of groups, and the pairs a
 * tie closes are taken away, found from the smaller side of each tie (a's own targets, or b's) as in
 * triangle counting (Chiba and Nishizeki 1985), so the cost stays near ties × √ties.
 */
export function brokerage(graph: AbstractGraph, groupOf: GroupOf): Map<string, Brokerage> {
  const directed = graph.type === 'directed';
  const nodes = graph.nodes();
  const n = nodes.length;
  const position = new Map(nodes.map((id, i) => [id, i]));
  const out = adjacency(nodes, position, (v) => (directed ? graph.outNeighbors(v) : graph.neighbors(v)));
  const into = directed ? adjacency(nodes, position, (v) => graph.inNeighbors(v)) : out;
  const reaches = (a: number, c: number) =>
    directed
      ? graph.hasDirectedEdge(nodes[a] as string, nodes[c] as string)
      : graph.hasEdge(nodes[a] as string, nodes[c] as string);

  // groups as small integers, -1 for none
  const groupIndex = new Map<string, number>();
  const group = new Int32Array(n);
  nodes.forEach((id, v) => {
    const g = groupOf(id);
    if (g === null || g === undefined) group[v] = -1;
    else {
      if (!groupIndex.has(g)) groupIndex.set(g, groupIndex.size);
      group[v] = groupIndex.get(g) as number;
    }
  });
  const k = groupIndex.size;
  /** The role of pairs whose ends are in groups ga and gc, brokered by a node of group gb. */
  const roleOf = (ga: number, gb: number, gc: number): BrokerageRole =>
    brokerageRole(`${ga}`, `${gb}`, `${gc}`);

  const inTargets = new Int32Array(n).fill(-1); // inTargets[c] === b: c is a grouped target of b
  const sourcesOf = new Float64Array(k);
  const targetsOf = new Float64Array(k);
  const bothOf = new Float64Array(k); // nodes that are both a source and a target of b, per group
  const closed = new Float64Array(k * k);

  const result = new Map<string, Brokerage>();
  for (let b = 0; b < n; b++) {
    const counts: Record<BrokerageRole, number> & { total: number } = emptyBrokerage();
    result.set(nodes[b] as string, counts);
    const gb = group[b] as number;
    if (gb < 0) continue;
    sourcesOf.fill(0);
    targetsOf.fill(0);
    bothOf.fill(0);
    closed.fill(0);
    let targetCount = 0;
    for (let j = out.starts[b] as number; j < (out.starts[b + 1] as number); j++) {
      const c = out.targets[j] as number;
      const gc = group[c] as number;
      if (c === b || gc < 0) continue;
      inTargets[c] = b;
      targetsOf[gc] = (targetsOf[gc] as number) + 1;
      targetCount++;
    }
    if (targetCount === 0) continue;
    for (let i = into.starts[b] as number; i < (into.starts[b + 1] as number); i++) {
      const a = into.targets[i] as number;
      const ga = group[a] as number;
      if (a === b || ga < 0) continue;
      sourcesOf[ga] = (sourcesOf[ga] as number) + 1;
      if (inTargets[a] === b) bothOf[ga] = (bothOf[ga] as number) + 1;
      // the targets of b that a reaches directly, from whichever list is shorter
      const aStart = out.starts[a] as number;
      const aEnd = out.starts[a + 1] as number;
      if (aEnd - aStart <= targetCount) {
        for (let j = aStart; j < aEnd; j++) {
          const c = out.targets[j] as number;
          if (c === a || inTargets[c] !== b) continue;
          const cell = ga * k + (group[c] as number);
          closed[cell] = (closed[cell] as number) + 1;
        }
      } else {
        for (let j = out.starts[b] as number; j < (out.starts[b + 1] as number); j++) {
          const c = out.targets[j] as number;
          if (c === a || inTargets[c] !== b || !reaches(a, c)) continue;
          const cell = ga * k + (group[c] as number);
          closed[cell] = (closed[cell] as number) + 1;
        }
      }
    }
    for (let ga = 0; ga < k; ga++) {
      if (sourcesOf[ga] === 0) continue;
      for (let gc = 0; gc < k; gc++) {
        const pairs =
          (sourcesOf[ga] as number) * (targetsOf[gc] as number) -
          (ga === gc ? (bothOf[ga] as number) : 0) -
          (closed[ga * k + gc] as number);
        if (pairs === 0) continue;
        counts[roleOf(ga, gb, gc)] += pairs;
        counts.total += pairs;
      }
    }
  }
  return result;
}
