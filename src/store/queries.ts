/**
 * The registry's reads and writes bound to one connection or transaction: loading rows now or as of a
 * moment, locking a row, and the single write path — build the system as it will be, check it whole
 * against the schema and the domain rules, store only the rows that changed, and log each change.
 */
import { RECORD_TYPES, type RecordType } from '../domain/record.js';
import { checkSystem } from '../domain/rules/index.js';
import { SystemIndex } from '../domain/system-index.js';
import { type System, type SystemInput, SystemSchema } from '../domain/system.js';
import { ConflictError, NotFoundError, RecordRejectedError, type WriteOptions } from './port.js';
import {
  type DbRow,
  type HistoryWrite,
  ROW_COLUMNS,
  appendHistory,
  fromDb,
  fromSnapshot,
  snapshot,
  upsertRows,
} from './row-sql.js';
import { SYSTEM_LISTS, rowsOfSystem, systemHeader } from './rows.js';
import type { SqlClient } from './sql-client.js';
import { type StoredRow, assembleSystem, diffRows } from './system-rows.js';

export const LIST_OF: Record<RecordType, string> = {
  conflict: 'conflict',
  ...Object.fromEntries(SYSTEM_LISTS.map(([list, type]) => [type, list])),
} as Record<RecordType, string>;

export function linkKey(r: Record<string, unknown>): string {
  return typeof r.id === 'string' ? r.id : `${String(r.from)}--${String(r.type)}--${String(r.to)}`;
}

export function recordKey(type: RecordType, r: Record<string, unknown>): string {
  return type === 'link' ? linkKey(r) : String(r.id ?? '');
}

/** Problems of a whole system, as lines a user can act on, and the parsed system when it has none. */
export function systemProblems(input: SystemInput): { system?: System; problems: string[] } {
  const parsed = SystemSchema.safeParse(input);
  if (!parsed.success)
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const errors = checkSystem(parsed.data).filter((f) => f.severity === 'error');
  if (errors.length > 0) return { problems: errors.map((f) => `${f.path.join('.')}: ${f.message}`) };
  return { system: parsed.data, problems: [] };
}

/** A system document with one record replaced, added (data for an id not there) or removed (no data). */
export function replaceRecord(
  input: SystemInput,
  type: RecordType,
  id: string,
  data: Record<string, unknown> | undefined,
  ord?: (id: string) => number | undefined,
): SystemInput {
  const next = { ...(input as unknown as Record<string, unknown>) };
  if (type === 'conflict') {
    if (!data) throw new RecordRejectedError('the conflict of a system cannot be deleted');
    next.conflict = data;
    return next as unknown as SystemInput;
  }
  const list = LIST_OF[type];
  const items = [...((next[list] as Record<string, unknown>[] | undefined) ?? [])];
  const at = items.findIndex((r) => recordKey(type, r) === id);
  if (data === undefined) items.splice(at, 1);
  else if (at >= 0) items[at] = data;
  else {
    // A new or restored record goes where its order puts it (at the end when it has none).
    const mine = ord?.(id);
    const before = mine === undefined ? -1 : items.findIndex((r) => (ord?.(recordKey(type, r)) ?? -1) > mine);
    items.splice(before < 0 ? items.length : before, 0, data);
  }
  next[list] = items;
  return next as unknown as SystemInput;
}

