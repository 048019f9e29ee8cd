/**
 * `multitrack import pax FILE` and `multitrack import ucdp FILE...`: peace-agreement and conflict data
 * into the registry, one system per conflict. PA-X processes become initiatives and agreements outcomes
 * (binding only on Track 1); third parties are classified, and those we cannot classify are listed for
 * review; UCDP gives conflicts their yearly stage history and is cross-referenced with PA-X.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { SystemInput } from '../../domain/system.js';
import { createActorClassifier } from '../../ingest/actor-classifier.js';
import { readPax } from '../../ingest/pax.js';
import { linkPaxToUcdp, mergeUcdpSystems, readUcdpAgreements, readUcdpConflicts } from '../../ingest/ucdp.js';
import { ADMIN, type Registry } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';

async function readText(file: string): Promise<{ text: string; sha256: string }> {
  try {
    const buffer = await readFile(file);
    return { text: buffer.toString('utf8'), sha256: createHash('sha256').update(buffer).digest('hex') };
  } catch (error) {
    throw new UserError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** Writes systems into the registry in one transaction; a system already holding this file is left alone. */
async function writeSystems(
  registry: Registry,
  systems: readonly SystemInput[],
  source: { kind: string; name: string; sha256: string },
): Promise<{ created: number; unchanged: number; records: Record<string, number> }> {
  return registry.transaction(async (tx) => {
    let created = 0;
    let unchanged = 0;
    const records: Record<string, number> = {};
    for (const system of systems) {
      const id = String((system as unknown as { id: string }).id);
      const result = await tx.importSource(
        id,
        { ...source, summary: {} },
        () => ({ system, interactions: [] }),
        {
          by: process.env.USER ?? 'cli',
        },
      );
      if (result.alreadyImported) unchanged += 1;
      else created += 1;
      for (const [type, n] of Object.entries(result.created)) records[type] = (records[type] ?? 0) + n;
    }
    return { created, unchanged, records };
  });
}

/** The systems of the registry whose ids start with `prefix`, as system documents. */
async function systemsWithPrefix(registry: Registry, prefix: string): Promise<SystemInput[]> {
  const out: SystemInput[] = [];
  for (const s of await registry.systems(ADMIN)) {
    if (s.id.startsWith(prefix)) out.push(await registry.exportSystem(ADMIN, s.id));
  }
  return out;
}

const KIND_NAMES = {
  acd: 'UCDP/PRIO armed conflict',
  dyadic: 'UCDP dyadic',
  agreements: 'UCDP peace agreement',
} as const;

function kindOf(header: string): 'acd' | 'dyadic' | 'agreements' | undefined {
  const cols = header
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  if (cols.includes('paid') && cols.includes('pa_date')) return 'agreements';
  if (cols.includes('dyad_id')) return 'dyadic';
  if (cols.includes('conflict_id') && cols.includes('intensity_level')) return 'acd';
  return undefined;
}

