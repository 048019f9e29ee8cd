/**
 * The whole coordination analysis of a system, as plain data: the network's nodes with their
 * centralities and brokerage roles across tracks, the cut points and bridges between tracks, Louvain
 * communities, coverage against the effectiveness table, pathways to Track 1 and alerts. `on` looks at
 * the system as it stood that day; `visible` scopes it to a viewer; `seed` fixes the communities and
 * the pivots of sampled betweenness. Betweenness is exact up to `EXACT_BETWEENNESS_MAX_NODES` nodes and
 * estimated from `DEFAULT_BETWEENNESS_PIVOTS` pivots above, unless `betweennessSamples` says otherwise.
 */
import type { SystemIndex } from '../domain/system-index.js';
import { type Alert, type AlertOptions, alerts, referenceDay } from './alerts.js';
import { type Brokerage, brokerage } from './brokerage.js';
import {
  type BetweennessMethod,
  DEFAULT_BETWEENNESS_PIVOTS,
  EXACT_BETWEENNESS_MAX_NODES,
  betweennessMethod,
} from './betweenness.js';
import { centralities } from './centrality.js';
import { communities } from './communities.js';
import { type Coverage, coverage } from './coverage.js';
import { type Bridge, type CutPoint, cuts } from './cut-points.js';
import { type NodeKind, type NodeTrack, buildNetwork } from './network.js';
import { type Pathways, pathways } from './pathways.js';

export interface AnalysisOptions extends AlertOptions {
  readonly visible?: (id: string) => boolean;
  /** Seed of the Louvain communities and of the betweenness pivots (default 1). */
  readonly seed?: number;
  /**
   * Pivots of the betweenness estimate: 0 for exact whatever the size; absent for exact up to
   * `EXACT_BETWEENNESS_MAX_NODES` nodes and `DEFAULT_BETWEENNESS_PIVOTS` pivots above.
   */
  readonly betweennessSamples?: number;
}

export interface AnalysedNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  readonly track: NodeTrack | null;
  readonly degree: number;
  /**
   * Unnormalised: shortest paths through the node, over pairs of other nodes, each pair once; an
   * estimate on the same scale when `Analysis.betweenness` says sampled.
   */
  readonly betweenness: number;
  readonly eigenvector: number | null;
  readonly brokerage: Brokerage;
  readonly community: number;
}

export interface Analysis {
  readonly system: string;
  readonly on: string | null;
  /** The day alerts are read on: `on`, or the latest date in the system. */
  readonly asOf: string;
  /** How the nodes' betweenness was computed: exact, or estimated from sampled pivots. */
  readonly betweenness: BetweennessMethod;
  readonly nodes: readonly AnalysedNode[];
  readonly edges: number;
  readonly cutPoints: readonly CutPoint[];
  readonly bridges: readonly (Bridge & { readonly records: readonly string[] })[];
  readonly communities: { readonly modularity: number; readonly groups: readonly (readonly string[])[] };
  readonly coverage: Coverage;
  readonly pathways: Pathways;
  readonly alerts: readonly Alert[];
}

export function analyzeSystem(index: SystemIndex, options: AnalysisOptions = {}): Analysis {
  const { on } = options;
  const network = buildNetwork(index, { on, visible: options.visible });
  const trackOf = (node: string) => network.getNodeAttribute(node, 'track');
  const seed = options.seed ?? 1;
  const samples =
    options.betweennessSamples ??
    (network.order > EXACT_BETWEENNESS_MAX_NODES ? DEFAULT_BETWEENNESS_PIVOTS : 0);
  const method = betweennessMethod(network.order, { samples, seed });
  const central = centralities(network, {
    betweennessSamples: method.method === 'sampled' ? method.pivots : 0,
    seed,
  });
  const roles = brokerage(network, trackOf);
  const found = communities(network, seed);
  const cut = cuts(network, trackOf);

  const nodes: AnalysedNode[] = network.mapNodes((id, attributes) => {
    const c = central.get(id);
    return {
      id,
      label: attributes.label,
      kind: attributes.kind,
      track: attributes.track,
      degree: c?.degree ?? 0,
      betweenness: c?.betweenness ?? 0,
      eigenvector: c?.eigenvector ?? null,
      brokerage: roles.get(id) as Brokerage,
      community: found.of.get(id) ?? -1,
    };
  });
  return {
    system: index.system.id,
    on: on ?? null,
    asOf: referenceDay(index, on),
    betweenness: method,
    nodes,
    edges: network.size,
    cutPoints: cut.cutPoints,
    bridges: cut.bridges.map((b) => ({
      ...b,
      records: [
        ...new Set(network.getEdgeAttributes(b.source, b.target).relations.map((r) => r.record)),
      ].sort(),
    })),
    communities: { modularity: found.modularity, groups: found.communities.map((c) => c.nodes) },
    coverage: coverage(index, on),
    pathways: pathways(index, network, on),
    alerts: alerts(index, network, options),
  };
}
