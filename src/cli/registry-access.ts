/**
 * How commands reach the registry: where it is (--db, MULTITRACK_DB, ./.multitrack), who is reading
 * (--as ORG, or the local administrator), how a record is named on the command line (SYSTEM/ID, or ID
 * with --system, or an ID unique across systems), and how store errors become user messages.
 */
import { openRegistry, registryLocation, RegistryUnavailableError } from '../store/open.js';
import {
  ADMIN,
  BadRequestError,
  ConflictError,
  NotFoundError,
  RecordRejectedError,
  type Registry,
  type Viewer,
} from '../store/port.js';
import { UsageError, UserError } from './errors.js';

export interface GlobalOptions {
  readonly db?: string;
  readonly as?: string;
  readonly json?: boolean;
}

export function globals(command: { optsWithGlobals(): unknown }): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Opens the registry, runs `fn`, closes it; store errors become user errors with their message. */
export async function withRegistry<T>(
  options: GlobalOptions,
  fn: (registry: Registry, viewer: Viewer) => Promise<T>,
): Promise<T> {
  let registry: Registry;
  try {
    registry = await openRegistry(registryLocation(options.db));
  } catch (error) {
    if (error instanceof RegistryUnavailableError) throw new UserError(error.message);
    throw error;
  }
  try {
    const viewer = options.as ? await registry.viewerFor(options.as) : ADMIN;
    return await fn(registry, viewer);
  } catch (error) {
    if (error instanceof RecordRejectedError) {
      throw new UserError([error.message, ...error.problems.map((p) => `  ${p}`)].join('\n'));
    }
    if (error instanceof ConflictError || error instanceof NotFoundError || error instanceof BadRequestError)
      throw new UserError(error.message);
    throw error;
  } finally {
    await registry.close();
  }
}

export interface RecordRef {
  readonly systemId: string;
  readonly id: string;
}

/**
 * Resolves SYSTEM/ID, or ID with --system, or an ID that only one system has (or, for a deleted record,
 * had).
 */
export async function resolveRef(
  registry: Registry,
  viewer: Viewer,
  ref: string,
  system?: string,
): Promise<RecordRef> {
  const slash = ref.indexOf('/');
  if (slash > 0) return { systemId: ref.slice(0, slash), id: ref.slice(slash + 1) };
  if (system) return { systemId: system, id: ref };
  const holders: string[] = [];
  for (const s of await registry.systems(viewer)) {
    if (await registry.get(viewer, s.id, ref)) holders.push(s.id);
  }
  if (holders.length === 0) {
    // a deleted record is in no listing: its history (as the viewer may see it) says where it was
    const was = new Set((await registry.history(viewer, { id: ref })).map((e) => e.systemId));
    holders.push(...[...was].sort());
  }
  if (holders.length === 1) return { systemId: holders[0] as string, id: ref };
  if (holders.length === 0) throw new UserError(`no record "${ref}" in any system of the registry`);
  throw new UsageError(
    `"${ref}" is in several systems (${holders.join(', ')}); write SYSTEM/${ref} or use --system`,
  );
}