export function queries(q: SqlClient) {
  async function systemHead(systemId: string): Promise<Record<string, unknown> | undefined> {
    const rows = await q.query<{ header: Record<string, unknown> }>(
      'SELECT header FROM systems WHERE id = $1 AND NOT deleted',
      [systemId],
    );
    return rows[0]?.header;
  }

  async function rowsNow(systemId: string): Promise<StoredRow[]> {
    const rows = await q.query<DbRow>(`SELECT ${ROW_COLUMNS} FROM records WHERE system_id = $1`, [systemId]);
    return rows
      .map(fromDb)
      .sort((a, b) => RECORD_TYPES.indexOf(a.type) - RECORD_TYPES.indexOf(b.type) || a.ord - b.ord);
  }

  /** Rows as the registry held them at `asOf` (from the history); records deleted by then are marked deleted. */
  async function rowsAsOf(systemId: string, asOf: string): Promise<StoredRow[]> {
    const rows = await q.query<{
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(
      `SELECT DISTINCT ON (record_id) before, after FROM history
       WHERE system_id = $1 AND at <= $2::timestamptz ORDER BY record_id, seq DESC`,
      [systemId, asOf],
    );
    return rows
      .flatMap((r) => {
        const state = r.after ?? (r.before ? { ...r.before, deleted: true } : null);
        return state ? [fromSnapshot(systemId, state)] : [];
      })
      .sort((a, b) => RECORD_TYPES.indexOf(a.type) - RECORD_TYPES.indexOf(b.type) || a.ord - b.ord);
  }

  async function systemExisted(systemId: string, asOf: string): Promise<boolean> {
    const rows = await q.query(
      'SELECT 1 FROM history WHERE system_id = $1 AND at <= $2::timestamptz LIMIT 1',
      [systemId, asOf],
    );
    return rows.length > 0;
  }

  async function lockedRow(systemId: string, id: string): Promise<StoredRow | undefined> {
    const rows = await q.query<DbRow>(
      `SELECT ${ROW_COLUMNS} FROM records WHERE system_id = $1 AND id = $2 FOR UPDATE`,
      [systemId, id],
    );
    return rows[0] ? fromDb(rows[0]) : undefined;
  }

  async function systemInput(systemId: string): Promise<{ input: SystemInput; rows: StoredRow[] }> {
    const head = await systemHead(systemId);
    if (!head) throw new NotFoundError(`no system "${systemId}" in the registry`);
    const rows = await rowsNow(systemId);
    return { input: assembleSystem(head, rows), rows };
  }

  /** The one write path. `oldRows` is the stored state the change starts from ([] for a new system). */
  async function writeSystem(
    systemId: string,
    next: SystemInput,
    oldRows: readonly StoredRow[],
    options: WriteOptions,
  ) {
    const { system, problems } = systemProblems(next);
    if (!system) {
      throw new RecordRejectedError(
        `the change would leave system "${systemId}" invalid; nothing was changed`,
        problems,
      );
    }
    const newRows = rowsOfSystem(system, new SystemIndex(system));
    const changes = diffRows(oldRows, newRows);
    const writes = [];
    const history: HistoryWrite[] = [];
    for (const c of changes) {
      if (c.kind === 'delete') {
        const version = c.old.version + 1;
        writes.push({ row: c.old, version, deleted: true });
        history.push({
          recordId: c.old.id,
          type: c.old.type,
          op: 'delete',
          version,
          before: snapshot(c.old, c.old.version, false),
          after: null,
        });
      } else if (c.kind === 'derived') {
        writes.push({ row: c.row, version: c.old.version, deleted: false });
      } else {
        const version = c.kind === 'insert' ? 1 : c.old.version + 1;
        writes.push({ row: c.row, version, deleted: false });
        history.push({
          recordId: c.row.id,
          type: c.row.type,
          op: c.kind === 'insert' ? 'create' : c.kind === 'revive' ? 'restore' : 'update',
          version,
          before: c.kind === 'insert' ? null : snapshot(c.old, c.old.version, c.old.deleted),
          after: snapshot(c.row, version, false),
        });
      }
    }
    await upsertRows(q, systemId, writes, options.by);
    await appendHistory(q, systemId, history, options.by);
    await q.query(
      `INSERT INTO systems (id, name, header, version, deleted, updated_at, updated_by)
       VALUES ($1, $2, $3::jsonb, 1, false, now(), $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, header = EXCLUDED.header, version = systems.version + 1,
         deleted = false, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [systemId, system.name, JSON.stringify(systemHeader(system)), options.by],
    );
    return { system, changes, newRows };
  }

  return { systemHead, rowsNow, rowsAsOf, systemExisted, lockedRow, systemInput, writeSystem };
}

export function checkVersion(row: StoredRow, baseVersion: number, action: string): void {
  if (row.version !== baseVersion) {
    throw new ConflictError(
      `cannot ${action} "${row.id}": it is at version ${row.version}, and your change was based on version ${baseVersion}. ` +
        `Someone changed it since you read it: read it again (multitrack history ${row.id}) and redo your change. Nothing was changed.`,
    );
  }
}
