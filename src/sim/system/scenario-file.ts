/**
 * Reads a scenario file (YAML or JSON) against ScenarioSchema and reports every problem at its line and
 * column, with the field and what was expected, as the system-file reader does. Also checks what the
 * schema alone cannot (parameter names and ranges, dates in order, unique ids within a strategy) and
 * resolves `system:` to a system file relative to the scenario file, or to `registry:SYSTEM-ID`.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { compareDates } from '../../domain/date.js';
import { type FindingPath, formatPath } from '../../domain/finding.js';
import { readableIssues } from '../../ingest/schema-messages.js';
import { positionOf } from '../../ingest/source-position.js';
import { readTextFile } from '../../ingest/text-file.js';
import { readYamlDocument } from '../../ingest/yaml-document.js';
import { ParameterError, withOverrides } from './parameters.js';
import { type Scenario, ScenarioSchema } from './scenario.js';

/** Largest scenario file we read. */
export const MAX_SCENARIO_FILE_BYTES = 4 * 1024 * 1024;

export const REGISTRY_PREFIX = 'registry:';

export interface ScenarioProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Field path such as strategies.backchannel.add[0].track; empty for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

/** Where the scenario's system comes from. */
export type SystemSource =
  | { readonly kind: 'file'; readonly path: string; readonly written: string }
  | { readonly kind: 'registry'; readonly id: string; readonly written: string };

export type ScenarioReading =
  | {
      readonly ok: true;
      readonly file: string;
      readonly scenario: Scenario;
      readonly system: SystemSource;
      /** Where `system:` stands in the file, to place problems with the system itself. */
      readonly systemAt: { readonly line: number; readonly col: number };
      /** Where a field stands in the file (a key of a mapping with `key`), for problems found later. */
      readonly locate: (path: FindingPath, key?: string) => { readonly line: number; readonly col: number };
    }
  | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };

export function formatScenarioProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

const failed = (problems: readonly ScenarioProblem[]): ScenarioReading => ({
  ok: false,
  problems: [...problems].sort((a, b) => a.line - b.line || a.col - b.col),
});

/** The system a `system:` value names: registry:ID, or a path taken from the scenario file's folder. */
export function systemSource(file: string, written: string): SystemSource {
  if (written.startsWith(REGISTRY_PREFIX))
    return { kind: 'registry', id: written.slice(REGISTRY_PREFIX.length).trim(), written };
  return { kind: 'file', path: resolve(dirname(file), written), written };
}

/** Drops a message's leading "field: " when the field is printed in front of it anyway. */
function withoutFieldPrefix(message: string, path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  const prefix = `${String(last)}: `;
  return last !== undefined && message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** Checks across fields that the schema does not make. */
function crossChecks(scenario: Scenario): { path: FindingPath; key?: string; message: string }[] {
  const out: { path: FindingPath; key?: string; message: string }[] = [];
  for (const [name, value] of Object.entries(scenario.parameters)) {
    try {
      withOverrides({ [name]: value }, 'parameter');
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      const message = error.message.replace(/^parameter: /, '');
      // An unknown name is placed at its key; a value out of range at the value.
      out.push(
        message.startsWith('unknown parameter')
          ? { path: ['parameters'], key: name, message }
          : { path: ['parameters', name], message },
      );
    }
  }
  if (scenario.system.startsWith(REGISTRY_PREFIX) && scenario.system.length === REGISTRY_PREFIX.length)
    out.push({
      path: ['system'],
      message: 'expected a system id after "registry:", e.g. registry:oslo-1993',
    });
  for (const [name, strategy] of Object.entries(scenario.strategies)) {
    const base: FindingPath = ['strategies', name];
    const ids = new Set<string>();
    strategy.add.forEach((added, i) => {
      if (ids.has(added.id))
        out.push({ path: [...base, 'add', i, 'id'], message: `duplicate initiative id "${added.id}"` });
      ids.add(added.id);
      if (added.end !== undefined && compareDates(added.end, added.start) < 0)
        out.push({
          path: [...base, 'add', i, 'end'],
          message: `end ${added.end} is before start ${added.start}`,
        });
    });
    strategy.close.forEach((period, i) => {
      if (period.until !== undefined && compareDates(period.until, period.from) < 0)
        out.push({
          path: [...base, 'close', i, 'until'],
          message: `until ${period.until} is before from ${period.from}`,
        });
    });
  }
  return out;
}

/** Reads a scenario from YAML or JSON text; `file` names it in problems and anchors `system:`. */
export function readScenarioText(file: string, text: string): ScenarioReading {
  const read = readYamlDocument(file, text);
  if (!read.ok) return failed(read.problems.map((p) => ({ file, ...p, field: '' })));
  const { doc, lineCounter, data } = read;
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data))
    return failed([
      {
        file,
        line: 1,
        col: 1,
        field: '',
        message:
          'expected a scenario: a mapping with multitrack-scenario: 1, name, system, start, horizon and strategies (see docs/simulation.md)',
      },
    ]);
  const at = (path: FindingPath, key?: string): Omit<ScenarioProblem, 'message'> => {
    const pos = positionOf(doc, lineCounter, path, key);
    return { file, line: pos.line, col: pos.col, field: formatPath(key ? [...path, key] : path) };
  };
  const parsed = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success)
    return failed(
      readableIssues(ScenarioSchema, parsed.error.issues).map((issue) => {
        const path = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
        return { ...at(path, issue.key), message: withoutFieldPrefix(issue.message, path) };
      }),
    );
  const scenario = parsed.data;
  const problems = crossChecks(scenario).map((c) => ({ ...at(c.path, c.key), message: c.message }));
  if (problems.length > 0) return failed(problems);
  const locate = (path: FindingPath, key?: string) => positionOf(doc, lineCounter, path, key);
  return {
    ok: true,
    file,
    scenario,
    system: systemSource(file, scenario.system),
    systemAt: locate(['system']),
    locate,
  };
}

/** Reads a scenario file from disk; a missing scenario or system file is a problem, not a throw. */
export async function readScenarioFile(path: string): Promise<ScenarioReading> {
  const read = await readTextFile(path, { maxBytes: MAX_SCENARIO_FILE_BYTES, what: 'scenario file' });
  if ('problem' in read) return failed([{ file: path, line: 1, col: 1, field: '', message: read.problem }]);
  const reading = readScenarioText(path, read.text);
  if (!reading.ok || reading.system.kind !== 'file') return reading;
  const found = await stat(reading.system.path).then(
    (s) => (s.isFile() ? undefined : 'is not a file'),
    () => 'no such file',
  );
  if (found === undefined) return reading;
  return failed([
    {
      file: path,
      ...reading.systemAt,
      field: 'system',
      message: `${reading.system.written} (${reading.system.path}): ${found}; give a system file relative to this scenario file, or registry:SYSTEM-ID`,
    },
  ]);
}
