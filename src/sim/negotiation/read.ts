/**
 * Reads a file of negotiation issues in whichever layout it is: an issue file (YAML or JSON), the DEU
 * table (TSV or CSV with p<actor>/s<actor>/rp/out) or the actors CSV (Actor, Capability, Position,
 * Salience). The layout follows from the extension and, for delimited text, from the header.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { readSheet } from '../../ingest/csv-sheet.js';
import { readTextFile } from '../../ingest/text-file.js';
import { looksLikeActorsCsv, readActorsCsvText } from './actors-csv.js';
import { looksLikeDeu, readDeuText } from './deu.js';
import { readIssueText } from './issue-file.js';
import { type IssueReading, fileProblem } from './reading.js';

/** Largest file we read. */
export const MAX_ISSUE_FILE_BYTES = 64 * 1024 * 1024;

/** Reads issues from text, choosing the layout by the file's extension and header. */
export function readIssuesText(file: string, text: string): IssueReading {
  const ext = extname(file).toLowerCase();
  if (ext === '.tsv' || ext === '.csv' || ext === '.txt') {
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
    const header = readSheet(`${firstLine}\n`).header;
    if (looksLikeActorsCsv(header)) return readActorsCsvText(file, text);
    if (looksLikeDeu(header)) return readDeuText(file, text);
    return fileProblem(
      file,
      'unknown table layout: expected the DEU columns (p<actor>, s<actor>, rp, out) or the actors columns (Actor, Capability, Position, Salience)',
    );
  }
  return readIssueText(file, text);
}

/** Reads issues from disk; a missing or unreadable file is a problem, not a throw. */
export async function readIssues(file: string): Promise<IssueReading> {
  const kind = await stat(file).catch(() => undefined);
  if (kind?.isDirectory()) return fileProblem(file, 'is a directory, not an issue file');
  const read = await readTextFile(file, { maxBytes: MAX_ISSUE_FILE_BYTES, what: 'issue file' });
  return 'problem' in read ? fileProblem(file, read.problem) : readIssuesText(file, read.text);
}
