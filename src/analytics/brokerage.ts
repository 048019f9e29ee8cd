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

/** Every node's count of each role (zero for nodes that broker nothing). */
export function brokerage(graph: AbstractGraph, groupOf: GroupOf): Map<string, Brokerage> {
  const directed = graph.type === 'directed';
  const into = (n: string) => (directed ? graph.inNeighbors(n) : graph.neighbors(n));
  const outOf = (n: string) => (directed ? graph.outNeighbors(n) : graph.neighbors(n));
  const reaches = (a: string, c: string) => (directed ? graph.hasDirectedEdge(a, c) : graph.hasEdge(a, c));
  const result = new Map<string, Brokerage>();
  graph.forEachNode((b) => {
    const counts: Record<BrokerageRole, number> & { total: number } = emptyBrokerage();
    result.set(b, counts);
    const gb = groupOf(b);
    if (gb === null || gb === undefined) return;
    const sources = into(b).filter((a) => a !== b);
    const targets = outOf(b).filter((c) => c !== b);
    for (const a of sources) {
      const ga = groupOf(a);
      if (ga === null || ga === undefined) continue;
      for (const c of targets) {
        if (c === a || reaches(a, c)) continue;
        const gc = groupOf(c);
        if (gc === null || gc === undefined) continue;
        counts[brokerageRole(ga, gb, gc)] += 1;
        counts.total += 1;
      }
    }
  });
  return result;
}
