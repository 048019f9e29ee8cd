/**
 * PLOVER event records (Open Event Data Alliance, JSON) read into events: source and target actors
 * (their text, code and sector codes), the event type, mode and context, the date and the rest of what a
 * record gives, plus problems for malformed records, each with the record's index (0-based, in file
 * order, DOCUMENT records included), its id and the field (`target`, `source[1].sector`, …).
 *
 * Formats. A JSON array of records, as the gold-standard file PLOVER_GSR_CAMEO.json (read whole: such
 * files are small), or JSON Lines, one record a line (streamed line by line, with the line in problems).
 * DOCUMENT records, which document the file, are counted and skipped.
 *
 * Leniency. A record without an event type yields no event; any other bad field is reported and left out
 * while the event is kept: a target of `""` or null means none, but a target that is text ("diplomatic")
 * is a problem, and so is an id that an earlier record has. Sector codes are split into CAMEO's three-letter codes: upper-case ones are sectors and
 * religions (`GOVMOS` → GOV, MOS), a lower-case one an ethnic group (`REBalb` → REB and group `alb`);
 * `***` is PLOVER's "unspecified" and gives none. An event type outside PLOVER's (the 2021 manual's
 * sixteen and the older DEMAND, DISAPPROVE, FIGHT and INVESTIGATE of the gold standard) is reported but kept.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { TrackId } from '../domain/track.js';
import type { CameoActor, TrackOf } from './gdelt.js';

export const PLOVER_EVENT_TYPES = [
  'ACCUSE',
  'AGREE',
  'AID',
  'ASSAULT',
  'COERCE',
  'CONCEDE',
  'CONSULT',
  'COOPERATE',
  'DEMAND',
  'DISAPPROVE',
  'FIGHT',
  'INVESTIGATE',
  'MOBILIZE',
  'PROTEST',
  'REJECT',
  'REQUEST',
  'RETREAT',
  'SANCTION',
  'SUPPORT',
  'THREATEN',
] as const;

export interface PloverActor {
  readonly text: string;
  /** Country code, or a CAMEO code for an organisation (IGO, NGO, …). */
  readonly code?: string;
  /** The sector text as given (`GOV`, `REBalb`, `***`). */
  readonly sector?: string;
  /** Upper-case three-letter codes of the sector text, in order. */
  readonly sectorCodes: readonly string[];
  /** A lower-case (ethnic) group code of the sector text. */
  readonly group?: string;
  /** The actor's track, when a `trackOf` was given. */
  readonly track?: TrackId | null;
}

export interface PloverEvent {
  /** The record's index in the file (0-based, DOCUMENT records included). */
  readonly index: number;
  /** For JSON Lines, the line of the record. */
  readonly line?: number;
  readonly id: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY, when given. */
  readonly date?: string;
  readonly source: readonly PloverActor[];
  readonly target: readonly PloverActor[];
  readonly event: string;
  readonly mode?: string;
  /** The record's context, split at commas ("diplomatic, military" → two). */
  readonly context: readonly string[];
  readonly eventText?: string;
  readonly text?: string;
  readonly language?: string;
  readonly location?: { readonly name?: string; readonly countryCode?: string };
  readonly size?: string;
  readonly dead?: number;
  readonly injured?: number;
}

export interface PloverProblem {
  readonly index: number;
  readonly line?: number;
  readonly id?: string;
  /** The field, as a path into the record; empty for the record (or the file) as a whole. */
  readonly field: string;
  readonly message: string;
}

export interface PloverRead {
  readonly events: readonly PloverEvent[];
  readonly problems: readonly PloverProblem[];
  /** Records in the file, DOCUMENT records, and records that gave no event. */
  readonly records: number;
  readonly documents: number;
  readonly rejected: number;
}

export interface PloverOptions {
  /** Gives each actor a track (plugged in from cameo-sectors); none when absent. */
  readonly trackOf?: TrackOf;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(PLOVER_EVENT_TYPES);
/** CAMEO codes PLOVER puts where a country code goes, that name a kind of organisation. */
const ORGANISATION_CODES: ReadonlySet<string> = new Set(['IGO', 'NGO', 'NGM', 'IMG', 'ISM', 'MNC', 'UIS']);
const DATE = /^\d{4}(?:-(\d{2})(?:-(\d{2}))?)?$/;
const SECTOR = /^(?:[A-Z]{3}|[a-z]{3})+$/;

type Item =
  | { readonly kind: 'event'; readonly event: PloverEvent; readonly problems: readonly PloverProblem[] }
  | { readonly kind: 'document' }
  | { readonly kind: 'rejected'; readonly problems: readonly PloverProblem[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const month = m[1] === undefined ? 1 : Number(m[1]);
  const day = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(text.slice(0, 4)), month, 0)).getUTCDate();
  return day <= days;
}

