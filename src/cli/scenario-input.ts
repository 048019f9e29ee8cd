/**
 * A scenario as the simulation commands take it: the scenario file read with its problems at line and
 * column, the system it names (a file beside it, or registry:ID read through the viewer's access), and
 * compilation of a strategy whose problems are placed back at the scenario file's line.
 */
import { type FindingPath, formatPath } from '../domain/finding.js';
import type { System } from '../domain/system.js';
import { formatProblem, readSystemFile, readSystemText } from '../ingest/system-file.js';
import { type CompileOptions, ScenarioError, compileScenario } from '../sim/system/compile.js';
import type { CompiledModel } from '../sim/system/model.js';
import { ParameterError } from '../sim/system/parameters.js';
import type { Scenario } from '../sim/system/scenario.js';
import {
  type ScenarioReading,
  type SystemSource,
  formatScenarioProblem,
  readScenarioFile,
} from '../sim/system/scenario-file.js';
import { UserError } from './errors.js';
import { globals, withRegistry } from './registry-access.js';

export type ScenarioRead = Extract<ScenarioReading, { ok: true }>;

/** The system a scenario names; its problems (errors only, else all) as one UserError. */
export async function loadSystem(
  source: SystemSource,
  command: { optsWithGlobals(): unknown },
  where: string,
): Promise<System> {
  const reading =
    source.kind === 'file'
      ? await readSystemFile(source.path)
      : await withRegistry(globals(command), async (registry, viewer) =>
          readSystemText(
            `${source.written} (registry)`,
            JSON.stringify(await registry.exportSystem(viewer, source.id)),
          ),
        );
  const errors = reading.problems.filter((p) => p.severity === 'error');
  if (!reading.system || errors.length > 0)
    throw new UserError(
      [
        `${where}: the system ${source.written} has problems:`,
        ...(errors.length ? errors : reading.problems).map(formatProblem),
      ].join('\n'),
    );
  return reading.system;
}

/**
 * Where in the scenario file a problem found while compiling against the system belongs: the entry of
 * the strategy that names the id (remove, add, fund), a party under positions, else the strategy.
 */
function placeOf(scenario: Scenario, message: string): { path: FindingPath; key?: string } | undefined {
  const party = /^positions: "([^"]+)"/.exec(message);
  if (party?.[1] !== undefined) return { path: ['positions'], key: party[1] };
  const named = /strategy "([^"]+)"/.exec(message);
  const name = named?.[1];
  const strategy = name === undefined ? undefined : scenario.strategies[name];
  if (name === undefined || strategy === undefined) return undefined;
  const base: FindingPath = ['strategies', name];
  const ids = [
    ...message
      .slice((named?.index ?? 0) + (named?.[0].length ?? 0))
      .matchAll(/"([^"]+)"|initiative ([^\s:,]+)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
  for (const id of ids) {
    const removed = strategy.remove.indexOf(id);
    if (removed >= 0) return { path: [...base, 'remove', removed] };
    const added = strategy.add.findIndex((a) => a.id === id);
    if (added >= 0) return { path: [...base, 'add', added] };
    const funded = strategy.fund.findIndex((f) => f.initiative === id);
    if (funded >= 0) return { path: [...base, 'fund', funded, 'initiative'] };
  }
  return { path: base };
}

/** Compiles one strategy; a problem is reported at the scenario file's line where it can be placed. */
export function compileAt(
  reading: ScenarioRead,
  system: System,
  strategy: string,
  options: CompileOptions = {},
): CompiledModel {
  try {
    return compileScenario(reading.scenario, system, strategy, options);
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof ParameterError) {
      const place = placeOf(reading.scenario, error.message);
      if (!place) throw new UserError(`${reading.file}: ${error.message}`);
      const at = reading.locate(place.path, place.key);
      const field = formatPath(place.key === undefined ? place.path : [...place.path, place.key]);
      throw new UserError(`${reading.file}:${at.line}:${at.col}: ${field}: ${error.message}`);
    }
    throw error;
  }
}

/** Reads the scenario file and the system it names; every problem is a UserError naming file and line. */
export async function loadScenario(
  file: string,
  command: { optsWithGlobals(): unknown },
): Promise<{ reading: ScenarioRead; system: System }> {
  const reading = await readScenarioFile(file);
  if (!reading.ok) throw new UserError(reading.problems.map(formatScenarioProblem).join('\n'));
  const system = await loadSystem(reading.system, command, `${file}:${reading.systemAt.line}`);
  return { reading, system };
}
