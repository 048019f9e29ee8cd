/**
 * Reading and changing the registry record by record: systems, list, show, search, history, update,
 * delete and restore. Every read is scoped to the viewer (--as ORG; the local administrator otherwise).
 */
import type { Command } from '@commander-js/extra-typings';
import { asOfTimestamp, onDate } from '../options.js';
import { parse as parseYaml } from 'yaml';
import { RECORD_TYPES, type RecordType } from '../../domain/record.js';
import type { HistoryEntry, StoredRecord } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, resolveRef, withRegistry } from '../registry-access.js';
import { table } from '../table.js';

const TIME_HELP = `
Time:
  --as-of 2026-11-22T10:00:00Z   the registry as it was at that moment (transaction time)
  --on 1993-08-20                the system as it stood in the world that day (the records' own dates)`;

function recordLine(r: StoredRecord): (string | number)[] {
  const name = r.redacted ? '(redacted)' : String(r.data.name ?? r.data.title ?? '');
  const dates = r.validFrom ? `${r.validFrom}${r.validTo ? ` – ${r.validTo}` : ''}` : '';
  return [r.type, r.id, r.track ?? '-', name, dates, r.version];
}

function parseType(type: string | undefined): RecordType | undefined {
  if (type === undefined) return undefined;
  if (!(RECORD_TYPES as readonly string[]).includes(type)) {
    throw new UserError(`unknown record type "${type}"; expected one of: ${RECORD_TYPES.join(', ')}`);
  }
  return type as RecordType;
}

