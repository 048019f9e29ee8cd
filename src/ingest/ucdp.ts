/**
 * UCDP data read into system documents (the input shape of `SystemSchema`), one per UCDP conflict, id
 * `ucdp-<conflict_id>`: the UCDP/PRIO Armed Conflict Dataset (conflict-years with their intensity) gives
 * each conflict its parties and a stage history; the UCDP Peace Agreement Dataset adds the agreements as
 * outcomes of a Track 1 initiative, with their third parties classified. `linkPaxToUcdp` gives PA-X
 * systems (pax.ts) the stage history of the UCDP conflict they name. Pure: text in, documents out.
 *
 * Stage history (`ucdpStageHistory`), from the conflict-years in year order. An episode starts with the
 * first year, after a year with `ep_end` = 1, after a gap in the years, or when `start_date2` (the start
 * of the current episode) changes.
 * - A year at intensity 2 (1,000+ battle-related deaths) is war.
 * - A year at intensity 1 (25–999) is escalation when it starts an episode or follows an escalation year,
 *   and de-escalation when it follows a war year or a de-escalation year.
 * - A period starts in the first year of a run of the same stage, dated `start_date2` when an episode
 *   starts with it in that year, else the year ("1978").
 * - When a year has `ep_end` = 1, post-conflict starts on `ep_end_date` (or in that year).
 * - Before the first episode: escalation from `start_date` (the first battle-related death) when that is
 *   before the episode starts — violence below the 25-deaths threshold.
 * - A date never goes back: one that would precede the stage before it is moved to that stage's start.
 * Latent never comes out of UCDP: the data record armed conflict only.
 *
 * Parties. Sides A and B (and the secondary sides, states and groups supporting them) of every year,
 * one party each: "Government of …" → state; any other name → armed-group. UCDP lists several actors of
 * a side in one cell with their ids in another, not in the same order, so ids are paired with names only
 * where that is certain: a cell with one id; the dyadic file's rows (optional, `dyadicText`); and by
 * elimination within a row — all within one conflict, as acronyms name different actors in different
 * conflicts (ELN is 744 in Colombia, 721 and 748 elsewhere). A name whose id stays unknown keeps its name
 * alone (notes say so, with the ids it may have).
 *
 * Agreements (`readUcdpAgreements`): one system per conflict in `conflict_id` (an agreement of two
 * conflicts is in both). One initiative per UCDP peace process (`procID`), else per conflict, declared
 * Track 1: UCDP records only agreements signed by warring parties — governments and the leaders of armed
 * groups acting officially — so their agreements are binding (rules/authority). Signatories
 * (`actor_name`, `actor_id`, paired by position when their counts match) are the initiative's parties.
 * Scope: one state and no IGO → domestic; two states only → bilateral; otherwise multilateral. Kind:
 * agreement; `pa_type` (1 full, 2 partial, 3 peace process) and `ended` go to the notes. Third parties
 * (`pa_3rd`) are split and classified as PA-X's are (pax.ts): classified → actor, unknown → an
 * `unclassified` actor that keeps the text and is listed in the report, no-actor → nothing; each
 * `convenes` the initiative when its text, its heading or a sentence of the `c_3rd` comment that names it
 * speaks of mediation, facilitation, hosting or brokering, else `participates-in`. With `conflicts` (from
 * `readUcdpConflicts`) the conflict, its stage history and parties come from there; without, or for a
 * conflict not in them, the conflict is built from the agreements with de-escalation from the first one
 * (noted, and counted in the report).
 *
 * `mergeUcdpSystems` puts both readers' systems together, one per conflict (the agreements' system,
 * which holds the conflict-years too, where there is one).
 *
 * Rows are accepted or rejected with their row number (header = row 1) and reason.
 */
import type { Stage } from '../domain/conflict.js';
import { certainlyBefore, compareDates, partialDateProblem } from '../domain/date.js';
import type { PartyKind } from '../domain/party.js';
import type { Scope } from '../domain/initiative.js';
import type { SystemInput } from '../domain/system.js';
import { readSheet, type SheetRow } from './csv-sheet.js';
import {
  type ActorInput,
  type ActorTextClassifier,
  type ConflictInput,
  type InitiativeInput,
  type ItemCounts,
  ItemTally,
  type LinkInput,
  type OutcomeInput,
  type PartyInput,
  type RowProblem,
  type SourceInput,
  type StagePeriodInput,
  actorKind,
  entityKey,
  entityName,
  fitId,
  memoise,
  partyKindOf,
  sectorOf,
  slugOf,
  splitActorItems,
  thirdPartyRole,
} from './pax.js';

// ---------------------------------------------------------------------------------------------------
// Stage history

export interface ConflictYear {
  readonly year: number;
  readonly intensity: 1 | 2;
  /** start_date2: when the current episode reached 25 battle-related deaths. */
  readonly episodeStart?: string;
  /** ep_end = 1: the episode ends this year. */
  readonly episodeEnd: boolean;
  readonly episodeEndDate?: string;
}

