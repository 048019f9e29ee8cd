/**
 * GDELT event files read as a stream into the aggregates the living system is built from: the actors
 * (CAMEO actor code and name, with a track from a pluggable `trackOf`), interactions per source actor,
 * target actor and month, a monthly cooperation–conflict series per pair of parties (the actors'
 * country codes), and candidate engagements for the diplomatic event codes (036 intent to meet or
 * negotiate, 04x consult, 05x diplomatic cooperation, 057 sign formal agreement).
 *
 * Formats. GDELT 1.0 daily files (58 columns, from April 2013 on), the 1.0 historical backfiles (57:
 * no SOURCEURL) and GDELT 2.0 (61: an ADM2 code in each of the three geography blocks), tab-separated
 * without a header as GDELT publishes them, or comma-separated with a header as exports and extracts
 * (BigQuery, R) write them; `.gz` files are unpacked on the fly. The delimiter is the first line's (a tab
 * makes it tab-separated, and then quotes are plain text as in GDELT's own files); a first row that names
 * GLOBALEVENTID or SQLDATE is a header, and columns are then found by name in any order and case (extra
 * columns are fine; a header with an ADM2 column is 2.0); without a header the layout is the first row's
 * column count. Empty cells and R's NA both mean "no value"; codes and names are trimmed.
 *
 * Memory. Rows are parsed by csv-parse's stream API and folded into the aggregates as they arrive; no
 * row is kept. What grows is the number of distinct actors, dyad-months, party-months and engagements,
 * the first `maxRejects` problems and at most `maxEventIdsPerEngagement` event ids per engagement
 * (the smallest ones, so that the result does not depend on the order files are merged in).
 *
 * Problems. A row that cannot be used (wrong column count, a malformed quote, a bad id or date, an event
 * code, QuadClass, Goldstein score, mention count or tone that is not one) is counted by kind and the
 * first `maxRejects` are kept with the file, the line it starts on (the header is line 1) and the
 * reason; reading goes on. rows.read = rows.used + rows.rejected, always.
 *
 * Merging. `mergeGdeltAggregates` adds two aggregates (e.g. of two files, or of two halves of one):
 * the result is the aggregate of reading both, up to the rounding of floating-point sums. Output arrays
 * are sorted by their keys (code-unit order), so the same input always gives the same output.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { TrackId } from '../domain/track.js';

// ---------------------------------------------------------------------------------------------------
// Types

export type GdeltVersion = '1.0' | '2.0';

/** A CAMEO actor as GDELT spells it out: the composite code, the name and the code's parts. */
export interface CameoActor {
  readonly code: string;
  readonly name: string;
  readonly country?: string;
  readonly knownGroup?: string;
  readonly ethnic?: string;
  readonly religion1?: string;
  readonly religion2?: string;
  readonly type1?: string;
  readonly type2?: string;
  readonly type3?: string;
}

/** The track an actor works on, or null when its codes do not say (plugged in from cameo-sectors). */
export type TrackOf = (actor: CameoActor) => TrackId | null;

export interface GdeltActor extends CameoActor {
  /** `CODE|NAME` (or `CODE` when GDELT gives no name): the actor's key in interactions and engagements. */
  readonly id: string;
  readonly track: TrackId | null;
  /** Rows used in which the actor is Actor1 (source) and Actor2 (target). */
  readonly asSource: number;
  readonly asTarget: number;
}

/** Event counts, by QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadCounts = readonly [number, number, number, number];

export interface EventStats {
  readonly events: number;
  /** Sum of NumMentions. */
  readonly mentions: number;
  readonly goldsteinSum: number;
  readonly goldsteinMean: number;
  readonly toneSum: number;
  readonly toneMean: number;
  readonly quadClass: QuadCounts;
}

/** Events from one actor to another in one month (YYYY-MM). */
export interface GdeltInteraction extends EventStats {
  readonly source: string;
  readonly target: string;
  readonly month: string;
}

/** Events with only one actor coded (the other side is empty), per actor, side and month. */
export interface GdeltOneSided extends EventStats {
  readonly actor: string;
  readonly role: 'source' | 'target';
  readonly month: string;
}

export interface CooperationConflict {
  /** Events of QuadClass 1–2 and 3–4, and their shares of all events. */
  readonly cooperative: number;
  readonly conflictual: number;
  readonly cooperativeShare: number;
  readonly conflictualShare: number;
}

/** Events from one party (Actor1CountryCode) to another (Actor2CountryCode) in one month. */
export interface GdeltPartyMonth extends EventStats, CooperationConflict {
  readonly from: string;
  readonly to: string;
  readonly month: string;
}

export interface GdeltEngagementCode {
  readonly code: string;
  readonly description?: string;
  readonly goldstein?: number;
  readonly events: number;
}

/** A candidate engagement: the diplomatic events of one actor pair on one day under one root code. */
export interface GdeltEngagement {
  /** Actor ids; one of them is null for a one-sided event. */
  readonly source: string | null;
  readonly target: string | null;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly rootCode: string;
  readonly rootDescription?: string;
  readonly events: number;
  readonly mentions: number;
  /** The smallest GLOBALEVENTIDs, at most `maxEventIdsPerEngagement` of them (`events` counts all). */
  readonly eventIds: readonly number[];
  readonly codes: readonly GdeltEngagementCode[];
}

export type GdeltRejectKind =
  | 'csv'
  | 'columns'
  | 'header'
  | 'event-id'
  | 'date'
  | 'event-code'
  | 'quad-class'
  | 'goldstein'
  | 'mentions'
  | 'tone';

