/**
 * The team backend: a PostgreSQL server reached through a postgres:// URL. A `schema` query parameter
 * (postgres://…/db?schema=name) keeps the registry in its own schema, which tests use for isolation.
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER, type SqlClient } from '../sql-client.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

function client(
  pool: pg.Pool,
  q: Queryable,
  location: string,
  schema: string | undefined,
  tx: boolean,
): SqlClient {
  return {
    backend: 'postgres',
    location,
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query(text, params as unknown[]);
      return result.rows as Row[];
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (tx) return fn(this);
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(client(pool, conn, location, schema, true));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    async migrate() {
      if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await migrate(drizzle(pool), {
        migrationsFolder: MIGRATIONS_FOLDER,
        migrationsSchema: schema ?? 'drizzle',
      });
    },
    async close() {
      if (!tx) await pool.end();
    },
  };
}

export async function openPostgres(url: string): Promise<SqlClient> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !IDENTIFIER.test(schema)) {
    throw new Error(`schema "${schema}" is not a plain lower-case SQL identifier`);
  }
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 4 });
  if (schema) pool.on('connect', (conn) => void conn.query(`SET search_path TO "${schema}"`));
  // Fail early, with the server's reason, if the database cannot be reached.
  const probe = await pool.connect();
  probe.release();
  return client(pool, pool, redactUrl(url), schema, false);
}
