/**
 * `multitrack import system FILE...`: loads system files into the registry, all or nothing for the whole
 * command: any problem in any file and nothing is written, every problem reported.
 */
import type { Command } from '@commander-js/extra-typings';
import { type Link, linkId } from '../../domain/link.js';
import type { System } from '../../domain/system.js';
import { readFile } from 'node:fs/promises';
import { SystemSchema } from '../../domain/system.js';
import { readKumu } from '../../ingest/kumu.js';
import { MAX_SYSTEM_FILE_BYTES, formatProblem, readSystemFile } from '../../ingest/system-file.js';
import { ADMIN } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { registerAgreementImports } from './import-agreements.js';
import { registerEventImports } from './import-events.js';
import { EXIT, UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';

export function registerImport(program: Command, ctx: CommandContext): Command {
  const importer = program
    .command('import')
    .description('load data into the registry (all or nothing per command)');

  importer
    .command('system')
    .description('import system files (YAML or JSON); any problem in any file and nothing is written')
    .argument('<files...>', 'system files')
    .option('--replace', 'update systems that are already in the registry (their history is kept)')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Examples:
  multitrack import system my-conflict.yaml
  multitrack import system my-conflict.yaml --replace --db postgres://postgres@127.0.0.1:5432/test`,
    )
    .action(async (files, options, command) => {
      const opts = globals(command);
      const systems: System[] = [];
      const problems: string[] = [];
      let failed = false;
      for (const file of files) {
        ctx.io.progress(`reading ${file}…`);
        const reading = await readSystemFile(file);
        for (const p of reading.problems) if (p.severity === 'error') problems.push(formatProblem(p));
        if (!reading.valid || !reading.system) failed = true;
        else systems.push(reading.system);
      }
      const ids = systems.map((s) => s.id);
      for (const dup of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
        problems.push(`system "${dup}" is in more than one of the files`);
        failed = true;
      }
      for (const problem of problems) ctx.io.err(`${problem}\n`);
      if (failed) {
        if (options.json)
          printJson(ctx.io, { imported: false, reason: 'invalid input; nothing was written', problems });
        ctx.io.err('multitrack: nothing was imported (fix the problems above and run the command again)\n');
        ctx.exitCode = EXIT.invalid;
        return;
      }
      await withRegistry(opts, async (registry) => {
        const records = systems.reduce(
          (n, s) => n + s.actors.length + s.links.length + s.initiatives.length,
          0,
        );
        ctx.io.progress(
          `importing ${systems.length} system(s), about ${records} records, into ${registry.location}…`,
        );
        const report = await registry.importSystems(systems, {
          by: process.env.USER ?? 'cli',
          replace: options.replace,
        });
        if (options.json) printJson(ctx.io, { imported: true, location: registry.location, ...report });
        else {
          for (const s of report.systems) {
            line(ctx.io, `${s.id}: ${s.created} created, ${s.updated} updated, ${s.deleted} deleted`);
          }
          line(
            ctx.io,
            `${report.records} records in ${report.systems.length} system(s) at ${registry.location}`,
          );
        }
      });
    });
  importer
    .command('kumu')
    .description(
      'merge a Kumu map (its Elements and Connections sheets as CSV) into a system of the registry',
    )
    .argument('<elements>', 'the Elements sheet as CSV (Label, Type, Tags, Description, …)')
    .argument('<connections>', 'the Connections sheet as CSV (From, To, Type, Direction, …)')
    .requiredOption('--system <id>', 'the system to merge into (import its system file first)')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Elements become actors (a type we do not know: an unclassified actor that keeps its Kumu type);
connections become links (a type we do not know: a "related" link that keeps it as its label).
An element whose ID is an actor of the system stands for that actor, and a connection the system already
holds is not added again, so a map exported with \`multitrack export kumu\` merges back without copies.
Any problem — a connection to no element, a duplicate label, a malformed row — and nothing is written.

Example:
  multitrack import kumu elements.csv connections.csv --system oslo-1993`,
    )
    .action(async (elementsFile, connectionsFile, options, command) => {
      const opts = globals(command);
      const [elements, connections] = await Promise.all([readText(elementsFile), readText(connectionsFile)]);
      await withRegistry(opts, async (registry) => {
        const report = await registry.transaction(async (tx) => {
          const current = (await tx.exportSystem(ADMIN, options.system)) as unknown as Record<
            string,
            unknown[]
          >;
          // every id the system holds, a link's derived one (FROM--TYPE--TO) included
          const ids = new Set<string>([
            ...['parties', 'actors', 'initiatives', 'engagements', 'outcomes', 'sources'].flatMap((list) =>
              (current[list] ?? []).map((r) => String((r as { id?: string }).id ?? '')),
            ),
            ...(current.links ?? []).map((l) => linkId(l as Link)),
          ]);
          const reading = readKumu(elements, connections, {
            elementsFile,
            connectionsFile,
            existingIds: ids,
            existingActors: new Set(
              (current.actors ?? []).map((a) => String((a as { id?: string }).id ?? '')),
            ),
          });
          if (reading.problems.length > 0) {
            throw new UserError(
              [
                `the Kumu map has ${reading.problems.length} problem(s); nothing was imported:`,
                ...reading.problems.map(
                  (p) => `${p.file}:${p.row}: ${p.field ? `${p.field}: ` : ''}${p.message}`,
                ),
              ].join('\n'),
            );
          }
          // A connection the system already holds is that link, not a copy, and two identical connections
          // of the map are one link. Identical: the same ends, type, label and dates (the reader gives a
          // connection whose id is taken a suffixed one, so ids do not tell).
          const same = (l: Link) =>
            [l.from, l.type, l.to, l.label ?? '', l.date ?? '', l.until ?? ''].join('\u0000');
          const heldLinks = (current.links ?? []) as Link[];
          const held = new Set(heldLinks.map(same));
          const newLinks = reading.links.filter((l) => {
            const link = l as Link;
            if (held.has(same(link))) return false;
            held.add(same(link));
            return true;
          });
          const merged = {
            ...current,
            actors: [...(current.actors ?? []), ...reading.actors],
            links: [...(current.links ?? []), ...newLinks],
          };
          const parsed = SystemSchema.safeParse(merged);
          if (!parsed.success) {
            throw new UserError(
              [
                'the merged system would be invalid; nothing was imported:',
                ...parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`),
              ].join('\n'),
            );
          }
          const result = await tx.importSystems([parsed.data], {
            by: process.env.USER ?? 'cli',
            replace: true,
          });
          return {
            actors: reading.actors.length,
            links: newLinks.length,
            linksAlreadyHeld: reading.links.length - newLinks.length,
            ...result,
          };
        });
        if (options.json) printJson(ctx.io, { imported: true, system: options.system, ...report });
        else line(ctx.io, `merged ${report.actors} actors and ${report.links} links into ${options.system}`);
      });
    });
  registerEventImports(importer, ctx);
  registerAgreementImports(importer, ctx);
  return importer;
}

async function readText(file: string): Promise<string> {
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > MAX_SYSTEM_FILE_BYTES) {
      throw new UserError(
        `${file}: ${buffer.byteLength} bytes is over the ${MAX_SYSTEM_FILE_BYTES}-byte limit`,
      );
    }
    return buffer.toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}
