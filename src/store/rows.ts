/**
 * How a record of a system becomes a stored row: its data as validated, plus what the registry derives to
 * serve reads without re-reading the system — track, confidentiality levels, the initiatives whose
 * participants may see it, the ids it refers to, the text to search, and the record's own dates.
 */
import { actorHomeTrack } from '../domain/actor.js';
import { earliest, latest } from '../domain/date.js';
import { linkId } from '../domain/link.js';
import type { RecordType } from '../domain/record.js';
import type { SystemIndex } from '../domain/system-index.js';
import type { System } from '../domain/system.js';

/** A row's state: what the records table holds and what the history snapshots keep. */
export interface RowState {
  readonly type: RecordType;
  readonly id: string;
  readonly ord: number;
  readonly data: Record<string, unknown>;
  readonly name: string;
  readonly searchText: string;
  readonly track: string | null;
  readonly owner: string;
  readonly existence: string;
  readonly content: string;
  readonly sharedWith: readonly string[];
  readonly scope: readonly string[];
  readonly refs: readonly string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** The lists of a system file, in file order, with the record type each holds. */
export const SYSTEM_LISTS = [
  ['parties', 'party'],
  ['actors', 'actor'],
  ['initiatives', 'initiative'],
  ['engagements', 'engagement'],
  ['outcomes', 'outcome'],
  ['links', 'link'],
  ['sources', 'source'],
] as const satisfies readonly (readonly [keyof System, RecordType])[];

type Conf = { owner?: string; existence: string; content: string; sharedWith: string[] };

const compact = (values: readonly (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => !!v)),
];

/** Derives every row of a system. */
export function rowsOfSystem(system: System, index: SystemIndex): RowState[] {
  const key = (initiative: string) => `${system.id}/${initiative}`;
  const issueNames = new Map(system.conflict.issues.map((i) => [i.id, `${i.name} ${i.description ?? ''}`]));

  // Initiatives each actor takes part in (as convener, funder, participant, or by a link to it).
  const actorScope = new Map<string, Set<string>>();
  const addScope = (actor: string, initiative: string | undefined) => {
    if (initiative === undefined) return;
    const set = actorScope.get(actor) ?? new Set<string>();
    set.add(key(initiative));
    actorScope.set(actor, set);
  };
  for (const n of system.initiatives) for (const a of [...n.conveners, ...n.funders]) addScope(a, n.id);
  for (const e of system.engagements) for (const p of e.participants) addScope(p.actor, e.initiative);
  for (const l of system.links) {
    if (index.typeOf(l.from) === 'actor') addScope(l.from, index.owningInitiative(l.to));
    if (index.typeOf(l.to) === 'actor') addScope(l.to, index.owningInitiative(l.from));
  }

  const rows: RowState[] = [];
  const push = (
    type: RecordType,
    id: string,
    ord: number,
    data: Record<string, unknown>,
    extra: {
      name: string;
      text: string[];
      track?: string;
      scope?: string[];
      refs: (string | undefined)[];
      from?: string;
      to?: string;
    },
  ) => {
    const conf = (data.confidentiality as Conf | undefined) ?? {
      existence: 'public',
      content: 'public',
      sharedWith: [],
    };
    rows.push({
      type,
      id,
      ord,
      data,
      name: extra.name,
      searchText: [extra.name, ...extra.text].filter(Boolean).join(' '),
      track: extra.track ?? null,
      owner: conf.owner ?? system.owner,
      existence: conf.existence,
      content: conf.content,
      sharedWith: conf.sharedWith,
      scope: extra.scope ?? [],
      refs: compact(extra.refs),
      validFrom: extra.from === undefined ? null : earliest(extra.from),
      validTo: extra.to === undefined ? null : latest(extra.to),
    });
  };
  const record = (r: object) => r as Record<string, unknown>;
  const c = system.conflict;
  push('conflict', c.id, 0, record(c), {
    name: c.name,
    text: [c.description ?? '', ...c.issues.map((i) => `${i.name} ${i.description ?? ''}`)],
    refs: [...c.parties, ...c.regimes.map((r) => r.party), ...c.elections.map((e) => e.party), ...c.sources],
    from: c.stages[0]?.from,
  });
  system.parties.forEach((p, i) =>
    push('party', p.id, i, record(p), { name: p.name, text: [p.description ?? ''], refs: p.sources }),
  );
  system.actors.forEach((a, i) =>
    push('actor', a.id, i, record(a), {
      name: a.name,
      text: [a.description ?? '', a.officialRole ?? ''],
      track: actorHomeTrack(a),
      scope: [...(actorScope.get(a.id) ?? [])],
      refs: [a.party, ...a.sources],
    }),
  );
  system.initiatives.forEach((n, i) =>
    push('initiative', n.id, i, record(n), {
      name: n.name,
      text: [n.description ?? '', ...n.issues.map((x) => issueNames.get(x) ?? '')],
      track: index.initiativeTrack(n).effective,
      scope: [key(n.id)],
      refs: [...n.conveners, ...n.funders, ...n.parties, ...n.sources],
      from: n.start,
      to: n.end,
    }),
  );
  system.engagements.forEach((e, i) =>
    push('engagement', e.id, i, record(e), {
      name: e.name,
      text: [e.description ?? ''],
      track: index.engagementTrack(e)?.track,
      scope: [key(e.initiative)],
      refs: [e.initiative, ...e.participants.map((p) => p.actor), ...e.sources],
      from: e.date,
      to: e.end ?? e.date,
    }),
  );
  system.outcomes.forEach((o, i) => {
    const producer = index.initiative(o.initiative);
    push('outcome', o.id, i, record(o), {
      name: o.name,
      text: [o.description ?? ''],
      track: producer ? index.initiativeTrack(producer).effective : undefined,
      scope: compact([key(o.initiative), o.adoptedBy && key(o.adoptedBy)]),
      refs: [o.initiative, o.adoptedBy, ...o.sources],
      from: o.date,
    });
  });
  system.links.forEach((l, i) => {
    const ends = compact([index.owningInitiative(l.from), index.owningInitiative(l.to)]).map(key);
    push('link', linkId(l), i, record(l), {
      name: l.name ?? `${l.from} ${l.type} ${l.to}`,
      text: [l.description ?? '', l.label ?? ''],
      scope: ends,
      refs: [l.from, l.to, ...l.sources],
      from: l.date,
      to: l.until,
    });
  });
  system.sources.forEach((s, i) =>
    push('source', s.id, i, record(s), {
      name: s.title,
      text: [s.author ?? '', s.publisher ?? '', s.note ?? ''],
      refs: [],
    }),
  );
  return rows;
}

/** The system header fields kept in the systems table. */
export function systemHeader(system: System): Record<string, unknown> {
  const { multitrack, id, name, description, convention, owner } = system;
  return { multitrack, id, name, description, convention, owner };
}