export function registerAgreementImports(importer: Command, ctx: CommandContext): void {
  importer
    .command('pax')
    .description('PA-X peace agreements (CSV) into the registry, one system per conflict')
    .argument('<file>', 'PA-X agreements CSV')
    .option(
      '--json',
      'print one JSON document: rows read, records created, rows rejected, third parties to review',
    )
    .addHelpText(
      'after',
      `
Data: PA-X Peace Agreements Database, University of Edinburgh PeaceRep (CC BY-NC-SA 4.0).
If UCDP conflicts are in the registry (multitrack import ucdp), PA-X systems take their stage history.

Example:
  multitrack import pax pax-agreements.csv`,
    )
    .action(async (file, options, command) => {
      const { text, sha256 } = await readText(file);
      const classifier = createActorClassifier();
      const { systems, report } = readPax(text, {
        file: basename(file),
        classify: (t) => classifier.classify(t),
      });
      if (report.error)
        throw new UserError(`${file}:${report.error.row}: ${report.error.reason}; nothing was imported`);
      for (const r of report.rejected) ctx.io.err(`${file}:${r.row}: ${r.reason}\n`);
      const result = await withRegistry(globals(command), async (registry) => {
        const ucdp = await systemsWithPrefix(registry, 'ucdp-');
        const linked = ucdp.length > 0 ? linkPaxToUcdp(systems, ucdp) : undefined;
        const written = await writeSystems(registry, linked?.systems ?? systems, {
          kind: 'pax',
          name: basename(file),
          sha256,
        });
        return { ...written, linked: linked?.report };
      });
      const third = report.thirdParties;
      if (globals(command).json ?? options.json) {
        printJson(ctx.io, { file, report, ...result });
        return;
      }
      line(
        ctx.io,
        `${file}: ${report.rowsRead} rows, ${report.agreements} agreements in ${report.processes} processes, ${report.rejected.length} rejected`,
      );
      line(
        ctx.io,
        `${result.created} systems written, ${result.unchanged} already held this file; records: ${JSON.stringify(result.records)}`,
      );
      line(
        ctx.io,
        `third parties: ${third.classified} classified, ${third.noActor} no actor, ${third.unknown} to review`,
      );
      for (const u of third.unknownTexts.slice(0, 15)) line(ctx.io, `  review (${u.count}×): ${u.text}`);
      if (result.linked) line(ctx.io, `UCDP stage history taken by ${result.linked.linked.length} systems`);
      line(ctx.io, 'Data: PA-X, University of Edinburgh PeaceRep (CC BY-NC-SA 4.0).');
    });

  importer
    .command('ucdp')
    .description(
      'UCDP data (conflicts, dyads, peace agreements; CSV) into the registry, one system per conflict',
    )
    .argument(
      '<files...>',
      'UCDP/PRIO armed conflict CSV, and optionally the dyadic and peace-agreement CSVs',
    )
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
The files are told apart by their columns. Stage history from yearly intensity: war at intensity 2,
escalation or de-escalation below, post-conflict after an episode ends. PA-X systems already in the
registry take the stage history of the UCDP conflict their agreements name.
Data: Uppsala Conflict Data Program (CC BY 4.0).

Example:
  multitrack import ucdp ucdp-prio-acd-251.csv ucdp-dyadic-251.csv ucdp-peace-agreements-221.csv`,
    )
    .action(async (files, options, command) => {
      const texts: Partial<
        Record<'acd' | 'dyadic' | 'agreements', { file: string; text: string; sha256: string }>
      > = {};
      for (const file of files) {
        const read = await readText(file);
        const kind = kindOf(read.text.split('\n', 1)[0] ?? '');
        if (!kind)
          throw new UserError(
            `${file}:1: not a UCDP conflict, dyadic or peace-agreement file (columns not recognised)`,
          );
        const earlier = texts[kind];
        if (earlier)
          throw new UserError(
            `${file}: a second ${KIND_NAMES[kind]} file (${earlier.file} is one already); give one of each kind`,
          );
        texts[kind] = { file, ...read };
      }
      if (!texts.acd && !texts.agreements)
        throw new UserError('give the UCDP/PRIO armed conflict file, the peace-agreement file, or both');
      const classifier = createActorClassifier();
      const conflicts = texts.acd
        ? readUcdpConflicts(texts.acd.text, {
            file: basename(texts.acd.file),
            dyadicText: texts.dyadic?.text,
          })
        : undefined;
      const agreements = texts.agreements
        ? readUcdpAgreements(texts.agreements.text, {
            file: basename(texts.agreements.file),
            classify: (t) => classifier.classify(t),
            conflicts: conflicts?.conflicts,
            conflictsFile: texts.acd ? basename(texts.acd.file) : undefined,
          })
        : undefined;
      // a file that cannot be read as its kind stops the command before anything is written
      for (const [read, report] of [
        [texts.acd, conflicts?.report],
        [texts.agreements, agreements?.report],
      ] as const)
        if (read && report?.error)
          throw new UserError(
            `${read.file}:${report.error.row}: ${report.error.reason}; nothing was imported`,
          );
      for (const [read, report] of [
        [texts.acd, conflicts?.report],
        [texts.agreements, agreements?.report],
      ] as const)
        for (const r of report?.rejected ?? []) ctx.io.err(`${read?.file}:${r.row}: ${r.reason}\n`);
      const systems =
        conflicts && agreements
          ? mergeUcdpSystems(conflicts.systems, agreements.systems)
          : (conflicts?.systems ?? agreements?.systems ?? []);
      const sha256 = createHash('sha256')
        .update(
          // the same files in any order are the same import
          (['acd', 'dyadic', 'agreements'] as const).map((kind) => texts[kind]?.sha256 ?? '').join(':'),
        )
        .digest('hex');
      const result = await withRegistry(globals(command), async (registry) => {
        const written = await writeSystems(registry, systems, {
          kind: 'ucdp',
          name: files.map((f) => basename(f)).join(', '),
          sha256,
        });
        const pax = await systemsWithPrefix(registry, 'pax-');
        let linked;
        if (pax.length > 0) {
          linked = linkPaxToUcdp(pax, systems);
          await writeSystems(registry, linked.systems, {
            kind: 'pax+ucdp',
            name: 'UCDP stage history',
            sha256,
          });
        }
        return { ...written, linked: linked?.report };
      });
      if (globals(command).json ?? options.json) {
        printJson(ctx.io, { files, conflicts: conflicts?.report, agreements: agreements?.report, ...result });
        return;
      }
      line(
        ctx.io,
        `${systems.length} UCDP systems: ${result.created} written, ${result.unchanged} already held these files`,
      );
      if (result.linked)
        line(ctx.io, `PA-X systems given a UCDP stage history: ${result.linked.linked.length}`);
      line(ctx.io, 'Data: Uppsala Conflict Data Program (CC BY 4.0).');
    });
}
