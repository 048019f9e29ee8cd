/**
 * Who may see what — decided here and nowhere else. Every read path (get, list, count, search,
 * neighbourhood, history, as-of, export) asks this module.
 *
 * - A record's *existence* is visible when its existence level allows the viewer: public → anyone;
 *   shared → the owner and the organisations it is shared with; participants → the owner and the
 *   organisations taking part in an initiative the record belongs to; secret → the owner. A link is
 *   visible only when both its ends are, so a link never reveals a hidden record.
 * - A record's *content* is readable when its content level allows the viewer and every record it must
 *   name (an engagement's initiative, an outcome's initiative) is visible. Otherwise the record appears
 *   redacted: id, type, track and dates only.
 * - Readable content is scrubbed of references to records the viewer may not see.
 * Administrators see everything.
 */
import type { Level } from '../domain/confidentiality.js';
import type { RecordType } from '../domain/record.js';
import type { RecordHeader, StoredRecord, Viewer } from './port.js';

export interface AccessHeader {
  readonly systemId: string;
  readonly id: string;
  readonly type: RecordType;
  readonly owner: string;
  readonly existence: string;
  readonly content: string;
  readonly sharedWith: readonly string[];
  readonly scope: readonly string[];
  readonly refs: readonly string[];
  readonly data?: Record<string, unknown>;
}

/** Whether `level` lets `viewer` through for a record with this owner, sharing and scope. */
export function levelAllows(level: string, h: AccessHeader, viewer: Viewer): boolean {
  if (viewer.kind === 'admin') return true;
  if (h.owner === viewer.org) return true;
  switch (level as Level) {
    case 'public':
      return true;
    case 'shared':
      return h.sharedWith.includes(viewer.org);
    case 'participants':
      return h.scope.some((s) => viewer.initiatives.has(s));
    case 'secret':
      return false;
    default:
      return false; // an unknown level is treated as the strictest
  }
}

/** The ids a record must be able to name for its content to be readable. */
export function requiredRefs(type: RecordType, data: Record<string, unknown>): string[] {
  if (type === 'engagement' || type === 'outcome') return [String(data.initiative)];
  if (type === 'link') return [String(data.from), String(data.to)];
  return [];
}

/** Visibility of every record of one system for one viewer. */
export class Visibility {
  private constructor(
    readonly viewer: Viewer,
    private readonly visible: ReadonlySet<string>,
    private readonly readableIds: ReadonlySet<string>,
  ) {}

  /**
   * Decides, for each record of a system, whether the viewer may see it exist and read it. A record and
   * the records it names (its refs) are enough to decide that record: only a link depends on others.
   */
  static of(viewer: Viewer, headers: readonly AccessHeader[]): Visibility {
    const visible = new Set<string>();
    const readable = new Set<string>();
    if (viewer.kind === 'admin') return new Visibility(viewer, visible, readable);
    for (const h of headers) {
      if (h.type !== 'link' && levelAllows(h.existence, h, viewer)) visible.add(h.id);
    }
    for (const h of headers) {
      const ends = h.refs.slice(0, 2);
      if (h.type === 'link' && levelAllows(h.existence, h, viewer) && ends.every((r) => visible.has(r))) {
        visible.add(h.id);
      }
    }
    for (const h of headers) {
      if (!visible.has(h.id) || !levelAllows(h.content, h, viewer)) continue;
      const required = h.data ? requiredRefs(h.type, h.data) : [];
      if (required.every((r) => visible.has(r))) readable.add(h.id);
    }
    return new Visibility(viewer, visible, readable);
  }

  /** What both visibilities allow: used for reads as of a past moment (visible then and now). */
  static both(a: Visibility, b: Visibility, ids: Iterable<string>): Visibility {
    const visible = new Set<string>();
    const readable = new Set<string>();
    for (const id of ids) {
      if (a.exists(id) && b.exists(id)) visible.add(id);
      if (a.readable(id) && b.readable(id)) readable.add(id);
    }
    return new Visibility(a.viewer, visible, readable);
  }

  exists(id: string): boolean {
    return this.viewer.kind === 'admin' || this.visible.has(id);
  }

  readable(id: string): boolean {
    return this.viewer.kind === 'admin' || this.readableIds.has(id);
  }
}

type Data = Record<string, unknown>;
const ids = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);

/** The record's data without references to records `keep` rejects. */
export function scrub(type: RecordType, data: Data, keep: (id: string) => boolean): Data {
  const out: Data = { ...data };
  if (Array.isArray(out.sources)) out.sources = ids(out.sources).filter(keep);
  switch (type) {
    case 'conflict':
      out.parties = ids(out.parties).filter(keep);
      out.regimes = (out.regimes as { party: string }[]).filter((r) => keep(r.party));
      out.elections = (out.elections as { party: string }[]).filter((e) => keep(e.party));
      break;
    case 'actor':
      if (typeof out.party === 'string' && !keep(out.party)) delete out.party;
      break;
    case 'initiative':
      out.conveners = ids(out.conveners).filter(keep);
      out.funders = ids(out.funders).filter(keep);
      out.parties = ids(out.parties).filter(keep);
      break;
    case 'engagement':
      out.participants = (out.participants as { actor: string }[]).filter((p) => keep(p.actor));
      break;
    case 'outcome':
      if (typeof out.adoptedBy === 'string' && !keep(out.adoptedBy)) delete out.adoptedBy;
      break;
    default:
      break;
  }
  return out;
}

export interface RowView extends RecordHeader {
  readonly data: Data;
}

/** The record as `visibility` lets its viewer see it: scrubbed content, or redacted. */
export function present(row: RowView, visibility: Visibility): StoredRecord {
  const { systemId, id, type, version, track, validFrom, validTo, deleted } = row;
  const base: RecordHeader = { systemId, id, type, version, track, validFrom, validTo, deleted };
  if (!visibility.readable(row.id)) return { ...base, redacted: true };
  const data =
    visibility.viewer.kind === 'admin' ? row.data : scrub(row.type, row.data, (id) => visibility.exists(id));
  return { ...base, redacted: false, data };
}