export interface YearStage {
  readonly year: number;
  readonly intensity: 1 | 2;
  readonly stage: Stage;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The stage history of a conflict from its conflict-years (see the module comment), and each year's stage. */
export function ucdpStageHistory(
  years: readonly ConflictYear[],
  firstDeath?: string,
): { stages: StagePeriodInput[]; yearly: YearStage[] } {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const stages: StagePeriodInput[] = [];
  const yearly: YearStage[] = [];
  const push = (stage: Stage, from: string, note: string) => {
    const last = stages[stages.length - 1];
    const date = last && certainlyBefore(from, String(last.from)) ? String(last.from) : from;
    stages.push({ stage, from: date, note });
  };
  const first = sorted[0];
  if (first && firstDeath !== undefined) {
    const episodeFrom =
      first.episodeStart && yearOf(first.episodeStart) === first.year
        ? first.episodeStart
        : String(first.year);
    if (certainlyBefore(firstDeath, episodeFrom)) {
      push(
        'escalation',
        firstDeath,
        `first battle-related death (UCDP start_date); 25 deaths in a year from ${episodeFrom}`,
      );
    }
  }
  let previous: ConflictYear | undefined;
  let yearStage: Stage | undefined;
  for (const y of sorted) {
    const newEpisode =
      previous === undefined ||
      previous.episodeEnd ||
      y.year > previous.year + 1 ||
      (y.episodeStart !== undefined &&
        previous.episodeStart !== undefined &&
        y.episodeStart !== previous.episodeStart);
    const stage: Stage =
      y.intensity === 2
        ? 'war'
        : newEpisode
          ? 'escalation'
          : yearStage === 'war' || yearStage === 'de-escalation'
            ? 'de-escalation'
            : 'escalation';
    const current = stages[stages.length - 1]?.stage;
    if (stage !== current) {
      const from =
        newEpisode && y.episodeStart !== undefined && yearOf(y.episodeStart) === y.year
          ? y.episodeStart
          : String(y.year);
      const gap =
        previous && !previous.episodeEnd && y.year > previous.year + 1
          ? ` (no data for ${previous.year + 1}–${y.year - 1})`
          : '';
      const note =
        stage === 'war'
          ? `intensity 2 (1,000+ battle-related deaths) in ${y.year}`
          : stage === 'de-escalation'
            ? `intensity falls from 2 to 1 (25–999 battle-related deaths) in ${y.year}`
            : newEpisode
              ? `an episode starts: intensity 1 (25–999 battle-related deaths) in ${y.year}${gap}`
              : `intensity 1 in ${y.year}`;
      push(stage, from, note);
    }
    yearly.push({ year: y.year, intensity: y.intensity, stage });
    yearStage = stage;
    if (y.episodeEnd) {
      const from =
        y.episodeEndDate && yearOf(y.episodeEndDate) === y.year ? y.episodeEndDate : String(y.year);
      push('post-conflict', from, `the episode ends (UCDP ep_end) ${from.length > 4 ? 'on' : 'in'} ${from}`);
    }
    previous = y;
  }
  return { stages, yearly };
}

// ---------------------------------------------------------------------------------------------------
// Cells

const NA = /^(?:|na|n\/a|none)$/i;

/** Splits a UCDP list cell at commas outside parentheses. */
export function splitUcdpList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '' && !NA.test(s));
}

const ids = (cell: string) =>
  cell
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !NA.test(s));

function columnsOf(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (name !== '' && !index.has(name)) index.set(name, i);
  });
  return index;
}

const cellOf = (index: Map<string, number>, row: SheetRow) => (name: string) => {
  const i = index.get(name.toLowerCase());
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
};

const isGovernment = (name: string) => /^government of\b/i.test(name);

// ---------------------------------------------------------------------------------------------------
// Conflicts

export type UcdpSide = 'A' | 'B' | 'A (secondary)' | 'B (secondary)';

export interface UcdpParty {
  readonly name: string;
  /** The UCDP actor id, when it could be paired with the name for certain. */
  readonly ucdpId?: string;
  readonly side: UcdpSide;
  readonly kind: PartyKind;
  readonly firstYear: number;
  readonly lastYear: number;
  /** Ids the name may have, when it could not be paired for certain. */
  readonly candidateIds?: readonly string[];
}

export interface UcdpConflict {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly incompatibility: string;
  readonly territory: string;
  readonly typeOfConflict: string;
  readonly version: string;
  readonly startDate?: string;
  readonly years: readonly ConflictYear[];
  readonly yearly: readonly YearStage[];
  readonly stages: readonly StagePeriodInput[];
  readonly parties: readonly UcdpParty[];
}

export interface UcdpConflictsReport {
  readonly file: string;
  readonly rowsRead: number;
  readonly rejected: RowProblem[];
  readonly conflicts: number;
  readonly conflictYears: number;
  /** Parties of all conflicts (sides A and B and the secondary sides, which UCDP gives no ids). */
  readonly parties: number;
  /** Parties of side A or B whose UCDP id could not be paired with their name for certain. */
  readonly partiesWithoutId: number;
  readonly error?: RowProblem;
}

export interface UcdpConflictsResult {
  readonly conflicts: UcdpConflict[];
  readonly systems: SystemInput[];
  readonly report: UcdpConflictsReport;
}

export interface UcdpConflictsOptions {
  readonly file: string;
  /** The UCDP dyadic dataset, to pair actor names with ids (optional). */
  readonly dyadicText?: string;
  readonly owner?: string;
}

const TYPES_OF_CONFLICT: Readonly<Record<string, string>> = {
  '1': 'extrasystemic',
  '2': 'interstate',
  '3': 'intrastate',
  '4': 'internationalised intrastate',
};

interface AcdRow {
  readonly row: number;
  readonly conflictId: string;
  readonly year: ConflictYear;
  readonly location: string;
  readonly incompatibility: string;
  readonly territory: string;
  readonly typeOfConflict: string;
  readonly version: string;
  readonly startDate?: string;
  readonly sides: { side: UcdpSide; names: string; ids: string }[];
}

function dateCell(value: string, column: string): string | undefined | Error {
  if (value === '' || NA.test(value)) return undefined;
  const problem = partialDateProblem(value);
  return problem ? new Error(`${column}: ${problem}`) : value;
}

