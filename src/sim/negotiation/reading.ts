/**
 * What every issue reader returns: the issues it could read, or the problems that stopped it, each at
 * its place in the file (line and column for YAML/JSON, line and column name for TSV/CSV), so the CLI
 * can print FILE:LINE:COL: field: message and exit 1.
 */
import type { IssueSet } from './issue.js';

export interface InputProblem {
  readonly file: string;
  readonly line: number;
  readonly col?: number;
  /** Field path (stakeholders[2].salience) or column name (sde); empty for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

export type IssueReading =
  | { readonly ok: true; readonly set: IssueSet }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

export function formatInputProblem(p: InputProblem): string {
  const where = p.col === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.col}`;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export function failed(problems: readonly InputProblem[]): IssueReading {
  return { ok: false, problems };
}

export function fileProblem(file: string, message: string): IssueReading {
  return failed([{ file, line: 1, field: '', message }]);
}
