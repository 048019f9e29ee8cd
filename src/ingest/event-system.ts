/**
 * Turns event data (GDELT aggregates, PLOVER events) into the living system: actors with their tracks
 * (CAMEO codes read by cameo-sectors), their countries as state parties, candidate engagements for the
 * diplomatic event codes (one initiative per pair of actors in contact), and interactions per actor pair
 * and month. Merges into the system as it stands, so files add up and the same file adds nothing new.
 */
import { createHash } from 'node:crypto';
import type { Interaction } from '../domain/interaction.js';
import { sectorById, type SectorId } from '../domain/sector.js';
import type { SystemInput } from '../domain/system.js';
import { type CameoSectorReading, sectorOfCameoCode, sectorOfPloverActor } from './cameo-sectors.js';
import type { GdeltAggregate, GdeltEngagement } from './gdelt.js';
import { slugify } from './kumu.js';
import type { PloverEvent } from './plover.js';

/** An interaction as the registry keeps it. */
export type EventInteraction = Interaction;

export interface EventActor {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly country?: string;
  readonly reading: CameoSectorReading;
}

export interface EventEngagement {
  readonly key: string;
  readonly date: string;
  readonly actors: readonly string[];
  readonly name: string;
  readonly description: string;
}

/** What one file contributes, before merging. */
export interface EventContribution {
  readonly actors: readonly EventActor[];
  readonly engagements: readonly EventEngagement[];
  readonly interactions: readonly Omit<EventInteraction, 'sourceTrack' | 'targetTrack'>[];
}

type Rec = Record<string, unknown>;

const MAX_ID = 120;

/** A stable id for an outside key: a readable slug, with a short hash when the slug had to be cut. */
export function eventId(prefix: string, key: string): string {
  const slug = slugify(key) || 'x';
  const id = `${prefix}-${slug}`;
  if (id.length <= MAX_ID) return id;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
  return `${id.slice(0, MAX_ID - 11)}-${hash}`;
}

const partyId = (country: string) => eventId('country', country);

function actorRecord(a: EventActor): Rec {
  const sector: SectorId = a.reading.sector ?? 'unclassified';
  const official = sectorById(sector).official;
  return {
    id: eventId('actor', a.key),
    name: a.name || a.code || a.key,
    kind: 'organisation',
    sector,
    ...(a.country ? { party: partyId(a.country) } : {}),
    // A CAMEO role code such as GOV or MIL names an office held for the country.
    ...(official ? { officialRole: `${sector} (CAMEO ${a.code})` } : {}),
    ...(a.country ? { country: a.country } : {}),
    originalType: a.code || undefined,
    description: `From event data: ${a.reading.reason}`,
  };
}

