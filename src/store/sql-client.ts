/**
 * The slice of a SQL connection the registry uses, declared in our words so that PGlite and PostgreSQL
 * (node-postgres) plug in behind it and the registry code is the same for both.
 */
export interface SqlClient {
  /** Runs one statement with $1, $2… parameters and returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `fn` in one transaction: all of it commits, or none of it. Nested calls join the outer one. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Applies the schema migrations (drizzle/) if they are not applied yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** "pglite" or "postgres", for messages and benchmarks. */
  readonly backend: 'pglite' | 'postgres';
  /** Where the data lives, for messages (never includes a password). */
  readonly location: string;
}

export const MIGRATIONS_FOLDER = new URL('../../drizzle', import.meta.url).pathname;
