/**
 * Pathways: how work on other tracks reaches Track 1. The flow runs along feeds-into links (in their
 * direction) and along participation and convening (both ways: people carry ideas in and out). For each
 * Track 1 outcome, the shortest chain from every initiative of another track that reaches the
 * initiative that produced it; for each Track 1.5 or Track 2 initiative, whether it reaches a Track 1
 * initiative and by which chain. One breadth-first search per initiative of another track, over the
 * flow graph indexed once; each search keeps only a parent per node, stops once every Track 1
 * initiative is reached, and spells out the chains to those alone (graphology-shortest-path's
 * `singleSource` builds the path to every node reached, which cost most of the analysis at 100,000
 * actors).
 */
import { DirectedGraph } from 'graphology';
import type { SystemIndex } from '../domain/system-index.js';
import { type Network, type NodeTrack, existedOn } from './network.js';

/** Relations that carry flow both ways (people), and those that carry it in their direction only. */
const BOTH_WAYS = new Set(['participates-in', 'convenes', 'hosts']);
const FORWARD = new Set(['feeds-into']);

export interface PathStep {
  readonly from: string;
  readonly to: string;
  /** The relation types that carry this step, e.g. ["feeds-into"] or ["participates-in"]. */
  readonly types: readonly string[];
  /** The records behind the step: link ids, engagement ids. */
  readonly records: readonly string[];
}

export interface Pathway {
  readonly from: string;
  readonly fromTrack: NodeTrack | null;
  readonly to: string;
  /** The nodes of the chain, from first to last. */
  readonly nodes: readonly string[];
  readonly steps: readonly PathStep[];
  /** 'feeds-into' when every step is a feeds-into link, 'participation' when none is, else 'mixed'. */
  readonly via: 'feeds-into' | 'participation' | 'mixed';
}

export interface OutcomePathways {
  readonly outcome: string;
  readonly name: string;
  readonly initiative: string;
  readonly binding: boolean;
  readonly pathways: readonly Pathway[];
}

export interface InitiativeReach {
  readonly initiative: string;
  readonly track: NodeTrack;
  readonly reachesTrack1: boolean;
  /** The shortest chain to each Track 1 initiative it reaches, shortest first. */
  readonly pathways: readonly Pathway[];
}

export interface Pathways {
  readonly outcomes: readonly OutcomePathways[];
  readonly initiatives: readonly InitiativeReach[];
}

/** The directed flow graph of a network: feeds-into forward, participation both ways. */
export function flowGraph(network: Network): DirectedGraph {
  const flow = new DirectedGraph();
  network.forEachNode((node) => flow.addNode(node));
  network.forEachEdge((_edge, { relations }) => {
    for (const r of relations) {
      if (FORWARD.has(r.type) || BOTH_WAYS.has(r.type)) flow.mergeEdge(r.from, r.to);
      if (BOTH_WAYS.has(r.type)) flow.mergeEdge(r.to, r.from);
    }
  });
  return flow;
}

function describePath(network: Network, nodes: string[]): Pathway {
  const steps: PathStep[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const from = nodes[i] as string;
    const to = nodes[i + 1] as string;
    const relations = network
      .getEdgeAttributes(from, to)
      .relations.filter((r) => BOTH_WAYS.has(r.type) || (FORWARD.has(r.type) && r.from === from));
    steps.push({
      from,
      to,
      types: [...new Set(relations.map((r) => r.type))].sort(),
      records: [...new Set(relations.map((r) => r.record))].sort(),
    });
  }
  const fed = steps.map((s) => s.types.includes('feeds-into'));
  const first = nodes[0] as string;
  return {
    from: first,
    fromTrack: network.getNodeAttribute(first, 'track'),
    to: nodes[nodes.length - 1] as string,
    nodes,
    steps,
    via: fed.every(Boolean) ? 'feeds-into' : fed.some(Boolean) ? 'mixed' : 'participation',
  };
}

