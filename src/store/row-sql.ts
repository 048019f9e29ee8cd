/**
 * Reading and writing record rows and history entries in SQL: the column lists, the conversion between
 * database rows and StoredRow, and bulk writes as one JSON document per batch (jsonb_to_recordset),
 * which both PGlite and PostgreSQL run fast.
 */
import type { RecordType } from '../domain/record.js';
import type { SqlClient } from './sql-client.js';
import type { RowState } from './rows.js';
import type { StoredRow } from './system-rows.js';

export const ROW_COLUMNS = `system_id, id, type, ord, version, data, name, search_text, track, owner, existence, content,
  shared_with, scope, refs, valid_from, valid_to, deleted`;

export interface DbRow {
  system_id: string;
  id: string;
  type: string;
  ord: number;
  version: number;
  data: Record<string, unknown>;
  name: string;
  search_text: string;
  track: string | null;
  owner: string;
  existence: string;
  content: string;
  shared_with: string[];
  scope: string[];
  refs: string[];
  valid_from: string | null;
  valid_to: string | null;
  deleted: boolean;
}

export function fromDb(r: DbRow): StoredRow {
  return {
    systemId: r.system_id,
    id: r.id,
    type: r.type as RecordType,
    ord: Number(r.ord),
    version: Number(r.version),
    data: r.data,
    name: r.name,
    searchText: r.search_text,
    track: r.track,
    owner: r.owner,
    existence: r.existence,
    content: r.content,
    sharedWith: r.shared_with,
    scope: r.scope,
    refs: r.refs,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    deleted: r.deleted,
  };
}

/** The snapshot kept in history: the row state with its version and deletion mark. */
export function snapshot(row: RowState, version: number, deleted: boolean): Record<string, unknown> {
  return { ...row, version, deleted };
}

export function fromSnapshot(systemId: string, s: Record<string, unknown>): StoredRow {
  return { ...(s as unknown as RowState), systemId, version: Number(s.version), deleted: Boolean(s.deleted) };
}

const BATCH = 5000;

function toDb(systemId: string, row: RowState, version: number, deleted: boolean, by: string) {
  return {
    system_id: systemId,
    id: row.id,
    type: row.type,
    ord: row.ord,
    version,
    data: row.data,
    name: row.name,
    search_text: row.searchText,
    track: row.track,
    owner: row.owner,
    existence: row.existence,
    content: row.content,
    shared_with: row.sharedWith,
    scope: row.scope,
    refs: row.refs,
    valid_from: row.validFrom,
    valid_to: row.validTo,
    deleted,
    updated_by: by,
  };
}

export interface RowWrite {
  readonly row: RowState;
  readonly version: number;
  readonly deleted: boolean;
}

/** Inserts or replaces rows (by system and id), in batches. */
export async function upsertRows(
  sql: SqlClient,
  systemId: string,
  writes: readonly RowWrite[],
  by: string,
): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = writes.slice(i, i + BATCH).map((w) => toDb(systemId, w.row, w.version, w.deleted, by));
    await sql.query(
      `INSERT INTO records (${ROW_COLUMNS}, updated_at, updated_by)
       SELECT system_id, id, type, ord, version, data, name, search_text, track, owner, existence, content,
              shared_with, scope, refs, valid_from, valid_to, deleted, now(), updated_by
       FROM jsonb_to_recordset($1::jsonb) AS x(system_id text, id text, type text, ord integer, version integer,
            data jsonb, name text, search_text text, track text, owner text, existence text, content text,
            shared_with text[], scope text[], refs text[], valid_from text, valid_to text, deleted boolean, updated_by text)
       ON CONFLICT (system_id, id) DO UPDATE SET type = EXCLUDED.type, ord = EXCLUDED.ord, version = EXCLUDED.version,
            data = EXCLUDED.data, name = EXCLUDED.name, search_text = EXCLUDED.search_text, track = EXCLUDED.track,
            owner = EXCLUDED.owner, existence = EXCLUDED.existence, content = EXCLUDED.content,
            shared_with = EXCLUDED.shared_with, scope = EXCLUDED.scope, refs = EXCLUDED.refs,
            valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, deleted = EXCLUDED.deleted,
            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [JSON.stringify(batch)],
    );
  }
}

export interface HistoryWrite {
  readonly recordId: string;
  readonly type: RecordType;
  readonly op: 'create' | 'update' | 'delete' | 'restore';
  readonly version: number;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** Appends history entries, in batches, all stamped with the transaction's time. */
export async function appendHistory(
  sql: SqlClient,
  systemId: string,
  entries: readonly HistoryWrite[],
  by: string,
): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH).map((e) => ({
      system_id: systemId,
      record_id: e.recordId,
      type: e.type,
      op: e.op,
      version: e.version,
      by,
      before: e.before,
      after: e.after,
    }));
    await sql.query(
      `INSERT INTO history (system_id, record_id, type, op, version, at, by, before, after)
       SELECT system_id, record_id, type, op, version, now(), by, before, after
       FROM jsonb_to_recordset($1::jsonb) AS x(system_id text, record_id text, type text, op text, version integer,
            by text, before jsonb, after jsonb)`,
      [JSON.stringify(batch)],
    );
  }
}
