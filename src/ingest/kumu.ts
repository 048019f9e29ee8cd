/**
 * Kumu (kumu.io) maps in Kumu's two-sheet spreadsheet layout, as CSV: an elements sheet and a
 * connections sheet, read into actors and links for an existing system, and written out of a system.
 *
 * Reading. Headers are matched in any order and case; a BOM, CRLF, a semicolon or tab delimiter and
 * quoted cells with line breaks are fine. Every element becomes an actor. Its sector comes from a
 * `Sector` column holding one of our sector ids, else from the words of its Type, its Sector text or its
 * Tags (NGO, Ministry, Newspaper, Church, Foundation, University, Think tank, Movement, Community, …),
 * else it is `unclassified`; its kind is from a `Kind` column, else person when the Type names a person
 * (Person, Individual, Journalist, Diplomat, …), else organisation; `originalType` keeps the Kumu Type
 * (or an `Original Type` column, which our own export writes).
 * An `Official Role`, `Party` (a party of the map or the system) and `Country` column fill those fields.
 * Its id is the element's ID when that is a valid id, else a slug of its ID or Label, made unique within
 * the import and against `existingIds` with suffixes -2, -3, … in row order. Columns we do not map
 * (Kumu fields such as Strength, Image or Website, and tags that are not one of our sectors or tracks)
 * are kept in the record's `notes`, one "Column: value" line each.
 *
 * A connection's From and To name an element by its ID (when the sheet has an ID column) or its Label,
 * exactly, else by its Label in any case; "A|B" names several elements, as in Kumu. A connection type
 * we know (funds, member of, Feeds_into, …) becomes that link type when its two ends may carry it
 * (LINK_TYPES); anything else becomes a `related` link whose `label` is the Kumu type. Our links are
 * directed: a connection whose Direction is undirected or mutual keeps it visible in the link's
 * `description`, as a last paragraph "Kumu direction: mutual". The connection's Label is the link's
 * `name`.
 *
 * Problems are values, never exceptions, with the row a spreadsheet shows (the header is row 1): a
 * missing Label, a duplicate Label (or ID), a From or To that names no element, a date that is no date,
 * and malformed CSV (a quote that never closes: the row where it opens).
 *
 * Writing. Every party, actor, initiative, engagement and outcome is an element (ID, Label = name,
 * Type = the record type or the actor's originalType, Original Type, Record, Kind, Track, Sector,
 * Party, Official Role, Country, Tags = track and sector, Description); every link is a connection, and so is every relation
 * the records imply (engagement part-of initiative, participant participates-in engagement, outcome
 * produced-by and adopted-by initiative), marked Record = structural. Reading such an export back gives
 * its actors and links again: elements whose Record is party, initiative, engagement or outcome stand
 * for those records (by their ID) and are not imported as actors, and structural connections are
 * skipped. Cells that a spreadsheet would run as formulas are written with a leading apostrophe
 * (csv-sheet.ts), which reading removes.
 */
import type { z } from 'zod';
import type { ActorSchema } from '../domain/actor.js';
import { partialDateProblem } from '../domain/date.js';
import { ID_PATTERN } from '../domain/id.js';
import { LINK_TYPE_IDS, type LinkSchema, type LinkType, endpointAllowed } from '../domain/link.js';
import { SECTOR_IDS, type SectorId, sectorById } from '../domain/sector.js';
import type { System } from '../domain/system.js';
import { readSheet, type Sheet, type SheetRow, writeSheet } from './csv-sheet.js';
import { type GraphEdge, NODE_TYPES, type NodeType, systemGraph, trackText } from './graph.js';

export type ActorInput = z.input<typeof ActorSchema>;
export type LinkInput = z.input<typeof LinkSchema>;

export interface KumuProblem {
  readonly file: string;
  /** The row a spreadsheet shows: the header is row 1. */
  readonly row: number;
  /** The column, as Kumu names it (Label, From, …); empty for the sheet as a whole. */
  readonly field: string;
  readonly message: string;
}

