/**
 * The registry: the port implemented once over a SqlClient, so PGlite and PostgreSQL behave the same.
 * Writes go through the single write path of queries.ts; every read goes through the access layer.
 */
import { ActorSchema } from '../domain/actor.js';
import { ConflictSchema } from '../domain/conflict.js';
import { earliest, partialDateProblem } from '../domain/date.js';
import { EngagementSchema } from '../domain/engagement.js';
import { InitiativeSchema } from '../domain/initiative.js';
import { LinkSchema } from '../domain/link.js';
import { OutcomeSchema } from '../domain/outcome.js';
import { PartySchema } from '../domain/party.js';
import { SourceSchema } from '../domain/source.js';
import type { RecordType } from '../domain/record.js';
import { type AccessHeader, Visibility, levelAllows, present, requiredRefs, scrub } from './access.js';
import {
  ADMIN,
  BadRequestError,
  type HistoryEntry,
  type Interaction,
  NotFoundError,
  type ReadTime,
  RecordRejectedError,
  type Registry,
  type SearchHit,
  type StoredRecord,
  type SystemSummary,
  type Viewer,
  organisation,
} from './port.js';
import { checkVersion, queries, recordKey, replaceRecord } from './queries.js';
import { type DbRow, ROW_COLUMNS, fromDb, fromSnapshot } from './row-sql.js';
import type { SqlClient } from './sql-client.js';
import { type StoredRow, assembleSystem } from './system-rows.js';

const header = (row: StoredRow): AccessHeader => row;

const RECORD_SCHEMAS = {
  conflict: ConflictSchema,
  party: PartySchema,
  actor: ActorSchema,
  initiative: InitiativeSchema,
  engagement: EngagementSchema,
  outcome: OutcomeSchema,
  link: LinkSchema,
  source: SourceSchema,
} as const satisfies Record<RecordType, { safeParse(v: unknown): { success: boolean } }>;

interface InteractionRow {
  source: string;
  target: string;
  month: string;
  source_track: string | null;
  target_track: string | null;
  events: number;
  mentions: number;
  goldstein_sum: number;
  goldstein_count: number;
  tone_sum: number;
  tone_count: number;
  quad1: number;
  quad2: number;
  quad3: number;
  quad4: number;
}

function fromInteractionRow(r: InteractionRow): Interaction {
  return {
    source: r.source,
    target: r.target,
    month: r.month,
    sourceTrack: r.source_track,
    targetTrack: r.target_track,
    events: Number(r.events),
    mentions: Number(r.mentions),
    goldsteinSum: Number(r.goldstein_sum),
    goldsteinCount: Number(r.goldstein_count),
    toneSum: Number(r.tone_sum),
    toneCount: Number(r.tone_count),
    quad: [Number(r.quad1), Number(r.quad2), Number(r.quad3), Number(r.quad4)],
  };
}

/** Adds interactions to what a system holds: counts and sums of the same pair and month add up. */
async function addInteractions(
  sql: SqlClient,
  systemId: string,
  rows: readonly Interaction[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000).map((r) => ({
      system_id: systemId,
      source: r.source,
      target: r.target,
      month: r.month,
      source_track: r.sourceTrack,
      target_track: r.targetTrack,
      events: r.events,
      mentions: r.mentions,
      goldstein_sum: r.goldsteinSum,
      goldstein_count: r.goldsteinCount,
      tone_sum: r.toneSum,
      tone_count: r.toneCount,
      quad1: r.quad[0],
      quad2: r.quad[1],
      quad3: r.quad[2],
      quad4: r.quad[3],
    }));
    await sql.query(
      `INSERT INTO interactions AS i
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(system_id text, source text, target text, month text,
         source_track text, target_track text, events integer, mentions integer, goldstein_sum double precision,
         goldstein_count integer, tone_sum double precision, tone_count integer, quad1 integer, quad2 integer,
         quad3 integer, quad4 integer)
       ON CONFLICT (system_id, source, target, month) DO UPDATE SET
         events = i.events + EXCLUDED.events, mentions = i.mentions + EXCLUDED.mentions,
         goldstein_sum = i.goldstein_sum + EXCLUDED.goldstein_sum, goldstein_count = i.goldstein_count + EXCLUDED.goldstein_count,
         tone_sum = i.tone_sum + EXCLUDED.tone_sum, tone_count = i.tone_count + EXCLUDED.tone_count,
         quad1 = i.quad1 + EXCLUDED.quad1, quad2 = i.quad2 + EXCLUDED.quad2,
         quad3 = i.quad3 + EXCLUDED.quad3, quad4 = i.quad4 + EXCLUDED.quad4`,
      [JSON.stringify(batch)],
    );
  }
}