function readAcdRow(
  row: SheetRow,
  cell: (name: string) => string,
  seen: Map<string, number>,
): AcdRow | string {
  const conflictId = cell('conflict_id');
  if (!/^\d+$/.test(conflictId)) return `conflict_id ${JSON.stringify(conflictId)} is not a number`;
  const yearText = cell('year');
  if (!/^\d{4}$/.test(yearText))
    return `conflict ${conflictId}: year ${JSON.stringify(yearText)} is not a year`;
  const key = `${conflictId}/${yearText}`;
  const first = seen.get(key);
  if (first !== undefined) return `conflict ${conflictId}, ${yearText}: already on row ${first}`;
  const intensity = cell('intensity_level');
  if (intensity !== '1' && intensity !== '2') {
    return `conflict ${conflictId}, ${yearText}: intensity_level ${JSON.stringify(intensity)} is neither 1 nor 2`;
  }
  const epEnd = cell('ep_end');
  if (!['', '0', '1'].includes(epEnd))
    return `conflict ${conflictId}, ${yearText}: ep_end ${JSON.stringify(epEnd)} is neither 0 nor 1`;
  const dates: Record<string, string | undefined> = {};
  for (const column of ['start_date', 'start_date2', 'ep_end_date']) {
    const d = dateCell(cell(column), column);
    if (d instanceof Error) return `conflict ${conflictId}, ${yearText}: ${d.message}`;
    dates[column] = d;
  }
  if (cell('side_a') === '') return `conflict ${conflictId}, ${yearText}: side_a is empty`;
  seen.set(key, row.row);
  const episodeStart = dates.start_date2;
  const episodeEndDate = dates.ep_end_date;
  return {
    row: row.row,
    conflictId,
    year: {
      year: Number(yearText),
      intensity: intensity === '2' ? 2 : 1,
      ...(episodeStart ? { episodeStart } : {}),
      episodeEnd: epEnd === '1',
      ...(episodeEndDate ? { episodeEndDate } : {}),
    },
    location: cell('location'),
    incompatibility: cell('incompatibility'),
    territory: cell('territory_name'),
    typeOfConflict: cell('type_of_conflict'),
    version: cell('version'),
    ...(dates.start_date ? { startDate: dates.start_date } : {}),
    sides: [
      { side: 'A', names: cell('side_a'), ids: cell('side_a_id') },
      { side: 'B', names: cell('side_b'), ids: cell('side_b_id') },
      { side: 'A (secondary)', names: cell('side_a_2nd'), ids: '' },
      { side: 'B (secondary)', names: cell('side_b_2nd'), ids: '' },
    ],
  };
}

/** Names of one side cell: the whole cell when it has one id, else split at commas outside parentheses. */
function sideNames(names: string, idList: readonly string[]): string[] {
  if (idList.length === 1) return NA.test(names.trim()) ? [] : [names.replace(/\s+/g, ' ').trim()];
  return splitUcdpList(names);
}

/** Certain name → id pairs of one conflict, from cells with one id and the dyadic file. */
function pairIds(rows: readonly { names: string; ids: string }[]): {
  known: Map<string, string>;
  candidates: Map<string, Set<string>>;
} {
  const known = new Map<string, string>();
  const conflicting = new Set<string>();
  const learn = (name: string, id: string) => {
    const had = known.get(name);
    if (had !== undefined && had !== id) conflicting.add(name);
    else known.set(name, id);
  };
  for (const r of rows) {
    const list = ids(r.ids);
    if (list.length === 1 && list[0] !== undefined) {
      const [name] = sideNames(r.names, list);
      if (name) learn(name, list[0]);
    }
  }
  const candidates = new Map<string, Set<string>>();
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rows) {
      const list = ids(r.ids);
      if (list.length < 2) continue;
      const names = sideNames(r.names, list);
      if (names.length !== list.length) continue;
      const usedIds = new Set(names.map((n) => known.get(n)).filter((id) => id !== undefined));
      const openNames = names.filter((n) => !known.has(n));
      const openIds = list.filter((id) => !usedIds.has(id));
      if (openNames.length === 1 && openIds.length === 1 && openNames[0] && openIds[0]) {
        learn(openNames[0], openIds[0]);
        changed = true;
      } else {
        for (const n of openNames) {
          const set = candidates.get(n) ?? new Set<string>();
          for (const id of openIds) set.add(id);
          candidates.set(n, set);
        }
      }
    }
  }
  for (const name of conflicting) known.delete(name);
  return { known, candidates };
}

