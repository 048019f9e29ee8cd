/**
 * What the system hangs on: articulation points (nodes whose removal disconnects the graph) and bridges
 * (edges whose removal does), by Tarjan's depth-first search (Hopcroft and Tarjan 1973), iterative so
 * that deep graphs do not overflow the stack; graphology-components has no such function. For each, the
 * pairs of tracks whose only connection runs through it: tracks t and u are connected when some node of
 * t and some node of u share a component, and depend on the cut when no component still joins them once
 * it is removed (for a cut point, the cut point's own track is not counted as a node of the others).
 */
import type { AbstractGraph } from 'graphology-types';

export type TrackPair = readonly [string, string];

export interface CutPoint {
  readonly id: string;
  /** Pairs of tracks that lose their last connection without this node, sorted. */
  readonly separates: readonly TrackPair[];
}

export interface Bridge {
  readonly source: string;
  readonly target: string;
  readonly separates: readonly TrackPair[];
}

export interface Cuts {
  readonly cutPoints: readonly CutPoint[];
  readonly bridges: readonly Bridge[];
}

type GroupOf = (node: string) => string | null | undefined;

/** Articulation points and bridges of an undirected graph, each with the track pairs it alone joins. */
export function cuts(graph: AbstractGraph, trackOf: GroupOf = () => null): Cuts {
  const nodes = graph.nodes();
  const n = nodes.length;
  const position = new Map(nodes.map((id, i) => [id, i]));
  const adjacency = nodes.map((id) => graph.neighbors(id).map((m) => position.get(m) as number));

  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const track = nodes.map((id) => {
    const t = trackOf(id);
    if (t === null || t === undefined) return -1;
    if (!labelIndex.has(t)) {
      labelIndex.set(t, labels.length);
      labels.push(t);
    }
    return labelIndex.get(t) as number;
  });
  const k = labels.length;
  const own = (v: number) => {
    const counts = new Array<number>(k).fill(0);
    if ((track[v] ?? -1) >= 0) counts[track[v] as number] = 1;
    return counts;
  };

  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const subtree: number[][] = new Array(n);
  // separated[v] = the subtrees that hang on v alone (children w with low[w] >= disc[v])
  const separated = new Map<number, number[][]>();
  const bridgeList: { v: number; w: number }[] = [];
  const components: { root: number; members: number[]; counts: number[] }[] = [];
  let time = 0;

  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    const members: number[] = [];
    let rootChildren = 0;
    const stack: { v: number; parent: number; next: number }[] = [{ v: root, parent: -1, next: 0 }];
    disc[root] = low[root] = time++;
    subtree[root] = own(root);
    members.push(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { v: number; parent: number; next: number };
      const { v } = frame;
      const neighbours = adjacency[v] as number[];
      if (frame.next < neighbours.length) {
        const w = neighbours[frame.next++] as number;
        if (w === frame.parent || w === v) continue;
        if (disc[w] === -1) {
          disc[w] = low[w] = time++;
          subtree[w] = own(w);
          members.push(w);
          if (v === root) rootChildren++;
          stack.push({ v: w, parent: v, next: 0 });
        } else {
          low[v] = Math.min(low[v] as number, disc[w] as number);
        }
        continue;
      }
      stack.pop();
      const p = frame.parent;
      if (p === -1) continue;
      low[p] = Math.min(low[p] as number, low[v] as number);
      const sub = subtree[v] as number[];
      const parentSub = subtree[p] as number[];
      for (let i = 0; i < k; i++) parentSub[i] = (parentSub[i] as number) + (sub[i] as number);
      if ((low[v] as number) >= (disc[p] as number)) {
        const list = separated.get(p) ?? [];
        list.push(sub);
        separated.set(p, list);
      }
      if ((low[v] as number) > (disc[p] as number)) bridgeList.push({ v: p, w: v });
    }
    if (rootChildren < 2) separated.delete(root);
    components.push({ root, members, counts: subtree[root] as number[] });
  }

  // pairs of tracks joined by each component, to know which are joined elsewhere too
  const componentOf = new Int32Array(n);
  const pairComponents = new Map<string, number>();
  const pairKey = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  components.forEach((c, ci) => {
    for (const m of c.members) componentOf[m] = ci;
    const present = presentTracks(c.counts);
    for (let i = 0; i < present.length; i++)
      for (let j = i + 1; j < present.length; j++) {
        const key = pairKey(present[i] as number, present[j] as number);
        pairComponents.set(key, (pairComponents.get(key) ?? 0) + 1);
      }
  });

  /** Pairs present in `before` that no group of `after` holds together and no other component joins. */
  const lost = (before: number[], after: number[][]): TrackPair[] => {
    const present = presentTracks(before);
    const out: TrackPair[] = [];
    for (let i = 0; i < present.length; i++)
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i] as number;
        const b = present[j] as number;
        if ((pairComponents.get(pairKey(a, b)) ?? 0) > 1) continue;
        if (after.some((g) => (g[a] as number) > 0 && (g[b] as number) > 0)) continue;
        const pair = [labels[a] as string, labels[b] as string].sort() as [string, string];
        out.push(pair);
      }
    return out.sort((x, y) => x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]));
  };

  const cutPoints: CutPoint[] = [];
  for (const [v, groups] of separated) {
    const component = components[componentOf[v] as number] as { counts: number[] };
    const rest = component.counts.map((c, i) => c - (i === track[v] ? 1 : 0));
    const others = rest.map((c, i) => groups.reduce((sum, g) => sum - (g[i] as number), c));
    const before = rest;
    const after = others.some((c) => c > 0) ? [...groups, others] : groups;
    cutPoints.push({ id: nodes[v] as string, separates: lost(before, after) });
  }
  const bridges: Bridge[] = bridgeList.map(({ v, w }) => {
    const component = components[componentOf[v] as number] as { counts: number[] };
    const below = subtree[w] as number[];
    const above = component.counts.map((c, i) => c - (below[i] as number));
    return {
      source: nodes[v] as string,
      target: nodes[w] as string,
      separates: lost(component.counts, [below, above]),
    };
  });
  cutPoints.sort((a, b) => a.id.localeCompare(b.id));
  bridges.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { cutPoints, bridges };
}

function presentTracks(counts: number[]): number[] {
  const out: number[] = [];
  counts.forEach((c, i) => {
    if (c > 0) out.push(i);
  });
  return out;
}
