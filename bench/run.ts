/**
 * `npm run bench`: runs the benchmarks and prints our figures beside the peer's, measured in one run:
 * the registry (PGlite and PostgreSQL next to psql COPY), GDELT ingest (next to DuckDB), and the
 * expected-utility model (next to a Python implementation, when one is at hand), and the living-system
 * engine (next to a plain typed-array loop; ensembles inline, on threads and through BullMQ).
 * Sizes: --actors N --links M (default 100,000 and 1,000,000, as the registry issue asks), --queries Q,
 * --gdelt-rows R (an extra synthesised GDELT file); --only registry|gdelt|negotiation|analytics|simulation
 * runs one.
 * The analytics benchmark always runs 10,000 and 100,000 actors (one to two hours with the Python peers).
 */
import { parseArgs } from 'node:util';
import { benchAnalytics, formatAnalyticsBench, pythonInfo } from './analytics.js';
import { benchGdelt } from './gdelt-ingest.js';
import { benchNegotiation, formatNegotiationBench } from './negotiation.js';
import { benchRegistry } from './registry.js';
import { benchSimulation, formatSimulationBench } from './simulation.js';

const { values } = parseArgs({
  options: {
    actors: { type: 'string', default: '100000' },
    links: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '500' },
    'gdelt-rows': { type: 'string', default: '0' },
    only: { type: 'string' },
    postgres: {
      type: 'string',
      default: process.env.MULTITRACK_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const run = (name: string) => values.only === undefined || values.only === name;

if (run('registry')) {
  const result = await benchRegistry(
    {
      actors: Number(values.actors),
      links: Number(values.links),
      queries: Number(values.queries),
      postgresUrl: values.postgres,
    },
    log,
  );

  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
  console.log(
    `\nRegistry bulk import: ${fmt(result.records)} records (${values.actors} actors, ${values.links} links)\n`,
  );
  console.log('| what | seconds | records/s | neighbourhood p50 (ms) | p95 (ms) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of result.rows) {
    console.log(
      `| Multitrack import into ${r.backend} | ${r.seconds.toFixed(1)} | ${fmt(r.recordsPerSecond)} | ${r.p50ms.toFixed(2)} | ${r.p95ms.toFixed(2)} |`,
    );
  }
  if ('error' in result.copy)
    console.log(`| psql COPY into PostgreSQL | failed: ${result.copy.error} | | | |`);
  else
    console.log(
      `| psql \\copy of the same rows into PostgreSQL | ${result.copy.seconds.toFixed(1)} | ${fmt(result.copy.rowsPerSecond)} | | |`,
    );
}

if (run('gdelt')) {
  const gdelt = await benchGdelt(log, { synthesisedRows: Number(values['gdelt-rows']), repeat: 3 });
  console.log('\nGDELT ingest (best of 3)\n');
  console.log('| reader | input | rows | MB | seconds | rows/s |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const f of gdelt.figures) {
    console.log(
      `| ${f.reader} | ${f.input} | ${fmt(f.rows)} | ${f.megabytes.toFixed(1)} | ${f.seconds.toFixed(2)} | ${fmt(f.rowsPerSecond)} |`,
    );
  }
  if (gdelt.duckdbError) console.log(`\nDuckDB could not run: ${gdelt.duckdbError}`);
}

if (run('negotiation')) {
  console.log(`\n${formatNegotiationBench(await benchNegotiation(log))}`);
}

if (run('analytics')) {
  const python = pythonInfo();
  log(
    `analytics peers: ${python.interpreter} (Python ${python.python ?? '?'}, networkx ${python.networkx ?? 'not installed'}, igraph ${python.igraph ?? 'not installed'})`,
  );
  // exact betweenness at 100,000 actors: igraph may finish within its limit, networkx needs hours
  const figures = [
    await benchAnalytics(10_000, log, {
      ourExact: true,
      timeouts: { networkxExact: 1800, igraphExact: 600, networkxSampled: 600 },
    }),
    await benchAnalytics(100_000, log, {
      ourExact: false,
      timeouts: { networkxExact: 300, igraphExact: 3600, networkxSampled: 1800 },
    }),
  ];
  console.log(`\n${formatAnalyticsBench(figures, python)}`);
}

if (run('simulation')) {
  console.log(`\n${formatSimulationBench(await benchSimulation(log))}`);
}