export interface GdeltReject {
  readonly file: string;
  /** The line the row starts on; the header, when there is one, is line 1. */
  readonly line: number;
  readonly kind: GdeltRejectKind;
  readonly reason: string;
}

export interface GdeltLayout {
  readonly version: GdeltVersion;
  readonly columns: number;
  readonly delimiter: ',' | '\t';
  readonly header: boolean;
}

export interface GdeltFileInfo {
  readonly file: string;
  /** Null when no row said what the file is (it was empty, or no row had a GDELT column count). */
  readonly layout: GdeltLayout | null;
  readonly rowsRead: number;
  readonly rowsRejected: number;
}

export interface GdeltRows {
  /** Data rows seen (not the header or blank lines), used or rejected. */
  readonly read: number;
  readonly used: number;
  readonly rejected: number;
  /** Used rows with both actors coded, with one, and with none. */
  readonly twoSided: number;
  readonly oneSided: number;
  readonly noActor: number;
  /** Used rows with both country codes (they make the party series). */
  readonly withParties: number;
  readonly blankLines: number;
}

export interface GdeltAggregate {
  readonly files: readonly GdeltFileInfo[];
  readonly rows: GdeltRows;
  readonly rejects: {
    readonly byKind: Readonly<Partial<Record<GdeltRejectKind, number>>>;
    /** The first `limit` rejected rows, in reading order. */
    readonly first: readonly GdeltReject[];
    readonly limit: number;
  };
  /** Months (YYYY-MM) of the rows used. */
  readonly months: readonly string[];
  readonly actors: readonly GdeltActor[];
  readonly interactions: readonly GdeltInteraction[];
  readonly oneSided: readonly GdeltOneSided[];
  readonly parties: readonly GdeltPartyMonth[];
  readonly engagements: readonly GdeltEngagement[];
}

/** Descriptions and Goldstein weights of CAMEO event codes. */
export interface CameoCodebook {
  readonly descriptions: ReadonlyMap<string, string>;
  readonly goldstein: ReadonlyMap<string, number>;
}

export interface GdeltOptions {
  readonly trackOf: TrackOf;
  /** How many rejected rows to keep with their reasons (all are counted); default 50. */
  readonly maxRejects?: number;
  /** How many GLOBALEVENTIDs to keep per engagement (the smallest); default 20. */
  readonly maxEventIdsPerEngagement?: number;
  /** Which event codes make engagements; default `isDiplomaticEventCode`. */
  readonly isEngagementCode?: (eventCode: string) => boolean;
  /** Descriptions and weights for the engagements' codes. */
  readonly codebook?: CameoCodebook;
}

/** File content: a stream or (async) iterable of text or byte chunks, or the whole text. */
export type GdeltInput = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | string;

// ---------------------------------------------------------------------------------------------------
// CAMEO code files

export const DEFAULT_MAX_REJECTS = 50;
export const DEFAULT_MAX_EVENT_IDS = 20;

/**
 * The diplomatic event codes that make candidate engagements: 036 express intent to meet or negotiate,
 * 04x consult (040–046: discuss by telephone, make and host a visit, meet at a third location, mediate,
 * negotiate), 05x engage in diplomatic cooperation (050–057, up to 057 sign formal agreement).
 */
export function isDiplomaticEventCode(eventCode: string): boolean {
  return eventCode.startsWith('036') || eventCode.startsWith('04') || eventCode.startsWith('05');
}

export interface CodeFileProblem {
  readonly line: number;
  readonly message: string;
}

