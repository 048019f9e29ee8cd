/**
 * Opening a registry from where the user says it is: `--db DIR`, `--db postgres://…`, the MULTITRACK_DB
 * environment variable, or `./.multitrack` (embedded PGlite) in the working directory.
 */
import { resolve } from 'node:path';
import { RegistryInUseError, openPglite } from './pglite/index.js';
import type { Registry } from './port.js';
import { createRegistry } from './registry.js';
import { openPostgres, redactUrl } from './postgres/index.js';
import type { SqlClient } from './sql-client.js';

export const DEFAULT_DB_DIR = '.multitrack';

/** Where the registry is: the explicit location, else MULTITRACK_DB, else ./.multitrack. */
export function registryLocation(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.MULTITRACK_DB ?? DEFAULT_DB_DIR;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Why the registry could not be opened, in words a user can act on. */
export class RegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
}

export async function openSql(location: string): Promise<SqlClient> {
  try {
    return isPostgresUrl(location) ? await openPostgres(location) : await openPglite(resolve(location));
  } catch (error) {
    if (error instanceof RegistryInUseError) throw new RegistryUnavailableError(error.message);
    const reason = error instanceof Error ? error.message : String(error);
    const where = isPostgresUrl(location) ? redactUrl(location) : resolve(location);
    throw new RegistryUnavailableError(`cannot open the registry at ${where}: ${reason}`);
  }
}

/** Opens the registry at `location` (see registryLocation), creating its tables if needed. */
export async function openRegistry(location: string): Promise<Registry> {
  const sql = await openSql(location);
  try {
    await sql.migrate();
  } catch (error) {
    await sql.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegistryUnavailableError(`cannot prepare the registry at ${sql.location}: ${reason}`);
  }
  return createRegistry(sql);
}