export interface KumuReadOptions {
  /** The elements sheet's file name, for problems. */
  readonly elementsFile: string;
  readonly connectionsFile: string;
  /** Ids already used by the system the map is merged into; new ids avoid them. */
  readonly existingIds?: ReadonlySet<string>;
  /**
   * Actors the system already holds: an element whose ID is one of them stands for that actor (the
   * registry keeps its record; the element's other columns are not applied), so a map exported from a
   * system merges back into it without copies.
   */
  readonly existingActors?: ReadonlySet<string>;
}

export interface KumuReading {
  readonly actors: ActorInput[];
  readonly links: LinkInput[];
  readonly problems: KumuProblem[];
}

export interface KumuSheets {
  readonly elements: string;
  readonly connections: string;
}

// ---------------------------------------------------------------------------------------------------
// Words: how Kumu types, tags and headers are compared

/** Lower-case words without accents or punctuation: "Think-Tank (Policy)" → "think tank policy". */
function words(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function phrasePattern(phrases: readonly string[], plurals: boolean): RegExp {
  const forms = phrases.flatMap((p) => {
    const base = words(p);
    if (!plurals) return [base];
    return [base, `${base}s`, `${base}es`, ...(base.endsWith('y') ? [`${base.slice(0, -1)}ies`] : [])];
  });
  return new RegExp(
    `(?:^| )(?:${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?= |$)`,
  );
}

/**
 * Words that place an element in a sector, most specific first (a "religious foundation" is religious,
 * a "think tank" is no tank, "non-governmental" is an NGO before it is anything governmental).
 */
const SECTOR_WORDS: readonly (readonly [SectorId, RegExp])[] = (
  [
    [
      'former-official',
      'former official, retired official, former diplomat, retired diplomat, former minister, elder statesman',
    ],
    [
      'armed-group',
      'armed group, armed movement, rebel, rebel group, insurgent, insurgency, militia, guerrilla, guerilla, paramilitary, liberation movement, liberation front',
    ],
    ['think-tank', 'think tank, thinktank, policy institute, policy centre, policy center'],
    ['diaspora', 'diaspora'],
    ['conflict-resolution', 'conflict resolution, mediator, mediation, facilitator, facilitation'],
    [
      'igo',
      'igo, intergovernmental, inter governmental, international organisation, international organization, united nations, un agency, un, regional organisation, regional organization',
    ],
    [
      'ngo',
      'ngo, ingo, non governmental, nongovernmental, non profit, nonprofit, not for profit, charity, civil society, civil society organisation, civil society organization, cso',
    ],
    [
      'religious',
      'religious, religion, faith, faith based, church, mosque, synagogue, temple, clergy, interfaith, diocese, imam, bishop, rabbi, priest, monastery',
    ],
    [
      'funder',
      'foundation, donor, funder, philanthropy, philanthropic, philanthropist, grant maker, grantmaker, trust fund',
    ],
    [
      'media',
      'media, newspaper, news, news agency, journalist, journalism, press, broadcaster, broadcasting, television, tv, radio, magazine, outlet, blogger',
    ],
    [
      'research',
      'university, research institute, research institution, research centre, research center, research, researcher, laboratory',
    ],
    ['education', 'school, education, educator, teacher, training, peace education'],
    ['academic', 'academic, academia, scholar, professor, lecturer'],
    ['military', 'military, army, armed forces, navy, air force, defence, defense'],
    [
      'legislature',
      'parliament, parliamentarian, legislature, legislative, legislator, member of parliament, mp, senate, senator, congress',
    ],
    ['judiciary', 'judiciary, judicial, court, judge, tribunal, prosecutor'],
    [
      'government',
      'government, gov, governmental, ministry, minister, ministerial, state department, foreign office, embassy, ambassador, diplomat, envoy, head of state, head of government, official, civil servant, agency',
    ],
    [
      'business',
      'business, company, corporation, corporate, firm, enterprise, private sector, industry, chamber of commerce, bank, multinational, startup, employer',
    ],
    [
      'activist',
      'activist, activism, movement, social movement, campaign, campaigner, advocacy, advocate, protest, protester, human rights defender',
    ],
    [
      'citizen',
      'community, citizen, grassroots, resident, villager, local community, community group, volunteer',
    ],
  ] as const
).map(([sector, phrases]) => [sector, phrasePattern(phrases.split(', '), true)] as const);

/** Kumu types that name one person (singular only: "Journalists" is a group). */
const PERSON_WORDS = phrasePattern(
  'person, individual, journalist, diplomat, ambassador, envoy, minister, politician, scholar, professor, researcher, activist, mediator, senator, judge, philanthropist, leader, negotiator'.split(
    ', ',
  ),
  false,
);

/** The sector the words of a type, tag or sector text name, if any. */
export function sectorOfText(text: string): SectorId | undefined {
  const w = words(text);
  if (w === '') return undefined;
  return SECTOR_WORDS.find(([, pattern]) => pattern.test(w))?.[0];
}

/** One of our sector ids, written in any case with spaces or underscores ("Think tank" → think-tank). */
function sectorId(text: string): SectorId | undefined {
  const id = words(text).replace(/ /g, '-');
  return (SECTOR_IDS as readonly string[]).includes(id) ? (id as SectorId) : undefined;
}

/** A link type written in any case, with spaces, underscores or hyphens ("Member of" → member-of). */
export function linkTypeOf(text: string): LinkType | undefined {
  const id = words(text).replace(/ /g, '-');
  const alias = id === 'legitimizes' ? 'legitimises' : id;
  return (LINK_TYPE_IDS as readonly string[]).includes(alias) ? (alias as LinkType) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Ids

const MAX_ID = 128;
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** A record id from any text: lower-case ASCII letters, digits, ".", "_" and "-"; empty when none is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßđðłþıħ]/g, (c) => UNDECOMPOSED[c] ?? '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, MAX_ID)
    .replace(/[-._]+$/, '');
}

