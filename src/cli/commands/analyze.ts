/**
 * `multitrack analyze FILE`: coordination analytics of a system — who is central and who brokers
 * between tracks, the cut points and bridges the tracks hang on, communities, coverage against the
 * effectiveness table, pathways to Track 1 and alerts; `--on DATE` for the system as it stood that day;
 * `--betweenness-samples K` to estimate betweenness from K pivots (0: exact).
 */
import type { Command } from '@commander-js/extra-typings';
import { type Analysis, analyzeSystem } from '../../analytics/analyze.js';
import { DEFAULT_BETWEENNESS_PIVOTS, EXACT_BETWEENNESS_MAX_NODES } from '../../analytics/betweenness.js';
import { partialDateProblem } from '../../domain/date.js';
import { stat } from 'node:fs/promises';
import { formatProblem, readSystemFile, readSystemText } from '../../ingest/system-file.js';
import type { CommandContext } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { type Io, line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';
import { table } from '../table.js';

/** Whether the argument names a file (else it is a system id in the registry). */
async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => /\.(ya?ml|json)$/i.test(path),
  );
}

const TOP = 15;
const pairs = (p: readonly (readonly [string, string])[]) => p.map(([a, b]) => `${a}–${b}`).join(', ');

export function renderAnalysis(io: Io, a: Analysis): void {
  line(
    io,
    `${a.system}${a.on ? ` on ${a.on}` : ''} — ${a.nodes.length} nodes, ${a.edges} ties (as of ${a.asOf})`,
  );
  line(io);
  const sampled = a.betweenness.method === 'sampled' ? 'estimated ' : '';
  line(io, `Most central (top ${TOP} by ${sampled}betweenness; brokerage roles across tracks)`);
  const top = [...a.nodes]
    .sort((x, y) => y.betweenness - x.betweenness || x.id.localeCompare(y.id))
    .slice(0, TOP);
  line(
    io,
    table(
      [
        'Node',
        'Kind',
        'Track',
        'Degree',
        'Betweenness',
        'Eigenvector',
        'Coord',
        'Itin',
        'Repr',
        'Gate',
        'Liais',
      ],
      top.map((n) => [
        n.id,
        n.kind,
        n.track ?? '-',
        n.degree,
        n.betweenness.toFixed(1),
        n.eigenvector === null ? '-' : n.eigenvector.toFixed(3),
        n.brokerage.coordinator,
        n.brokerage.itinerant,
        n.brokerage.representative,
        n.brokerage.gatekeeper,
        n.brokerage.liaison,
      ]),
    ),
  );
  if (a.betweenness.method === 'sampled')
    line(
      io,
      `  Betweenness (estimated from ${a.betweenness.pivots} pivots): ${a.betweenness.pivots} of ${a.nodes.length} nodes as sources, seed ${a.betweenness.seed}; --betweenness-samples 0 computes it exactly`,
    );
  const cutPoints = a.cutPoints.filter((c) => c.separates.length > 0);
  const bridges = a.bridges.filter((b) => b.separates.length > 0);
  line(io);
  line(io, `What the tracks hang on: ${a.cutPoints.length} cut points, ${a.bridges.length} bridges in all`);
  if (cutPoints.length + bridges.length === 0) line(io, '  no track pair depends on a single node or tie');
  for (const c of cutPoints) line(io, `  cut point ${c.id}: alone joins tracks ${pairs(c.separates)}`);
  for (const b of bridges)
    line(
      io,
      `  bridge ${b.source} — ${b.target} (${b.records.join(', ')}): alone joins tracks ${pairs(b.separates)}`,
    );
  line(io);
  line(
    io,
    `Communities (Louvain, modularity ${a.communities.modularity.toFixed(3)}): ` +
      a.communities.groups.map((g) => g.length).join(', '),
  );
  line(io);
  line(io, 'Coverage (track × party × stage)');
  line(
    io,
    table(
      ['Track', 'Party', 'Stage', 'Effect', 'Initiatives'],
      a.coverage.cells.map((c) => [
        c.track,
        c.party ?? '-',
        c.stage,
        c.effect + (c.regimeAssumed ? '*' : ''),
        c.initiatives.join(', '),
      ]),
    ),
  );
  if (a.coverage.cells.some((c) => c.regimeAssumed))
    line(io, '  * no regime recorded for the party: read as a democracy');
  for (const g of a.coverage.gaps) line(io, `  gap: ${g.reason}`);
  line(io);
  line(io, 'Pathways to Track 1');
  for (const o of a.pathways.outcomes) {
    line(io, `  ${o.outcome}${o.binding ? ' (binding)' : ''}:`);
    if (o.pathways.length === 0) line(io, '    no chain from another track');
    for (const p of o.pathways) line(io, `    ${p.nodes.join(' → ')} [${p.via}]`);
  }
  for (const i of a.pathways.initiatives.filter((x) => !x.reachesTrack1))
    line(io, `  Track ${i.track} ${i.initiative} reaches no Track 1 initiative`);
  line(io);
  line(io, `Alerts (${a.alerts.length})`);
  for (const al of a.alerts) line(io, `  ${al.kind}: ${al.reason} [${al.records.join(', ')}]`);
}

