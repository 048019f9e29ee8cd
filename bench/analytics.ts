/**
 * Analytics benchmark: the whole coordination analysis (multitrack analyze) on generated systems, and
 * betweenness alone on the same graph next to python3-networkx and python3-igraph (Debian's packages,
 * when installed: `apt-get install python3-networkx python3-igraph`) measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { analyzeSystem } from '../src/analytics/analyze.js';
import { cjsDefault } from '../src/analytics/interop.js';
import { buildNetwork } from '../src/analytics/network.js';
import { SystemIndex } from '../src/domain/system-index.js';
import { SystemSchema } from '../src/domain/system.js';
import { generateSystem } from './generate.js';

const betweenness = cjsDefault(betweennessModule);

export interface AnalyticsFigure {
  readonly actors: number;
  readonly nodes: number;
  readonly edges: number;
  readonly analysisSeconds: number | null;
  readonly betweenness: { readonly tool: string; readonly seconds: number | null; readonly note?: string }[];
}

const PYTHON = `
import sys, time
edges = [tuple(l.split()) for l in open(sys.argv[2])]
if sys.argv[1] == 'networkx':
    import networkx as nx
    g = nx.Graph(); g.add_edges_from(edges)
    t = time.perf_counter(); nx.betweenness_centrality(g, normalized=False); print(time.perf_counter() - t)
else:
    import igraph as ig
    g = ig.Graph.TupleList(edges, directed=False)
    t = time.perf_counter(); g.betweenness(directed=False); print(time.perf_counter() - t)
`;

/** Runs the analysis on a generated system of `actors` actors (links: 3 per actor); `timeoutSeconds` per tool. */
export async function benchAnalytics(
  actors: number,
  log: (s: string) => void,
  timeoutSeconds = 600,
): Promise<AnalyticsFigure> {
  const system = SystemSchema.parse(generateSystem(`analytics-${actors}`, actors, actors * 3));
  const index = new SystemIndex(system);
  const graph = buildNetwork(index);
  log(`analytics on ${actors} actors: ${graph.order} nodes, ${graph.size} edges`);
  let analysisSeconds: number | null = null;
  if (actors <= 20_000) {
    const start = performance.now();
    analyzeSystem(index, { seed: 1 });
    analysisSeconds = (performance.now() - start) / 1000;
  }
  const figures: AnalyticsFigure['betweenness'] = [];
  if (actors <= 20_000) {
    const start = performance.now();
    betweenness(graph, { normalized: false, getEdgeWeight: null });
    figures.push({ tool: 'graphology-metrics (Multitrack)', seconds: (performance.now() - start) / 1000 });
  } else
    figures.push({
      tool: 'graphology-metrics (Multitrack)',
      seconds: null,
      note: 'not run: exact betweenness is O(nodes × edges)',
    });
  const dir = await mkdtemp(join(tmpdir(), 'multitrack-analytics-'));
  try {
    const edgeFile = join(dir, 'edges.txt');
    const lines: string[] = [];
    graph.forEachEdge((_e, _a, source, target) => lines.push(`${source} ${target}`));
    await writeFile(edgeFile, `${lines.join('\n')}\n`);
    await writeFile(join(dir, 'bc.py'), PYTHON);
    for (const tool of ['networkx', 'igraph']) {
      const run = spawnSync('python3', [join(dir, 'bc.py'), tool, edgeFile], {
        encoding: 'utf8',
        timeout: timeoutSeconds * 1000,
      });
      const seconds = Number(run.stdout.trim());
      if (run.status === 0 && Number.isFinite(seconds)) figures.push({ tool: `python3 ${tool}`, seconds });
      else {
        const why = run.error
          ? `timed out after ${timeoutSeconds} s`
          : (run.stderr.trim().split('\n').pop() ?? 'failed');
        figures.push({ tool: `python3 ${tool}`, seconds: null, note: why });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { actors, nodes: graph.order, edges: graph.size, analysisSeconds, betweenness: figures };
}

export function formatAnalyticsBench(figures: readonly AnalyticsFigure[]): string {
  const rows = figures.flatMap((f) =>
    f.betweenness.map(
      (b) =>
        `| ${f.actors.toLocaleString('en-GB')} | ${f.nodes.toLocaleString('en-GB')} / ${f.edges.toLocaleString('en-GB')} | ${f.analysisSeconds === null ? '-' : f.analysisSeconds.toFixed(1)} | ${b.tool} | ${b.seconds === null ? `- (${b.note ?? ''})` : b.seconds.toFixed(2)} |`,
    ),
  );
  return [
    'Coordination analytics',
    '',
    '| actors | nodes / edges | whole analysis (s) | betweenness by | seconds |',
    '|---:|---|---:|---|---:|',
    ...rows,
  ].join('\n');
}
