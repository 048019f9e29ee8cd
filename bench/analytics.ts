/**
 * Analytics benchmark: the whole coordination analysis (multitrack analyze) on generated systems, part
 * by part, and betweenness alone on the same graph next to python3-networkx and python3-igraph (Debian's
 * packages: `apt-get install python3-networkx python3-igraph`, run with /usr/bin/python3 when it exists,
 * since a python3 earlier on PATH may lack them) measured in the same run: exact where it finishes,
 * and Brandes–Pich sampled from the same number of pivots, with the sample's accuracy against exact.
 * The generated system gets participation on top of its links, so that initiatives are hubs and the
 * pathways and brokerage have work to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { alerts } from '../src/analytics/alerts.js';
import { analyzeSystem } from '../src/analytics/analyze.js';
import {
  type BetweennessMethod,
  DEFAULT_BETWEENNESS_PIVOTS,
  exactBetweenness,
  sampledBetweenness,
} from '../src/analytics/betweenness.js';
import { brokerage } from '../src/analytics/brokerage.js';
import { centralities } from '../src/analytics/centrality.js';
import { communities } from '../src/analytics/communities.js';
import { coverage } from '../src/analytics/coverage.js';
import { cuts } from '../src/analytics/cut-points.js';
import { buildNetwork } from '../src/analytics/network.js';
import { pathways } from '../src/analytics/pathways.js';
import { SystemIndex } from '../src/domain/system-index.js';
import { type SystemInput, SystemSchema } from '../src/domain/system.js';
import { generateSystem, rng } from './generate.js';

/** The interpreter of the Python peers: Debian's, where python3-networkx and python3-igraph install. */
export function pythonInterpreter(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

export interface PythonInfo {
  readonly interpreter: string;
  readonly python: string | null;
  readonly networkx: string | null;
  readonly igraph: string | null;
}

export function pythonInfo(interpreter = pythonInterpreter()): PythonInfo {
  const run = spawnSync(interpreter, ['-c', VERSIONS], { encoding: 'utf8' });
  try {
    return { interpreter, ...(JSON.parse(run.stdout) as Omit<PythonInfo, 'interpreter'>) };
  } catch {
    return { interpreter, python: null, networkx: null, igraph: null };
  }
}

const VERSIONS = `
import json, platform
info = {'python': platform.python_version()}
for name in ('networkx', 'igraph'):
    try:
        info[name] = __import__(name).__version__
    except Exception:
        info[name] = None
print(json.dumps(info))
`;

/** argv: tool (networkx | igraph), pivots (0 = exact), nodes file, edges file, [values out]. */
const BETWEENNESS = `
import json, sys, time
tool, k = sys.argv[1], int(sys.argv[2])
nodes = [line.strip() for line in open(sys.argv[3]) if line.strip()]
index = {n: i for i, n in enumerate(nodes)}
edges = [tuple(index[x] for x in line.split()) for line in open(sys.argv[4]) if line.strip()]
if tool == 'networkx':
    import networkx as nx
    g = nx.Graph(); g.add_nodes_from(range(len(nodes))); g.add_edges_from(edges)
    t = time.perf_counter()
    if k > 0:
        bc = nx.betweenness_centrality(g, k=k, normalized=False, seed=1)
    else:
        bc = nx.betweenness_centrality(g, normalized=False)
    seconds = time.perf_counter() - t
    values = [bc[i] for i in range(len(nodes))]
else:
    import igraph as ig
    g = ig.Graph(n=len(nodes), edges=edges, directed=False)
    t = time.perf_counter()
    values = g.betweenness(directed=False)
    seconds = time.perf_counter() - t
if len(sys.argv) > 5:
    json.dump(values, open(sys.argv[5], 'w'))
print(seconds)
`;

export interface BetweennessFigure {
  readonly tool: string;
  /** 'exact', or 'sampled, K pivots'. */
  readonly method: string;
  readonly seconds: number | null;
  readonly note?: string;
}

/** How close an estimate is to exact values: the shared top ten and the error of the total. */
export interface AccuracyFigure {
  readonly estimate: string;
  readonly against: string;
  readonly topTenShared: number;
  /** |estimated total − exact total| / exact total. */
  readonly totalError: number;
  /** Median relative error over the 10 nodes of highest exact betweenness. */
  readonly topTenMedianError: number;
  /** Median relative error over the 100 nodes of highest exact betweenness. */
  readonly topHundredMedianError: number;
}

export interface AnalyticsFigure {
  readonly actors: number;
  readonly nodes: number;
  readonly edges: number;
  readonly analysisSeconds: number;
  /** The betweenness the whole analysis used (exact up to 20,000 nodes, sampled above). */
  readonly analysisBetweenness: BetweennessMethod;
  /** Seconds of each part, measured on their own after the whole run. */
  readonly parts: Readonly<Record<string, number>>;
  readonly betweenness: BetweennessFigure[];
  readonly accuracy: AccuracyFigure[];
  /** One-minute load average of the machine before and after the whole analysis (other work slows it). */
  readonly load: readonly [number, number];
}

export interface AnalyticsBenchOptions {
  /** Run our exact betweenness (O(nodes × ties): seconds at 10,000 actors, hours at 100,000). */
  readonly ourExact: boolean;
  /** Time limit of each Python run, per tool and method, in seconds. */
  readonly timeouts: {
    readonly networkxExact: number;
    readonly igraphExact: number;
    readonly networkxSampled: number;
  };
  readonly pivots?: number;
}

/**
 * `generateSystem` plus participation: each initiative (one per 1,000 actors) meets 10 times with 100
 * actors drawn at random (so up to 1,000 participants: hubs), and each Track 2 initiative feeds into the
 * Track 1 initiative after it; every initiative names the party.
 */
export function analyticsSystem(actors: number): SystemInput {
  const input = generateSystem(`analytics-${actors}`, actors, actors * 3) as unknown as {
    initiatives: { id: string; track: string; parties?: string[] }[];
    engagements?: unknown[];
    links: unknown[];
  };
  const random = rng(actors); // mulberry32, as the generator draws
  const engagements: unknown[] = [];
  input.initiatives.forEach((initiative, i) => {
    initiative.parties = ['p1'];
    const capacity = initiative.track === 'Track 1' ? 'official' : 'personal';
    for (let e = 0; e < 10; e++) {
      const people = new Set<number>();
      while (people.size < Math.min(100, actors)) people.add(Math.floor(random() * actors));
      engagements.push({
        id: `e${i}-${e}`,
        name: `Meeting ${e + 1} of initiative ${i}`,
        initiative: initiative.id,
        date: `2001-${String(e + 1).padStart(2, '0')}-15`,
        participants: [...people].map((a) => ({ actor: `a${a}`, capacity })),
      });
    }
  });
  for (let i = 0; i + 1 < input.initiatives.length; i += 2)
    input.links.push({ type: 'feeds-into', from: `i${i}`, to: `i${i + 1}` });
  return { ...input, engagements } as unknown as SystemInput;
}

const seconds = (start: number) => (performance.now() - start) / 1000;

function time<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, seconds(start)];
}