export function registerAnalyze(program: Command, ctx: CommandContext): void {
  program
    .command('analyze')
    .description('coordination analytics: centrality, brokers, cut points, coverage, pathways, alerts')
    .argument('<system>', 'a system file (YAML or JSON), or the id of a system in the registry (--db, --as)')
    .option('--on <date>', 'the system as it stood that day (YYYY-MM-DD)')
    .option('--seed <n>', 'seed of the Louvain communities and of the betweenness pivots', '1')
    .option(
      '--betweenness-samples <k>',
      `estimate betweenness from K sampled source nodes; 0 = exact always (default: exact up to ${EXACT_BETWEENNESS_MAX_NODES.toLocaleString('en-GB')} nodes, ${DEFAULT_BETWEENNESS_PIVOTS} pivots above)`,
    )
    .option('--dormant-months <n>', 'months without an engagement before an initiative is dormant', '6')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Betweenness is unnormalised (shortest paths through a node, over pairs of other nodes, each pair once).
Exact betweenness runs one breadth-first search from every node, so its cost grows with nodes × ties:
seconds at 10,000 actors, hours at 100,000. --betweenness-samples K runs the search from K source nodes
chosen at random (seeded by --seed) and scales the result by nodes / K (Brandes and Pich 2007): the same
scale as exact, the top of the ranking close to it, K searches instead of one per node. The error
shrinks as K grows; K at or above the number of nodes is exact. --json says which was used:
"betweenness": {"method": "exact"} or {"method": "sampled", "pivots": K, "seed": S}.
Brokerage roles are Gould and Fernandez's, with tracks as the groups. Exit 1 when the file has errors.

A system id reads the system from the registry as the viewer may see it (--as ORG): what the viewer
may not see is not in the network.

Examples:
  multitrack analyze cases/oslo-1993.yaml --on 1993-08-20
  multitrack analyze oslo-1993 --as fafo --json
  multitrack analyze big.yaml --betweenness-samples 1000 --seed 7`,
    )
    .action(async (file, options, command) => {
      if (options.on !== undefined) {
        const problem = partialDateProblem(options.on);
        if (problem) throw new UsageError(`--on: ${problem}`);
      }
      const seed = Number(options.seed);
      const dormantMonths = Number(options.dormantMonths);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${options.seed}`);
      if (!Number.isInteger(dormantMonths) || dormantMonths < 0)
        throw new UsageError(`--dormant-months: expected a whole number, got ${options.dormantMonths}`);
      const betweennessSamples =
        options.betweennessSamples === undefined ? undefined : Number(options.betweennessSamples);
      if (
        betweennessSamples !== undefined &&
        (!/^\d+$/.test(options.betweennessSamples ?? '') || !Number.isSafeInteger(betweennessSamples))
      )
        throw new UsageError(
          `--betweenness-samples: expected a whole number of pivots (0 for exact), got ${options.betweennessSamples}`,
        );
      const reading = (await isFile(file))
        ? await readSystemFile(file)
        : await withRegistry(globals(command), async (registry, viewer) =>
            readSystemText(`${file} (registry)`, JSON.stringify(await registry.exportSystem(viewer, file))),
          );
      if (!reading.index) {
        for (const p of reading.problems) ctx.io.err(`${formatProblem(p)}\n`);
        if (options.json) printJson(ctx.io, { file, valid: false, findings: reading.problems });
        ctx.exitCode = EXIT.invalid;
        return;
      }
      const analysis = analyzeSystem(reading.index, {
        on: options.on,
        seed,
        dormantMonths,
        betweennessSamples,
      });
      if (options.json) printJson(ctx.io, { ...analysis, file: reading.file, valid: reading.valid });
      else renderAnalysis(ctx.io, analysis);
      if (!reading.valid) ctx.exitCode = EXIT.invalid;
    });
}