/** Merges a file's contribution into the system as it stands (or a new one). */
export function mergeEvents(
  current: SystemInput | undefined,
  contribution: EventContribution,
  meta: { readonly systemId: string; readonly name: string; readonly source: string },
): { system: SystemInput; interactions: EventInteraction[] } {
  const base = (current ?? {
    multitrack: 1,
    id: meta.systemId,
    name: meta.name,
    description: `Built from event data (${meta.source}).`,
    conflict: { id: `${meta.systemId}-conflict`, name: meta.name, parties: [], stages: [] },
  }) as unknown as Rec;
  const listOf = (name: string) => [...((base[name] as Rec[] | undefined) ?? [])];
  const parties = listOf('parties');
  const actors = listOf('actors');
  const initiatives = listOf('initiatives');
  const engagements = listOf('engagements');
  const has = (list: Rec[]) => new Set(list.map((r) => String(r.id)));
  const partyIds = has(parties);
  const actorIds = has(actors);
  const engagementIds = has(engagements);
  const initiativeById = new Map(initiatives.map((n) => [String(n.id), n]));
  const actorById = new Map(actors.map((a) => [String(a.id), a]));

  const trackOfKey = new Map<string, string | null>();
  const idOfKey = new Map<string, string>();
  const official = new Map<string, boolean>();
  for (const a of contribution.actors) {
    const record = actorRecord(a);
    const id = String(record.id);
    idOfKey.set(a.key, id);
    trackOfKey.set(a.key, a.reading.track);
    if (a.country && !partyIds.has(partyId(a.country))) {
      partyIds.add(partyId(a.country));
      parties.push({
        id: partyId(a.country),
        name: a.country,
        kind: 'state',
        description: `CAMEO country code ${a.country}`,
      });
    }
    if (!actorIds.has(id)) {
      actorIds.add(id);
      actors.push(record);
      actorById.set(id, record);
    }
    const stored = actorById.get(id);
    official.set(a.key, stored?.officialRole !== undefined);
  }

  for (const e of contribution.engagements) {
    const ids = e.actors.map((k) => idOfKey.get(k)).filter((x): x is string => x !== undefined);
    if (ids.length === 0) continue;
    const pair = [...new Set(ids)].sort();
    const initiativeId = eventId('contacts', pair.join('--'));
    const existing = initiativeById.get(initiativeId);
    if (!existing) {
      const allOfficial = e.actors.every((k) => official.get(k));
      const countries = new Set(pair.map((id) => actorById.get(id)?.party).filter(Boolean));
      const initiative: Rec = {
        id: initiativeId,
        name: `Contacts: ${pair.map((id) => String(actorById.get(id)?.name ?? id)).join(' – ')}`,
        mechanism: allOfficial ? 'official-talks' : 'informal-dialogue',
        scope: countries.size > 1 ? 'bilateral' : 'domestic',
        start: e.date,
        description:
          'Diplomatic events between these actors, as coded in event data (candidate engagements).',
      };
      initiatives.push(initiative);
      initiativeById.set(initiativeId, initiative);
    } else if (String(existing.start) > e.date) existing.start = e.date;
    const id = eventId('event', e.key);
    if (engagementIds.has(id)) continue;
    engagementIds.add(id);
    engagements.push({
      id,
      name: e.name,
      initiative: initiativeId,
      date: e.date,
      participants: [...new Set(e.actors)].flatMap((k) => {
        const actor = idOfKey.get(k);
        return actor ? [{ actor, capacity: official.get(k) ? 'official' : 'personal' }] : [];
      }),
      description: e.description,
    });
  }

  const conflict = { ...(base.conflict as Rec) };
  const conflictParties = new Set((conflict.parties as string[] | undefined) ?? []);
  for (const p of parties) conflictParties.add(String(p.id));
  conflict.parties = [...conflictParties];

  const interactions: EventInteraction[] = contribution.interactions.flatMap((i) => {
    const source = idOfKey.get(i.source);
    const target = idOfKey.get(i.target);
    if (!source || !target) return [];
    return [
      {
        ...i,
        source,
        target,
        sourceTrack: trackOfKey.get(i.source) ?? null,
        targetTrack: trackOfKey.get(i.target) ?? null,
      },
    ];
  });
  return {
    system: { ...base, conflict, parties, actors, initiatives, engagements } as unknown as SystemInput,
    interactions,
  };
}

function engagementName(e: GdeltEngagement): string {
  return e.rootDescription ? `${e.rootDescription} (CAMEO ${e.rootCode})` : `CAMEO event ${e.rootCode}`;
}

/** What a GDELT aggregate contributes: every actor, the diplomatic engagements, the interactions. */
export function gdeltContribution(aggregate: GdeltAggregate): EventContribution {
  const actors: EventActor[] = aggregate.actors.map((a) => ({
    key: a.id,
    code: a.code,
    name: a.name,
    country: a.country || undefined,
    reading: sectorOfCameoCode(a.code),
  }));
  const engagements: EventEngagement[] = aggregate.engagements.map((e) => ({
    key: String(e.eventIds[0] ?? `${e.source}-${e.target}-${e.date}-${e.rootCode}`),
    date: e.date,
    actors: [e.source, e.target].filter((x): x is string => x !== null),
    name: engagementName(e),
    description:
      `${e.events} GDELT event(s), ${e.mentions} mention(s); codes ${e.codes.map((c) => c.code).join(', ')}; ` +
      `GLOBALEVENTID ${e.eventIds.join(', ')}`,
  }));
  const interactions = aggregate.interactions.map((i) => ({
    source: i.source,
    target: i.target,
    month: i.month,
    events: i.events,
    mentions: i.mentions,
    goldsteinSum: i.goldsteinSum,
    goldsteinCount: i.events,
    toneSum: i.toneSum,
    toneCount: i.events,
    quad: [...i.quadClass] as [number, number, number, number],
  }));
  return { actors, engagements, interactions };
}

