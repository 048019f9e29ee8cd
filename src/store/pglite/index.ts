/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in a directory, `./.multitrack` by
 * default, or in memory for tests. One process at a time may open a directory.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER, type SqlClient } from '../sql-client.js';

type Queryable = Pick<PGlite, 'query'> | Transaction;

function client(db: PGlite, q: Queryable, location: string, inTransaction: boolean): SqlClient {
  return {
    backend: 'pglite',
    location,
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(text, params as unknown[]);
      return result.rows;
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(this);
      return db.transaction((tx) => fn(client(db, tx, location, true)));
    },
    async migrate() {
      await migrate(drizzle(db), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async close() {
      if (!inTransaction) await db.close();
    },
  };
}

/** Opens (creating if needed) an embedded registry in `dir`, or in memory when `dir` is undefined. */
export async function openPglite(dir?: string): Promise<SqlClient> {
  if (dir !== undefined) await mkdir(dir, { recursive: true });
  const db = dir === undefined ? await PGlite.create() : await PGlite.create(dir);
  return client(db, db, dir ?? 'memory', false);
}