/** Splits a PLOVER sector text into its codes; null when it is not made of three-letter codes. */
export function sectorCodes(sector: string): { codes: string[]; group?: string } | null {
  if (sector === '***' || sector === '') return { codes: [] };
  if (!SECTOR.test(sector)) return null;
  const codes: string[] = [];
  let group: string | undefined;
  for (let i = 0; i < sector.length; i += 3) {
    const part = sector.slice(i, i + 3);
    if (part === part.toUpperCase()) codes.push(part);
    else if (group === undefined) group = part;
    else return null;
  }
  return group === undefined ? { codes } : { codes, group };
}

/** The actor as trackOf sees a CAMEO actor: code, name, country and type codes. */
function cameoActor(actor: Omit<PloverActor, 'track'>): CameoActor {
  const organisation = actor.code !== undefined && ORGANISATION_CODES.has(actor.code);
  const types = [...(organisation ? [actor.code!] : []), ...actor.sectorCodes];
  const result: Record<string, string> = {
    code: `${actor.code ?? ''}${actor.sectorCodes.join('')}`,
    name: actor.text,
  };
  if (actor.code !== undefined && !organisation) result.country = actor.code;
  if (actor.group !== undefined) result.ethnic = actor.group;
  types.slice(0, 3).forEach((t, i) => (result[`type${i + 1}`] = t));
  return result as unknown as CameoActor;
}

/** One record → an event with the problems of its fields, a DOCUMENT, or a rejection. */
export function ploverRecord(
  value: unknown,
  index: number,
  options: PloverOptions = {},
  line?: number,
): Item {
  const at = line === undefined ? {} : { line };
  if (!isRecord(value)) {
    return {
      kind: 'rejected',
      problems: [{ index, ...at, field: '', message: 'a PLOVER record is a JSON object' }],
    };
  }
  const id = typeof value.id === 'string' && value.id.trim() !== '' ? value.id.trim() : undefined;
  const problems: PloverProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ index, ...at, ...(id === undefined ? {} : { id }), field, message });
  if (id === undefined) problem('id', 'the record has no id');

  const event = typeof value.event === 'string' ? value.event.trim().toUpperCase() : '';
  if (event === 'DOCUMENT') return { kind: 'document' };
  if (event === '') {
    problem('event', 'the record has no event type');
    return { kind: 'rejected', problems };
  }
  if (!KNOWN_EVENTS.has(event)) problem('event', `"${event}" is not a PLOVER event type`);

  const text = (field: string): string | undefined => {
    const v = value[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      problem(field, `${field} is ${JSON.stringify(v)}, not text`);
      return undefined;
    }
    return v.trim() === '' ? undefined : v.trim();
  };
  const count = (field: string): number | undefined => {
    const v = value[field];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      problem(field, `${field} ${JSON.stringify(v)} is not a whole number`);
      return undefined;
    }
    return n;
  };

  const actors = (field: 'source' | 'target'): PloverActor[] => {
    const v = value[field];
    if (v === undefined || v === null || v === '') return [];
    if (!Array.isArray(v)) {
      problem(field, `${field} is ${JSON.stringify(v)}, not a list of actors`);
      return [];
    }
    const result: PloverActor[] = [];
    v.forEach((a: unknown, i) => {
      const path = `${field}[${i}]`;
      if (!isRecord(a)) return void problem(path, 'an actor is an object with actorText, code and sector');
      const actorText = typeof a.actorText === 'string' ? a.actorText.trim() : '';
      if (actorText === '') return void problem(`${path}.actorText`, 'the actor has no text');
      let code: string | undefined;
      if (typeof a.code === 'string' && a.code.trim() !== '') code = a.code.trim();
      else if (a.code !== undefined && a.code !== null && a.code !== '') {
        problem(`${path}.code`, `code ${JSON.stringify(a.code)} is not text`);
      }
      let sector: string | undefined;
      let parts: { codes: string[]; group?: string } = { codes: [] };
      if (typeof a.sector === 'string' && a.sector.trim() !== '') {
        sector = a.sector.trim();
        const split = sectorCodes(sector);
        if (split) parts = split;
        else problem(`${path}.sector`, `sector "${sector}" is not made of three-letter CAMEO codes`);
      } else if (a.sector !== undefined && a.sector !== null && a.sector !== '') {
        problem(`${path}.sector`, `sector ${JSON.stringify(a.sector)} is not text`);
      }
      const actor = {
        text: actorText,
        ...(code === undefined ? {} : { code }),
        ...(sector === undefined ? {} : { sector }),
        sectorCodes: parts.codes,
        ...(parts.group === undefined ? {} : { group: parts.group }),
      };
      result.push(options.trackOf ? { ...actor, track: options.trackOf(cameoActor(actor)) } : actor);
    });
    return result;
  };

  let date = text('date');
  if (date !== undefined && !validDate(date)) {
    problem('date', `date "${date}" is not YYYY-MM-DD, YYYY-MM or YYYY`);
    date = undefined;
  }
  const source = actors('source');
  const target = actors('target');
  const mode = text('mode');
  const context = text('context');
  let location: PloverEvent['location'];
  const loc = value.eventLoc;
  if (isRecord(loc)) {
    const name = typeof loc.name === 'string' && loc.name.trim() ? loc.name.trim() : undefined;
    const cc = loc['country code'] ?? loc.countryCode;
    const countryCode = typeof cc === 'string' && cc.trim() ? cc.trim() : undefined;
    location = {
      ...(name === undefined ? {} : { name }),
      ...(countryCode === undefined ? {} : { countryCode }),
    };
  } else if (loc !== undefined && loc !== null && loc !== '') {
    problem('eventLoc', 'eventLoc is an object with name and country code');
  }
  const size =
    value.size === undefined || value.size === null ? undefined : String(value.size).trim() || undefined;
  const dead = count('dead');
  const injured = count('injured');
  const optional = {
    date,
    mode,
    eventText: text('eventText'),
    text: text('text'),
    language: text('language'),
    location,
    size,
    dead,
    injured,
  };
  return {
    kind: 'event',
    event: {
      index,
      ...at,
      id: id ?? `#${index}`,
      source,
      target,
      event,
      context:
        context === undefined
          ? []
          : context
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    },
    problems,
  };
}