/**
 * A search from a source to the shortest chain to each of `targets` it reaches (the first found, in
 * breadth-first order over each node's out-neighbours), on the flow graph indexed once.
 */
function shortestChains(flow: DirectedGraph, targets: readonly string[]): (source: string) => string[][] {
  const nodes = flow.nodes();
  const position = new Map(nodes.map((node, i) => [node, i]));
  const starts = new Int32Array(nodes.length + 1);
  const lists = nodes.map((node) => flow.outNeighbors(node).map((m) => position.get(m) as number));
  lists.forEach((list, v) => (starts[v + 1] = (starts[v] as number) + list.length));
  const next = new Int32Array(starts[nodes.length] as number);
  lists.forEach((list, v) => next.set(list, starts[v] as number));
  const targetIndex = targets.map((t) => position.get(t) as number);
  const isTarget = new Uint8Array(nodes.length);
  for (const t of targetIndex) isTarget[t] = 1;
  const parent = new Int32Array(nodes.length);
  const queue = new Int32Array(nodes.length);
  return (source) => {
    parent.fill(-1);
    const s = position.get(source) as number;
    parent[s] = s;
    queue[0] = s;
    let tail = 1;
    let left = targetIndex.length - (isTarget[s] ? 1 : 0);
    for (let head = 0; head < tail && left > 0; head++) {
      const v = queue[head] as number;
      for (let j = starts[v] as number; j < (starts[v + 1] as number); j++) {
        const w = next[j] as number;
        if (parent[w] !== -1) continue;
        parent[w] = v;
        queue[tail++] = w;
        if (isTarget[w] && --left === 0) break;
      }
    }
    const chains: string[][] = [];
    for (const t of targetIndex) {
      if (parent[t] === -1 || t === s) continue;
      const path = [nodes[t] as string];
      for (let v = t; v !== s; v = parent[v] as number) path.push(nodes[parent[v] as number] as string);
      chains.push(path.reverse());
    }
    return chains;
  };
}

const isInitiative = (network: Network, node: string) =>
  network.getNodeAttribute(node, 'kind') === 'initiative';
const trackOf = (network: Network, node: string) => network.getNodeAttribute(node, 'track');

export function pathways(index: SystemIndex, network: Network, on?: string): Pathways {
  const flow = flowGraph(network);
  const initiatives = network.filterNodes((node) => isInitiative(network, node));
  const track1 = new Set(initiatives.filter((n) => trackOf(network, n) === '1'));
  const sources = initiatives.filter((n) => trackOf(network, n) !== '1');

  // one breadth-first search per initiative of another track; keep the chains that end on Track 1
  const toTrack1 = new Map<string, Pathway[]>();
  const search = shortestChains(flow, [...track1]);
  for (const source of sources) {
    const found = search(source).map((path) => describePath(network, path));
    found.sort((a, b) => a.nodes.length - b.nodes.length || a.to.localeCompare(b.to));
    toTrack1.set(source, found);
  }

  const outcomes: OutcomePathways[] = [];
  for (const outcome of index.system.outcomes) {
    if (!track1.has(outcome.initiative) || !existedOn(outcome.date, on)) continue;
    const chains = sources
      .flatMap((s) => (toTrack1.get(s) ?? []).filter((p) => p.to === outcome.initiative))
      .sort((a, b) => a.nodes.length - b.nodes.length || a.from.localeCompare(b.from));
    outcomes.push({
      outcome: outcome.id,
      name: outcome.name,
      initiative: outcome.initiative,
      binding: outcome.binding,
      pathways: chains,
    });
  }

  const reach: InitiativeReach[] = sources
    .filter((s) => trackOf(network, s) === '1.5' || trackOf(network, s) === '2')
    .map((s) => {
      const found = toTrack1.get(s) ?? [];
      return {
        initiative: s,
        track: trackOf(network, s) as NodeTrack,
        reachesTrack1: found.length > 0,
        pathways: found,
      };
    });
  return { outcomes, initiatives: reach };
}