interface ReadSet {
  readonly rows: readonly StoredRow[];
  readonly visibility: Visibility;
}

/**
 * Refuses a change the viewer may not make: a record they may not see is "no record" to them (the same
 * words as a missing one, so a refusal tells nothing), one they may see but not read cannot be changed.
 */
async function checkWritable(
  registry: Registry,
  viewer: Viewer | undefined,
  systemId: string,
  id: string,
  verb: 'change' | 'delete',
): Promise<void> {
  if (viewer === undefined || viewer.kind === 'admin') return;
  const seen = await registry.get(viewer, systemId, id);
  if (seen === undefined) throw new NotFoundError(`no record "${id}" in system "${systemId}"`);
  if (seen.redacted)
    throw new RecordRejectedError(`you may not read "${id}", so you cannot ${verb} it. Nothing was changed.`);
}

const MOMENT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Refuses a moment (asOf) or a date (on) that does not exist before any SQL sees it, so a bad one is the
 * caller's mistake in words, never a database error.
 */
function checkReadTime(time: ReadTime): void {
  if (time.on !== undefined) {
    const problem = partialDateProblem(time.on);
    if (problem !== undefined) throw new BadRequestError(`the date ${JSON.stringify(time.on)}: ${problem}`);
  }
  if (time.asOf !== undefined) {
    const text = time.asOf.trim();
    const m = MOMENT.exec(text);
    const [h, min, sec] = [m?.[2], m?.[3], m?.[4]].map((x) => Number(x ?? 0)) as [number, number, number];
    if (
      !m ||
      partialDateProblem(m[1] as string) !== undefined ||
      h > 23 ||
      min > 59 ||
      sec > 59 ||
      Number.isNaN(Date.parse(text.replace(' ', 'T')))
    )
      throw new BadRequestError(
        `the moment ${JSON.stringify(time.asOf)} does not exist; expected an ISO 8601 moment such as 2026-11-22 or 2026-11-22T10:00:00Z`,
      );
  }
}

/** Refuses a limit or offset that is not a whole number of at least `min`. */
function checkCount(what: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= min))
    throw new BadRequestError(`the ${what} ${value} is not a whole number of at least ${min}`);
}

/** A database refusal of a date or time value, as the caller's mistake (SQLSTATE class 22: data exception). */
function dateError(error: unknown): BadRequestError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '22007' || code === '22008' || code === '22009')
    return new BadRequestError(`the registry refused a date or time: ${(error as Error).message}`);
  return undefined;
}

