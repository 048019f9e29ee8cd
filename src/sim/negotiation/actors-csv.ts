/**
 * Reads the simple actors CSV of the expected-utility literature (Actor, Capability, Position,
 * Salience; e.g. the EC car-emission-standards case of Bueno de Mesquita 1994 and Scholz et al. 2011)
 * as one issue. Salience is 0–1. A CSV carries no scale: positions within 0–10 are read on a 0–10
 * scale, within 0–100 on 0–100, otherwise on the span of the positions. Parsing is csv-parse's.
 */
import { basename, extname } from 'node:path';
import { readSheet } from '../../ingest/csv-sheet.js';
import { cellCountProblem } from './deu.js';
import type { Stakeholder } from './issue.js';
import { type InputProblem, type IssueReading, failed } from './reading.js';

const REQUIRED = ['actor', 'capability', 'position', 'salience'] as const;

/** True when the header has the four columns of the actors layout (any case, any order). */
export function looksLikeActorsCsv(header: readonly string[]): boolean {
  const lower = header.map((h) => h.trim().toLowerCase());
  return REQUIRED.every((c) => lower.includes(c));
}

export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'actor';
}

export function scaleFor(positions: readonly number[]): { min: number; max: number } {
  const lo = Math.min(...positions);
  const hi = Math.max(...positions);
  if (lo >= 0 && hi <= 10) return { min: 0, max: 10 };
  if (lo >= 0 && hi <= 100) return { min: 0, max: 100 };
  return lo < hi ? { min: lo, max: hi } : { min: lo - 1, max: hi + 1 };
}

export function readActorsCsvText(file: string, text: string): IssueReading {
  const sheet = readSheet(text);
  const problems: InputProblem[] = [];
  if (sheet.error) problems.push({ file, line: sheet.error.row, field: '', message: sheet.error.message });
  const lower = sheet.header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !lower.includes(c));
  if (missing.length > 0) {
    return failed([
      {
        file,
        line: 1,
        field: '',
        message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected Actor,Capability,Position,Salience`,
      },
    ]);
  }
  const at = (name: string) => lower.indexOf(name);
  const stakeholders: Stakeholder[] = [];
  const ids = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const width = cellCountProblem(file, row, sheet.header.length, cells.length);
    if (width) {
      problems.push(width);
      continue;
    }
    const cell = (name: string) => (cells[at(name)] ?? '').trim();
    const value = (name: string, min: number, max: number, hint: string): number | undefined => {
      const raw = cell(name);
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v) || v < min || v > max) {
        problems.push({
          file,
          line: row,
          field: sheet.header[at(name)] ?? name,
          message: `expected ${hint}, got ${raw === '' ? 'an empty cell' : JSON.stringify(raw)}`,
        });
        return undefined;
      }
      return v;
    };
    const name = cell('actor');
    if (name === '') {
      problems.push({
        file,
        line: row,
        field: sheet.header[at('actor')] ?? 'Actor',
        message: 'expected a name',
      });
      continue;
    }
    const capability = value('capability', 0, Infinity, 'a capability of 0 or more');
    const position = value('position', -Infinity, Infinity, 'a position (a number)');
    const salience = value('salience', 0, 1, 'a salience between 0 and 1');
    let id = slug(name);
    const n = (ids.get(id) ?? 0) + 1;
    ids.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    if (capability !== undefined && position !== undefined && salience !== undefined)
      stakeholders.push({ id, name, position, salience, capability });
  }
  if (problems.length > 0) return failed(problems);
  if (stakeholders.length === 0)
    return failed([{ file, line: 2, field: '', message: 'the file lists no actors' }]);
  const id = slug(basename(file, extname(file)));
  return {
    ok: true,
    set: {
      file,
      format: 'actors-csv',
      issues: [{ id, scale: scaleFor(stakeholders.map((s) => s.position)), stakeholders, engagements: [] }],
    },
  };
}
