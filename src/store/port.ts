/**
 * The registry port: the only interface the rest of Multitrack uses to keep and read the living system
 * of a conflict. Written in domain words; nothing outside src/store/ sees SQL. Every read takes a viewer,
 * and what a viewer may see is decided in one place (access.ts).
 */
import type { Interaction } from '../domain/interaction.js';
import type { RecordType } from '../domain/record.js';
import type { System, SystemInput } from '../domain/system.js';

/** Who is reading: an administrator sees everything; an organisation sees what its levels allow. */
export type Viewer =
  | { readonly kind: 'admin' }
  | {
      readonly kind: 'organisation';
      readonly org: string;
      /** Initiatives the organisation takes part in, as "systemId/initiativeId". */
      readonly initiatives: ReadonlySet<string>;
    };

export const ADMIN: Viewer = Object.freeze({ kind: 'admin' });

export function organisation(org: string, initiatives: Iterable<string> = []): Viewer {
  return Object.freeze({ kind: 'organisation', org, initiatives: new Set(initiatives) });
}

/** What every stored record shows, even redacted: which record it is, its track and its dates. */
export interface RecordHeader {
  readonly systemId: string;
  readonly id: string;
  readonly type: RecordType;
  readonly version: number;
  readonly track: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly deleted: boolean;
}

/** A record as the viewer may see it: whole, or redacted to its header. */
export type StoredRecord =
  | (RecordHeader & { readonly redacted: false; readonly data: Record<string, unknown> })
  | (RecordHeader & { readonly redacted: true });

export interface SystemSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly records: number;
  readonly updatedAt: string;
}

export interface HistoryEntry {
  readonly seq: number;
  readonly systemId: string;
  readonly id: string;
  readonly type: RecordType;
  readonly op: 'create' | 'update' | 'delete' | 'restore';
  readonly version: number;
  readonly at: string;
  readonly by: string;
  /** The record before and after the change; null where absent; `{redacted: true}` where not readable. */
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** When to read: now, as the registry stood at a moment (transaction time), as the world stood on a date. */
export interface ReadTime {
  /** ISO timestamp: the registry as it was then. */
  readonly asOf?: string;
  /** YYYY-MM-DD: only records whose own dates include that day. */
  readonly on?: string;
}

export interface ListQuery extends ReadTime {
  readonly type?: RecordType;
  readonly track?: string;
  readonly includeDeleted?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export interface ImportReport {
  readonly systems: readonly {
    readonly id: string;
    readonly created: number;
    readonly updated: number;
    readonly deleted: number;
  }[];
  readonly records: number;
}

export interface WriteOptions {
  /** Who makes the change, for the history. */
  readonly by: string;
  /**
   * Whose access the change is checked against; default the administrator. A record whose existence
   * the viewer may not see is "no record" to them; one whose content they may not read cannot be
   * changed, deleted or restored by them; records they may not see are never named in a refusal.
   */
  readonly viewer?: Viewer;
}

export interface UpdateOptions extends WriteOptions {
  /** The version the change was based on: a stale one fails with ConflictError and changes nothing. */
  readonly baseVersion: number;
}

export interface Neighbourhood {
  readonly record: StoredRecord;
  readonly links: readonly StoredRecord[];
  readonly neighbours: readonly StoredRecord[];
}

export interface SearchHit {
  readonly record: StoredRecord;
  readonly rank: number;
}

/** A file of outside data about to be imported into a system. */
export interface ImportSource {
  readonly kind: string;
  readonly name: string;
  /** Content hash: the same file imported again changes nothing. */
  readonly sha256: string;
  readonly summary: Record<string, unknown>;
}

export interface SourceImportResult {
  readonly alreadyImported: boolean;
  readonly created: Record<string, number>;
  readonly updated: number;
  readonly interactions: number;
}

export type { Interaction };

export interface Registry {
  readonly backend: 'pglite' | 'postgres';
  readonly location: string;

  /** The viewer for an organisation: the initiatives it takes part in, as the registry's data say. */
  viewerFor(org: string): Promise<Viewer>;
  systems(viewer: Viewer): Promise<SystemSummary[]>;
  /** Imports whole systems, all or nothing. `replace` updates systems that exist, keeping history. */
  importSystems(
    systems: readonly System[],
    options: WriteOptions & { readonly replace?: boolean },
  ): Promise<ImportReport>;
  /**
   * Imports a file of outside data into a system, all or nothing: `build` gets the system as it stands (or
   * undefined when it is new) and returns it with the file's records merged, plus the file's interactions.
   * A file already imported into that system (same content hash) changes nothing.
   */
  importSource(
    systemId: string,
    source: ImportSource,
    build: (current: SystemInput | undefined) => {
      system: SystemInput;
      interactions: readonly Interaction[];
    },
    options: WriteOptions,
  ): Promise<SourceImportResult>;
  /** The interactions of a system whose two actors the viewer may see, oldest month first. */
  interactions(
    viewer: Viewer,
    systemId: string,
    range?: { readonly from?: string; readonly to?: string },
  ): Promise<Interaction[]>;
  /** The system as the viewer may see it, as a system file document (lossless for an administrator). */
  exportSystem(viewer: Viewer, systemId: string, time?: ReadTime): Promise<SystemInput>;

  get(viewer: Viewer, systemId: string, id: string, time?: ReadTime): Promise<StoredRecord | undefined>;
  list(viewer: Viewer, systemId: string, query?: ListQuery): Promise<StoredRecord[]>;
  count(viewer: Viewer, systemId: string, query?: ListQuery): Promise<number>;
  search(
    viewer: Viewer,
    text: string,
    options?: { readonly systemId?: string; readonly limit?: number },
  ): Promise<SearchHit[]>;
  neighbourhood(viewer: Viewer, systemId: string, id: string): Promise<Neighbourhood | undefined>;
  history(
    viewer: Viewer,
    filter?: { readonly systemId?: string; readonly id?: string },
  ): Promise<HistoryEntry[]>;

  create(systemId: string, type: RecordType, data: unknown, options: WriteOptions): Promise<StoredRecord>;
  update(systemId: string, id: string, data: unknown, options: UpdateOptions): Promise<StoredRecord>;
  delete(systemId: string, id: string, options: UpdateOptions): Promise<void>;
  restore(systemId: string, id: string, options: WriteOptions): Promise<StoredRecord>;

  /** Runs `fn` in one transaction on this registry. */
  transaction<T>(fn: (registry: Registry) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A write based on a stale version. Nothing was changed. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A request about something that is not there, or not visible. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A write whose content breaks the schema or the system's references. Nothing was changed. */
export class RecordRejectedError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RecordRejectedError';
  }
}

/** A request the registry cannot answer as given, such as a moment or date that does not exist. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}
