/**
 * The registry's tables, in Drizzle's schema language: the single source from which drizzle-kit writes
 * the SQL migrations (drizzle/) that both backends, PGlite and PostgreSQL, run.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** One row per system (one conflict's multi-track system): its header fields. */
export const systems = pgTable('systems', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  header: jsonb('header').notNull(),
  version: integer('version').notNull(),
  deleted: boolean('deleted').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** The current state of every record of every system, with what access and search need. */
export const records = pgTable(
  'records',
  {
    systemId: text('system_id').notNull(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    ord: integer('ord').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    name: text('name').notNull(),
    searchText: text('search_text').notNull(),
    track: text('track'),
    owner: text('owner').notNull(),
    existence: text('existence').notNull(),
    content: text('content').notNull(),
    sharedWith: text('shared_with').array().notNull(),
    scope: text('scope').array().notNull(),
    refs: text('refs').array().notNull(),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    deleted: boolean('deleted').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    updatedBy: text('updated_by').notNull(),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('english', "search_text")`),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.id] }),
    index('records_type').on(t.systemId, t.type),
    index('records_refs').using('gin', t.refs),
    index('records_search').using('gin', t.search),
  ],
);

/** Append-only log of every change: who, when, the row before and after. */
export const history = pgTable(
  'history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    systemId: text('system_id').notNull(),
    recordId: text('record_id').notNull(),
    type: text('type').notNull(),
    op: text('op').notNull(),
    version: integer('version').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    by: text('by').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('history_record').on(t.systemId, t.recordId, t.seq), index('history_at').on(t.at)],
);

/** Every file imported into a system, by content hash: importing the same file again creates nothing. */
export const imports = pgTable(
  'imports',
  {
    systemId: text('system_id').notNull(),
    kind: text('kind').notNull(),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    summary: jsonb('summary').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    by: text('by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.kind, t.sha256] })],
);

/** Event-data interactions aggregated per actor pair and month (GDELT, PLOVER): counts add up across files. */
export const interactions = pgTable(
  'interactions',
  {
    systemId: text('system_id').notNull(),
    source: text('source').notNull(),
    target: text('target').notNull(),
    month: text('month').notNull(),
    sourceTrack: text('source_track'),
    targetTrack: text('target_track'),
    events: integer('events').notNull(),
    mentions: integer('mentions').notNull(),
    goldsteinSum: doublePrecision('goldstein_sum').notNull(),
    goldsteinCount: integer('goldstein_count').notNull(),
    toneSum: doublePrecision('tone_sum').notNull(),
    toneCount: integer('tone_count').notNull(),
    quad1: integer('quad1').notNull(),
    quad2: integer('quad2').notNull(),
    quad3: integer('quad3').notNull(),
    quad4: integer('quad4').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.source, t.target, t.month] }),
    index('interactions_month').on(t.systemId, t.month),
  ],
);
