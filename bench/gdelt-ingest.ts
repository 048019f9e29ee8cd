/**
 * GDELT ingest benchmark: rows per second of our streaming reader (node streams → csv-parse → the
 * aggregates of src/ingest/gdelt.ts) over the 13 Georgia month files of ../shared/data, and optionally
 * over a large GDELT 1.0 file synthesised from their rows (tab-separated, no header, as GDELT publishes),
 * next to DuckDB's CSV reader (@duckdb/node-api, in-process, all cores) reading the same files in the same
 * run: a plain `count(*), avg(GoldsteinScale)` scan, and the same per-dyad-month aggregation as ours.
 * Each figure is the best of `repeat` runs. `benchGdelt(log)` returns the figures; run this file
 * (`npx tsx bench/gdelt-ingest.ts [--rows N] [--repeat R]`) to print them as a table.
 */
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseSync } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { GDELT_COLUMNS, readGdeltFiles } from '../src/ingest/gdelt.js';

export interface GdeltBenchOptions {
  /** The folder of the Georgia month files; default ../shared/data/gdelt beside the project. */
  readonly dataDir?: string;
  /** Rows of an extra synthesised file (0: none). */
  readonly synthesisedRows?: number;
  readonly repeat?: number;
}

export interface GdeltBenchFigure {
  readonly reader: string;
  readonly input: string;
  readonly rows: number;
  readonly megabytes: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

export interface GdeltBenchResult {
  readonly figures: GdeltBenchFigure[];
  /** Why DuckDB could not run, when it could not. */
  readonly duckdbError?: string;
}

const DEFAULT_DATA = fileURLToPath(new URL('../../shared/data/gdelt/', import.meta.url));

async function best<T>(repeat: number, run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  let seconds = Infinity;
  let value: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    value = await run();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return { seconds, value: value as T };
}

/** Writes `rows` GDELT 1.0 rows (tab-separated, no header) cycled from the given files' rows. */
async function synthesise(files: readonly string[], rows: number, path: string): Promise<void> {
  const source = files.flatMap((f) => {
    const [, ...records] = parseSync(readFileSync(f, 'utf8'), { relax_column_count: true }) as string[][];
    return records.map((r) => r.slice(0, 58).map((c) => (c === 'NA' ? '' : c)));
  });
  async function* lines(): AsyncGenerator<string> {
    let batch: string[] = [];
    for (let i = 0; i < rows; i++) {
      const row = [...source[i % source.length]!];
      row[0] = String(i + 1);
      batch.push(row.join('\t'));
      if (batch.length === 5000) {
        yield batch.join('\n') + '\n';
        batch = [];
      }
    }
    if (batch.length) yield batch.join('\n') + '\n';
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function benchGdelt(
  log: (s: string) => void,
  options: GdeltBenchOptions = {},
): Promise<GdeltBenchResult> {
  const dataDir = options.dataDir ?? DEFAULT_DATA;
  const repeat = options.repeat ?? 3;
  const months = readdirSync(dataDir)
    .filter((f) => /^georgia-.*\.csv$/.test(f))
    .sort()
    .map((f) => join(dataDir, f));
  const inputs: { name: string; files: string[]; headerless: boolean }[] = [
    { name: `${months.length} Georgia month files`, files: months, headerless: false },
  ];
  let tmp: string | undefined;
  if (options.synthesisedRows) {
    tmp = await mkdtemp(join(tmpdir(), 'multitrack-gdelt-'));
    const path = join(tmp, 'synthesised.export.CSV');
    log(`synthesising ${options.synthesisedRows.toLocaleString('en-GB')} rows into ${path}`);
    await synthesise(months, options.synthesisedRows, path);
    inputs.push({
      name: `synthesised GDELT 1.0 file (${options.synthesisedRows.toLocaleString('en-GB')} rows)`,
      files: [path],
      headerless: true,
    });
  }

  const figures: GdeltBenchFigure[] = [];
  let duckdbError: string | undefined;
  type Connection = { runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> };
  let duckdb: Connection | undefined;
  try {
    // Installed by `npm run bench` (not a dependency: its lock entries break `npm ci`); typed by hand here.
    const moduleName = '@duckdb/node-api';
    const { DuckDBInstance } = (await import(moduleName)) as {
      DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<Connection> }> };
    };
    const instance = await DuckDBInstance.create(':memory:');
    duckdb = await instance.connect();
  } catch (error) {
    duckdbError = error instanceof Error ? error.message : String(error);
    log(`DuckDB unavailable: ${duckdbError}`);
  }

  try {
    for (const input of inputs) {
      const megabytes = input.files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
      const ours = await best(repeat, () => readGdeltFiles(input.files, { trackOf: () => null }));
      const rows = ours.value.rows.read;
      const figure = (reader: string, seconds: number, n = rows): GdeltBenchFigure => ({
        reader,
        input: input.name,
        rows: n,
        megabytes,
        seconds,
        rowsPerSecond: n / seconds,
      });
      figures.push(figure('Multitrack readGdeltFiles (csv-parse stream → aggregates)', ours.seconds));
      log(`ours: ${rows} rows in ${ours.seconds.toFixed(2)} s (${input.name})`);
      if (!duckdb) continue;
      const db = duckdb;
      const list = `[${input.files.map(sqlString).join(', ')}]`;
      const source = input.headerless
        ? `read_csv(${list}, delim='\t', header=false, quote='', names=[${GDELT_COLUMNS['1.0'].map(sqlString).join(', ')}])`
        : `read_csv(${list}, header=true, union_by_name=true)`;
      const scan = await best(repeat, () =>
        db.runAndReadAll(`SELECT count(*), avg(GoldsteinScale) FROM ${source}`),
      );
      const scanned = Number(scan.value.getRows()[0]?.[0]);
      if (scanned !== rows) log(`note: DuckDB counted ${scanned} rows, we read ${rows}`);
      figures.push(figure('DuckDB read_csv: count(*), avg(GoldsteinScale)', scan.seconds, scanned));
      const grouped = await best(repeat, () =>
        db.runAndReadAll(
          `SELECT count(*) FROM (SELECT Actor1Code, Actor1Name, Actor2Code, Actor2Name, MonthYear, count(*),
             sum(NumMentions), sum(GoldsteinScale), sum(AvgTone), count_if(QuadClass = 1), count_if(QuadClass = 2),
             count_if(QuadClass = 3), count_if(QuadClass = 4)
           FROM ${source} GROUP BY ALL)`,
        ),
      );
      figures.push(figure('DuckDB read_csv: GROUP BY dyad and month', grouped.seconds, scanned));
      log(`DuckDB: ${scan.seconds.toFixed(2)} s scan, ${grouped.seconds.toFixed(2)} s grouped`);
    }
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
  return { figures, ...(duckdbError === undefined ? {} : { duckdbError }) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '0' }, repeat: { type: 'string', default: '3' } },
  });
  const result = await benchGdelt((s) => process.stderr.write(`${s}\n`), {
    synthesisedRows: Number(values.rows),
    repeat: Number(values.repeat),
  });
  const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
  console.log('\n| reader | input | rows | MB | seconds | rows/s |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const f of result.figures) {
    console.log(
      `| ${f.reader} | ${f.input} | ${fmt(f.rows)} | ${f.megabytes.toFixed(1)} | ${f.seconds.toFixed(2)} | ${fmt(f.rowsPerSecond)} |`,
    );
  }
  if (result.duckdbError) console.log(`\nDuckDB could not run: ${result.duckdbError}`);
}
