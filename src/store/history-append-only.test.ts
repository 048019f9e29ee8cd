// The history is append-only in the database itself: UPDATE, DELETE and TRUNCATE on it are refused on
// both backends, whoever connects, and the rows stay as written.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../../test/support/backends.js';
import type { System } from '../domain/system.js';
import { readSystemFile } from '../ingest/system-file.js';
import { openPglite } from './pglite/index.js';
import { openPostgres } from './postgres/index.js';
import { createRegistry } from './registry.js';
import type { SqlClient } from './sql-client.js';

async function refusesChanges(sql: SqlClient) {
  await sql.migrate();
  const registry = createRegistry(sql);
  const oslo = (await readSystemFile('cases/oslo-1993.yaml')).system as System;
  await registry.importSystems([oslo], { by: 'test' });
  const count = async () => (await sql.query<{ n: string }>('SELECT count(*) AS n FROM history'))[0]?.n;
  const before = await count();
  expect(Number(before)).toBeGreaterThan(0);
  for (const statement of [
    'DELETE FROM history',
    "UPDATE history SET by = 'someone else'",
    'TRUNCATE history',
  ])
    await expect(sql.query(statement), statement).rejects.toThrow(/the history is append-only/);
  expect(await count()).toBe(before);
  expect((await sql.query<{ by: string }>('SELECT DISTINCT by FROM history')).map((r) => r.by)).toEqual([
    'test',
  ]);
}

describe('the history table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on PGlite', async () => {
    const sql = await openPglite();
    try {
      await refusesChanges(sql);
    } finally {
      await sql.close();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on PostgreSQL', async () => {
    const schema = `mt_test_${randomBytes(6).toString('hex')}`;
    const sql = await openPostgres(`${POSTGRES_URL}?schema=${schema}`);
    try {
      await refusesChanges(sql);
    } finally {
      await sql.close();
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