function compare(
  estimate: string,
  against: string,
  values: Record<string, number>,
  exact: Record<string, number>,
): AccuracyFigure {
  const ranked = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([node]) => node);
  const exactRanked = ranked(exact);
  const exactTop = new Set(exactRanked.slice(0, 10));
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const medianError = (count: number) => {
    const errors = exactRanked
      .slice(0, count)
      .map((node) => Math.abs((values[node] ?? 0) - (exact[node] as number)) / (exact[node] as number))
      .sort((a, b) => a - b);
    return (
      ((errors[Math.floor((errors.length - 1) / 2)] ?? 0) +
        (errors[Math.ceil((errors.length - 1) / 2)] ?? 0)) /
      2
    );
  };
  return {
    estimate,
    against,
    topTenShared: ranked(values)
      .slice(0, 10)
      .filter((n) => exactTop.has(n)).length,
    totalError: Math.abs(sum(values) - sum(exact)) / sum(exact),
    topTenMedianError: medianError(10),
    topHundredMedianError: medianError(100),
  };
}

/** Runs the analysis and betweenness on the system of `actors` actors (links: 3 per actor). */
export async function benchAnalytics(
  actors: number,
  log: (s: string) => void,
  options: AnalyticsBenchOptions,
  interpreter = pythonInterpreter(),
): Promise<AnalyticsFigure> {
  const pivots = options.pivots ?? DEFAULT_BETWEENNESS_PIVOTS;
  const sampledMethod = `sampled, ${pivots} pivots`;
  const index = new SystemIndex(SystemSchema.parse(analyticsSystem(actors)));
  const graph = buildNetwork(index);
  log(`analytics on ${actors} actors: ${graph.order} nodes, ${graph.size} edges`);

  const loadBefore = loadavg()[0] as number;
  const [analysis, analysisSeconds] = time(() => analyzeSystem(index, { seed: 1 }));
  const load = [loadBefore, loadavg()[0] as number] as const;
  log(
    `  whole analysis ${analysisSeconds.toFixed(1)} s (betweenness ${analysis.betweenness.method}; load ${load.map((l) => l.toFixed(1)).join(' → ')})`,
  );
  const trackOf = (node: string) => graph.getNodeAttribute(node, 'track');
  const samples = analysis.betweenness.method === 'sampled' ? analysis.betweenness.pivots : 0;
  const parts: Record<string, number> = {
    network: time(() => buildNetwork(index))[1],
    centralities: time(() => centralities(graph, { betweennessSamples: samples, seed: 1 }))[1],
    brokerage: time(() => brokerage(graph, trackOf))[1],
    communities: time(() => communities(graph, 1))[1],
    'cut points': time(() => cuts(graph, trackOf))[1],
    coverage: time(() => coverage(index))[1],
    pathways: time(() => pathways(index, graph))[1],
    alerts: time(() => alerts(index, graph))[1],
  };
  log(`  parts ${JSON.stringify(parts)}`);

  const figures: BetweennessFigure[] = [];
  /** Exact values by tool, and estimates, to compare once every tool has run. */
  const exact = new Map<string, Record<string, number>>();
  const estimates = new Map<string, Record<string, number>>();
  const [sampled, sampledSeconds] = time(() => sampledBetweenness(graph, pivots, 1));
  estimates.set(`Multitrack ${sampledMethod}`, sampled);
  if (options.ourExact) {
    const [values, s] = time(() => exactBetweenness(graph));
    exact.set('Multitrack', values);
    figures.push({ tool: 'graphology-metrics (Multitrack)', method: 'exact', seconds: s });
  } else {
    // exact is the same single-source step from every node: nodes × the cost of one pivot
    const hours = (graph.order * sampledSeconds) / pivots / 3600;
    figures.push({
      tool: 'graphology-metrics (Multitrack)',
      method: 'exact',
      seconds: null,
      note: `not run: about ${hours.toFixed(1)} h at the sampled run's cost per source`,
    });
  }
  figures.push({ tool: 'Multitrack (Brandes–Pich, seed 1)', method: sampledMethod, seconds: sampledSeconds });
  log(`  ours: ${figures.map((f) => `${f.method} ${f.seconds?.toFixed(1) ?? '-'} s`).join(', ')}`);

  const dir = await mkdtemp(join(tmpdir(), 'multitrack-analytics-'));
  try {
    const nodes = graph.nodes();
    const nodeFile = join(dir, 'nodes.txt');
    const edgeFile = join(dir, 'edges.txt');
    const lines: string[] = [];
    graph.forEachEdge((_e, _a, source, target) => lines.push(`${source} ${target}`));
    await writeFile(nodeFile, `${nodes.join('\n')}\n`);
    await writeFile(edgeFile, `${lines.join('\n')}\n`);
    await writeFile(join(dir, 'bc.py'), BETWEENNESS);
    const runs = [
      { tool: 'networkx', k: 0, timeout: options.timeouts.networkxExact },
      { tool: 'igraph', k: 0, timeout: options.timeouts.igraphExact },
      { tool: 'networkx', k: pivots, timeout: options.timeouts.networkxSampled },
    ];
    for (const { tool, k, timeout } of runs) {
      const method = k === 0 ? 'exact' : `sampled, ${k} pivots`;
      const out = join(dir, `${tool}-${k}.json`);
      log(`  python3 ${tool} ${method} (time limit ${timeout} s)`);
      const run = spawnSync(interpreter, [join(dir, 'bc.py'), tool, String(k), nodeFile, edgeFile, out], {
        encoding: 'utf8',
        timeout: timeout * 1000,
        killSignal: 'SIGKILL',
      });
      const s = Number(run.stdout.trim());
      if (run.status !== 0 || !Number.isFinite(s)) {
        const why = run.error
          ? `timed out after ${timeout} s`
          : (run.stderr.trim().split('\n').pop() ?? 'failed');
        figures.push({ tool: `python3 ${tool}`, method, seconds: null, note: why });
        log(`    ${why}`);
        continue;
      }
      figures.push({ tool: `python3 ${tool}`, method, seconds: s });
      log(`    ${s.toFixed(1)} s`);
      const list = JSON.parse(await readFile(out, 'utf8')) as number[];
      const values = Object.fromEntries(nodes.map((node, i) => [node, list[i] as number]));
      if (k === 0) exact.set(tool, values);
      else estimates.set(`${tool} ${method} (seed 1)`, values);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // every estimate, and our exact values, against one exact reference: igraph's, else networkx's, else ours
  const accuracy: AccuracyFigure[] = [];
  const reference = ['igraph', 'networkx', 'Multitrack'].find((tool) => exact.has(tool));
  if (reference !== undefined) {
    const against = exact.get(reference) as Record<string, number>;
    const ours = exact.get('Multitrack');
    if (reference !== 'Multitrack' && ours)
      accuracy.push(compare('Multitrack exact', `${reference} exact`, ours, against));
    for (const [name, values] of estimates)
      accuracy.push(compare(name, `${reference} exact`, values, against));
  }
  return {
    actors,
    nodes: graph.order,
    edges: graph.size,
    analysisSeconds,
    analysisBetweenness: analysis.betweenness,
    parts,
    betweenness: figures,
    accuracy,
    load,
  };
}

const n = (x: number) => x.toLocaleString('en-GB');

export function formatAnalyticsBench(figures: readonly AnalyticsFigure[], python: PythonInfo): string {
  const method = (m: BetweennessMethod) =>
    m.method === 'exact' ? 'exact' : `sampled, ${m.pivots} pivots (seed ${m.seed})`;
  const partNames = Object.keys(figures[0]?.parts ?? {});
  return [
    `Coordination analytics (Python peers: ${python.interpreter}, Python ${python.python ?? '?'}, ` +
      `networkx ${python.networkx ?? 'not installed'}, igraph ${python.igraph ?? 'not installed'})`,
    '',
    '| actors | nodes / ties | whole analysis (s) | betweenness in it | load average before → after |',
    '|---:|---|---:|---|---|',
    ...figures.map(
      (f) =>
        `| ${n(f.actors)} | ${n(f.nodes)} / ${n(f.edges)} | ${f.analysisSeconds.toFixed(1)} | ${method(f.analysisBetweenness)} | ${f.load.map((l) => l.toFixed(1)).join(' → ')} |`,
    ),
    '',
    `| actors | ${partNames.join(' | ')} |`,
    `|---:|${partNames.map(() => '---:').join('|')}|`,
    ...figures.map(
      (f) => `| ${n(f.actors)} | ${partNames.map((p) => (f.parts[p] ?? 0).toFixed(2)).join(' | ')} |`,
    ),
    '',
    '| actors | betweenness by | method | seconds |',
    '|---:|---|---|---:|',
    ...figures.flatMap((f) =>
      f.betweenness.map(
        (b) =>
          `| ${n(f.actors)} | ${b.tool} | ${b.method} | ${b.seconds === null ? `- (${b.note ?? ''})` : b.seconds.toFixed(2)} |`,
      ),
    ),
    '',
    '| actors | estimate | against | top 10 shared | total error | median error, top 10 | median error, top 100 |',
    '|---:|---|---|---:|---:|---:|---:|',
    ...figures.flatMap((f) =>
      f.accuracy.map(
        (a) =>
          `| ${n(f.actors)} | ${a.estimate} | ${a.against} | ${a.topTenShared} | ${(100 * a.totalError).toFixed(2)} % | ${(100 * a.topTenMedianError).toFixed(1)} % | ${(100 * a.topHundredMedianError).toFixed(1)} % |`,
      ),
    ),
  ].join('\n');
}
