/**
 * `multitrack export system ID`: a system from the registry as a system file — lossless for the
 * administrator, and only what the viewer may see for an organisation (--as).
 */
import { asOfTimestamp, onDate } from '../options.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { stringify } from 'yaml';
import { type System, SystemSchema } from '../../domain/system.js';
import { writeCsv } from '../../ingest/csv-export.js';
import { writeGexf } from '../../ingest/gexf.js';
import { writeGraphml } from '../../ingest/graphml.js';
import { writeKumu } from '../../ingest/kumu.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';

export function registerExport(program: Command, ctx: CommandContext): Command {
  const exporter = program.command('export').description('write data out of the registry');

  exporter
    .command('system')
    .description('export one system as a system file (YAML or JSON)')
    .argument('<system>', 'system id (see multitrack systems)')
    .option('--out <file>', 'write to FILE (.yaml, .yml or .json) instead of stdout')
    .option('--format <yaml|json>', 'format on stdout, or when --out has no known extension', 'yaml')
    .option('--as-of <timestamp>', 'the system as the registry held it then (ISO 8601)')
    .option('--on <date>', 'only what existed in the world on that date (YYYY-MM-DD)')
    .option('--json', 'print the system (or, with --out, a summary) as one JSON document')
    .addHelpText(
      'after',
      `
Examples:
  multitrack export system oslo-1993 --out oslo.yaml
  multitrack export system oslo-1993 --as fafo --json      # what Fafo may see`,
    )
    .action(async (systemId, options, command) => {
      const opts = globals(command);
      const ext = options.out ? extname(options.out).toLowerCase() : '';
      const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : options.format;
      if (format !== 'yaml' && format !== 'json')
        throw new UsageError(`--format must be yaml or json, not "${format}"`);
      await withRegistry(opts, async (registry, viewer) => {
        const doc = await registry.exportSystem(viewer, systemId, {
          asOf: asOfTimestamp(options.asOf),
          on: onDate(options.on),
        });
        const text =
          format === 'json' || (options.json && !options.out)
            ? `${JSON.stringify(doc, null, 2)}\n`
            : stringify(doc);
        if (options.out) {
          await writeFile(options.out, text);
          if (options.json) printJson(ctx.io, { system: systemId, out: options.out, format });
          else line(ctx.io, `wrote ${systemId} to ${options.out}`);
        } else ctx.io.out(text);
      });
    });
  const graphFormats = [
    ['gexf', 'GEXF 1.3 for Gephi', (sys: System) => writeGexf(sys)],
    ['graphml', 'GraphML (yEd, Gephi, NetworkX, igraph)', (sys: System) => writeGraphml(sys)],
  ] as const;
  for (const [name, what, write] of graphFormats) {
    exporter
      .command(name)
      .description(`export one system as ${what}: records as nodes, links and structural relations as edges`)
      .argument('<system>', 'system id')
      .option('--out <file>', 'write to FILE instead of stdout')
      .option('--json', 'with --out, print a summary as JSON')
      .action(async (systemId, options, command) => {
        const opts = globals(command);
        await withRegistry(opts, async (registry, viewer) => {
          const text = write(SystemSchema.parse(await registry.exportSystem(viewer, systemId)));
          if (!options.out) return ctx.io.out(text);
          await writeFile(options.out, text);
          if (options.json) printJson(ctx.io, { system: systemId, out: options.out, format: name });
          else line(ctx.io, `wrote ${systemId} to ${options.out}`);
        });
      });
  }

  const sheetFormats = [
    [
      'kumu',
      "Kumu's two sheets (elements.csv, connections.csv)",
      ['elements.csv', 'connections.csv'],
      (sys: System) => {
        const k = writeKumu(sys);
        return [k.elements, k.connections];
      },
    ],
    [
      'csv',
      'plain CSV (nodes.csv, edges.csv)',
      ['nodes.csv', 'edges.csv'],
      (sys: System) => {
        const c = writeCsv(sys);
        return [c.nodes, c.edges];
      },
    ],
  ] as const;
  for (const [name, what, files, write] of sheetFormats) {
    exporter
      .command(name)
      .description(`export one system as ${what}`)
      .argument('<system>', 'system id')
      .requiredOption('--out <dir>', 'directory to write the two files into (created if needed)')
      .option('--json', 'print a summary as JSON')
      .action(async (systemId, options, command) => {
        const opts = globals(command);
        await withRegistry(opts, async (registry, viewer) => {
          const texts = write(SystemSchema.parse(await registry.exportSystem(viewer, systemId)));
          await mkdir(options.out, { recursive: true });
          const written = files.map((f) => join(options.out, f));
          await Promise.all(written.map((f, i) => writeFile(f, texts[i] ?? '')));
          if (options.json) printJson(ctx.io, { system: systemId, files: written, format: name });
          else line(ctx.io, `wrote ${systemId} to ${written.join(' and ')}`);
        });
      });
  }
  return exporter;
}