function codeFileRows(text: string): { line: number; cells: string[] }[] {
  const records = parseSync(text, {
    delimiter: '\t',
    quote: false,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map((r) => ({ line: r.info.lines, cells: r.record.map((c) => c.trim()) }));
}

const CODE = /^\d{2,4}$/;

/** CAMEO.eventcodes.txt (CAMEOEVENTCODE, EVENTDESCRIPTION, tab-separated) → code → description. */
export function parseCameoEventCodes(text: string): {
  codes: Map<string, string>;
  problems: CodeFileProblem[];
} {
  const codes = new Map<string, string>();
  const problems: CodeFileProblem[] = [];
  for (const { line, cells } of codeFileRows(text)) {
    const [code = '', description = ''] = cells;
    if (line === 1 && !CODE.test(code)) continue; // header
    if (!CODE.test(code)) problems.push({ line, message: `"${clip(code)}" is not a CAMEO event code` });
    else if (description === '') problems.push({ line, message: `code ${code} has no description` });
    else codes.set(code, description);
  }
  return { codes, problems };
}

/** CAMEO.goldsteinscale.txt (CAMEOEVENTCODE, GOLDSTEINSCALE) → code → weight (−10 … +10). */
export function parseCameoGoldstein(text: string): {
  weights: Map<string, number>;
  problems: CodeFileProblem[];
} {
  const weights = new Map<string, number>();
  const problems: CodeFileProblem[] = [];
  for (const { line, cells } of codeFileRows(text)) {
    const [code = '', weight = ''] = cells;
    if (line === 1 && !CODE.test(code)) continue; // header
    const value = Number(weight);
    if (!CODE.test(code)) problems.push({ line, message: `"${clip(code)}" is not a CAMEO event code` });
    else if (!NUMBER.test(weight) || value < -10 || value > 10) {
      problems.push({
        line,
        message: `Goldstein weight "${clip(weight)}" of ${code} is not a number from -10 to 10`,
      });
    } else weights.set(code, value);
  }
  return { weights, problems };
}

/** Reads the two CAMEO code files into a codebook; problems in them are returned, not thrown. */
export async function loadCameoCodebook(paths: {
  eventCodes: string;
  goldstein: string;
}): Promise<{ codebook: CameoCodebook; problems: (CodeFileProblem & { file: string })[] }> {
  const [codesText, weightsText] = await Promise.all([
    readFile(paths.eventCodes, 'utf8'),
    readFile(paths.goldstein, 'utf8'),
  ]);
  const codes = parseCameoEventCodes(codesText);
  const weights = parseCameoGoldstein(weightsText);
  return {
    codebook: { descriptions: codes.codes, goldstein: weights.weights },
    problems: [
      ...codes.problems.map((p) => ({ file: paths.eventCodes, ...p })),
      ...weights.problems.map((p) => ({ file: paths.goldstein, ...p })),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Layouts

const ACTOR_PARTS = [
  'Code',
  'Name',
  'CountryCode',
  'KnownGroupCode',
  'EthnicCode',
  'Religion1Code',
  'Religion2Code',
  'Type1Code',
  'Type2Code',
  'Type3Code',
] as const;

const GEO_1 = ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'Lat', 'Long', 'FeatureID'];
const GEO_2 = ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'];

function columnNames(version: GdeltVersion, sourceUrl: boolean): string[] {
  const geo = version === '2.0' ? GEO_2 : GEO_1;
  return [
    'GLOBALEVENTID',
    'SQLDATE',
    'MonthYear',
    'Year',
    'FractionDate',
    ...ACTOR_PARTS.map((p) => `Actor1${p}`),
    ...ACTOR_PARTS.map((p) => `Actor2${p}`),
    'IsRootEvent',
    'EventCode',
    'EventBaseCode',
    'EventRootCode',
    'QuadClass',
    'GoldsteinScale',
    'NumMentions',
    'NumSources',
    'NumArticles',
    'AvgTone',
    ...['Actor1Geo_', 'Actor2Geo_', 'ActionGeo_'].flatMap((g) => geo.map((p) => `${g}${p}`)),
    'DATEADDED',
    ...(sourceUrl ? ['SOURCEURL'] : []),
  ];
}

/** The columns of GDELT 1.0 daily files (58), of its historical backfiles (57) and of GDELT 2.0 (61). */
export const GDELT_COLUMNS: Readonly<Record<'1.0' | '1.0-backfile' | '2.0', readonly string[]>> = {
  '1.0': columnNames('1.0', true),
  '1.0-backfile': columnNames('1.0', false),
  '2.0': columnNames('2.0', true),
};

const REQUIRED = [
  'GLOBALEVENTID',
  'SQLDATE',
  'Actor1Code',
  'Actor2Code',
  'EventCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'AvgTone',
] as const;

/** Indices of the columns the aggregates use; -1 where a header lacks an optional one. */
interface Columns {
  readonly id: number;
  readonly date: number;
  readonly monthYear: number;
  readonly actor1: readonly number[];
  readonly actor2: readonly number[];
  readonly eventCode: number;
  readonly rootCode: number;
  readonly quad: number;
  readonly goldstein: number;
  readonly mentions: number;
  readonly tone: number;
}

interface FileLayout extends GdeltLayout {
  readonly at: Columns;
  /** Required columns a header lacks (then every row is rejected). */
  readonly missing: readonly string[];
}

function columnsOf(index: (name: string) => number): Columns {
  return {
    id: index('GLOBALEVENTID'),
    date: index('SQLDATE'),
    monthYear: index('MonthYear'),
    actor1: ACTOR_PARTS.map((p) => index(`Actor1${p}`)),
    actor2: ACTOR_PARTS.map((p) => index(`Actor2${p}`)),
    eventCode: index('EventCode'),
    rootCode: index('EventRootCode'),
    quad: index('QuadClass'),
    goldstein: index('GoldsteinScale'),
    mentions: index('NumMentions'),
    tone: index('AvgTone'),
  };
}

function positionalLayout(columns: number, delimiter: ',' | '\t'): FileLayout | null {
  const names =
    columns === 58
      ? GDELT_COLUMNS['1.0']
      : columns === 57
        ? GDELT_COLUMNS['1.0-backfile']
        : columns === 61
          ? GDELT_COLUMNS['2.0']
          : null;
  if (!names) return null;
  return {
    version: columns === 61 ? '2.0' : '1.0',
    columns,
    delimiter,
    header: false,
    at: columnsOf((name) => names.indexOf(name)),
    missing: [],
  };
}

function headerLayout(cells: readonly string[], delimiter: ',' | '\t'): FileLayout {
  const byName = new Map<string, number>();
  cells.forEach((cell, i) => {
    const name = cell.trim().toUpperCase();
    if (!byName.has(name)) byName.set(name, i);
  });
  const index = (name: string) => byName.get(name.toUpperCase()) ?? -1;
  return {
    version: cells.some((c) => /ADM2CODE$/i.test(c.trim())) ? '2.0' : '1.0',
    columns: cells.length,
    delimiter,
    header: true,
    at: columnsOf(index),
    missing: REQUIRED.filter((name) => index(name) < 0),
  };
}

function isHeader(cells: readonly string[]): boolean {
  return cells.some((c) => {
    const name = c.trim().toUpperCase();
    return name === 'GLOBALEVENTID' || name === 'SQLDATE';
  });
}

// ---------------------------------------------------------------------------------------------------
// Accumulation

interface Stats {
  events: number;
  mentions: number;
  goldsteinSum: number;
  toneSum: number;
  quad: [number, number, number, number];
}

const newStats = (): Stats => ({ events: 0, mentions: 0, goldsteinSum: 0, toneSum: 0, quad: [0, 0, 0, 0] });

function addStats(into: Stats, from: Stats): void {
  into.events += from.events;
  into.mentions += from.mentions;
  into.goldsteinSum += from.goldsteinSum;
  into.toneSum += from.toneSum;
  for (let q = 0; q < 4; q++) into.quad[q]! += from.quad[q]!;
}

function statsOf(s: EventStats): Stats {
  return {
    events: s.events,
    mentions: s.mentions,
    goldsteinSum: s.goldsteinSum,
    toneSum: s.toneSum,
    quad: [...s.quadClass],
  };
}

function finishStats(s: Stats): EventStats {
  return {
    events: s.events,
    mentions: s.mentions,
    goldsteinSum: s.goldsteinSum,
    goldsteinMean: s.events ? s.goldsteinSum / s.events : 0,
    toneSum: s.toneSum,
    toneMean: s.events ? s.toneSum / s.events : 0,
    quadClass: [...s.quad],
  };
}

/** Cooperative (QuadClass 1–2) and conflictual (3–4) events and their shares. */
export function cooperationConflict(quad: QuadCounts): CooperationConflict {
  const cooperative = quad[0] + quad[1];
  const conflictual = quad[2] + quad[3];
  const all = cooperative + conflictual;
  return {
    cooperative,
    conflictual,
    cooperativeShare: all ? cooperative / all : 0,
    conflictualShare: all ? conflictual / all : 0,
  };
}

interface ActorEntry {
  readonly actor: CameoActor;
  readonly id: string;
  readonly track: TrackId | null;
  asSource: number;
  asTarget: number;
}

interface EngagementEntry {
  readonly source: string | null;
  readonly target: string | null;
  readonly date: string;
  readonly rootCode: string;
  events: number;
  mentions: number;
  eventIds: number[];
  readonly codes: Map<string, number>;
}

interface FileState {
  readonly file: string;
  layout: FileLayout | null;
  /** The line the previous record ended on, and the blank lines counted by then. */
  prevEnd: number;
  prevEmpty: number;
  rowsRead: number;
  rowsRejected: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const WHOLE = /^\d+$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function dateProblem(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return `SQLDATE "${clip(text)}" is not a date YYYYMMDD`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > days) return `SQLDATE ${text} is no calendar date`;
  return null;
}

/** A cell's value without surrounding spaces, or undefined for an empty cell or R's NA. */
function cell(row: readonly string[], at: number): string | undefined {
  if (at < 0) return undefined;
  const v = row[at]?.trim();
  return v === undefined || v === '' || v === 'NA' ? undefined : v;
}

function actorOf(row: readonly string[], at: readonly number[]): CameoActor | undefined {
  const code = cell(row, at[0]!);
  if (code === undefined) return undefined;
  const actor: Record<string, string> = { code, name: cell(row, at[1]!) ?? '' };
  ACTOR_KEYS.forEach((key, i) => {
    const v = cell(row, at[i + 2]!);
    if (v !== undefined) actor[key] = v;
  });
  return actor as unknown as CameoActor;
}

const ACTOR_KEYS = ['country', 'knownGroup', 'ethnic', 'religion1', 'religion2', 'type1', 'type2', 'type3'];

const actorId = (a: CameoActor): string => (a.name ? `${a.code}|${a.name}` : a.code);

const SEP = '\u0000';
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function insertId(ids: number[], id: number, max: number): void {
  if (ids.length >= max && id >= ids[ids.length - 1]!) return;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  if (ids[lo] === id) return;
  ids.splice(lo, 0, id);
  if (ids.length > max) ids.pop();
}

/**
 * Folds GDELT rows into aggregates. `feed` reads one file or stream (call it once per file, one at a
 * time); `absorb` adds an aggregate made elsewhere; `result` gives the sorted, JSON-ready aggregate.
 */
export class GdeltAccumulator {
  private readonly trackOf: TrackOf;
  private readonly maxRejects: number;
  private readonly maxIds: number;
  private readonly isEngagementCode: (eventCode: string) => boolean;
  private readonly codebook: CameoCodebook | undefined;
  /** Descriptions and weights carried in absorbed aggregates, for codes the codebook lacks. */
  private readonly seenCodes = new Map<string, { description?: string; goldstein?: number }>();

  private readonly files: GdeltFileInfo[] = [];
  private read = 0;
  private used = 0;
  private rejected = 0;
  private twoSided = 0;
  private oneSidedRows = 0;
  private noActor = 0;
  private withParties = 0;
  private blankLines = 0;
  private readonly byKind = new Map<GdeltRejectKind, number>();
  private readonly firstRejects: GdeltReject[] = [];
  private readonly months = new Set<string>();
  private readonly actors = new Map<string, ActorEntry>();
  private readonly interactions = new Map<
    string,
    { source: string; target: string; month: string; s: Stats }
  >();
  private readonly oneSided = new Map<
    string,
    { actor: string; role: 'source' | 'target'; month: string; s: Stats }
  >();
  private readonly parties = new Map<string, { from: string; to: string; month: string; s: Stats }>();
  private readonly engagements = new Map<string, EngagementEntry>();

  constructor(options: GdeltOptions) {
    this.trackOf = options.trackOf;
    this.maxRejects = options.maxRejects ?? DEFAULT_MAX_REJECTS;
    this.maxIds = options.maxEventIdsPerEngagement ?? DEFAULT_MAX_EVENT_IDS;
    this.isEngagementCode = options.isEngagementCode ?? isDiplomaticEventCode;
    this.codebook = options.codebook;
  }

  /** Reads one GDELT file's content, streamed, into the aggregates; `file` names it in problems. */
  async feed(input: GdeltInput, file = ''): Promise<void> {
    const state: FileState = { file, layout: null, prevEnd: 0, prevEmpty: 0, rowsRead: 0, rowsRejected: 0 };
    const { delimiter, source } = await detectDelimiter(input);
    let blank = 0;
    const parser = parse({
      delimiter,
      quote: delimiter === '\t' ? false : '"',
      // Every line break counts as one, as in editors: a stray CR on its own is a line, not content.
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_SIZE,
      on_record: (record: string[], context: { lines: number; empty_lines: number }) => {
        blank = context.empty_lines;
        this.onRecord(state, record, context.lines, context.empty_lines, delimiter);
        return null;
      },
      on_skip: (error: CsvError | undefined) => {
        const context = error as unknown as { lines?: number; empty_lines?: number } | undefined;
        const end = context?.lines ?? state.prevEnd + 1;
        const empty = context?.empty_lines ?? state.prevEmpty;
        blank = empty;
        const line = this.lineOf(state, end, empty);
        this.read++;
        state.rowsRead++;
        this.reject(state, line, 'csv', `malformed CSV: ${csvMessage(error)}`);
      },
    });
    await pipeline(
      source,
      parser,
      new Writable({
        objectMode: true,
        write: (_chunk, _encoding, done) => done(),
      }),
    );
    this.blankLines += blank;
    this.files.push({
      file,
      layout: state.layout
        ? {
            version: state.layout.version,
            columns: state.layout.columns,
            delimiter: state.layout.delimiter,
            header: state.layout.header,
          }
        : null,
      rowsRead: state.rowsRead,
      rowsRejected: state.rowsRejected,
    });
  }

  private lineOf(state: FileState, end: number, empty: number): number {
    const start = state.prevEnd + 1 + (empty - state.prevEmpty);
    state.prevEnd = end;
    state.prevEmpty = empty;
    return start;
  }

  private reject(state: FileState, line: number, kind: GdeltRejectKind, reason: string): void {
    this.rejected++;
    state.rowsRejected++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    if (this.firstRejects.length < this.maxRejects)
      this.firstRejects.push({ file: state.file, line, kind, reason });
  }

  private onRecord(state: FileState, row: string[], end: number, empty: number, delimiter: ',' | '\t'): void {
    const line = this.lineOf(state, end, empty);
    if (state.layout === null && state.rowsRead === 0 && isHeader(row)) {
      state.layout = headerLayout(row, delimiter);
      return;
    }
    this.read++;
    state.rowsRead++;
    if (state.layout === null) {
      state.layout = positionalLayout(row.length, delimiter);
      if (state.layout === null) {
        this.reject(
          state,
          line,
          'columns',
          `${row.length} columns: a GDELT row has 58 (1.0), 57 (1.0 backfile) or 61 (2.0)`,
        );
        return;
      }
    }
    const layout = state.layout;
    if (layout.missing.length > 0) {
      this.reject(state, line, 'header', `the header has no column ${layout.missing.join(', ')}`);
      return;
    }
    if (row.length !== layout.columns) {
      const what = layout.header ? 'as the header has' : `GDELT ${layout.version}`;
      this.reject(state, line, 'columns', `${row.length} columns, expected ${layout.columns} (${what})`);
      return;
    }
    const at = layout.at;

    const idText = row[at.id] ?? '';
    if (!WHOLE.test(idText) || idText.length > 15) {
      this.reject(state, line, 'event-id', `GLOBALEVENTID "${clip(idText)}" is not a whole number`);
      return;
    }
    const date = row[at.date] ?? '';
    const badDate = dateProblem(date);
    if (badDate) {
      this.reject(state, line, 'date', badDate);
      return;
    }
    const monthYear = cell(row, at.monthYear);
    if (monthYear !== undefined && monthYear !== date.slice(0, 6)) {
      this.reject(state, line, 'date', `MonthYear "${clip(monthYear)}" is not the month of SQLDATE ${date}`);
      return;
    }
    const eventCode = row[at.eventCode] ?? '';
    if (!CODE.test(eventCode)) {
      this.reject(state, line, 'event-code', `EventCode "${clip(eventCode)}" is not a CAMEO code`);
      return;
    }
    const rootCode = cell(row, at.rootCode);
    if (rootCode !== undefined && rootCode !== eventCode.slice(0, 2)) {
      this.reject(
        state,
        line,
        'event-code',
        `EventRootCode "${clip(rootCode)}" is not the root of EventCode ${eventCode}`,
      );
      return;
    }
    const quadText = row[at.quad] ?? '';
    const quad = quadText.length === 1 ? quadText.charCodeAt(0) - 48 : 0;
    if (quad < 1 || quad > 4) {
      this.reject(state, line, 'quad-class', `QuadClass "${clip(quadText)}" is not 1, 2, 3 or 4`);
      return;
    }
    const goldsteinText = row[at.goldstein] ?? '';
    const goldstein = Number(goldsteinText);
    if (!NUMBER.test(goldsteinText) || goldstein < -10 || goldstein > 10) {
      this.reject(
        state,
        line,
        'goldstein',
        `GoldsteinScale "${clip(goldsteinText)}" is not a number from -10 to 10`,
      );
      return;
    }
    const mentionsText = row[at.mentions] ?? '';
    if (!WHOLE.test(mentionsText) || mentionsText.length > 15) {
      this.reject(state, line, 'mentions', `NumMentions "${clip(mentionsText)}" is not a whole number`);
      return;
    }
    const toneText = row[at.tone] ?? '';
    const tone = Number(toneText);
    if (!NUMBER.test(toneText) || !Number.isFinite(tone) || Math.abs(tone) > 100) {
      this.reject(state, line, 'tone', `AvgTone "${clip(toneText)}" is not a number from -100 to 100`);
      return;
    }

    this.used++;
    const mentions = Number(mentionsText);
    const month = `${date.slice(0, 4)}-${date.slice(4, 6)}`;
    this.months.add(month);
    const a1 = actorOf(row, at.actor1);
    const a2 = actorOf(row, at.actor2);
    const source = a1 ? this.actorEntry(a1) : undefined;
    const target = a2 ? this.actorEntry(a2) : undefined;
    if (source) source.asSource++;
    if (target) target.asTarget++;

    if (source && target) {
      this.twoSided++;
      const key = source.id + SEP + target.id + SEP + month;
      let entry = this.interactions.get(key);
      if (!entry) {
        entry = { source: source.id, target: target.id, month, s: newStats() };
        this.interactions.set(key, entry);
      }
      count(entry.s, mentions, goldstein, tone, quad);
    } else if (source || target) {
      this.oneSidedRows++;
      const actor = (source ?? target)!.id;
      const role = source ? 'source' : 'target';
      const key = actor + SEP + role + SEP + month;
      let entry = this.oneSided.get(key);
      if (!entry) {
        entry = { actor, role, month, s: newStats() };
        this.oneSided.set(key, entry);
      }
      count(entry.s, mentions, goldstein, tone, quad);
    } else {
      this.noActor++;
    }

    const from = a1?.country;
    const to = a2?.country;
    if (from !== undefined && to !== undefined) {
      this.withParties++;
      const key = from + SEP + to + SEP + month;
      let entry = this.parties.get(key);
      if (!entry) {
        entry = { from, to, month, s: newStats() };
        this.parties.set(key, entry);
      }
      count(entry.s, mentions, goldstein, tone, quad);
    }

    if ((source || target) && this.isEngagementCode(eventCode)) {
      const isoDate = `${month}-${date.slice(6, 8)}`;
      const root = eventCode.slice(0, 2);
      const entry = this.engagementEntry(source?.id ?? null, target?.id ?? null, isoDate, root);
      entry.events++;
      entry.mentions += mentions;
      insertId(entry.eventIds, Number(idText), this.maxIds);
      entry.codes.set(eventCode, (entry.codes.get(eventCode) ?? 0) + 1);
    }
  }

  private actorEntry(actor: CameoActor): ActorEntry {
    const id = actorId(actor);
    let entry = this.actors.get(id);
    if (!entry) {
      entry = { actor, id, track: this.trackOf(actor), asSource: 0, asTarget: 0 };
      this.actors.set(id, entry);
    }
    return entry;
  }

  private engagementEntry(source: string | null, target: string | null, date: string, rootCode: string) {
    const key = (source ?? '') + SEP + (target ?? '') + SEP + date + SEP + rootCode;
    let entry = this.engagements.get(key);
    if (!entry) {
      entry = { source, target, date, rootCode, events: 0, mentions: 0, eventIds: [], codes: new Map() };
      this.engagements.set(key, entry);
    }
    return entry;
  }

  /** Adds an aggregate read elsewhere (another file, another half of a file). */
  absorb(aggregate: GdeltAggregate): this {
    this.files.push(...aggregate.files);
    const r = aggregate.rows;
    this.read += r.read;
    this.used += r.used;
    this.rejected += r.rejected;
    this.twoSided += r.twoSided;
    this.oneSidedRows += r.oneSided;
    this.noActor += r.noActor;
    this.withParties += r.withParties;
    this.blankLines += r.blankLines;
    for (const [kind, n] of Object.entries(aggregate.rejects.byKind) as [GdeltRejectKind, number][]) {
      this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + n);
    }
    for (const reject of aggregate.rejects.first) {
      if (this.firstRejects.length < this.maxRejects) this.firstRejects.push(reject);
    }
    for (const month of aggregate.months) this.months.add(month);
    for (const a of aggregate.actors) {
      const { id, track, asSource, asTarget, ...actor } = a;
      let entry = this.actors.get(id);
      if (!entry) {
        entry = { actor, id, track, asSource: 0, asTarget: 0 };
        this.actors.set(id, entry);
      }
      entry.asSource += asSource;
      entry.asTarget += asTarget;
    }
    for (const i of aggregate.interactions) {
      const key = i.source + SEP + i.target + SEP + i.month;
      const entry = this.interactions.get(key);
      if (entry) addStats(entry.s, statsOf(i));
      else this.interactions.set(key, { source: i.source, target: i.target, month: i.month, s: statsOf(i) });
    }
    for (const o of aggregate.oneSided) {
      const key = o.actor + SEP + o.role + SEP + o.month;
      const entry = this.oneSided.get(key);
      if (entry) addStats(entry.s, statsOf(o));
      else this.oneSided.set(key, { actor: o.actor, role: o.role, month: o.month, s: statsOf(o) });
    }
    for (const p of aggregate.parties) {
      const key = p.from + SEP + p.to + SEP + p.month;
      const entry = this.parties.get(key);
      if (entry) addStats(entry.s, statsOf(p));
      else this.parties.set(key, { from: p.from, to: p.to, month: p.month, s: statsOf(p) });
    }
    for (const e of aggregate.engagements) {
      const entry = this.engagementEntry(e.source, e.target, e.date, e.rootCode);
      entry.events += e.events;
      entry.mentions += e.mentions;
      for (const id of e.eventIds) insertId(entry.eventIds, id, this.maxIds);
      for (const c of e.codes) {
        entry.codes.set(c.code, (entry.codes.get(c.code) ?? 0) + c.events);
        this.noteCode(c.code, c.description, c.goldstein);
      }
      this.noteCode(e.rootCode, e.rootDescription, undefined);
    }
    return this;
  }

  private noteCode(code: string, description: string | undefined, goldstein: number | undefined): void {
    const seen = this.seenCodes.get(code) ?? {};
    if (description !== undefined && seen.description === undefined) seen.description = description;
    if (goldstein !== undefined && seen.goldstein === undefined) seen.goldstein = goldstein;
    this.seenCodes.set(code, seen);
  }

  private describe(code: string): string | undefined {
    return this.codebook?.descriptions.get(code) ?? this.seenCodes.get(code)?.description;
  }

  private weigh(code: string): number | undefined {
    return this.codebook?.goldstein.get(code) ?? this.seenCodes.get(code)?.goldstein;
  }

  /** The aggregate so far, sorted, JSON-ready. */
  result(): GdeltAggregate {
    const sorted = <T>(values: Iterable<T>, key: (v: T) => string[]): T[] =>
      [...values]
        .map((v) => ({ v, k: key(v) }))
        .sort((a, b) => {
          for (let i = 0; i < a.k.length; i++) {
            const c = cmp(a.k[i]!, b.k[i]!);
            if (c) return c;
          }
          return 0;
        })
        .map((x) => x.v);
    const byKind: Partial<Record<GdeltRejectKind, number>> = {};
    for (const kind of [...this.byKind.keys()].sort(cmp)) byKind[kind] = this.byKind.get(kind)!;
    return {
      files: [...this.files],
      rows: {
        read: this.read,
        used: this.used,
        rejected: this.rejected,
        twoSided: this.twoSided,
        oneSided: this.oneSidedRows,
        noActor: this.noActor,
        withParties: this.withParties,
        blankLines: this.blankLines,
      },
      rejects: { byKind, first: [...this.firstRejects], limit: this.maxRejects },
      months: [...this.months].sort(cmp),
      actors: sorted(this.actors.values(), (a) => [a.id]).map((a) => ({
        id: a.id,
        ...a.actor,
        track: a.track,
        asSource: a.asSource,
        asTarget: a.asTarget,
      })),
      interactions: sorted(this.interactions.values(), (i) => [i.source, i.target, i.month]).map((i) => ({
        source: i.source,
        target: i.target,
        month: i.month,
        ...finishStats(i.s),
      })),
      oneSided: sorted(this.oneSided.values(), (o) => [o.actor, o.role, o.month]).map((o) => ({
        actor: o.actor,
        role: o.role,
        month: o.month,
        ...finishStats(o.s),
      })),
      parties: sorted(this.parties.values(), (p) => [p.from, p.to, p.month]).map((p) => {
        const stats = finishStats(p.s);
        return { from: p.from, to: p.to, month: p.month, ...stats, ...cooperationConflict(stats.quadClass) };
      }),
      engagements: sorted(this.engagements.values(), (e) => [
        e.date,
        e.source ?? '',
        e.target ?? '',
        e.rootCode,
      ]).map((e) => {
        const rootDescription = this.describe(e.rootCode);
        return {
          source: e.source,
          target: e.target,
          date: e.date,
          rootCode: e.rootCode,
          ...(rootDescription === undefined ? {} : { rootDescription }),
          events: e.events,
          mentions: e.mentions,
          eventIds: [...e.eventIds],
          codes: [...e.codes.keys()].sort(cmp).map((code) => {
            const description = this.describe(code);
            const goldstein = this.weigh(code);
            return {
              code,
              ...(description === undefined ? {} : { description }),
              ...(goldstein === undefined ? {} : { goldstein }),
              events: e.codes.get(code)!,
            };
          }),
        };
      }),
    };
  }
}

function count(s: Stats, mentions: number, goldstein: number, tone: number, quad: number): void {
  s.events++;
  s.mentions += mentions;
  s.goldsteinSum += goldstein;
  s.toneSum += tone;
  s.quad[quad - 1]!++;
}

function csvMessage(error: CsvError | undefined): string {
  if (!error) return 'unreadable row';
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted cell opens on this line and never closes';
  if (error.code === 'CSV_MAX_RECORD_SIZE') return `a row longer than ${MAX_RECORD_SIZE} characters`;
  return `${error.code}: ${clip(error.message, 120)}`;
}

/** Longest row read (a GDELT row is well under 4 kB); longer ones are rejected, which bounds memory. */
const MAX_RECORD_SIZE = 1 << 20;

async function detectDelimiter(input: GdeltInput): Promise<{ delimiter: ',' | '\t'; source: Readable }> {
  const chunks = typeof input === 'string' ? [input] : input;
  const iterator =
    Symbol.asyncIterator in chunks
      ? (chunks as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]()
      : (chunks as Iterable<string | Uint8Array>)[Symbol.iterator]();
  const head: (string | Uint8Array)[] = [];
  let firstLine = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    firstLine += typeof next.value === 'string' ? next.value : Buffer.from(next.value).toString('utf8');
    const end = firstLine.search(/[\r\n]/);
    if (end >= 0) {
      firstLine = firstLine.slice(0, end);
      break;
    }
    if (firstLine.length > MAX_RECORD_SIZE) break;
  }
  const delimiter = firstLine.includes('\t') ? '\t' : ',';
  async function* rest(): AsyncGenerator<string | Uint8Array> {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { delimiter, source: Readable.from(rest(), { objectMode: true }) };
}

// ---------------------------------------------------------------------------------------------------
// Entry points

/** Reads one GDELT stream (file content as chunks of text or bytes) into an aggregate. */
export async function readGdelt(
  input: GdeltInput,
  options: GdeltOptions & { file?: string },
): Promise<GdeltAggregate> {
  const accumulator = new GdeltAccumulator(options);
  await accumulator.feed(input, options.file ?? '');
  return accumulator.result();
}

function fileStream(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  if (!path.toLowerCase().endsWith('.gz')) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

/** Reads GDELT files one after another into one aggregate; problems name each file by its base name. */
export async function readGdeltFiles(
  paths: readonly string[],
  options: GdeltOptions,
): Promise<GdeltAggregate> {
  const accumulator = new GdeltAccumulator(options);
  for (const path of paths) await accumulator.feed(fileStream(path), basename(path));
  return accumulator.result();
}

/** The aggregate of reading both inputs, from the two aggregates (see the module comment). */
export function mergeGdeltAggregates(
  a: GdeltAggregate,
  b: GdeltAggregate,
  options: Pick<GdeltOptions, 'maxRejects' | 'maxEventIdsPerEngagement' | 'codebook'> = {},
): GdeltAggregate {
  return new GdeltAccumulator({
    ...options,
    trackOf: () => null,
    maxRejects: options.maxRejects ?? Math.max(a.rejects.limit, b.rejects.limit),
  })
    .absorb(a)
    .absorb(b)
    .result();
}

// ---------------------------------------------------------------------------------------------------
// Views derived from an aggregate

export interface GdeltTrackPairMonth extends EventStats {
  readonly sourceTrack: TrackId | null;
  readonly targetTrack: TrackId | null;
  readonly month: string;
}

/** Interactions added up per (source actor's track, target actor's track, month); null = no track. */
export function interactionsByTrackPair(aggregate: GdeltAggregate): GdeltTrackPairMonth[] {
  const trackOf = new Map(aggregate.actors.map((a) => [a.id, a.track]));
  const pairs = new Map<
    string,
    { sourceTrack: TrackId | null; targetTrack: TrackId | null; month: string; s: Stats }
  >();
  for (const i of aggregate.interactions) {
    const sourceTrack = trackOf.get(i.source) ?? null;
    const targetTrack = trackOf.get(i.target) ?? null;
    const key = (sourceTrack ?? '-') + SEP + (targetTrack ?? '-') + SEP + i.month;
    let entry = pairs.get(key);
    if (!entry) {
      entry = { sourceTrack, targetTrack, month: i.month, s: newStats() };
      pairs.set(key, entry);
    }
    addStats(entry.s, statsOf(i));
  }
  return [...pairs.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([, e]) => ({
      sourceTrack: e.sourceTrack,
      targetTrack: e.targetTrack,
      month: e.month,
      ...finishStats(e.s),
    }));
}

export interface GdeltPairSeriesPoint extends EventStats, CooperationConflict {
  /** The two parties: [from, to] when directed, else in code order. */
  readonly parties: readonly [string, string];
  readonly month: string;
}

/**
 * The monthly cooperation–conflict series of each pair of parties; undirected by default (events
 * from A to B and from B to A together), directed with `{ directed: true }`.
 */
export function partyPairSeries(
  aggregate: GdeltAggregate,
  options: { directed?: boolean } = {},
): GdeltPairSeriesPoint[] {
  const series = new Map<string, { parties: [string, string]; month: string; s: Stats }>();
  for (const p of aggregate.parties) {
    const parties: [string, string] = options.directed || p.from <= p.to ? [p.from, p.to] : [p.to, p.from];
    const key = parties[0] + SEP + parties[1] + SEP + p.month;
    let entry = series.get(key);
    if (!entry) {
      entry = { parties, month: p.month, s: newStats() };
      series.set(key, entry);
    }
    addStats(entry.s, statsOf(p));
  }
  return [...series.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([, e]) => {
      const stats = finishStats(e.s);
      return { parties: e.parties, month: e.month, ...stats, ...cooperationConflict(stats.quadClass) };
    });
}

export interface GdeltSummary {
  readonly files: readonly GdeltFileInfo[];
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsRejected: number;
  readonly rejectsByKind: Readonly<Partial<Record<GdeltRejectKind, number>>>;
  readonly rejects: readonly GdeltReject[];
  readonly actors: number;
  /** Actors per track ("none" for actors trackOf gave no track). */
  readonly actorsByTrack: Readonly<Record<string, number>>;
  readonly interactions: number;
  readonly oneSided: number;
  readonly partyMonths: number;
  readonly engagements: number;
  readonly months: readonly string[];
}

/** What `--json` prints: counts, the first rejects with their reasons, and the months covered. */
export function gdeltSummary(aggregate: GdeltAggregate): GdeltSummary {
  const byTrack = new Map<string, number>();
  for (const a of aggregate.actors) byTrack.set(a.track ?? 'none', (byTrack.get(a.track ?? 'none') ?? 0) + 1);
  return {
    files: aggregate.files,
    rowsRead: aggregate.rows.read,
    rowsUsed: aggregate.rows.used,
    rowsRejected: aggregate.rows.rejected,
    rejectsByKind: aggregate.rejects.byKind,
    rejects: aggregate.rejects.first,
    actors: aggregate.actors.length,
    actorsByTrack: Object.fromEntries([...byTrack.entries()].sort(([a], [b]) => cmp(a, b))),
    interactions: aggregate.interactions.length,
    oneSided: aggregate.oneSided.length,
    partyMonths: aggregate.parties.length,
    engagements: aggregate.engagements.length,
    months: aggregate.months,
  };
}
