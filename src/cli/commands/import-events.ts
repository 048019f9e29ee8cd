/**
 * `multitrack import gdelt FILE...` and `multitrack import plover FILE`: event data into a system of the
 * registry — actors with tracks, candidate engagements for diplomatic events, interactions per actor pair
 * and month. All or nothing per command; a file imported before (same content) adds nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { DEFAULT_CAMEO_DIR, sectorOfCameoCode } from '../../ingest/cameo-sectors.js';
import {
  type EventContribution,
  gdeltContribution,
  mergeEvents,
  ploverContribution,
} from '../../ingest/event-system.js';
import { gdeltSummary, loadCameoCodebook, readGdeltFiles } from '../../ingest/gdelt.js';
import { readPloverFile } from '../../ingest/plover.js';
import type { SourceImportResult } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new UserError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return hash.digest('hex');
}

/** Refuses a ZIP archive (GDELT publishes its files zipped) with the way to read it. */
async function refuseArchive(file: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UserError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (head.toString('latin1') === 'PK\u0003\u0004')
    throw new UserError(
      `${file}: a ZIP archive; unzip it first (unzip ${basename(file)}) and import the .CSV inside (gzip, .gz, is read as it is); nothing was imported`,
    );
}

interface FileImport {
  readonly file: string;
  readonly kind: string;
  readonly summary: Record<string, unknown>;
  readonly contribution: EventContribution;
}

/** Imports each file's contribution into one system, all in one transaction. */
async function importFiles(
  ctx: CommandContext,
  command: { optsWithGlobals(): unknown },
  systemId: string,
  name: string,
  files: readonly FileImport[],
): Promise<{ file: string; result: SourceImportResult; summary: Record<string, unknown> }[]> {
  const opts = globals(command);
  return withRegistry(opts, (registry) =>
    registry.transaction(async (tx) => {
      const results = [];
      for (const f of files) {
        ctx.io.progress(`writing ${basename(f.file)} into ${systemId}…`);
        const result = await tx.importSource(
          systemId,
          { kind: f.kind, name: basename(f.file), sha256: await sha256(f.file), summary: f.summary },
          (current) => mergeEvents(current, f.contribution, { systemId, name, source: basename(f.file) }),
          { by: process.env.USER ?? 'cli' },
        );
        results.push({ file: f.file, result, summary: f.summary });
      }
      return results;
    }),
  );
}

function report(
  ctx: CommandContext,
  json: boolean | undefined,
  systemId: string,
  results: Awaited<ReturnType<typeof importFiles>>,
) {
  if (json) {
    printJson(ctx.io, {
      system: systemId,
      files: results.map((r) => ({ file: r.file, ...r.result, read: r.summary })),
    });
    return;
  }
  for (const r of results) {
    if (r.result.alreadyImported) {
      line(ctx.io, `${r.file}: imported before; nothing new`);
      continue;
    }
    const created = Object.entries(r.result.created)
      .map(([type, n]) => `${n} ${n === 1 ? type : type === 'party' ? 'parties' : `${type}s`}`)
      .join(', ');
    line(ctx.io, `${r.file}: ${created || 'no new records'}; ${r.result.interactions} interaction rows`);
  }
}

