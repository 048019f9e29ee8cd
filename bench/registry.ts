/**
 * Registry benchmark: bulk import of a generated system (by default 100,000 actors and 1,000,000 links)
 * into embedded PGlite and into PostgreSQL, in records per second, next to psql's COPY of the same rows
 * into a table of the same shape, measured in the same run; then neighbourhood-query latency (p50/p95)
 * on each registry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SystemIndex } from '../src/domain/system-index.js';
import { SystemSchema } from '../src/domain/system.js';
import { openPglite } from '../src/store/pglite/index.js';
import { openPostgres } from '../src/store/postgres/index.js';
import { ADMIN } from '../src/store/port.js';
import { createRegistry } from '../src/store/registry.js';
import { rowsOfSystem } from '../src/store/rows.js';
import type { SqlClient } from '../src/store/sql-client.js';
import { generateSystem } from './generate.js';

export interface RegistryBenchOptions {
  readonly actors: number;
  readonly links: number;
  readonly queries: number;
  readonly postgresUrl: string;
}

export interface RegistryBenchResult {
  readonly records: number;
  readonly rows: {
    backend: string;
    seconds: number;
    recordsPerSecond: number;
    p50ms: number;
    p95ms: number;
  }[];
  readonly copy: { seconds: number; rowsPerSecond: number } | { error: string };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function latency(sql: SqlClient, systemId: string, actors: number, queries: number): Promise<number[]> {
  const registry = createRegistry(sql);
  const times: number[] = [];
  for (let i = 0; i < queries; i++) {
    const id = `a${(i * 7919) % actors}`;
    const start = performance.now();
    await registry.neighbourhood(ADMIN, systemId, id);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = Array.isArray(v)
    ? `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v);
  return `"${text.replace(/"/g, '""')}"`;
};

export async function benchRegistry(
  options: RegistryBenchOptions,
  log: (s: string) => void,
): Promise<RegistryBenchResult> {
  const input = generateSystem('bench', options.actors, options.links);
  const system = SystemSchema.parse(input);
  const records =
    system.actors.length + system.links.length + system.initiatives.length + system.parties.length + 1;
  const rows: RegistryBenchResult['rows'] = [];
  const dir = await mkdtemp(join(tmpdir(), 'multitrack-bench-'));
  const schema = `mt_bench_${process.pid}`;
  try {
    for (const backend of ['pglite', 'postgres'] as const) {
      log(`importing ${records} records into ${backend}…`);
      const sql =
        backend === 'pglite'
          ? await openPglite(join(dir, 'pglite'))
          : await openPostgres(`${options.postgresUrl}?schema=${schema}`);
      await sql.migrate();
      const registry = createRegistry(sql);
      const start = performance.now();
      await registry.importSystems([system], { by: 'bench' });
      const seconds = (performance.now() - start) / 1000;
      log(`  ${backend}: ${seconds.toFixed(1)} s; neighbourhood queries…`);
      const times = await latency(sql, 'bench', options.actors, options.queries);
      rows.push({
        backend,
        seconds,
        recordsPerSecond: records / seconds,
        p50ms: percentile(times, 50),
        p95ms: percentile(times, 95),
      });
      await sql.close();
    }

    // The same rows, as CSV, loaded by psql's \copy into a table shaped like records (no history, no checks).
    log('COPY of the same rows with psql…');
    const rowStates = rowsOfSystem(system, new SystemIndex(system));
    const csv = join(dir, 'rows.csv');
    const lines = rowStates.map((r) =>
      [
        'bench',
        r.id,
        r.type,
        r.ord,
        1,
        r.data,
        r.name,
        r.searchText,
        r.track,
        r.owner,
        r.existence,
        r.content,
        r.sharedWith,
        r.scope,
        r.refs,
        r.validFrom,
        r.validTo,
        false,
        '2026-01-01T00:00:00Z',
        'bench',
      ]
        .map(csvField)
        .join(','),
    );
    await writeFile(csv, `${lines.join('\n')}\n`);
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE TABLE "${schema}".copy_records (LIKE "${schema}".records INCLUDING ALL)`);
    await admin.end();
    const start = performance.now();
    const psql = spawnSync(
      'psql',
      [
        options.postgresUrl,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy "${schema}".copy_records (system_id, id, type, ord, version, data, name, search_text, track, owner, existence, content, shared_with, scope, refs, valid_from, valid_to, deleted, updated_at, updated_by) FROM '${csv}' WITH (FORMAT csv)`,
      ],
      { encoding: 'utf8' },
    );
    const seconds = (performance.now() - start) / 1000;
    const copy =
      psql.status === 0
        ? { seconds, rowsPerSecond: rowStates.length / seconds }
        : { error: (psql.stderr || psql.error?.message || 'psql failed').trim() };
    return { records, rows, copy };
  } finally {
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}