class Collector {
  readonly events: PloverEvent[] = [];
  readonly problems: PloverProblem[] = [];
  private readonly ids = new Map<string, number>();
  records = 0;
  documents = 0;
  rejected = 0;

  add(item: Item): void {
    this.records++;
    if (item.kind === 'document') this.documents++;
    else if (item.kind === 'rejected') {
      this.rejected++;
      this.problems.push(...item.problems);
    } else {
      const { id, index } = item.event;
      const first = this.ids.get(id);
      this.events.push(item.event);
      this.problems.push(...item.problems);
      if (first === undefined) this.ids.set(id, index);
      else {
        this.problems.push({
          index,
          ...(item.event.line === undefined ? {} : { line: item.event.line }),
          id,
          field: 'id',
          message: `id ${id} is also the id of record ${first}`,
        });
      }
    }
  }

  result(): PloverRead {
    return {
      events: this.events,
      problems: this.problems,
      records: this.records,
      documents: this.documents,
      rejected: this.rejected,
    };
  }
}

function jsonProblem(text: string, error: unknown, index: number, line?: number): PloverProblem {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const at = line ?? (position ? text.slice(0, Number(position[1])).split(/\r\n|\n|\r/).length : undefined);
  return { index, ...(at === undefined ? {} : { line: at }), field: '', message: `not JSON: ${message}` };
}

/** Reads PLOVER records from text: a JSON array, or JSON Lines. */
export function parsePlover(text: string, options: PloverOptions = {}): PloverRead {
  const body = text.replace(/^\uFEFF/, '');
  const collector = new Collector();
  if (body.trimStart().startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(body);
    } catch (error) {
      return { ...collector.result(), problems: [jsonProblem(body, error, -1)] };
    }
    (values as unknown[]).forEach((value, index) => collector.add(ploverRecord(value, index, options)));
    return collector.result();
  }
  body.split(/\r\n|\n|\r/).forEach((line, i) => collectLine(collector, line, i + 1, options));
  return collector.result();
}

function collectLine(collector: Collector, line: string, lineNumber: number, options: PloverOptions): void {
  if (line.trim() === '') return;
  const index = collector.records;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    collector.add({ kind: 'rejected', problems: [jsonProblem(line, error, index, lineNumber)] });
    return;
  }
  collector.add(ploverRecord(value, index, options, lineNumber));
}

/**
 * Reads PLOVER records from a stream: JSON Lines line by line (memory bounded by the longest line), a
 * JSON array whole.
 */
export async function readPlover(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | string,
  options: PloverOptions = {},
): Promise<PloverRead> {
  const chunks = typeof input === 'string' ? [input] : input;
  const iterator =
    Symbol.asyncIterator in chunks
      ? (chunks as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]()
      : (chunks as Iterable<string | Uint8Array>)[Symbol.iterator]();
  const decoder = new TextDecoder();
  const head: string[] = [];
  let start = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
    head.push(chunk);
    start = (start + chunk).replace(/^\uFEFF/, '').trimStart();
    if (start !== '') break;
  }
  async function* rest(): AsyncGenerator<string> {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      yield typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  }
  if (start.startsWith('[')) {
    let text = '';
    for await (const chunk of rest()) text += chunk;
    return parsePlover(text, options);
  }
  const collector = new Collector();
  const lines = createInterface({ input: Readable.from(rest()), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) collectLine(collector, line.replace(/^\uFEFF/, ''), ++lineNumber, options);
  return collector.result();
}

/** Reads a PLOVER file (JSON array or JSON Lines). */
export function readPloverFile(path: string, options: PloverOptions = {}): Promise<PloverRead> {
  return readPlover(createReadStream(path), options);
}
