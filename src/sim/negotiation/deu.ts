/**
 * Reads the DEU layout (Decision-making in the European Union, Arregui & Perarnaud 2021): one row per
 * controversial issue, with the position `p<actor>` and salience `s<actor>` (0–100) of the Commission,
 * the Parliament and the member states, the reference point `rp` and the outcome `out`. An empty cell is
 * missing: an actor without a position is not a stakeholder; one with a position but no salience
 * carries no weight (salience 0). Tab- or comma-separated; parsing is csv-parse's.
 */
import { readSheet } from '../../ingest/csv-sheet.js';
import type { DecisionRule, Issue, Stakeholder } from './issue.js';
import { type InputProblem, type IssueReading, failed } from './reading.js';

/** Columns that start with "p" or "s" but are not actors. */
const METADATA = new Set(['prnrnmc', 'prnr', 'prname', 'proc', 'proccde', 'isnrnmc', 'isnr']);

/** Names of the DEU actor codes (DEU I–III codebooks). */
export const DEU_ACTORS: Readonly<Record<string, string>> = Object.freeze({
  com: 'European Commission',
  ep: 'European Parliament',
  at: 'Austria',
  be: 'Belgium',
  bu: 'Bulgaria',
  cr: 'Croatia',
  cy: 'Cyprus',
  cz: 'Czech Republic',
  dk: 'Denmark',
  ee: 'Estonia',
  fi: 'Finland',
  fr: 'France',
  de: 'Germany',
  el: 'Greece',
  hu: 'Hungary',
  ie: 'Ireland',
  it: 'Italy',
  lv: 'Latvia',
  lt: 'Lithuania',
  lu: 'Luxembourg',
  mt: 'Malta',
  nl: 'Netherlands',
  pl: 'Poland',
  pt: 'Portugal',
  ro: 'Romania',
  si: 'Slovenia',
  sk: 'Slovakia',
  es: 'Spain',
  se: 'Sweden',
  uk: 'United Kingdom',
});

/** True when a header looks like the DEU layout: at least one p<actor>/s<actor> pair and `out`. */
export function looksLikeDeu(header: readonly string[]): boolean {
  return header.includes('out') && actorColumns(header).length > 0;
}

function actorColumns(header: readonly string[]): { actor: string; p: number; s: number }[] {
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const out: { actor: string; p: number; s: number }[] = [];
  for (const [name, p] of index) {
    if (!name.startsWith('p') || METADATA.has(name) || name.length < 2) continue;
    const s = index.get(`s${name.slice(1)}`);
    if (s !== undefined) out.push({ actor: name.slice(1), p, s });
  }
  return out;
}

function decisionRule(vote: string): DecisionRule | undefined {
  const v = vote.trim().toLowerCase();
  if (v.startsWith('unan')) return 'unanimity';
  if (v.startsWith('qmv')) return 'qualified-majority';
  if (v.startsWith('sm')) return 'simple-majority';
  return undefined;
}

/**
 * A row whose cell count differs from the header's: csv-parse is run with relax_column_count, so a
 * short row would otherwise read its missing cells as empty (no position, salience 0) without a word.
 */
export function cellCountProblem(
  file: string,
  row: number,
  expected: number,
  got: number,
): InputProblem | undefined {
  if (got === expected) return undefined;
  return { file, line: row, field: '', message: `expected ${expected} cells as in the header, got ${got}` };
}

/** Reads DEU rows from text; `file` names it in problems (FILE:ROW: column: message). */
export function readDeuText(file: string, text: string): IssueReading {
  const sheet = readSheet(text);
  const problems: InputProblem[] = [];
  if (sheet.error) problems.push({ file, line: sheet.error.row, field: '', message: sheet.error.message });
  const header = sheet.header.map((h) => h.trim());
  const actors = actorColumns(header);
  const col = (name: string) => header.indexOf(name);
  const [rp, out, isnr, prnr, prname, vote] = ['rp', 'out', 'isnr', 'prnr', 'prname', 'counvte'].map(col);
  if (actors.length === 0 || out === undefined || out < 0) {
    return failed([
      {
        file,
        line: 1,
        field: '',
        message:
          'not the DEU layout: expected p<actor> and s<actor> columns (e.g. pcom, scom) and an out column',
      },
    ]);
  }
  const issues: Issue[] = [];
  const ids = new Set<string>();
  for (const { row, cells } of sheet.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const width = cellCountProblem(file, row, header.length, cells.length);
    if (width) {
      problems.push(width);
      continue;
    }
    const cell = (i: number | undefined) => (i === undefined || i < 0 ? '' : (cells[i] ?? '').trim());
    const number = (i: number | undefined, what: string): number | undefined => {
      const raw = cell(i);
      if (raw === '') return undefined;
      const v = Number(raw);
      if (!Number.isFinite(v) || v < 0 || v > 100) {
        problems.push({
          file,
          line: row,
          field: header[i ?? 0] ?? '',
          message: `expected ${what} between 0 and 100 or an empty cell, got ${JSON.stringify(raw)}`,
        });
        return undefined;
      }
      return v;
    };
    const before = problems.length;
    const stakeholders: Stakeholder[] = [];
    for (const a of actors) {
      const position = number(a.p, 'a position');
      const salience = number(a.s, 'a salience');
      if (position === undefined) continue;
      stakeholders.push({
        id: a.actor,
        name: DEU_ACTORS[a.actor] ?? a.actor,
        position,
        salience: (salience ?? 0) / 100,
        capability: 1,
      });
    }
    const id = cell(isnr) || `row-${row}`;
    if (ids.has(id)) problems.push({ file, line: row, field: 'isnr', message: `duplicate issue id "${id}"` });
    ids.add(id);
    if (stakeholders.length === 0) {
      if (problems.length === before)
        problems.push({ file, line: row, field: '', message: `issue ${id} has no actor with a position` });
      continue;
    }
    const rule = decisionRule(cell(vote));
    issues.push({
      id,
      name: cell(prname) || undefined,
      group: cell(prnr) || undefined,
      scale: { min: 0, max: 100 },
      stakeholders,
      referencePoint: number(rp, 'a reference point'),
      outcome: number(out, 'an outcome'),
      ...(rule ? { decisionRule: rule } : {}),
      engagements: [],
    });
  }
  if (problems.length > 0) return failed(problems);
  if (issues.length === 0)
    return failed([{ file, line: 1, field: '', message: 'the file has no issue rows' }]);
  return { ok: true, set: { file, format: 'deu', issues } };
}
