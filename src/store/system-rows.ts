/**
 * Between a whole system and its stored rows: assembling a system file document from rows (in file
 * order), and the changes that turn one set of rows into another (what to insert, update, delete).
 */
import { stringify } from 'safe-stable-stringify';
import type { RecordType } from '../domain/record.js';
import type { SystemInput } from '../domain/system.js';
import { type RowState, SYSTEM_LISTS } from './rows.js';

/** A row as stored: its state, plus version and whether it is deleted. */
export interface StoredRow extends RowState {
  readonly systemId: string;
  readonly version: number;
  readonly deleted: boolean;
}

const canonical = (value: unknown) => stringify(value) ?? '';

/** Builds the system file document from a header and rows (deleted rows are left out). */
export function assembleSystem(header: Record<string, unknown>, rows: readonly StoredRow[]): SystemInput {
  const live = rows.filter((r) => !r.deleted);
  const of = (type: RecordType) =>
    live
      .filter((r) => r.type === type)
      .sort((a, b) => a.ord - b.ord)
      .map((r) => r.data);
  const conflict = of('conflict')[0];
  const doc: Record<string, unknown> = { ...header, conflict };
  for (const [list, type] of SYSTEM_LISTS) doc[list] = of(type);
  return doc as unknown as SystemInput;
}

export type RowChange =
  | { readonly kind: 'insert'; readonly row: RowState }
  | { readonly kind: 'revive'; readonly row: RowState; readonly old: StoredRow }
  | { readonly kind: 'update'; readonly row: RowState; readonly old: StoredRow }
  | { readonly kind: 'derived'; readonly row: RowState; readonly old: StoredRow }
  | { readonly kind: 'delete'; readonly old: StoredRow };

const DERIVED: readonly (keyof RowState)[] = [
  'ord',
  'name',
  'searchText',
  'track',
  'owner',
  'existence',
  'content',
  'sharedWith',
  'scope',
  'refs',
  'validFrom',
  'validTo',
];

/** What must change in storage to go from `old` rows to `next` rows. */
export function diffRows(old: readonly StoredRow[], next: readonly RowState[]): RowChange[] {
  const before = new Map(old.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const changes: RowChange[] = [];
  for (const row of next) {
    seen.add(row.id);
    const prior = before.get(row.id);
    if (!prior) changes.push({ kind: 'insert', row });
    else if (prior.deleted) changes.push({ kind: 'revive', row, old: prior });
    else if (prior.type !== row.type || canonical(prior.data) !== canonical(row.data)) {
      changes.push({ kind: 'update', row, old: prior });
    } else if (DERIVED.some((k) => canonical(prior[k]) !== canonical(row[k]))) {
      changes.push({ kind: 'derived', row, old: prior });
    }
  }
  for (const prior of old)
    if (!prior.deleted && !seen.has(prior.id)) changes.push({ kind: 'delete', old: prior });
  return changes;
}
