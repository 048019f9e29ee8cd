/**
 * Reads a system file (YAML or JSON), validates it against the schema and the domain rules, and reports
 * every problem at its place in the file (line and column, field path, what was expected). Never throws
 * for a user's mistake: problems are values.
 */
import type { Document, LineCounter } from 'yaml';
import { type Finding, type Severity, formatPath } from '../domain/finding.js';
import { checkSystem } from '../domain/rules/index.js';
import { SystemIndex } from '../domain/system-index.js';
import { type System, SystemSchema } from '../domain/system.js';
import { readableIssues } from './schema-messages.js';
import { positionOf } from './source-position.js';
import { readTextFile } from './text-file.js';
import { readYamlDocument } from './yaml-document.js';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: Severity;
  readonly rule: string;
  /** Field path such as initiatives[2].track; empty for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

export interface SystemReading {
  readonly file: string;
  /** The parsed system, when it has the right shape (it may still break domain rules). */
  readonly system?: System;
  readonly index?: SystemIndex;
  readonly problems: readonly Problem[];
  /** True when there is no problem of severity error. */
  readonly valid: boolean;
}

/** Largest system file we read; a larger one is refused rather than parsed. */
export const MAX_SYSTEM_FILE_BYTES = 64 * 1024 * 1024;

export function formatProblem(p: Problem): string {
  const level = p.severity === 'error' ? '' : `${p.severity}: `;
  const field = p.field ? `${p.field}: ` : '';
  return `${p.file}:${p.line}:${p.col}: ${level}${field}${p.message}`;
}

function syntaxProblem(file: string, pos: { line: number; col: number }, message: string): Problem {
  return { file, line: pos.line, col: pos.col, severity: 'error', rule: 'syntax', field: '', message };
}

export function readSystemText(file: string, text: string): SystemReading {
  const problems: Problem[] = [];
  const read = readYamlDocument(file, text);
  if (!read.ok)
    return { file, problems: read.problems.map((p) => syntaxProblem(file, p, p.message)), valid: false };
  const { doc, lineCounter, data } = read;
  const parsed = SystemSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    for (const issue of readableIssues(SystemSchema, parsed.error.issues)) {
      const pos = positionOf(doc, lineCounter, issue.path, issue.key);
      const path = issue.key === undefined ? issue.path : [...issue.path, issue.key];
      problems.push({
        file,
        ...pos,
        severity: 'error',
        rule: 'schema',
        field: formatPath(path.map((k) => (typeof k === 'number' ? k : String(k)))),
        message: issue.message,
      });
    }
    return { file, problems: sortProblems(problems), valid: false };
  }
  const system = parsed.data;
  const index = new SystemIndex(system);
  for (const f of checkSystem(system, index)) problems.push(toProblem(file, doc, lineCounter, f));
  const sorted = sortProblems(problems);
  return { file, system, index, problems: sorted, valid: !sorted.some((p) => p.severity === 'error') };
}

function toProblem(file: string, doc: Document, lineCounter: LineCounter, f: Finding): Problem {
  const pos = positionOf(doc, lineCounter, f.path);
  return { file, ...pos, severity: f.severity, rule: f.rule, field: formatPath(f.path), message: f.message };
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Reads and checks a system file from disk. A missing or unreadable file is a problem, not a throw. */
export async function readSystemFile(file: string): Promise<SystemReading> {
  const read = await readTextFile(file, { maxBytes: MAX_SYSTEM_FILE_BYTES, what: 'system file' });
  return 'problem' in read ? fileProblem(file, read.problem) : readSystemText(file, read.text);
}

function fileProblem(file: string, message: string): SystemReading {
  return {
    file,
    problems: [{ file, line: 1, col: 1, severity: 'error', rule: 'file', field: '', message }],
    valid: false,
  };
}