/** PLOVER event types that are diplomatic engagements (meetings, consultations, agreements). */
const DIPLOMATIC_PLOVER = new Set(['CONSULT', 'AGREE', 'COOPERATE', 'SUPPORT', 'CONCEDE', 'RETREAT']);

/**
 * PLOVER event types by CAMEO's four quad classes (0 verbal cooperation, 1 material cooperation, 2 verbal
 * conflict, 3 material conflict), following the CAMEO roots each type gathers (CAMEO2PLOVER-2021).
 */
const PLOVER_QUAD: Readonly<Record<string, 0 | 1 | 2 | 3>> = {
  AGREE: 0,
  CONSULT: 0,
  SUPPORT: 0,
  CONCEDE: 0,
  REQUEST: 0,
  COOPERATE: 1,
  AID: 1,
  RETREAT: 1,
  INVESTIGATE: 2,
  DEMAND: 2,
  DISAPPROVE: 2,
  ACCUSE: 2,
  REJECT: 2,
  THREATEN: 2,
  PROTEST: 2,
  SANCTION: 3,
  MOBILIZE: 3,
  COERCE: 3,
  ASSAULT: 3,
  FIGHT: 3,
};

/** What PLOVER events contribute: their actors, diplomatic events as engagements, interactions. */
export function ploverContribution(events: readonly PloverEvent[]): EventContribution {
  const actors = new Map<string, EventActor>();
  const keyOf = (a: PloverEvent['source'][number]) => `${a.code ?? ''}|${a.sectorCodes.join('')}|${a.text}`;
  const counts = new Map<
    string,
    { source: string; target: string; month: string; events: number; quad: [number, number, number, number] }
  >();
  const engagements: EventEngagement[] = [];
  for (const e of events) {
    for (const a of [...e.source, ...e.target]) {
      const key = keyOf(a);
      if (!actors.has(key)) {
        actors.set(key, {
          key,
          code: `${a.code ?? ''}${a.sectorCodes.join('')}`,
          name: a.text,
          country:
            a.code && /^[A-Z]{3}$/.test(a.code) && !['IGO', 'NGO', 'MNC'].includes(a.code)
              ? a.code
              : undefined,
          reading: sectorOfPloverActor({ code: a.code, sector: a.sector }),
        });
      }
    }
    if (!e.date) continue;
    const month = e.date.slice(0, 7);
    const quad = PLOVER_QUAD[e.event];
    for (const s of e.source) {
      for (const t of e.target) {
        const k = `${keyOf(s)}>${keyOf(t)}>${month}`;
        const row = counts.get(k) ?? {
          source: keyOf(s),
          target: keyOf(t),
          month,
          events: 0,
          quad: [0, 0, 0, 0],
        };
        row.events += 1;
        if (quad !== undefined) row.quad[quad] += 1;
        counts.set(k, row);
      }
    }
    if (DIPLOMATIC_PLOVER.has(e.event) && e.date.length === 10) {
      engagements.push({
        key: e.id,
        date: e.date,
        actors: [...e.source, ...e.target].map(keyOf),
        name: `${e.event}${e.mode ? ` (${e.mode})` : ''}`,
        description: e.text ?? e.eventText ?? `PLOVER record ${e.id}`,
      });
    }
  }
  const interactions = [...counts.values()].map((c) => ({
    ...c,
    mentions: 0,
    goldsteinSum: 0,
    goldsteinCount: 0,
    toneSum: 0,
    toneCount: 0,
    quad: c.quad as [number, number, number, number],
  }));
  return { actors: [...actors.values()], engagements, interactions };
}