function conflictParties(
  rows: readonly AcdRow[],
  dyads: readonly { names: string; ids: string }[],
): UcdpParty[] {
  const { known, candidates } = pairIds([
    ...rows.flatMap((r) => r.sides.filter((s) => s.ids !== '')),
    ...dyads,
  ]);
  const parties = new Map<string, { name: string; side: UcdpSide; first: number; last: number }>();
  for (const r of rows) {
    for (const s of r.sides) {
      for (const name of sideNames(s.names, ids(s.ids))) {
        const p = parties.get(name);
        if (p) {
          p.first = Math.min(p.first, r.year.year);
          p.last = Math.max(p.last, r.year.year);
        } else parties.set(name, { name, side: s.side, first: r.year.year, last: r.year.year });
      }
    }
  }
  return [...parties.values()]
    .map((p): UcdpParty => {
      const ucdpId = known.get(p.name);
      const open = candidates.get(p.name);
      return {
        name: p.name,
        ...(ucdpId ? { ucdpId } : {}),
        side: p.side,
        kind: isGovernment(p.name) ? 'state' : 'armed-group',
        firstYear: p.first,
        lastYear: p.last,
        ...(!ucdpId && open ? { candidateIds: [...open].sort() } : {}),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Party ids of a system: `party-<slug>`, with the UCDP id added where two names share a slug. */
function partyIds(parties: readonly { name: string; ucdpId?: string }[]): Map<string, string> {
  const bySlug = new Map<string, { name: string; ucdpId?: string }[]>();
  for (const p of parties) {
    const slug = slugOf(p.name);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), p]);
  }
  const out = new Map<string, string>();
  for (const [slug, list] of bySlug) {
    list.forEach((p, i) => {
      const suffix = list.length === 1 ? '' : `-${p.ucdpId ?? `n${i + 1}`}`;
      out.set(p.name, fitId('party-', `${slug}${suffix}`));
    });
  }
  return out;
}

const ACD_SOURCE_ID = 'ucdp-acd';

function acdSource(file: string, version: string): SourceInput {
  return {
    id: ACD_SOURCE_ID,
    title: `UCDP/PRIO Armed Conflict Dataset${version ? ` ${version}` : ''}`,
    publisher: 'Uppsala Conflict Data Program (UCDP) and Peace Research Institute Oslo (PRIO)',
    url: 'https://ucdp.uu.se/downloads/',
    note: `imported from ${file}; UCDP data are licensed CC BY 4.0: keep this credit`,
  };
}

function issuesOf(incompatibility: string, territory: string): ConflictInput['issues'] {
  const codes = new Set(ids(incompatibility));
  const issues: NonNullable<ConflictInput['issues']> = [];
  if (codes.has('1') || codes.has('3')) {
    issues.push({
      id: 'territory',
      name: territory ? `Territory: ${territory}` : 'Territory (UCDP incompatibility)',
    });
  }
  if (codes.has('2') || codes.has('3')) {
    issues.push({
      id: 'government',
      name: 'Government: the type of political system or its composition (UCDP incompatibility)',
    });
  }
  return issues;
}

function partyRecord(p: UcdpParty, id: string, source: string): PartyInput {
  const idNote = p.ucdpId
    ? `UCDP actor id ${p.ucdpId}`
    : p.candidateIds
      ? `UCDP actor id not paired for certain (one of ${p.candidateIds.join(', ')})`
      : 'no UCDP actor id';
  return {
    id,
    name: p.name,
    kind: p.kind,
    sources: [source],
    notes: `${idNote}; side ${p.side}; ${p.firstYear === p.lastYear ? p.firstYear : `${p.firstYear}–${p.lastYear}`}`,
  };
}

function conflictRecord(c: UcdpConflict, partyId: Map<string, string>): ConflictInput {
  const type = TYPES_OF_CONFLICT[c.typeOfConflict] ?? c.typeOfConflict;
  return {
    id: fitId('conflict-ucdp-', c.id),
    name: c.name,
    parties: [...new Set(c.parties.map((p) => partyId.get(p.name) as string))].sort(),
    issues: issuesOf(c.incompatibility, c.territory),
    stages: c.stages.map((s) => ({ ...s })),
    sources: [ACD_SOURCE_ID],
    notes: [
      `UCDP conflict ${c.id}${type ? `; type of conflict: ${type}` : ''}`,
      `yearly intensity (1 = 25–999, 2 = 1,000+ battle-related deaths): ${c.years.map((y) => `${y.year}:${y.intensity}`).join(' ')}`,
      'stage history from the conflict-years (ucdpStageHistory)',
    ].join('\n'),
  };
}

/** Reads the UCDP/PRIO Armed Conflict Dataset: one conflict (and one system) per conflict_id. */
export function readUcdpConflicts(acdText: string, options: UcdpConflictsOptions): UcdpConflictsResult {
  const sheet = readSheet(acdText);
  const index = columnsOf(sheet.header);
  const required = ['conflict_id', 'year', 'intensity_level', 'side_a', 'side_b'];
  const missing = required.filter((c) => !index.has(c));
  const rejected: RowProblem[] = [];
  if (missing.length > 0) {
    return {
      conflicts: [],
      systems: [],
      report: {
        file: options.file,
        rowsRead: 0,
        rejected,
        conflicts: 0,
        conflictYears: 0,
        parties: 0,
        partiesWithoutId: 0,
        error: { row: 1, reason: `not a UCDP/PRIO conflict file: missing column(s) ${missing.join(', ')}` },
      },
    };
  }
  const seen = new Map<string, number>();
  const byConflict = new Map<string, AcdRow[]>();
  let rowsRead = 0;
  for (const row of sheet.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    rowsRead++;
    const read = readAcdRow(row, cellOf(index, row), seen);
    if (typeof read === 'string') rejected.push({ row: row.row, reason: read });
    else byConflict.set(read.conflictId, [...(byConflict.get(read.conflictId) ?? []), read]);
  }
  const dyads = new Map<string, { names: string; ids: string }[]>();
  if (options.dyadicText !== undefined) {
    const dyadic = readSheet(options.dyadicText);
    const di = columnsOf(dyadic.header);
    for (const row of dyadic.rows) {
      const cell = cellOf(di, row);
      const id = cell('conflict_id');
      const list = dyads.get(id) ?? [];
      list.push(
        { names: cell('side_a'), ids: cell('side_a_id') },
        { names: cell('side_b'), ids: cell('side_b_id') },
      );
      dyads.set(id, list);
    }
  }

  const conflicts = [...byConflict.keys()]
    .sort((a, b) => Number(a) - Number(b))
    .map((id): UcdpConflict => {
      const rows = [...(byConflict.get(id) as AcdRow[])].sort((a, b) => a.year.year - b.year.year);
      const last = rows[rows.length - 1] as AcdRow;
      const years = rows.map((r) => r.year);
      const startDate = rows.find((r) => r.startDate)?.startDate;
      const { stages, yearly } = ucdpStageHistory(years, startDate);
      const territory = last.territory;
      return {
        id,
        name: `${last.location || `UCDP conflict ${id}`}: ${territory || 'Government'}`,
        location: last.location,
        incompatibility: last.incompatibility,
        territory,
        typeOfConflict: last.typeOfConflict,
        version: last.version,
        ...(startDate ? { startDate } : {}),
        years,
        yearly,
        stages,
        parties: conflictParties(rows, dyads.get(id) ?? []),
      };
    });

  const systems = conflicts.map((c): SystemInput => {
    const partyId = partyIds(c.parties);
    const parties = c.parties.map((p) => partyRecord(p, partyId.get(p.name) as string, ACD_SOURCE_ID));
    const first = c.years[0];
    const last = c.years[c.years.length - 1];
    return {
      multitrack: 1,
      id: fitId('ucdp-', c.id),
      name: `${c.name} (UCDP)`,
      description: `UCDP conflict ${c.id}, active in ${c.years.length} year(s) from ${first?.year} to ${last?.year}.`,
      convention: 'canonical',
      owner: options.owner ?? 'multitrack-import',
      conflict: conflictRecord(c, partyId),
      parties: parties.sort((a, b) => (a.id < b.id ? -1 : 1)),
      sources: [acdSource(options.file, c.version)],
    };
  });

  const allParties = conflicts.flatMap((c) => c.parties);
  return {
    conflicts,
    systems,
    report: {
      file: options.file,
      rowsRead,
      rejected,
      conflicts: conflicts.length,
      conflictYears: conflicts.reduce((n, c) => n + c.years.length, 0),
      parties: allParties.length,
      partiesWithoutId: allParties.filter((p) => (p.side === 'A' || p.side === 'B') && p.ucdpId === undefined)
        .length,
      ...(sheet.error ? { error: { row: sheet.error.row, reason: sheet.error.message } } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Agreements

export const UCDP_AGREEMENT_TYPES: Readonly<Record<string, string>> = {
  '1': 'full peace agreement',
  '2': 'partial peace agreement',
  '3': 'peace process agreement',
};

interface PaRow {
  readonly row: number;
  readonly paid: string;
  readonly conflictIds: readonly string[];
  readonly name: string;
  readonly date: string;
  readonly conflictName: string;
  readonly type: string;
  readonly ended: string;
  readonly procId: string;
  readonly actorNames: string;
  readonly actorIds: readonly string[];
  readonly thirdParties: string;
  readonly thirdPartyComment: string;
  readonly comment: string;
  readonly incompatibility: string;
}

function readPaRow(row: SheetRow, cell: (name: string) => string, seen: Map<string, number>): PaRow | string {
  const paid = cell('paid');
  if (!/^\d+$/.test(paid)) return `paid ${JSON.stringify(paid)} is not a number`;
  const first = seen.get(paid);
  if (first !== undefined) return `paid ${paid} is already on row ${first}`;
  const conflictIds = ids(cell('conflict_id'));
  if (conflictIds.length === 0 || !conflictIds.every((id) => /^\d+$/.test(id))) {
    return `agreement ${paid}: conflict_id ${JSON.stringify(cell('conflict_id'))} is not a list of conflict ids`;
  }
  const name = cell('pa_name').replace(/\s+/g, ' ').trim();
  if (name === '') return `agreement ${paid}: pa_name is empty`;
  const date = cell('pa_date');
  const problem = partialDateProblem(date);
  if (problem) return `agreement ${paid}: pa_date: ${problem}`;
  const type = cell('pa_type');
  if (type !== '' && !Object.hasOwn(UCDP_AGREEMENT_TYPES, type)) {
    return `agreement ${paid}: pa_type ${JSON.stringify(type)} is not 1, 2 or 3`;
  }
  seen.set(paid, row.row);
  return {
    row: row.row,
    paid,
    conflictIds: [...new Set(conflictIds)],
    name,
    date,
    conflictName: cell('conflict_name'),
    type,
    ended: cell('ended'),
    procId: NA.test(cell('procid')) ? '' : cell('procid'),
    actorNames: cell('actor_name'),
    actorIds: ids(cell('actor_id')),
    thirdParties: cell('pa_3rd'),
    thirdPartyComment: cell('c_3rd'),
    comment: cell('pa_comment'),
    incompatibility: cell('incompatibility'),
  };
}

/** Signatory names with their ids: paired by position when the counts match (after joining known names). */
function signatories(row: PaRow, knownNames: ReadonlySet<string>): { name: string; ucdpId?: string }[] {
  let names = splitUcdpList(row.actorNames);
  if (names.length !== row.actorIds.length && knownNames.size > 0) {
    const merged: string[] = [];
    for (let i = 0; i < names.length; i++) {
      let best = names[i] as string;
      let end = i;
      for (let j = i + 1; j < names.length; j++) {
        const candidate = names.slice(i, j + 1).join(', ');
        if (knownNames.has(candidate)) {
          best = candidate;
          end = j;
        }
      }
      merged.push(best);
      i = end;
    }
    names = merged;
  }
  const paired = names.length === row.actorIds.length;
  const out = new Map<string, { name: string; ucdpId?: string }>();
  names.forEach((name, i) => {
    const id = paired ? row.actorIds[i] : undefined;
    if (!out.has(name)) out.set(name, { name, ...(id ? { ucdpId: id } : {}) });
  });
  return [...out.values()];
}

export interface UcdpAgreementsOptions {
  readonly file: string;
  readonly classify: ActorTextClassifier;
  /** Conflicts from `readUcdpConflicts`, for the stage history and parties. */
  readonly conflicts?: readonly UcdpConflict[];
  /** The conflict file's name, for its source record. */
  readonly conflictsFile?: string;
  readonly owner?: string;
}

export interface UcdpAgreementsReport {
  readonly file: string;
  readonly rowsRead: number;
  readonly rejected: RowProblem[];
  /** Agreements accepted (rows); an agreement of two conflicts is an outcome in both systems. */
  readonly agreements: number;
  readonly outcomes: number;
  readonly systems: number;
  readonly initiatives: number;
  readonly thirdParties: ItemCounts;
  /** Conflicts of agreements that are not in `conflicts`: built from the agreements alone. */
  readonly conflictsWithoutYears: string[];
  readonly error?: RowProblem;
}

const PA_SOURCE_ID = 'ucdp-pa';

function paSource(file: string, version: string): SourceInput {
  return {
    id: PA_SOURCE_ID,
    title: `UCDP Peace Agreement Dataset${version ? ` ${version}` : ''}`,
    publisher: 'Uppsala Conflict Data Program (UCDP)',
    url: 'https://ucdp.uu.se/downloads/',
    note: `imported from ${file}; UCDP data are licensed CC BY 4.0: keep this credit`,
  };
}

const byDate = (a: PaRow, b: PaRow) => compareDates(a.date, b.date) || Number(a.paid) - Number(b.paid);

/** Reads the UCDP Peace Agreement Dataset: one system per conflict, agreements as Track 1 outcomes. */
export function readUcdpAgreements(
  text: string,
  options: UcdpAgreementsOptions,
): { systems: SystemInput[]; report: UcdpAgreementsReport } {
  const sheet = readSheet(text);
  const index = columnsOf(sheet.header);
  const classify = memoise(options.classify);
  const tally = new ItemTally(classify);
  const missing = ['paid', 'conflict_id', 'pa_name', 'pa_date'].filter((c) => !index.has(c));
  const rejected: RowProblem[] = [];
  if (missing.length > 0) {
    return {
      systems: [],
      report: {
        file: options.file,
        rowsRead: 0,
        rejected,
        agreements: 0,
        outcomes: 0,
        systems: 0,
        initiatives: 0,
        thirdParties: tally.report(),
        conflictsWithoutYears: [],
        error: { row: 1, reason: `not a UCDP peace agreement file: missing column(s) ${missing.join(', ')}` },
      },
    };
  }
  const seen = new Map<string, number>();
  const accepted: PaRow[] = [];
  let rowsRead = 0;
  const versions = new Set<string>();
  for (const row of sheet.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    rowsRead++;
    const cell = cellOf(index, row);
    const read = readPaRow(row, cell, seen);
    if (typeof read === 'string') rejected.push({ row: row.row, reason: read });
    else {
      accepted.push(read);
      if (cell('version')) versions.add(cell('version'));
    }
  }
  const version = [...versions].sort().join(', ');
  const conflicts = new Map((options.conflicts ?? []).map((c) => [c.id, c]));
  const byConflict = new Map<string, PaRow[]>();
  for (const r of accepted)
    for (const id of r.conflictIds) byConflict.set(id, [...(byConflict.get(id) ?? []), r]);
  const withoutYears: string[] = [];

  const systems = [...byConflict.keys()]
    .sort((a, b) => Number(a) - Number(b))
    .map((conflictId): SystemInput => {
      const rows = [...(byConflict.get(conflictId) as PaRow[])].sort(byDate);
      const acd = conflicts.get(conflictId);
      if (!acd) withoutYears.push(conflictId);
      const knownNames = new Set((acd?.parties ?? []).map((p) => p.name));
      const acdById = new Map(
        (acd?.parties ?? []).filter((p) => p.ucdpId).map((p) => [p.ucdpId as string, p]),
      );
      const acdByName = new Map((acd?.parties ?? []).map((p) => [p.name, p]));

      // Parties: the conflict's, then signatories not among them (matched by UCDP id, else by name)
      const partyList: { name: string; ucdpId?: string; kind: PartyKind; acd?: UcdpParty; note?: string }[] =
        (acd?.parties ?? []).map((p) => ({
          name: p.name,
          ...(p.ucdpId ? { ucdpId: p.ucdpId } : {}),
          kind: p.kind,
          acd: p,
        }));
      const signatoryName = new Map<string, string>();
      for (const r of rows) {
        for (const s of signatories(r, knownNames)) {
          const match = (s.ucdpId && acdById.get(s.ucdpId)) || acdByName.get(s.name);
          if (match) {
            signatoryName.set(`${s.name}\u0000${s.ucdpId ?? ''}`, match.name);
            continue;
          }
          const existing = partyList.find((p) => (s.ucdpId && p.ucdpId === s.ucdpId) || p.name === s.name);
          if (existing) {
            signatoryName.set(`${s.name}\u0000${s.ucdpId ?? ''}`, existing.name);
            continue;
          }
          const c = classify(s.name);
          const kind: PartyKind = isGovernment(s.name)
            ? 'state'
            : c.status === 'classified'
              ? partyKindOf(sectorOf(c))
              : 'other';
          partyList.push({
            name: s.name,
            ...(s.ucdpId ? { ucdpId: s.ucdpId } : {}),
            kind,
            note: `signatory of a UCDP peace agreement${c.status === 'classified' ? ` (classifier: ${c.reason})` : ''}`,
          });
          signatoryName.set(`${s.name}\u0000${s.ucdpId ?? ''}`, s.name);
        }
      }
      const partyId = partyIds(partyList);
      const parties: PartyInput[] = partyList.map((p) =>
        p.acd
          ? partyRecord(p.acd, partyId.get(p.name) as string, ACD_SOURCE_ID)
          : {
              id: partyId.get(p.name) as string,
              name: p.name,
              kind: p.kind,
              sources: [PA_SOURCE_ID],
              notes: `${p.ucdpId ? `UCDP actor id ${p.ucdpId}` : 'no UCDP actor id'}; ${p.note ?? ''}`,
            },
      );

      // Initiatives, outcomes, third parties
      const groups = new Map<string, PaRow[]>();
      for (const r of rows) {
        const k = r.procId || '';
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      const conflictName =
        acd?.name ?? (rows.map((r) => r.conflictName).find((n) => n !== '') || `UCDP conflict ${conflictId}`);
      const initiatives: InitiativeInput[] = [];
      const outcomes: OutcomeInput[] = [];
      const actors = new Map<string, ActorInput & { texts: Set<string> }>();
      const links = new Map<string, LinkInput>();
      for (const [procId, list] of groups) {
        const id = procId ? fitId('process-', slugOf(procId)) : fitId('process-conflict-', conflictId);
        const signed = [
          ...new Set(
            list.flatMap((r) =>
              signatories(r, knownNames).map(
                (s) => partyId.get(signatoryName.get(`${s.name}\u0000${s.ucdpId ?? ''}`) ?? s.name) as string,
              ),
            ),
          ),
        ].sort();
        const kinds = signed.map((pid) => parties.find((p) => p.id === pid)?.kind);
        const states = kinds.filter((k) => k === 'state').length;
        const igos = kinds.filter((k) => k === 'igo').length;
        const scope: Scope =
          states <= 1 && igos === 0
            ? 'domestic'
            : states === 2 && igos === 0 && kinds.length === 2
              ? 'bilateral'
              : 'multilateral';
        initiatives.push({
          id,
          name: procId
            ? `UCDP peace process ${procId}: ${conflictName}`
            : `Peace agreements of ${conflictName}`,
          track: 'Track 1',
          mechanism: 'official-talks',
          scope,
          parties: signed,
          start: (list[0] as PaRow).date,
          sources: [PA_SOURCE_ID],
          notes:
            'Declared Track 1: UCDP records only agreements signed by warring parties — governments and the leaders of armed groups acting officially (rules/classify: official-only) — so they are binding (rules/authority).',
        });
        for (const r of list) {
          const outcomeId = `agreement-${r.paid}`;
          outcomes.push({
            id: outcomeId,
            name: r.name,
            kind: 'agreement',
            binding: true,
            date: r.date,
            initiative: id,
            sources: [PA_SOURCE_ID],
            ...(r.comment ? { description: r.comment.replace(/\s+/g, ' ').trim() } : {}),
            notes: [
              `UCDP paid ${r.paid}; row ${r.row}`,
              r.type ? `type (pa_type ${r.type}): ${UCDP_AGREEMENT_TYPES[r.type]}` : '',
              r.ended ? `UCDP ended: ${r.ended}` : '',
              r.conflictIds.length > 1
                ? `also an agreement of UCDP conflict(s) ${r.conflictIds.filter((c) => c !== conflictId).join(', ')}`
                : '',
            ]
              .filter((s) => s !== '')
              .join('\n'),
          });
          for (const item of splitActorItems(r.thirdParties)) {
            if (item.heading) {
              tally.heading();
              continue;
            }
            const c = tally.item(item.text);
            if (c.status === 'no-actor') continue;
            const name = entityName(item.text);
            const actorId = fitId('actor-', entityKey(name));
            const sector = sectorOf(c);
            const actor = actors.get(actorId) ?? {
              id: actorId,
              name,
              kind: actorKind(item.text, name),
              sector,
              sources: [PA_SOURCE_ID],
              ...(sector === 'unclassified'
                ? { description: `not classified: review the text (${JSON.stringify(item.text)})` }
                : {}),
              texts: new Set<string>(),
            };
            actor.texts.add(`${JSON.stringify(item.text)} (${c.status}: ${c.reason})`);
            actors.set(actorId, actor);
            const mentioned = r.thirdPartyComment
              .split(/(?<=[.!?])\s+/)
              .filter((sentence) => sentence.toLowerCase().includes(name.toLowerCase()))
              .join(' ');
            const role = thirdPartyRole(item.text, `${item.context ?? ''} ${mentioned}`);
            const link: LinkInput = {
              type: role.link,
              from: actorId,
              to: id,
              date: r.date,
              label: `UCDP pa_3rd (${role.role})`,
            };
            const key = `${link.from}--${link.type}--${link.to}`;
            if (!links.has(key)) links.set(key, link);
          }
        }
      }

      const conflict: ConflictInput = acd
        ? conflictRecord(acd, partyId)
        : {
            id: fitId('conflict-ucdp-', conflictId),
            name: conflictName,
            parties: parties.map((p) => p.id).sort(),
            issues: issuesOf(rows.map((r) => r.incompatibility).join(','), ''),
            stages: [
              {
                stage: 'de-escalation',
                from: (rows[0] as PaRow).date,
                note: 'no UCDP/PRIO conflict-years given for this conflict: de-escalation from the first agreement (signing means the parties negotiate)',
              },
            ],
            sources: [PA_SOURCE_ID],
            notes: `UCDP conflict ${conflictId}; built from the peace agreements alone`,
          };
      const sources: SourceInput[] = [paSource(options.file, version)];
      if (acd)
        sources.unshift(acdSource(options.conflictsFile ?? 'the UCDP/PRIO conflict data', acd.version));
      return {
        multitrack: 1,
        id: fitId('ucdp-', conflictId),
        name: `${conflictName} (UCDP)`,
        description: `UCDP conflict ${conflictId}: ${rows.length} peace agreement(s), ${(rows[0] as PaRow).date} to ${(rows[rows.length - 1] as PaRow).date}.`,
        convention: 'canonical',
        owner: options.owner ?? 'multitrack-import',
        conflict,
        parties: parties.sort((a, b) => (a.id < b.id ? -1 : 1)),
        actors: [...actors.values()]
          .map(({ texts, ...a }) => ({ ...a, notes: `UCDP pa_3rd text: ${[...texts].sort().join('; ')}` }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
        initiatives: initiatives.sort((a, b) => (a.id < b.id ? -1 : 1)),
        engagements: [],
        outcomes: outcomes.sort(
          (a, b) => compareDates(String(a.date), String(b.date)) || (a.id < b.id ? -1 : 1),
        ),
        links: [...links.values()].sort((a, b) => {
          const ka = `${a.from}--${a.type}--${a.to}`;
          const kb = `${b.from}--${b.type}--${b.to}`;
          return ka < kb ? -1 : 1;
        }),
        sources,
      };
    });

  return {
    systems,
    report: {
      file: options.file,
      rowsRead,
      rejected,
      agreements: accepted.length,
      outcomes: systems.reduce((n, s) => n + (s.outcomes?.length ?? 0), 0),
      systems: systems.length,
      initiatives: systems.reduce((n, s) => n + (s.initiatives?.length ?? 0), 0),
      thirdParties: tally.report(),
      conflictsWithoutYears: withoutYears,
      ...(sheet.error ? { error: { row: sheet.error.row, reason: sheet.error.message } } : {}),
    },
  };
}

/**
 * Systems of both readers together: one per conflict, the agreements' system where there is one (it
 * holds the conflict's stage history and parties too), else the conflict's.
 */
export function mergeUcdpSystems(
  conflictSystems: readonly SystemInput[],
  agreementSystems: readonly SystemInput[],
): SystemInput[] {
  const out = new Map(conflictSystems.map((s) => [s.id, s]));
  for (const s of agreementSystems) out.set(s.id, s);
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------
// PA-X ↔ UCDP

export interface PaxUcdpReport {
  /** PA-X systems given a UCDP stage history, with the UCDP conflict and how many agreements name it. */
  readonly linked: { pax: string; ucdp: string; agreements: number; otherUcdpConflicts: string[] }[];
  /** PA-X systems left as they were, and why. */
  readonly unmatched: { pax: string; ucdpConflicts: string[]; reason: string }[];
  /** PA-X agreements that name a UCDP agreement (UcdpAgr), and which of those the UCDP systems hold. */
  readonly agreements: {
    readonly referenced: number;
    readonly matched: number;
    readonly unmatched: { pax: string; outcome: string; ucdpAgreement: string }[];
  };
}

const UCDP_CONFLICT_SOURCE = /^ucdp-conflict-(.+)$/;
const UCDP_AGREEMENT_SOURCE = /^ucdp-agreement-(.+)$/;

/**
 * Gives each PA-X system the stage history of the UCDP conflict its agreements name (PA-X `UcdpCon`,
 * kept as sources `ucdp-conflict-<id>`): the one most of its agreements name (ties: the lowest id) among
 * those in `ucdpSystems` (`ucdp-<id>`). UCDP's history replaces PA-X's — it records the fighting
 * (escalation, war) that agreements alone cannot show — and the PA-X history is kept in the conflict's
 * notes, its negotiation stages on each outcome. The UCDP conflict-data source is added. PA-X
 * agreements that name a UCDP agreement (`UcdpAgr`) are looked up among the UCDP systems' outcomes
 * (`agreement-<paid>`) and reported.
 */
export function linkPaxToUcdp(
  paxSystems: readonly SystemInput[],
  ucdpSystems: readonly SystemInput[],
): { systems: SystemInput[]; report: PaxUcdpReport } {
  const ucdpById = new Map(ucdpSystems.map((s) => [s.id, s]));
  const ucdpAgreements = new Set(
    ucdpSystems.flatMap((s) => (s.outcomes ?? []).map((o) => o.id.replace(/^agreement-/, ''))),
  );
  const linked: PaxUcdpReport['linked'] = [];
  const unmatched: PaxUcdpReport['unmatched'] = [];
  const agreementsUnmatched: PaxUcdpReport['agreements']['unmatched'] = [];
  let referenced = 0;
  let matched = 0;

  const systems = paxSystems.map((pax): SystemInput => {
    const counts = new Map<string, number>();
    for (const o of pax.outcomes ?? []) {
      for (const s of o.sources ?? []) {
        const c = UCDP_CONFLICT_SOURCE.exec(s)?.[1];
        if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
        const a = UCDP_AGREEMENT_SOURCE.exec(s)?.[1];
        if (a !== undefined) {
          referenced++;
          if (ucdpAgreements.has(a)) matched++;
          else agreementsUnmatched.push({ pax: pax.id, outcome: o.id, ucdpAgreement: a });
        }
      }
    }
    const named = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b, 'en', { numeric: true }));
    const ucdpConflicts = named.map(([id]) => id);
    if (named.length === 0) {
      unmatched.push({ pax: pax.id, ucdpConflicts, reason: 'no agreement names a UCDP conflict (UcdpCon)' });
      return pax;
    }
    const hit = named.find(([id]) => ucdpById.has(fitId('ucdp-', id)));
    if (!hit) {
      unmatched.push({
        pax: pax.id,
        ucdpConflicts,
        reason: `UCDP conflict(s) ${ucdpConflicts.join(', ')} not in the UCDP data`,
      });
      return pax;
    }
    const [ucdpConflict, agreements] = hit;
    const ucdp = ucdpById.get(fitId('ucdp-', ucdpConflict)) as SystemInput;
    linked.push({
      pax: pax.id,
      ucdp: ucdp.id,
      agreements,
      otherUcdpConflicts: ucdpConflicts.filter((c) => c !== ucdpConflict),
    });
    const paxHistory = pax.conflict.stages.map((s) => `${s.stage} from ${s.from}`).join(', ');
    const ucdpSources = (ucdp.sources ?? []).filter((s) => (ucdp.conflict.sources ?? []).includes(s.id));
    const sourceIds = new Set((pax.sources ?? []).map((s) => s.id));
    return {
      ...pax,
      conflict: {
        ...pax.conflict,
        stages: ucdp.conflict.stages.map((s) => ({ ...s })),
        sources: [...new Set([...(pax.conflict.sources ?? []), ...ucdpSources.map((s) => s.id)])],
        notes: [
          pax.conflict.notes ?? '',
          `stage history from UCDP conflict ${ucdpConflict} (${ucdp.id}, linkPaxToUcdp); the PA-X agreements gave: ${paxHistory}`,
          ...(ucdp.conflict.notes ?? '').split('\n').filter((l) => l.startsWith('yearly intensity')),
        ]
          .filter((s) => s !== '')
          .join('\n'),
      },
      sources: [...(pax.sources ?? []), ...ucdpSources.filter((s) => !sourceIds.has(s.id))].sort((a, b) =>
        a.id < b.id ? -1 : 1,
      ),
    };
  });

  return {
    systems,
    report: { linked, unmatched, agreements: { referenced, matched, unmatched: agreementsUnmatched } },
  };
}
