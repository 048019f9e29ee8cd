/**
 * `multitrack validate FILE...`: checks system files against the schema and the domain rules; one line
 * per problem on stderr as FILE:LINE:COL: field: message; exit 1 when any file has an error.
 */
import type { Command } from '@commander-js/extra-typings';
import { type SystemReading, formatProblem, readSystemFile } from '../../ingest/system-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import { line, printJson } from '../io.js';

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('check system files (YAML or JSON) against the schema and the rules of the domain')
    .argument('<files...>', 'system files to check')
    .option('--json', 'print one JSON document with every problem')
    .option('--strict', 'treat warnings as errors')
    .addHelpText(
      'after',
      `
Each problem is printed on stderr as FILE:LINE:COL: field: message.
Errors fail validation (exit 1); warnings are printed but pass unless --strict.

Examples:
  multitrack validate cases/oslo-1993.yaml
  multitrack validate my-conflict.yaml --json`,
    )
    .action(async (files, options) => {
      const readings: SystemReading[] = [];
      for (const file of files) readings.push(await readSystemFile(file));
      const failed = (r: SystemReading) =>
        r.problems.some((p) => p.severity === 'error' || (options.strict && p.severity === 'warning'));
      if (options.json) {
        printJson(ctx.io, {
          valid: !readings.some(failed),
          files: readings.map((r) => ({
            file: r.file,
            valid: !failed(r),
            problems: r.problems.filter((p) => p.severity !== 'info'),
          })),
        });
      } else {
        for (const r of readings) {
          for (const p of r.problems) if (p.severity !== 'info') ctx.io.err(`${formatProblem(p)}\n`);
          if (!failed(r) && r.system) {
            const s = r.system;
            const warnings = r.problems.filter((p) => p.severity === 'warning').length;
            line(
              ctx.io,
              `${r.file}: valid — ${s.actors.length} actors, ${s.initiatives.length} initiatives, ` +
                `${s.engagements.length} engagements, ${s.outcomes.length} outcomes, ${s.links.length} links` +
                (warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''),
            );
          }
        }
      }
      if (readings.some(failed)) ctx.exitCode = EXIT.invalid;
    });
}