export function createRegistry(sql: SqlClient): Registry {
  const read = queries(sql);

  /**
   * The rows a read works on and the visibility that governs them. As of a past moment, a record must be
   * visible both then and now: making a record secret hides its past too.
   */
  async function readSet(viewer: Viewer, systemId: string, time: ReadTime = {}): Promise<ReadSet> {
    checkReadTime(time);
    const asOf = time.asOf;
    const past = async <T>(fn: (at: string) => Promise<T>): Promise<T> => {
      try {
        return await fn(asOf as string);
      } catch (error) {
        throw dateError(error) ?? error;
      }
    };
    const exists = asOf
      ? await past((at) => read.systemExisted(systemId, at))
      : (await read.systemHead(systemId)) !== undefined;
    if (!exists)
      throw new NotFoundError(
        `no system "${systemId}" in the registry${time.asOf ? ` as of ${time.asOf}` : ''}`,
      );
    const now = await read.rowsNow(systemId);
    const rows = asOf ? await past((at) => read.rowsAsOf(systemId, at)) : now;
    let visibility = Visibility.of(viewer, now.filter((r) => !r.deleted).map(header));
    if (time.asOf && viewer.kind !== 'admin') {
      const then = Visibility.of(viewer, rows.filter((r) => !r.deleted).map(header));
      visibility = Visibility.both(
        visibility,
        then,
        rows.map((r) => r.id),
      );
    }
    const on = time.on ? earliest(time.on) : undefined;
    const current =
      on === undefined ? rows : rows.filter((r) => (r.validFrom ?? on) <= on && (r.validTo ?? on) >= on);
    return { rows: current, visibility };
  }

  const registry: Registry = {
    backend: sql.backend,
    location: sql.location,

    async viewerFor(org) {
      const rows = await sql.query<{ scope: string[] }>(
        `SELECT scope FROM records WHERE type = 'actor' AND id = $1 AND NOT deleted`,
        [org],
      );
      return organisation(
        org,
        rows.flatMap((r) => r.scope),
      );
    },

    async systems(viewer) {
      const rows = await sql.query<{ id: string; name: string; version: number; updated_at: string }>(
        `SELECT id, name, version, to_json(updated_at)#>>'{}' AS updated_at FROM systems WHERE NOT deleted ORDER BY id`,
      );
      const out: SystemSummary[] = [];
      for (const r of rows) {
        const { rows: recs, visibility } = await readSet(viewer, r.id);
        const live = recs.filter((x) => !x.deleted && visibility.exists(x.id));
        if (!live.some((x) => x.type === 'conflict')) continue; // a system whose conflict is hidden is hidden
        out.push({
          id: r.id,
          name: r.name,
          version: Number(r.version),
          records: live.length,
          updatedAt: r.updated_at,
        });
      }
      return out;
    },

    async importSystems(systems, options) {
      return sql.transaction(async (tx) => {
        const q = queries(tx);
        const report = [];
        let records = 0;
        const held = new Set<string>();
        for (const system of systems) if ((await q.systemHead(system.id)) !== undefined) held.add(system.id);
        if (held.size > 0 && !options.replace) {
          // every system that is in the way, not only the first
          const problems = [...held].map((id) => `system "${id}" is already in the registry`);
          throw new RecordRejectedError(
            held.size === 1
              ? `${problems[0]}; use --replace to update it (its history is kept)`
              : `${held.size} of the systems are already in the registry; use --replace to update them (their history is kept)`,
            held.size === 1 ? [] : problems,
          );
        }
        for (const system of systems) {
          const exists = held.has(system.id);
          const old = exists ? await q.rowsNow(system.id) : [];
          const { changes, newRows } = await q.writeSystem(system.id, system as never, old, options);
          records += newRows.length;
          report.push({
            id: system.id,
            created: changes.filter((c) => c.kind === 'insert' || c.kind === 'revive').length,
            updated: changes.filter((c) => c.kind === 'update').length,
            deleted: changes.filter((c) => c.kind === 'delete').length,
          });
        }
        // After a bulk load, refresh the planner's statistics so reads use the indexes at once.
        if (records >= 10_000) await tx.query('ANALYZE records');
        return { systems: report, records };
      });
    },

    async importSource(systemId, source, build, options) {
      return sql.transaction(async (tx) => {
        const seen = await tx.query(
          'SELECT 1 FROM imports WHERE system_id = $1 AND kind = $2 AND sha256 = $3',
          [systemId, source.kind, source.sha256],
        );
        if (seen.length > 0) return { alreadyImported: true, created: {}, updated: 0, interactions: 0 };
        const q = queries(tx);
        const exists = (await q.systemHead(systemId)) !== undefined;
        const current = exists ? await q.systemInput(systemId) : undefined;
        const { system, interactions } = build(current?.input);
        const { changes } = await q.writeSystem(systemId, system, current?.rows ?? [], options);
        const created: Record<string, number> = {};
        for (const c of changes)
          if (c.kind === 'insert') created[c.row.type] = (created[c.row.type] ?? 0) + 1;
        await addInteractions(tx, systemId, interactions);
        await tx.query(
          `INSERT INTO imports (system_id, kind, sha256, name, summary, at, by) VALUES ($1, $2, $3, $4, $5::jsonb, now(), $6)`,
          [systemId, source.kind, source.sha256, source.name, JSON.stringify(source.summary), options.by],
        );
        return {
          alreadyImported: false,
          created,
          updated: changes.filter((c) => c.kind === 'update').length,
          interactions: interactions.length,
        };
      });
    },

    async interactions(viewer, systemId, range = {}) {
      const { rows: records, visibility } = await readSet(viewer, systemId);
      // Both actors must exist now and be visible to the viewer.
      const shown = new Set(records.filter((r) => !r.deleted && visibility.exists(r.id)).map((r) => r.id));
      const rows = await sql.query<InteractionRow>(
        `SELECT source, target, month, source_track, target_track, events, mentions, goldstein_sum, goldstein_count,
                tone_sum, tone_count, quad1, quad2, quad3, quad4
         FROM interactions WHERE system_id = $1 AND ($2::text IS NULL OR month >= $2) AND ($3::text IS NULL OR month <= $3)
         ORDER BY month, source, target`,
        [systemId, range.from ?? null, range.to ?? null],
      );
      return rows.filter((r) => shown.has(r.source) && shown.has(r.target)).map(fromInteractionRow);
    },

    async exportSystem(viewer, systemId, time = {}) {
      const { rows, visibility } = await readSet(viewer, systemId, time);
      const live = rows.filter((r) => !r.deleted);
      const head = await read.systemHead(systemId);
      if (!head) throw new NotFoundError(`no system "${systemId}" in the registry`);
      if (viewer.kind === 'admin') return assembleSystem(head, live);
      // Keep what the viewer may read; then, until nothing changes, drop what names a record it must name
      // that was dropped, and what scrubbing left invalid (an engagement with no visible participant).
      let kept = live.filter((r) => visibility.readable(r.id));
      for (;;) {
        const ids = new Set(kept.map((r) => r.id));
        const next = kept
          .filter((r) => requiredRefs(r.type, r.data).every((id) => ids.has(id)))
          .map((r) => ({ ...r, data: scrub(r.type, r.data, (id) => ids.has(id)) }))
          .filter((r) => RECORD_SCHEMAS[r.type].safeParse(r.data).success);
        const stable = next.length === kept.length;
        kept = next;
        if (stable) break;
      }
      if (!kept.some((r) => r.type === 'conflict'))
        throw new NotFoundError(`no system "${systemId}" that this viewer may read`);
      return assembleSystem(head, kept);
    },

    async get(viewer, systemId, id, time = {}) {
      if (time.asOf === undefined && time.on === undefined) {
        // Indexed path: the record by its key, and the records it names (whose visibility decides
        // whether a link shows, whether its content is readable and what is scrubbed from it).
        if (!(await read.systemHead(systemId)))
          throw new NotFoundError(`no system "${systemId}" in the registry`);
        const [found] = await sql.query<DbRow>(
          `SELECT ${ROW_COLUMNS} FROM records WHERE system_id = $1 AND id = $2 AND NOT deleted`,
          [systemId, id],
        );
        if (!found) return undefined;
        const row = fromDb(found);
        const named =
          viewer.kind === 'admin' || row.refs.length === 0
            ? []
            : await sql.query<DbRow>(
                `SELECT ${ROW_COLUMNS} FROM records WHERE system_id = $1 AND id = ANY($2::text[]) AND NOT deleted`,
                [systemId, row.refs],
              );
        const visibility = Visibility.of(viewer, [row, ...named.map(fromDb)].map(header));
        return visibility.exists(row.id) ? present(row, visibility) : undefined;
      }
      const { rows, visibility } = await readSet(viewer, systemId, time);
      const row = rows.find((r) => r.id === id && !r.deleted);
      return row && visibility.exists(row.id) ? present(row, visibility) : undefined;
    },

    async list(viewer, systemId, query = {}) {
      checkCount('limit', query.limit, 0);
      checkCount('offset', query.offset, 0);
      const { rows, visibility } = await readSet(viewer, systemId, query);
      const matching = rows.filter(
        (r) =>
          (query.includeDeleted || !r.deleted) &&
          (!query.type || r.type === query.type) &&
          (!query.track || r.track === query.track) &&
          visibility.exists(r.id),
      );
      const offset = query.offset ?? 0;
      const page =
        query.limit === undefined ? matching.slice(offset) : matching.slice(offset, offset + query.limit);
      return page.map((r) => present(r, visibility));
    },

    async count(viewer, systemId, query = {}) {
      return (await registry.list(viewer, systemId, { ...query, limit: undefined, offset: undefined }))
        .length;
    },

    async search(viewer, text, options = {}) {
      checkCount('limit', options.limit, 1);
      const params: unknown[] = [text];
      if (options.systemId) params.push(options.systemId);
      const rows = await sql.query<{ system_id: string; id: string; rank: number }>(
        `SELECT system_id, id, ts_rank(search, q) AS rank
         FROM records, websearch_to_tsquery('english', $1) q
         WHERE search @@ q AND NOT deleted ${options.systemId ? 'AND system_id = $2' : ''}
         ORDER BY rank DESC, system_id, id`,
        params,
      );
      const hits: SearchHit[] = [];
      const sets = new Map<string, ReadSet>();
      for (const r of rows) {
        let set = sets.get(r.system_id);
        if (!set) {
          set = await readSet(viewer, r.system_id);
          sets.set(r.system_id, set);
        }
        const row = set.rows.find((x) => x.id === r.id);
        // A record whose content is hidden must not be found by the words of its content.
        if (!row || !set.visibility.readable(row.id)) continue;
        hits.push({ record: present(row, set.visibility), rank: Number(r.rank) });
        if (options.limit !== undefined && hits.length >= options.limit) break;
      }
      return hits;
    },

    async neighbourhood(viewer, systemId, id) {
      let rows: StoredRow[];
      let visibility: Visibility;
      if (viewer.kind === 'admin') {
        // Indexed path: the record, the links that name it (GIN on refs), and their other ends.
        if (!(await read.systemHead(systemId)))
          throw new NotFoundError(`no system "${systemId}" in the registry`);
        const links = (
          await sql.query<DbRow>(
            `SELECT ${ROW_COLUMNS} FROM records WHERE system_id = $1 AND refs @> ARRAY[$2]::text[] AND type = 'link' AND NOT deleted`,
            [systemId, id],
          )
        ).map(fromDb);
        const ids = [id, ...new Set(links.flatMap((l) => l.refs.slice(0, 2)))];
        const ends = await sql.query<DbRow>(
          `SELECT ${ROW_COLUMNS} FROM records WHERE system_id = $1 AND id = ANY($2::text[]) AND NOT deleted`,
          [systemId, ids],
        );
        rows = [...ends.map(fromDb), ...links];
        visibility = Visibility.of(viewer, []);
      } else {
        ({ rows, visibility } = (await readSet(viewer, systemId)) as {
          rows: StoredRow[];
          visibility: Visibility;
        });
      }
      const self =
        rows.find((r) => r.id === id && r.type !== 'link' && !r.deleted) ??
        rows.find((r) => r.id === id && !r.deleted);
      if (!self || !visibility.exists(id)) return undefined;
      const links = rows
        .filter(
          (r) =>
            r.type === 'link' &&
            !r.deleted &&
            r.id !== id &&
            r.refs.slice(0, 2).includes(id) &&
            visibility.exists(r.id),
        )
        .sort((a, b) => a.ord - b.ord);
      const others = new Set(links.flatMap((l) => l.refs.slice(0, 2)).filter((x) => x !== id));
      return {
        record: present(self, visibility),
        links: links.map((l) => present(l, visibility)),
        neighbours: rows
          .filter((r) => others.has(r.id) && r.type !== 'link' && !r.deleted)
          .map((r) => present(r, visibility)),
      };
    },

    async history(viewer, filter = {}) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.systemId) where.push(`system_id = $${params.push(filter.systemId)}`);
      if (filter.id) where.push(`record_id = $${params.push(filter.id)}`);
      const rows = await sql.query<{
        seq: number;
        system_id: string;
        record_id: string;
        type: string;
        op: HistoryEntry['op'];
        version: number;
        at: string;
        by: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }>(
        `SELECT seq, system_id, record_id, type, op, version, to_json(at)#>>'{}' AS at, by, before, after FROM history
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
        params,
      );
      // Per system: the current rows (deleted ones keep their levels) and who may see what now.
      const systems = new Map<string, { rows: Map<string, StoredRow>; now: Visibility }>();
      const context = async (systemId: string) => {
        let c = systems.get(systemId);
        if (!c) {
          const current = await read.rowsNow(systemId);
          c = {
            rows: new Map(current.map((r) => [r.id, r])),
            now: Visibility.of(viewer, current.filter((r) => !r.deleted).map(header)),
          };
          systems.set(systemId, c);
        }
        return c;
      };
      const out: HistoryEntry[] = [];
      for (const r of rows) {
        const { rows: current, now } = await context(r.system_id);
        const states = [r.before, r.after, current.get(r.record_id) ?? null]
          .filter((s): s is StoredRow | Record<string, unknown> => s !== null)
          .map((s) => ('systemId' in s ? (s as StoredRow) : fromSnapshot(r.system_id, s)));
        // Visible only if every state of the record involved lets the viewer see it exist, and (for a link)
        // both its ends are visible now; readable only if every state lets the viewer read it.
        const visible =
          viewer.kind === 'admin' ||
          (states.every((s) => levelAllows(s.existence, s, viewer)) &&
            (r.type !== 'link' || states.every((s) => s.refs.slice(0, 2).every((end) => now.exists(end)))));
        if (!visible) continue;
        const readable =
          viewer.kind === 'admin' ||
          states.every(
            (s) =>
              levelAllows(s.content, s, viewer) && requiredRefs(s.type, s.data).every((x) => now.exists(x)),
          );
        const show = (s: Record<string, unknown> | null) => {
          if (s === null) return null;
          if (!readable) return { redacted: true };
          const row = fromSnapshot(r.system_id, s);
          return viewer.kind === 'admin' ? row.data : scrub(row.type, row.data, (x) => now.exists(x));
        };
        out.push({
          seq: Number(r.seq),
          systemId: r.system_id,
          id: r.record_id,
          type: r.type as RecordType,
          op: r.op,
          version: Number(r.version),
          at: r.at,
          by: r.by,
          before: show(r.before),
          after: show(r.after),
        });
      }
      return out;
    },

    async create(systemId, type, data, options) {
      return sql.transaction(async (tx) => {
        const q = queries(tx);
        const record = data as Record<string, unknown>;
        const id = recordKey(type, record);
        const clash = await q.lockedRow(systemId, id);
        if (clash && !clash.deleted)
          throw new RecordRejectedError(`"${id}" already exists in system "${systemId}"`);
        const { input, rows } = await q.systemInput(systemId);
        await q.writeSystem(systemId, replaceRecord(input, type, id, record), rows, options);
        return (await createRegistry(tx).get({ kind: 'admin' }, systemId, id)) as StoredRecord;
      });
    },

    async update(systemId, id, data, options) {
      return sql.transaction(async (tx) => {
        const q = queries(tx);
        const row = await q.lockedRow(systemId, id);
        if (!row || row.deleted) throw new NotFoundError(`no record "${id}" in system "${systemId}"`);
        await checkWritable(createRegistry(tx), options.viewer, systemId, id, 'change');
        checkVersion(row, options.baseVersion, 'update');
        const record = data as Record<string, unknown>;
        const newId = recordKey(row.type, record);
        if (newId !== id)
          throw new RecordRejectedError(`an update cannot change the id ("${id}" → "${newId}")`);
        const { input, rows } = await q.systemInput(systemId);
        await q.writeSystem(systemId, replaceRecord(input, row.type, id, record), rows, options);
        return (await createRegistry(tx).get({ kind: 'admin' }, systemId, id)) as StoredRecord;
      });
    },

    async delete(systemId, id, options) {
      await sql.transaction(async (tx) => {
        const q = queries(tx);
        const row = await q.lockedRow(systemId, id);
        if (!row || row.deleted) throw new NotFoundError(`no record "${id}" in system "${systemId}"`);
        const viewer = options.viewer ?? ADMIN;
        await checkWritable(createRegistry(tx), viewer, systemId, id, 'delete');
        checkVersion(row, options.baseVersion, 'delete');
        const referrers = (
          await tx.query<{ id: string }>(
            'SELECT id FROM records WHERE system_id = $1 AND refs @> ARRAY[$2]::text[] AND NOT deleted AND id <> $2 ORDER BY id',
            [systemId, id],
          )
        ).map((r) => r.id);
        if (referrers.length > 0) {
          // name only the referrers the viewer may see; the others are counted, never named
          const visible =
            viewer.kind === 'admin'
              ? new Set(referrers)
              : new Set(
                  (await createRegistry(tx).list(viewer, systemId))
                    .map((r) => r.id)
                    .filter((r) => referrers.includes(r)),
                );
          const named = referrers.filter((r) => visible.has(r));
          const others = referrers.length - named.length;
          const plural = (n: number) => `${n} ${named.length > 0 ? 'other ' : ''}record${n === 1 ? '' : 's'}`;
          const listed = [...named.slice(0, 10), ...(named.length > 10 ? ['…'] : [])].join(', ');
          const hidden = others === 0 ? '' : `${plural(others)} you may not see`;
          const shown = listed && hidden ? `${listed}, and ${hidden}` : listed || hidden;
          throw new RecordRejectedError(
            `cannot delete "${id}": ${referrers.length} record(s) refer to it (${shown}); change or delete them first. Nothing was changed.`,
          );
        }
        const { input, rows } = await q.systemInput(systemId);
        await q.writeSystem(systemId, replaceRecord(input, row.type, id, undefined), rows, options);
      });
    },

    async restore(systemId, id, options) {
      return sql.transaction(async (tx) => {
        const q = queries(tx);
        const row = await q.lockedRow(systemId, id);
        if (!row) throw new NotFoundError(`no record "${id}" was ever in system "${systemId}"`);
        const viewer = options.viewer ?? ADMIN;
        if (viewer.kind !== 'admin') {
          // a deleted record is in no listing: its history, as the viewer may see it, decides
          const seen = await createRegistry(tx).history(viewer, { systemId, id });
          if (seen.length === 0)
            throw new NotFoundError(`no record "${id}" was ever in system "${systemId}"`);
          const last = seen[seen.length - 1] as HistoryEntry;
          const state = last.after ?? last.before;
          if (state !== null && (state as { redacted?: unknown }).redacted === true)
            throw new RecordRejectedError(
              `you may not read "${id}", so you cannot restore it. Nothing was changed.`,
            );
        }
        if (!row.deleted)
          throw new RecordRejectedError(`"${id}" is not deleted; there is nothing to restore`);
        const { input, rows } = await q.systemInput(systemId);
        const ords = new Map(rows.filter((r) => r.type === row.type).map((r) => [r.id, r.ord]));
        await q.writeSystem(
          systemId,
          replaceRecord(input, row.type, id, row.data, (x) => ords.get(x)),
          rows,
          options,
        );
        return (await createRegistry(tx).get({ kind: 'admin' }, systemId, id)) as StoredRecord;
      });
    },

    async transaction(fn) {
      return sql.transaction((tx) => fn(createRegistry(tx)));
    },

    async close() {
      await sql.close();
    },
  };
  return registry;
}