/** `base`, or the first of base-2, base-3, … that is not taken (cut to fit the id length). */
function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ID - suffix.length).replace(/[-._]+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------------------------------------------
// Columns

interface Columns<F extends string> {
  readonly index: Readonly<Partial<Record<F, number>>>;
  /** Columns no field claims, with the header as written. */
  readonly extra: readonly { readonly index: number; readonly name: string }[];
}

function columns<F extends string>(
  header: readonly string[],
  aliases: Readonly<Record<F, readonly string[]>>,
): Columns<F> {
  const keys = header.map(words);
  const claimed = new Set<number>();
  const index: Partial<Record<F, number>> = {};
  for (const field of Object.keys(aliases) as F[]) {
    for (const alias of aliases[field]) {
      const i = keys.findIndex((k, j) => k === alias && !claimed.has(j));
      if (i >= 0) {
        index[field] = i;
        claimed.add(i);
        break;
      }
    }
  }
  const extra = header.flatMap((h, i) =>
    claimed.has(i) ? [] : [{ index: i, name: h.trim() === '' ? `Column ${i + 1}` : h.trim() }],
  );
  return { index, extra };
}

function cell<F extends string>(row: SheetRow, cols: Columns<F>, field: F): string {
  const i = cols.index[field];
  return i === undefined ? '' : (row.cells[i] ?? '');
}

const ELEMENT_COLUMNS = {
  label: ['label', 'name'],
  id: ['id'],
  type: ['type', 'element type'],
  originalType: ['original type'],
  record: ['record'],
  kind: ['kind'],
  track: ['track'],
  sector: ['sector'],
  party: ['party'],
  officialRole: ['official role'],
  country: ['country'],
  tags: ['tags', 'tag'],
  description: ['description'],
} as const;
type ElementField = keyof typeof ELEMENT_COLUMNS;

const CONNECTION_COLUMNS = {
  id: ['id'],
  from: ['from'],
  to: ['to'],
  type: ['type', 'connection type'],
  direction: ['direction'],
  label: ['label', 'name'],
  record: ['record'],
  originalType: ['original type'],
  date: ['date', 'start', 'start date'],
  until: ['until', 'end', 'end date'],
  description: ['description'],
} as const;
type ConnectionField = keyof typeof CONNECTION_COLUMNS;

const ELEMENT_HEADER = [
  'ID',
  'Label',
  'Type',
  'Original Type',
  'Record',
  'Kind',
  'Track',
  'Sector',
  'Party',
  'Official Role',
  'Country',
  'Tags',
  'Description',
];
const CONNECTION_HEADER = [
  'ID',
  'From',
  'To',
  'Type',
  'Direction',
  'Label',
  'Record',
  'Original Type',
  'Date',
  'Until',
  'Description',
];

function blank(row: SheetRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}

/** "Column: value" lines for the cells no field claims. */
function extraLines(row: SheetRow, extra: Columns<string>['extra']): string[] {
  return extra.flatMap(({ index, name }) => {
    const value = row.cells[index] ?? '';
    return value.trim() === '' ? [] : [`${name}: ${value}`];
  });
}

function optional(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** Text as written, where only an empty cell means nothing (an Original Type may be a space). */
function nonEmpty(text: string): string | undefined {
  return text === '' ? undefined : text;
}

function splitTags(text: string): string[] {
  return text
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** Tags our own export writes: a sector id, a track ("Track 1.5") or "multi-track". */
function ownTag(tag: string): boolean {
  const w = words(tag);
  return sectorId(tag) !== undefined || /^track \d(?: 5)?$/.test(w) || w === 'multi track';
}

// ---------------------------------------------------------------------------------------------------
// Reading

type Endpoint = NodeType;

interface Element {
  readonly row: SheetRow;
  readonly label: string;
  readonly rawId: string;
  readonly recordType: Endpoint;
  id: string;
  /** An actor the system already holds (`existingActors`). */
  existing?: boolean;
}

/** Reads a Kumu map (elements and connections sheets as CSV) into actors and links. */
export function readKumu(elementsCsv: string, connectionsCsv: string, options: KumuReadOptions): KumuReading {
  const problems: KumuProblem[] = [];
  const elementProblem = (row: number, field: string, message: string) =>
    problems.push({ file: options.elementsFile, row, field, message });
  const connectionProblem = (row: number, field: string, message: string) =>
    problems.push({ file: options.connectionsFile, row, field, message });

  const elementSheet = readSheet(elementsCsv);
  const ecols = columns<ElementField>(elementSheet.header, ELEMENT_COLUMNS);
  if (ecols.index.label === undefined && elementsCsv.trim() !== '') {
    if (elementSheet.error) elementProblem(elementSheet.error.row, '', elementSheet.error.message);
    elementProblem(
      1,
      'Label',
      `the elements sheet has no Label column (its header: ${describeHeader(elementSheet)}); no element or connection is read`,
    );
    return { actors: [], links: [], problems };
  }

  // Pass 1: which rows are elements, and which records they stand for.
  const elements: Element[] = [];
  const byId = new Map<string, Element>();
  const byLabel = new Map<string, Element[]>();
  const byLowerLabel = new Map<string, Element[]>();
  const taken = new Set<string>(options.existingIds ?? []);
  for (const row of elementSheet.rows) {
    if (blank(row)) continue;
    const label = cell(row, ecols, 'label').trim();
    if (label === '') {
      elementProblem(row.row, 'Label', 'missing Label: every element needs one; the row is skipped');
      continue;
    }
    const rawId = cell(row, ecols, 'id').trim();
    const record = words(cell(row, ecols, 'record'));
    const recordType: Endpoint = (NODE_TYPES as readonly string[]).includes(record)
      ? (record as Endpoint)
      : 'actor';
    if (rawId !== '') {
      const first = byId.get(rawId);
      if (first) {
        elementProblem(
          row.row,
          'ID',
          `duplicate ID "${rawId}" (first on row ${first.row.row}); the row is skipped`,
        );
        continue;
      }
    } else {
      const first = byLabel.get(label)?.[0];
      if (first) {
        elementProblem(
          row.row,
          'Label',
          `duplicate Label "${label}" (first on row ${first.row.row}); the row is skipped, and connections naming "${label}" go to row ${first.row.row} (give the two elements an ID column to keep both)`,
        );
        continue;
      }
    }
    if (recordType !== 'actor' && !ID_PATTERN.test(rawId)) {
      elementProblem(
        row.row,
        'ID',
        `a ${recordType} element needs the id of the ${recordType} it stands for in its ID column; the row is skipped`,
      );
      continue;
    }
    const element: Element = { row, label, rawId, recordType, id: recordType === 'actor' ? '' : rawId };
    elements.push(element);
    if (rawId !== '') byId.set(rawId, element);
    push(byLabel, label, element);
    push(byLowerLabel, label.toLowerCase(), element);
    if (recordType !== 'actor') taken.add(rawId);
  }
  if (elementSheet.error) elementProblem(elementSheet.error.row, '', elementSheet.error.message);

  // Pass 2: ids for the actors, in row order.
  for (const element of elements) {
    if (element.recordType !== 'actor') continue;
    if (ID_PATTERN.test(element.rawId) && options.existingActors?.has(element.rawId)) {
      element.id = element.rawId;
      element.existing = true;
      continue;
    }
    const base = ID_PATTERN.test(element.rawId)
      ? element.rawId
      : slugify(element.rawId) || slugify(element.label) || 'actor';
    element.id = uniqueId(base, taken);
    taken.add(element.id);
  }
  const partyIds = new Set(elements.filter((e) => e.recordType === 'party').map((e) => e.id));
  const knownParty = (id: string) => partyIds.has(id) || (options.existingIds?.has(id) ?? false);

  const actors = elements
    .filter((e) => e.recordType === 'actor' && !e.existing)
    .map((e) => actorOf(e, ecols, knownParty));

  // Connections.
  const links: LinkInput[] = [];
  const connectionSheet = readSheet(connectionsCsv);
  const ccols = columns<ConnectionField>(connectionSheet.header, CONNECTION_COLUMNS);
  const missingColumns = (['from', 'to'] as const).filter((f) => ccols.index[f] === undefined);
  if (missingColumns.length > 0 && connectionsCsv.trim() !== '') {
    if (connectionSheet.error) {
      connectionProblem(connectionSheet.error.row, '', connectionSheet.error.message);
    }
    for (const f of missingColumns) {
      const name = f === 'from' ? 'From' : 'To';
      connectionProblem(
        1,
        name,
        `the connections sheet has no ${name} column (its header: ${describeHeader(connectionSheet)}); no connection is read`,
      );
    }
    return { actors, links, problems };
  }

  const resolve = (row: number, field: 'From' | 'To', text: string): Element[] | undefined => {
    const one = (name: string): Element[] => {
      const hit = byId.get(name);
      if (hit) return [hit];
      return byLabel.get(name) ?? byLowerLabel.get(name.toLowerCase()) ?? [];
    };
    const whole = one(text);
    const names = whole.length === 0 && text.includes('|') ? splitTags(text) : [text];
    const found: Element[] = [];
    let ok = true;
    for (const name of names) {
      const hits = names.length === 1 ? whole : one(name);
      if (hits.length === 0) {
        connectionProblem(row, field, `${field} "${name}" names no element of ${options.elementsFile}`);
        ok = false;
      } else if (hits.length > 1) {
        connectionProblem(
          row,
          field,
          `${field} "${name}" names ${hits.length} elements (rows ${hits.map((h) => h.row.row).join(', ')}); name one by its ID`,
        );
        ok = false;
      } else found.push(...hits);
    }
    return ok ? found : undefined;
  };

  for (const row of connectionSheet.rows) {
    if (blank(row)) continue;
    const record = words(cell(row, ccols, 'record'));
    if (record === 'structural') continue;
    const fromText = cell(row, ccols, 'from').trim();
    const toText = cell(row, ccols, 'to').trim();
    if (fromText === '')
      connectionProblem(row.row, 'From', 'missing From: a connection needs the element it starts at');
    if (toText === '')
      connectionProblem(row.row, 'To', 'missing To: a connection needs the element it ends at');
    if (fromText === '' || toText === '') continue;
    const froms = resolve(row.row, 'From', fromText);
    const tos = resolve(row.row, 'To', toText);
    if (!froms || !tos) continue;

    const notes = extraLines(row, ccols.extra);
    if (record !== '' && record !== 'link') notes.unshift(`Record: ${cell(row, ccols, 'record')}`);
    const date = dateOf(row, ccols, 'date', 'Date', notes, connectionProblem);
    const until = dateOf(row, ccols, 'until', 'Until', notes, connectionProblem);
    const typeText = cell(row, ccols, 'type').trim();
    const known = linkTypeOf(typeText);
    const originalType = nonEmpty(cell(row, ccols, 'originalType'));
    const direction = cell(row, ccols, 'direction').trim();
    const description = [
      optional(cell(row, ccols, 'description')),
      direction !== '' && words(direction) !== 'directed' ? `Kumu direction: ${direction}` : undefined,
    ].filter((d) => d !== undefined);
    const name = optional(cell(row, ccols, 'label').trim());
    const declaredId = cell(row, ccols, 'id').trim();

    for (const from of froms) {
      for (const to of tos) {
        const allowed =
          known !== undefined &&
          endpointAllowed(known, 'from', from.recordType) &&
          endpointAllowed(known, 'to', to.recordType);
        const type: LinkType = allowed ? known : 'related';
        const label =
          originalType ??
          (type === 'related' && typeText !== '' && known !== 'related' ? typeText : undefined);
        const defaultId = `${from.id}--${type}--${to.id}`;
        let id: string | undefined;
        if (ID_PATTERN.test(declaredId) || taken.has(defaultId)) {
          id = uniqueId(ID_PATTERN.test(declaredId) ? declaredId : defaultId, taken);
          taken.add(id);
        } else taken.add(defaultId);
        links.push({
          ...(id === undefined ? {} : { id }),
          type,
          from: from.id,
          to: to.id,
          ...(name === undefined ? {} : { name }),
          ...(label === undefined ? {} : { label }),
          ...(date === undefined ? {} : { date }),
          ...(until === undefined ? {} : { until }),
          ...(description.length === 0 ? {} : { description: description.join('\n\n') }),
          ...(notes.length === 0 ? {} : { notes: notes.join('\n') }),
        });
      }
    }
  }
  if (connectionSheet.error) connectionProblem(connectionSheet.error.row, '', connectionSheet.error.message);
  return { actors, links, problems };
}

function describeHeader(sheet: Sheet): string {
  return sheet.header.length === 0 ? 'empty' : sheet.header.map((h) => JSON.stringify(h)).join(', ');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dateOf(
  row: SheetRow,
  cols: Columns<ConnectionField>,
  field: 'date' | 'until',
  name: string,
  notes: string[],
  problem: (row: number, field: string, message: string) => void,
): string | undefined {
  const text = cell(row, cols, field).trim();
  if (text === '') return undefined;
  const why = partialDateProblem(text);
  if (why === undefined) return text;
  problem(row.row, name, `${why}; the link is read without it (the text is kept in its notes)`);
  notes.push(`${name}: ${text}`);
  return undefined;
}

function actorOf(e: Element, cols: Columns<ElementField>, knownParty: (id: string) => boolean): ActorInput {
  const { row } = e;
  const notes: string[] = [];
  const type = cell(row, cols, 'type').trim();
  const record = cell(row, cols, 'record').trim();
  if (record !== '' && words(record) !== 'actor') notes.push(`Record: ${record}`);

  const sectorText = cell(row, cols, 'sector').trim();
  const tags = splitTags(cell(row, cols, 'tags'));
  const declared = sectorId(sectorText);
  const sector: SectorId =
    declared ??
    sectorOfText(type) ??
    sectorOfText(sectorText) ??
    tags.map(sectorOfText).find((t) => t !== undefined) ??
    'unclassified';
  if (sectorText !== '' && declared === undefined) notes.push(`Sector: ${sectorText}`);
  const foreignTags = tags.filter((t) => !ownTag(t));
  if (foreignTags.length > 0) notes.push(`Tags: ${foreignTags.join(' | ')}`);

  const kindText = words(cell(row, cols, 'kind'));
  const kind =
    kindText === 'person' || kindText === 'individual'
      ? 'person'
      : kindText === 'organisation' || kindText === 'organization'
        ? 'organisation'
        : PERSON_WORDS.test(words(type))
          ? 'person'
          : 'organisation';
  if (kindText !== '' && !['person', 'individual', 'organisation', 'organization'].includes(kindText)) {
    notes.push(`Kind: ${cell(row, cols, 'kind').trim()}`);
  }

  const track = cell(row, cols, 'track').trim();
  const home = sectorById(sector).homeTrack;
  if (track !== '' && track !== trackText(home ?? undefined)) notes.push(`Track: ${track}`);

  const partyText = cell(row, cols, 'party').trim();
  const party = partyText !== '' && knownParty(partyText) ? partyText : undefined;
  if (partyText !== '' && party === undefined) notes.push(`Party: ${partyText}`);

  notes.push(...extraLines(row, cols.extra));
  // An Original Type column (our own export has one) says it exactly; else the Kumu Type is the original.
  const originalType =
    cols.index.originalType === undefined ? optional(type) : nonEmpty(cell(row, cols, 'originalType'));
  const country = optional(cell(row, cols, 'country').trim());
  const officialRole = optional(cell(row, cols, 'officialRole').trim());
  const description = optional(cell(row, cols, 'description'));
  return {
    id: e.id,
    name: e.label,
    kind,
    sector,
    ...(party === undefined ? {} : { party }),
    ...(officialRole === undefined ? {} : { officialRole }),
    ...(country === undefined ? {} : { country }),
    ...(originalType === undefined ? {} : { originalType }),
    ...(description === undefined ? {} : { description }),
    ...(notes.length === 0 ? {} : { notes: notes.join('\n') }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** The Kumu connection type of an edge: its link type, or a related link's original type. */
function connectionType(edge: GraphEdge): string {
  if (edge.type !== 'related') return edge.type;
  // A label that reads as one of our types would come back as that type: write "related" instead.
  return edge.label !== undefined && edge.label.trim() !== '' && linkTypeOf(edge.label) === undefined
    ? edge.label
    : 'related';
}

/** The system as a Kumu map: elements and connections sheets as CSV. */
export function writeKumu(system: System): KumuSheets {
  const { nodes, edges } = systemGraph(system);
  const elements = nodes.map((n) => {
    const track = trackText(n.track);
    return [
      n.id,
      n.name,
      n.type === 'actor' ? (n.originalType ?? 'actor') : n.type,
      n.originalType,
      n.type,
      n.kind,
      track,
      n.sector,
      n.party,
      n.officialRole,
      n.country,
      [track, n.sector].filter((t) => t !== undefined).join('|'),
      n.description,
    ];
  });
  const connections = edges.map((e) =>
    e.relation === 'link'
      ? [
          e.declaredId,
          e.source,
          e.target,
          connectionType(e),
          'directed',
          e.name,
          'link',
          e.label,
          e.date,
          e.until,
          e.description,
        ]
      : [
          undefined,
          e.source,
          e.target,
          e.type,
          'directed',
          [e.capacity, e.role].filter((t) => t !== undefined).join(', '),
          'structural',
          undefined,
          e.date,
          undefined,
          undefined,
        ],
  );
  return {
    elements: writeSheet(ELEMENT_HEADER, elements),
    connections: writeSheet(CONNECTION_HEADER, connections),
  };
}
