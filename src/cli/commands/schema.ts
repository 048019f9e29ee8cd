/**
 * `multitrack schema`: the JSON Schema of the system file, generated from the domain's zod schemas.
 */
import type { Command } from '@commander-js/extra-typings';
import { systemJsonSchema } from '../../domain/system.js';
import type { CommandContext } from '../context.js';
import { printJson } from '../io.js';

export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of the system file (for editors and other tools)')
    .option('--json', 'the schema is JSON already; accepted for uniformity')
    .addHelpText('after', '\nExample:\n  multitrack schema > multitrack.schema.json')
    .action(() => {
      printJson(ctx.io, systemJsonSchema());
    });
}
