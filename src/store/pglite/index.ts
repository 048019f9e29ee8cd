/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in a directory, `./.multitrack` by
 * default, or in memory for tests. One process at a time may open a directory: PGlite is a single-user
 * PostgreSQL, and two processes writing one directory corrupt it, so opening takes the directory's lock
 * file (`multitrack.lock`, holding the owner's PID) and closing, or the process ending, gives it back.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER, type SqlClient } from '../sql-client.js';

type Queryable = Pick<PGlite, 'query'> | Transaction;

export const LOCK_FILE = 'multitrack.lock';

/** Another live process holds the directory's lock; the message names it and what to do. */
export class RegistryInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryInUseError';
  }
}

/** Whether a process with this PID is running (a PID we may not signal belongs to a live process). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the directory's lock, or says which process holds it. A lock left by a process that is gone
 * (killed, crashed) is stale and taken over. Returns the function that gives the lock back.
 */
function lockDirectory(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        // removed between our open and our read: try again
      }
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && running(holder))
        throw new RegistryInUseError(
          `the registry ${dir} is in use by process ${holder}; one process at a time can open an embedded registry ` +
            `(wait for that one to finish, or use PostgreSQL for a team; if process ${holder} is not ` +
            `Multitrack, remove ${path})`,
        );
      if (attempt >= 3) throw new Error(`cannot take its lock ${path}`);
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first: the next attempt reads its PID
      }
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}

function client(
  db: PGlite,
  q: Queryable,
  location: string,
  inTransaction: boolean,
  release: () => void = () => {},
): SqlClient {
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
      if (inTransaction) return;
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/** Opens (creating if needed) an embedded registry in `dir`, or in memory when `dir` is undefined. */
export async function openPglite(dir?: string): Promise<SqlClient> {
  if (dir === undefined) {
    const db = await PGlite.create();
    return client(db, db, 'memory', false);
  }
  await mkdir(dir, { recursive: true });
  const release = lockDirectory(dir);
  try {
    const db = await PGlite.create(dir);
    return client(db, db, dir, false, release);
  } catch (error) {
    release();
    throw error;
  }
}
