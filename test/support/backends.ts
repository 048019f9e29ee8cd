// The registry backends every store test runs against: embedded PGlite (in memory) and the local
// PostgreSQL server, each test file in a fresh schema of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite } from '../../src/store/pglite/index.js';
import { openPostgres } from '../../src/store/postgres/index.js';
import type { Registry } from '../../src/store/port.js';
import { createRegistry } from '../../src/store/registry.js';

export const POSTGRES_URL = process.env.MULTITRACK_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<{ registry: Registry; dispose(): Promise<void> }>;
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'pglite',
    async open() {
      const sql = await openPglite();
      await sql.migrate();
      const registry = createRegistry(sql);
      return { registry, dispose: () => registry.close() };
    },
  },
  {
    name: 'postgres',
    async open() {
      const schema = `mt_test_${randomBytes(6).toString('hex')}`;
      const sql = await openPostgres(`${POSTGRES_URL}?schema=${schema}`);
      await sql.migrate();
      const registry = createRegistry(sql);
      return {
        registry,
        async dispose() {
          await registry.close();
          const admin = new pg.Client({ connectionString: POSTGRES_URL });
          await admin.connect();
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        },
      };
    },
  },
];