export function registerEventImports(importer: Command, ctx: CommandContext): void {
  importer
    .command('gdelt')
    .description('GDELT 1.0 or 2.0 event files (with or without a header, .gz too) into a system')
    .argument('<files...>', 'GDELT event files')
    .option('--system <id>', 'the system to build or add to (created if new)', 'gdelt')
    .option('--name <text>', 'name of a new system', 'Events from GDELT')
    .option('--cameo <dir>', 'folder with CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt, for event names')
    .option(
      '--json',
      'print one JSON document: rows read, records created per type, rows rejected with reasons',
    )
    .addHelpText(
      'after',
      `
Rows are streamed (memory stays bounded). Malformed rows are counted and the first ones reported with
their line numbers; they do not stop the import. Diplomatic events (036, 04x, 05x …) become candidate
engagements; every event counts in the monthly interactions of its actor pair.

Example:
  multitrack import gdelt georgia-*.csv --system georgia --name "Georgia in GDELT, 2011–2012"

Without --system the events go to the system "gdelt". A file in which no row is a GDELT record, a ZIP
archive (unzip it first) or an empty file stops the command, and nothing is written.`,
    )
    .action(async (files, options, command) => {
      // Event names come from the CAMEO codebook: --cameo, else the shared data folder when present.
      const dir = options.cameo ?? DEFAULT_CAMEO_DIR;
      const loaded = await loadCameoCodebook({
        eventCodes: join(dir, 'CAMEO.eventcodes.txt'),
        goldstein: join(dir, 'CAMEO.goldsteinscale.txt'),
      }).catch((error: Error) => {
        if (options.cameo) throw new UserError(`--cameo ${options.cameo}: ${error.message}`);
        return undefined;
      });
      const codebook = loaded?.codebook;
      const imports: FileImport[] = [];
      for (const file of files) {
        ctx.io.progress(`reading ${file}…`);
        await refuseArchive(file);
        let aggregate;
        try {
          aggregate = await readGdeltFiles([file], {
            trackOf: (a) => sectorOfCameoCode(a.code).track,
            codebook,
          });
        } catch (error) {
          throw new UserError(
            `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          );
        }
        if (aggregate.rows.used === 0) {
          const first = aggregate.rejects.first[0];
          throw new UserError(
            `${file}: ${
              aggregate.rows.read === 0
                ? 'holds no rows'
                : `none of its ${aggregate.rows.read} rows is a GDELT 1.0 or 2.0 event record (57, 58 or 61 tab-separated columns)${first ? `; line ${first.line}: ${first.reason}` : ''}`
            }; nothing was imported`,
          );
        }
        const summary = gdeltSummary(aggregate) as unknown as Record<string, unknown>;
        for (const r of aggregate.rejects.first) ctx.io.err(`${file}:${r.line}: ${r.kind}: ${r.reason}\n`);
        imports.push({ file, kind: 'gdelt', summary, contribution: gdeltContribution(aggregate) });
      }
      report(
        ctx,
        globals(command).json ?? options.json,
        options.system,
        await importFiles(ctx, command, options.system, options.name, imports),
      );
    });

  importer
    .command('plover')
    .description('PLOVER event records (JSON array or JSON Lines) into a system')
    .argument('<file>', 'PLOVER JSON file')
    .option('--system <id>', 'the system to build or add to (created if new)', 'plover')
    .option('--name <text>', 'name of a new system', 'Events from PLOVER')
    .option('--json', 'print one JSON document')
    .action(async (file, options, command) => {
      let read;
      try {
        read = await readPloverFile(file);
      } catch (error) {
        throw new UserError(
          `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        );
      }
      const whole = read.problems.find((p) => p.index < 0);
      if (whole)
        throw new UserError(
          `${file}${whole.line ? `:${whole.line}` : ''}: ${whole.message}; expected a JSON array of PLOVER records or JSON Lines; nothing was imported`,
        );
      for (const p of read.problems.slice(0, 50))
        ctx.io.err(
          `${file}${p.line ? `:${p.line}` : ''}: record ${p.index}${p.field ? ` ${p.field}` : ''}: ${p.message}\n`,
        );
      if (read.events.length === 0)
        throw new UserError(
          `${file}: ${read.records === 0 ? 'holds no records' : `none of its ${read.records} records is a usable PLOVER event`}; nothing was imported`,
        );
      const summary = {
        recordsRead: read.records,
        events: read.events.length,
        rejected: read.problems.length,
        problems: read.problems.map((p) => ({
          record: p.index,
          ...(p.line === undefined ? {} : { line: p.line }),
          ...(p.id === undefined ? {} : { id: p.id }),
          field: p.field ?? '',
          reason: p.message,
        })),
      };
      report(
        ctx,
        globals(command).json ?? options.json,
        options.system,
        await importFiles(ctx, command, options.system, options.name, [
          { file, kind: 'plover', summary, contribution: ploverContribution(read.events) },
        ]),
      );
    });
}
