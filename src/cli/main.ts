/**
 * The `multitrack` command line: builds the commander program, runs one command, and turns every
 * outcome into an exit code (0 ok, 1 bad input, 2 usage, 3 internal) without stack traces for users.
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { registerAnalyze } from './commands/analyze.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerCases } from './commands/cases.js';
import { registerClassify } from './commands/classify.js';
import { registerDemo } from './commands/demo.js';
import { registerDescribe } from './commands/describe.js';
import { registerEffectiveness } from './commands/effectiveness.js';
import { registerExport } from './commands/export.js';
import { registerForecast } from './commands/forecast.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerInteractions } from './commands/interactions.js';
import { registerRecords } from './commands/records.js';
import { registerSchema } from './commands/schema.js';
import { registerSensitivity } from './commands/sensitivity.js';
import { registerSimulate } from './commands/simulate.js';
import { registerTracks } from './commands/tracks.js';
import { registerValidate } from './commands/validate.js';
import { registerWorker } from './commands/worker.js';
import type { CommandContext } from './context.js';
import { EXIT, UsageError, UserError } from './errors.js';
import { type Io, processIo } from './io.js';

export const VERSION = '0.1.0';

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command()
    .name('multitrack')
    .version(VERSION)
    .description(
      'Multi-track diplomacy as a living system: the actors, initiatives, engagements, outcomes and links ' +
        'of a conflict across Tracks 1, 1.5 and 2–9, checked against the rules of the domain.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Start here:
  multitrack demo                              validate and describe the case library
  multitrack cases show oslo-1993              one case: how a Track 2 backchannel fed Track 1
  multitrack validate my-conflict.yaml         check your own system file
  multitrack classify -p government:personal -p academic:personal   which track is this meeting?

Every command takes --json and then prints one JSON document on stdout.
Exit codes: 0 ok, 1 bad input or failed validation, 2 usage error, 3 internal error.`,
    );
  program
    .option(
      '--db <location>',
      'registry: a directory (embedded) or postgres://… (default: $MULTITRACK_DB or ./.multitrack)',
    )
    .option('--as <org>', 'read as this organisation (only what its confidentiality levels allow)');
  registerDemo(program, ctx);
  registerInit(program, ctx);
  registerImport(program, ctx);
  registerExport(program, ctx);
  registerRecords(program, ctx);
  registerInteractions(program, ctx);
  registerValidate(program, ctx);
  registerDescribe(program, ctx);
  registerAnalyze(program, ctx);
  registerClassify(program, ctx);
  registerTracks(program, ctx);
  registerForecast(program, ctx);
  registerSimulate(program, ctx);
  registerSensitivity(program, ctx);
  registerCalibrate(program, ctx);
  registerEffectiveness(program, ctx);
  registerCases(program, ctx);
  registerSchema(program, ctx);
  registerWorker(program, ctx);
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
    for (const sub of command.commands) {
      sub.exitOverride();
      sub.configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
    }
  }
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT.ok };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
      return EXIT.usage;
    }
    if (error instanceof UserError || error instanceof UsageError) {
      io.err(`multitrack: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`multitrack: internal error: ${message}\n`);
    if (process.env.MULTITRACK_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    else io.err('(set MULTITRACK_DEBUG=1 for details, and please report this)\n');
    return EXIT.internal;
  }
}