/** --limit: a positive whole number. */
function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--limit ${value}: expected a positive whole number, such as 20`);
  return n;
}

function parseVersion(value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) {
    throw new UsageError('--base-version N is required: the version you read (multitrack show ID tells it)');
  }
  return n;
}

export function registerRecords(program: Command, ctx: CommandContext): void {
  program
    .command('systems')
    .description('the systems in the registry')
    .option('--json', 'print one JSON document')
    .action(async (_o, command) => {
      const opts = globals(command);
      await withRegistry(opts, async (registry, viewer) => {
        const systems = await registry.systems(viewer);
        if (opts.json) printJson(ctx.io, { systems });
        else
          line(
            ctx.io,
            table(
              ['System', 'Name', 'Records', 'Version', 'Updated'],
              systems.map((s) => [s.id, s.name, s.records, s.version, s.updatedAt]),
            ),
          );
      });
    });

  program
    .command('list')
    .description('the records of a system')
    .argument('<system>', 'system id')
    .option('--type <type>', `only one record type: ${RECORD_TYPES.join(', ')}`)
    .option('--track <track>', 'only records on one track, e.g. 2 or 1.5')
    .option('--as-of <timestamp>', 'the registry as it was then')
    .option('--on <date>', 'the world as it stood that day')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `${TIME_HELP}\n\nExample:\n  multitrack list oslo-1993 --type initiative --on 1993-03-01`,
    )
    .action(async (systemId, options, command) => {
      const opts = globals(command);
      await withRegistry(opts, async (registry, viewer) => {
        const records = await registry.list(viewer, systemId, {
          type: parseType(options.type),
          track: options.track,
          asOf: asOfTimestamp(options.asOf),
          on: onDate(options.on),
        });
        if (opts.json) printJson(ctx.io, { system: systemId, count: records.length, records });
        else
          line(ctx.io, table(['Type', 'Id', 'Track', 'Name', 'Dates', 'Version'], records.map(recordLine)));
      });
    });

  program
    .command('show')
    .description('one record, with the links around it')
    .argument('<record>', 'SYSTEM/ID, or ID (with --system when several systems have it)')
    .option('--system <id>', 'the system the record is in')
    .option('--as-of <timestamp>', 'the registry as it was then')
    .option('--on <date>', 'the world as it stood that day')
    .option('--json', 'print one JSON document')
    .action(async (ref, options, command) => {
      const opts = globals(command);
      await withRegistry(opts, async (registry, viewer) => {
        const { systemId, id } = await resolveRef(registry, viewer, ref, options.system);
        const record = await registry.get(viewer, systemId, id, {
          asOf: asOfTimestamp(options.asOf),
          on: onDate(options.on),
        });
        if (!record)
          throw new UserError(
            `no record "${id}" in system "${systemId}"${options.asOf || options.on ? ' at that time' : ''}`,
          );
        const around =
          options.asOf || options.on ? undefined : await registry.neighbourhood(viewer, systemId, id);
        if (opts.json) {
          printJson(ctx.io, { record, links: around?.links ?? [], neighbours: around?.neighbours ?? [] });
          return;
        }
        line(
          ctx.io,
          `${record.type} ${systemId}/${record.id} — version ${record.version}${record.track ? `, Track ${record.track}` : ''}`,
        );
        line(ctx.io, record.redacted ? '(content redacted for this viewer)' : stringifyData(record.data));
        if (around && around.links.length > 0) {
          line(ctx.io, 'Links');
          for (const l of around.links) {
            line(
              ctx.io,
              l.redacted
                ? `  ${l.id} (redacted)`
                : `  ${String(l.data.from)} —${String(l.data.type)}→ ${String(l.data.to)}`,
            );
          }
        }
      });
    });

  program
    .command('search')
    .description('full-text search over names, descriptions and issues')
    .argument('<text>', 'words to search for ("quoted phrases", or, -exclusions)')
    .option('--system <id>', 'only one system')
    .option('--limit <n>', 'at most N hits', '20')
    .option('--json', 'print one JSON document')
    .action(async (text, options, command) => {
      const opts = globals(command);
      const limit = parseLimit(options.limit);
      await withRegistry(opts, async (registry, viewer) => {
        const hits = await registry.search(viewer, text, { systemId: options.system, limit });
        if (opts.json) printJson(ctx.io, { query: text, hits });
        else
          line(
            ctx.io,
            table(
              ['System', 'Type', 'Id', 'Track', 'Name'],
              hits.map((h) => [h.record.systemId, ...recordLine(h.record).slice(0, 4)]),
            ),
          );
      });
    });

  program
    .command('history')
    .description('the change log: who changed what, when, before and after')
    .argument('[record]', 'SYSTEM/ID or ID; all changes when absent')
    .option('--system <id>', 'only one system')
    .option('--json', 'print one JSON document')
    .action(async (ref, options, command) => {
      const opts = globals(command);
      await withRegistry(opts, async (registry, viewer) => {
        const target = ref ? await resolveRef(registry, viewer, ref, options.system) : undefined;
        const entries = await registry.history(viewer, {
          systemId: target?.systemId ?? options.system,
          id: target?.id,
        });
        if (ref && entries.length === 0) throw new UserError(`no history for "${ref}"`);
        if (opts.json) printJson(ctx.io, { entries });
        else
          line(
            ctx.io,
            table(
              ['When', 'Who', 'Change', 'Record', 'Version'],
              entries.map((e: HistoryEntry) => [e.at, e.by, e.op, `${e.systemId}/${e.id}`, e.version]),
            ),
          );
      });
    });

  program
    .command('update')
    .description('change fields of a record, based on the version you read')
    .argument('<record>', 'SYSTEM/ID or ID')
    .option('--system <id>', 'the system the record is in')
    .option(
      '--set <field=value>',
      'a field to set; the value is read as YAML (repeat)',
      (v, prev: string[] = []) => [...prev, v],
    )
    .option('--base-version <n>', 'the version you read; a stale one fails and changes nothing')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      '\nExample:\n  multitrack update oslo-1993/draft-dop --set "name=Draft principles" --base-version 1',
    )
    .action(async (ref, options, command) => {
      const opts = globals(command);
      const baseVersion = parseVersion(options.baseVersion);
      const sets = options.set ?? [];
      if (sets.length === 0) throw new UsageError('nothing to change: give --set field=value');
      await withRegistry(opts, async (registry, viewer) => {
        const { systemId, id } = await resolveRef(registry, viewer, ref, options.system);
        const current = await registry.get(viewer, systemId, id);
        if (!current) throw new UserError(`no record "${id}" in system "${systemId}"`);
        if (current.redacted) throw new UserError(`you may not read "${id}", so you cannot change it`);
        const data: Record<string, unknown> = { ...current.data };
        for (const assignment of sets) {
          const eq = assignment.indexOf('=');
          if (eq <= 0) throw new UsageError(`--set "${assignment}": expected field=value`);
          data[assignment.slice(0, eq)] = parseYaml(assignment.slice(eq + 1));
        }
        const updated = await registry.update(systemId, id, data, {
          by: opts.as ?? process.env.USER ?? 'cli',
          baseVersion,
          viewer,
        });
        if (opts.json) printJson(ctx.io, { record: updated });
        else line(ctx.io, `${systemId}/${id} is now at version ${updated.version}`);
      });
    });

  program
    .command('delete')
    .description('delete a record that nothing refers to (restore brings it back)')
    .argument('<record>', 'SYSTEM/ID or ID')
    .option('--system <id>', 'the system the record is in')
    .option('--base-version <n>', 'the version you read')
    .option('--json', 'print one JSON document')
    .action(async (ref, options, command) => {
      const opts = globals(command);
      const baseVersion = parseVersion(options.baseVersion);
      await withRegistry(opts, async (registry, viewer) => {
        const { systemId, id } = await resolveRef(registry, viewer, ref, options.system);
        await registry.delete(systemId, id, {
          by: opts.as ?? process.env.USER ?? 'cli',
          baseVersion,
          viewer,
        });
        if (opts.json) printJson(ctx.io, { deleted: `${systemId}/${id}` });
        else line(ctx.io, `deleted ${systemId}/${id} (multitrack restore ${systemId}/${id} brings it back)`);
      });
    });

  program
    .command('restore')
    .description('bring back a deleted record, as it was when deleted')
    .argument('<record>', 'SYSTEM/ID, or ID (the system it was in is found from the history)')
    .option('--system <id>', 'the system the record was in')
    .option('--json', 'print one JSON document')
    .action(async (ref, options, command) => {
      const opts = globals(command);
      await withRegistry(opts, async (registry, viewer) => {
        const { systemId, id } = await resolveRef(registry, viewer, ref, options.system);
        const restored = await registry.restore(systemId, id, {
          by: opts.as ?? process.env.USER ?? 'cli',
          viewer,
        });
        if (opts.json) printJson(ctx.io, { record: restored });
        else line(ctx.io, `restored ${systemId}/${id} (version ${restored.version})`);
      });
    });
}

function stringifyData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
}
