/**
 * `multitrack cases`: the case library — list it, or show one case with its sources.
 */
import type { Command } from '@commander-js/extra-typings';
import { describeSystem } from '../../analytics/describe.js';
import { listCases, readCase } from '../../ingest/case-library.js';
import { readAllCases } from '../../ingest/case-library.js';
import type { CommandContext } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { table } from '../table.js';
import { descriptionJson, renderDescription } from './describe.js';

export function registerCases(program: Command, ctx: CommandContext): void {
  const cases = program
    .command('cases')
    .description('the case library: one system file per case, with sources')
    .option('--json', 'print one JSON document')
    .addHelpText('after', '\nExamples:\n  multitrack cases\n  multitrack cases show oslo-1993')
    .action(async (options) => {
      const readings = await readAllCases();
      const rows = readings.map((r) => {
        const d = r.index ? describeSystem(r.index) : undefined;
        return {
          id: r.system?.id ?? r.file,
          name: r.system?.name ?? '(invalid)',
          file: r.file,
          valid: r.valid,
          stage: d?.conflict.stage ?? null,
          tracks: d?.tracksPresent ?? [],
          counts: d?.counts ?? null,
        };
      });
      if (options.json) printJson(ctx.io, { cases: rows });
      else
        line(
          ctx.io,
          table(
            ['Case', 'Name', 'Stage now', 'Tracks', 'Valid'],
            rows.map((r) => [r.id, r.name, r.stage ?? '-', r.tracks.join(' '), r.valid ? 'yes' : 'NO']),
          ),
        );
      if (rows.some((r) => !r.valid)) ctx.exitCode = EXIT.invalid;
    });

  cases
    .command('show')
    .description('describe one case of the library and list its sources')
    .argument('<id>', 'case id, as listed by `multitrack cases`')
    .option('--json', 'print one JSON document')
    .action(async (id, _options, command) => {
      // --json may be parsed by `cases` itself when it follows the subcommand: read it from both.
      const json = Boolean(command.optsWithGlobals().json);
      const reading = await readCase(id);
      if (!reading) {
        const ids = (await listCases()).map((c) => c.id);
        throw new UserError(`no case "${id}" in the library; cases: ${ids.join(', ')}`);
      }
      if (!reading.index || !reading.system) {
        throw new UserError(`case "${id}" does not read: run multitrack validate ${reading.file}`);
      }
      if (json) {
        printJson(ctx.io, { ...descriptionJson(reading), sources: reading.system.sources });
        return;
      }
      renderDescription(ctx.io, describeSystem(reading.index), reading.problems);
      line(ctx.io);
      line(ctx.io, 'Sources');
      for (const s of reading.system.sources) {
        line(
          ctx.io,
          `  [${s.id}] ${[s.author, s.title, s.publisher, s.year].filter(Boolean).join(', ')}${s.url ? ` <${s.url}>` : ''}`,
        );
      }
    });
}
