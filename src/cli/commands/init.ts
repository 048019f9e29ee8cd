/**
 * `multitrack init`: creates the registry (embedded by default, in ./.multitrack) and loads the case
 * library into it; cases already there are left as they are.
 */
import type { Command } from '@commander-js/extra-typings';
import type { System } from '../../domain/system.js';
import { readAllCases } from '../../ingest/case-library.js';
import { formatProblem } from '../../ingest/system-file.js';
import { ADMIN, type Registry } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';

export interface LibraryLoad {
  readonly loaded: string[];
  readonly present: string[];
}

/** Loads every case of the library that the registry does not hold yet, in one transaction. */
export async function loadCaseLibrary(registry: Registry, ctx: CommandContext): Promise<LibraryLoad> {
  const readings = await readAllCases();
  const broken = readings.filter((r) => !r.valid);
  if (broken.length > 0) {
    throw new UserError(
      ['the case library does not validate:', ...broken.flatMap((r) => r.problems.map(formatProblem))].join(
        '\n',
      ),
    );
  }
  const present = new Set((await registry.systems(ADMIN)).map((s) => s.id));
  const missing = readings.map((r) => r.system as System).filter((s) => !present.has(s.id));
  if (missing.length > 0) {
    ctx.io.progress(`loading ${missing.length} cases into the registry at ${registry.location}…`);
    await registry.importSystems(missing, { by: 'multitrack init' });
  }
  return {
    loaded: missing.map((s) => s.id),
    present: [...present].filter((id) => readings.some((r) => r.system?.id === id)),
  };
}

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the registry (./.multitrack by default) and load the case library into it')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
The registry is embedded (PGlite) in ./.multitrack unless --db or MULTITRACK_DB names a directory
or a PostgreSQL server (postgres://user@host:5432/db). Running init again loads only missing cases.

Examples:
  multitrack init
  multitrack init --db postgres://postgres@127.0.0.1:5432/test`,
    )
    .action(async (_options, command) => {
      const options = globals(command);
      await withRegistry(options, async (registry) => {
        const result = await loadCaseLibrary(registry, ctx);
        const systems = await registry.systems(ADMIN);
        if (options.json) {
          printJson(ctx.io, { location: registry.location, backend: registry.backend, ...result, systems });
          return;
        }
        line(ctx.io, `Registry: ${registry.location} (${registry.backend})`);
        line(ctx.io, `Loaded ${result.loaded.length} cases; ${result.present.length} were already there.`);
        line(
          ctx.io,
          `It holds ${systems.length} systems. Next: multitrack systems, multitrack search "backchannel"`,
        );
      });
    });
}
