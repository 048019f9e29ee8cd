/**
 * CAMEO and PLOVER actor codes read as our sectors and tracks: which sector (src/domain/sector.ts) each
 * role, organisation or religion code names and why; a reader that splits a CAMEO actor code such as
 * "USAGOV" or "IGOUNOKID" into its prefix and role codes and picks the sector; and the readers of the
 * Phoenix (petrarch2) actor and agent dictionaries, which turn organisation names and agent words into
 * codes. Pure functions over text, except `loadPhoenixDictionaries`, which reads the two files.
 *
 * Sources of the readings: data/README "Useful correspondences" (shared/data/README.md), domain.md §2,
 * the CAMEO agents and actors dictionaries themselves (where a code occurs and on what words), and the
 * PLOVER manual's sector table (openeventdata/PLOVER, chapter "Country Names and Sector Codes").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sectorById, type SectorId } from '../domain/sector.js';
import type { TrackId } from '../domain/track.js';

// ---------------------------------------------------------------------------------------------------
// Text folding shared by the dictionaries and the classifier
// ---------------------------------------------------------------------------------------------------

const LIGATURES: Readonly<Record<string, string>> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  ß: 'ss',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  ı: 'i',
};

/**
 * Lower case, accents and ligatures folded, every run of characters other than a–z and 0–9 made one
 * space: "Église catholique" → "eglise catholique", "NATIONS-UNIES" → "nations unies",
 * "CHILDREN'S_FUND_" → "children s fund".
 */
export function foldText(text: string): string {
  return text
    .replace(/[œŒæÆøØßđĐłŁı]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------
// The code table
// ---------------------------------------------------------------------------------------------------

/** Where a code was seen in shared/data: checked against the files by cameo-sectors.test.ts. */
export type CodeEvidence = 'phoenix-agents' | 'phoenix-actors' | 'plover-gsr';

export interface CameoCodeMapping {
  readonly code: string;
  readonly name: string;
  /** role: a sector of society; organisation: an actor type that stands first (IGO, NGO, MNC …); religion. */
  readonly kind: 'role' | 'organisation' | 'religion';
  /** Our sector, or null when the code names no track (criminals, refugees …). */
  readonly sector: SectorId | null;
  readonly reason: string;
  readonly seenIn: readonly CodeEvidence[];
}

const README = 'data/README "Useful correspondences"';
const PLOVER_MANUAL = 'PLOVER manual, "Sector Codes"';

const role = (
  code: string,
  name: string,
  sector: SectorId | null,
  reason: string,
  seenIn: readonly CodeEvidence[],
): CameoCodeMapping => ({ code, name, kind: 'role', sector, reason, seenIn });
const organisation = (
  code: string,
  name: string,
  sector: SectorId,
  reason: string,
  seenIn: readonly CodeEvidence[],
): CameoCodeMapping => ({ code, name, kind: 'organisation', sector, reason, seenIn });
const religion = (code: string, name: string, seenIn: readonly CodeEvidence[]): CameoCodeMapping => ({
  code,
  name,
  kind: 'religion',
  sector: 'religious',
  reason: `${README}: "REL and the specific religions Track 7"; domain.md §2 Track 7 (religious leaders, faith communities and organisations). CAMEO gives a religion code as the primary role to clerics and faith bodies (IMAM, BISHOP, ISLAMIC_COUNCIL in Phoenix.agents.txt); as a secondary code (GOVMOS, REBMUS) it decides nothing`,
  seenIn,
});

const AGENTS: readonly CodeEvidence[] = ['phoenix-agents'];
const ACTORS: readonly CodeEvidence[] = ['phoenix-actors'];
const GSR: readonly CodeEvidence[] = ['plover-gsr'];
const ALL: readonly CodeEvidence[] = ['phoenix-agents', 'phoenix-actors', 'plover-gsr'];

/**
 * Every code we read, with its sector and why. Codes not listed here (INS, SEP, PRM, UNK, …) are not in
 * the CAMEO/Phoenix files or the PLOVER records of shared/data and so are not read: they come back as
 * unknown codes, to be listed for review.
 */
export const CAMEO_CODES: readonly CameoCodeMapping[] = Object.freeze([
  // Track 1: official sectors
  role(
    'GOV',
    'government',
    'government',
    `${README}: GOV is Track 1; domain.md §2 Track 1 (heads of state and government, ministers, officials). ${PLOVER_MANUAL}: "the executive, governing parties, coalition partners"`,
    ALL,
  ),
  role(
    'MIL',
    'military',
    'military',
    `${README}: MIL is Track 1; domain.md §2 Track 1 (military leaders). ${PLOVER_MANUAL}: "all state-military personnel"`,
    ALL,
  ),
  role('LEG', 'legislature', 'legislature', `${README}: LEG is Track 1 (parliaments, lawmakers)`, ALL),
  role('JUD', 'judiciary', 'judiciary', `${README}: JUD is Track 1 (judges, courts)`, ALL),
  role(
    'COP',
    'police',
    'government',
    `police are an arm of the state, so Track 1 as GOV; our sectors have no police of their own and 'military' is for the armed forces (${PLOVER_MANUAL}: "police forces, officers, criminal investigative units")`,
    ['phoenix-agents', 'phoenix-actors', 'plover-gsr'],
  ),
  role(
    'SPY',
    'intelligence services',
    'government',
    `${PLOVER_MANUAL}: "state intelligence services"; a state agency, so Track 1 as GOV`,
    ['phoenix-agents', 'plover-gsr'],
  ),
  organisation(
    'IGO',
    'intergovernmental organisation',
    'igo',
    `${README}: IGO and UN bodies are Track 1; domain.md §2 Track 1 (delegations to international organisations). The codes that follow IGO (UNO, DEV, HRI, MIL …) name the body and its remit, never a non-official sector`,
    ALL,
  ),
  organisation(
    'UNO',
    'United Nations',
    'igo',
    `${README}: UN bodies are Track 1. UNO follows IGO in CAMEO (IGOUNO) and stands alone as the UN's "country" in PLOVER (${PLOVER_MANUAL}, "International Non-state actor names")`,
    ACTORS,
  ),
  role(
    'REB',
    'rebels',
    'armed-group',
    `a non-state armed party to the conflict (${PLOVER_MANUAL}: "armed opposition groups"); sector 'armed-group', whose leaders and negotiators are Track 1 (seed 000: the government "negotiated Track 1 with the FARC"). The track is that of the group at the table, not of a fighter in a news event`,
    ['phoenix-agents', 'plover-gsr'],
  ),
  organisation(
    'IMG',
    'transnational militarised group',
    'armed-group',
    `${PLOVER_MANUAL}: "Transnational Militarized Group" (al-Qaeda in the PLOVER records); an armed non-state party, as REB`,
    ['phoenix-agents', 'plover-gsr'],
  ),
  // Track 2
  organisation(
    'NGO',
    'non-governmental organisation',
    'ngo',
    `${README}: NGO is Track 2; domain.md §2 Track 2 (NGOs). A following religion, media, education or business code says what kind of NGO it is (NGOCHRCTH is a Catholic body: Track 7)`,
    ALL,
  ),
  role(
    'HRI',
    'human rights',
    'ngo',
    `${README}: HRI is Track 2 (with NGO). domain.md also names human-rights activists on Track 6; the data README's correspondence is the explicit one, so Track 2`,
    ['phoenix-agents', 'phoenix-actors'],
  ),
  role(
    'ELI',
    'elites',
    'former-official',
    `${PLOVER_MANUAL}: "former government officials who currently do not hold positions … including exiled/ousted officials"; domain.md §2 Track 2 (retired officials and diplomats)`,
    ALL,
  ),
  // Track 3
  role(
    'BUS',
    'business',
    'business',
    `${README}: BUS is Track 3; domain.md §2 Track 3 (firms, executives)`,
    ALL,
  ),
  organisation(
    'MNC',
    'multinational corporation',
    'business',
    `${README}: MNC is Track 3. A following MED code marks a media company (MNCUSAMED: news outlets), which is Track 9`,
    ACTORS,
  ),
  // Track 4
  role(
    'CVL',
    'civilians',
    'citizen',
    `${README}: CVL is Track 4; domain.md §2 Track 4 (private citizens)`,
    ALL,
  ),
  role(
    'SOC',
    'civil society',
    'citizen',
    `${PLOVER_MANUAL}: "any organization or movement that is considered part of civil society"; domain.md §2 reads the grassroots "Track 3" of other conventions (civil-society groups, community leaders) as canonical Track 4`,
    GSR,
  ),
  // Track 5
  role(
    'EDU',
    'education',
    'education',
    `${README}: EDU is Track 5; domain.md §2 Track 5 (universities, trainers). ${PLOVER_MANUAL}: "educators, schools, students"`,
    ALL,
  ),
  // Track 6
  role(
    'OPP',
    'opposition',
    'activist',
    `${README}: "activist and opposition civic groups Track 6". ${PLOVER_MANUAL}: "opposition parties, individuals, anti-government activists"`,
    ALL,
  ),
  role(
    'LAB',
    'labour',
    'activist',
    `organised labour (trade unions, strikers: PROTESTING_WORKER [~OPPLAB] in Phoenix.agents.txt) acts by campaigns and protest, a social movement: domain.md §2 Track 6`,
    ALL,
  ),
  role(
    'ENV',
    'environment',
    'activist',
    `environmental groups and movements campaign and advocate: domain.md §2 Track 6. Environment ministries come as GOVENV and stay Track 1`,
    ['phoenix-agents', 'phoenix-actors'],
  ),
  organisation(
    'ISM',
    'international social movement',
    'activist',
    `${PLOVER_MANUAL}: "International Social Movement"; domain.md §2 Track 6 (social movements)`,
    GSR,
  ),
  // Track 7
  role(
    'REL',
    'religious',
    'religious',
    `${README}: REL is Track 7; domain.md §2 Track 7 (religious leaders, faith organisations)`,
    ALL,
  ),
  religion('CHR', 'Christian', ALL),
  religion('CTH', 'Catholic', ['phoenix-agents', 'phoenix-actors']),
  religion('PRO', 'Protestant', ['phoenix-agents', 'phoenix-actors']),
  religion('MOS', 'Muslim (CAMEO actors and PLOVER)', ['phoenix-actors', 'plover-gsr']),
  religion('MUS', 'Muslim (Phoenix agents)', AGENTS),
  religion('SHI', 'Shia', ACTORS),
  religion('JEW', 'Jewish', ['phoenix-agents', 'phoenix-actors']),
  religion('HIN', 'Hindu', ['phoenix-agents', 'phoenix-actors']),
  religion('BUD', 'Buddhist', AGENTS),
  religion('SIK', 'Sikh', ACTORS),
  religion('TAO', 'Taoist', ACTORS),
  religion('BAH', "Baha'i", ACTORS),
  // Track 9
  role(
    'MED',
    'media (CAMEO); health (PLOVER)',
    'media',
    `${README}: MED is Track 9 (journalists, outlets: JOURNALIST, NEWSPAPER, TELEVISION [~MED] in Phoenix.agents.txt). In PLOVER, MED is health instead (${PLOVER_MANUAL}, note 4): read with dialect 'plover'`,
    ALL,
  ),
  role(
    'JRN',
    'journalists (PLOVER)',
    'media',
    `${PLOVER_MANUAL}: "journalists, newspapers, radio, television, web sites", PLOVER's name for CAMEO MED; domain.md §2 Track 9`,
    GSR,
  ),
  // Codes that name no track
  role(
    'CRM',
    'criminals',
    null,
    'criminals and gangs take part in no track of peacemaking; an actor with this code is listed for review, not given a track',
    ['phoenix-agents', 'plover-gsr'],
  ),
  role(
    'REF',
    'refugees',
    null,
    'refugees and displaced persons are people in a condition, not a sector that works for peace; their own organisations come as NGOREF (Track 2) and agencies as IGOUNOREFHCR (Track 1)',
    ALL,
  ),
  role(
    'UAF',
    'unidentified armed forces',
    null,
    `"unknown gunmen" (${PLOVER_MANUAL}): armed, but whose side is unknown, so neither the state's military nor a known party`,
    ALL,
  ),
  role(
    'PTY',
    'political party',
    null,
    `a party is Track 1 in government and Track 6 in opposition, and the code alone does not say which; ${PLOVER_MANUAL} note 1 adds GOV or OPP to tell, and a following GOV, OPP or LEG code decides here`,
    ALL,
  ),
  role(
    'AGR',
    'agriculture',
    null,
    'farmers and peasants: an occupation, not a role in peacemaking. As producers they would be Track 3, as organised labour Track 6, as individuals Track 4; the code does not say which',
    ALL,
  ),
  role(
    'HLH',
    'health (CAMEO)',
    null,
    'health workers and bodies: a field of work. Health NGOs come as NGOHLH (Track 2), health ministries as GOVHLH (Track 1)',
    ['phoenix-agents', 'phoenix-actors'],
  ),
  role(
    'DEV',
    'development',
    null,
    `a remit (aid, development) that follows GOV, IGO or NGO in the dictionaries; ${README}: "Funding (Track 8) has no code of its own", so DEV is not read as a funder`,
    ['phoenix-agents', 'phoenix-actors'],
  ),
  role(
    'RAD',
    'radical',
    null,
    'a stance (HINDU_HARDLINER [~HINRAD]) that qualifies another code; alone it names no sector',
    ['phoenix-agents', 'phoenix-actors'],
  ),
  role(
    'PPL',
    'people',
    'citizen',
    `generic persons with no affiliation (MAN, PEOPLE [~PPL] in Phoenix.agents.txt): private citizens, as CVL (${README}: CVL is Track 4; ${PLOVER_MANUAL}: CVL covers "unarmed domestic entities that lack affiliation")`,
    AGENTS,
  ),
] satisfies CameoCodeMapping[]);

const BY_CODE: ReadonlyMap<string, CameoCodeMapping> = new Map(CAMEO_CODES.map((m) => [m.code, m]));

/** How a source writes its codes: CAMEO (GDELT, Phoenix) or PLOVER, which differ on MED (media vs health). */
export type CodeDialect = 'cameo' | 'plover';

const PLOVER_MED: CameoCodeMapping = role(
  'MED',
  'health (PLOVER)',
  null,
  `in PLOVER, MED is "individuals and organizations dealing with health" (${PLOVER_MANUAL}, note 4: CAMEO's MED was media, and JRN now is): a field of work, not a track`,
  GSR,
);

/** The mapping of one 3-character code, as the dialect reads it, or undefined when we do not read it. */
export function cameoCode(code: string, dialect: CodeDialect = 'cameo'): CameoCodeMapping | undefined {
  const upper = code.toUpperCase();
  if (dialect === 'plover' && upper === 'MED') return PLOVER_MED;
  return BY_CODE.get(upper);
}

/** The track a sector works on (sector.ts), or null for no sector. */
export function trackOfSector(sector: SectorId | null): TrackId | null {
  return sector === null ? null : sectorById(sector).homeTrack;
}

// ---------------------------------------------------------------------------------------------------
// Reading an actor code
// ---------------------------------------------------------------------------------------------------

export interface CameoCodeParts {
  /** The code as read: upper case, no spaces. */
  readonly code: string;
  /** The first element when it is a country, region or organisation type rather than a role. */
  readonly prefix: { readonly kind: 'country' | 'organisation'; readonly code: string } | null;
  /** Role and religion codes we read, in order. */
  readonly roles: readonly string[];
  /** Elements we do not read: body identifiers (UNO after IGO, WBK), regions, ethnic codes, numbers. */
  readonly other: readonly string[];
}

export type CodeReadingStatus =
  /** sector and track known */
  | 'classified'
  /** a code we read, which names no track (CRM, REF …) */
  | 'no-track'
  /** a country or region alone: a state actor whose sector the code leaves open */
  | 'state'
  /** nothing in the code that we read */
  | 'unknown'
  /** not a CAMEO code at all */
  | 'invalid';

export interface CameoSectorReading {
  readonly code: string;
  readonly parts: CameoCodeParts | null;
  readonly status: CodeReadingStatus;
  readonly sector: SectorId | null;
  readonly track: TrackId | null;
  /** The element that decided, e.g. "GOV" in "USAGOVMED". */
  readonly decidedBy: string | null;
  readonly reason: string;
}

const ORGANISATION_PREFIXES = new Set(['IGO', 'NGO', 'MNC', 'IMG', 'ISM', 'UNO']);
/** Sectors a role after NGO or MNC may refine to: kinds of non-official organisation, never an office. */
const REFINING_SECTORS: ReadonlySet<SectorId> = new Set([
  'religious',
  'media',
  'education',
  'business',
  'activist',
  'citizen',
]);
const MAX_CODE_LENGTH = 60;

/** Splits a CAMEO actor code into 3-character elements: prefix, role codes and the rest. */
export function splitCameoCode(input: string, dialect: CodeDialect = 'cameo'): CameoCodeParts | null {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (code.length === 0 || code.length > MAX_CODE_LENGTH || !/^[A-Z0-9]+$/.test(code)) return null;
  const chunks: string[] = [];
  for (let i = 0; i < code.length; i += 3) chunks.push(code.slice(i, i + 3));
  const first = chunks[0] ?? '';
  let prefix: CameoCodeParts['prefix'] = null;
  let rest = chunks;
  if (ORGANISATION_PREFIXES.has(first)) {
    prefix = { kind: 'organisation', code: first };
    rest = chunks.slice(1);
  } else if (!cameoCode(first, dialect) && /^[A-Z]{3}$/.test(first)) {
    prefix = { kind: 'country', code: first };
    rest = chunks.slice(1);
  }
  const roles: string[] = [];
  const other: string[] = [];
  for (const chunk of rest) {
    const mapping = chunk.length === 3 ? cameoCode(chunk, dialect) : undefined;
    if (mapping && mapping.kind !== 'organisation') roles.push(chunk);
    else other.push(chunk);
  }
  return { code, prefix, roles, other };
}

const reading = (
  code: string,
  parts: CameoCodeParts | null,
  status: CodeReadingStatus,
  sector: SectorId | null,
  decidedBy: string | null,
  reason: string,
): CameoSectorReading => ({
  code,
  parts,
  status,
  sector,
  track: trackOfSector(sector),
  decidedBy,
  reason,
});

function fromMapping(
  code: string,
  parts: CameoCodeParts,
  mapping: CameoCodeMapping,
  prefixNote = '',
): CameoSectorReading {
  return mapping.sector === null
    ? reading(
        code,
        parts,
        'no-track',
        null,
        mapping.code,
        `${mapping.code} (${mapping.name}): ${mapping.reason}`,
      )
    : reading(
        code,
        parts,
        'classified',
        mapping.sector,
        mapping.code,
        `${mapping.code} (${mapping.name})${prefixNote}: ${mapping.reason}`,
      );
}

/**
 * The sector and track a CAMEO actor code names.
 *
 * - A role code decides, the first one: "USAGOV" → government, "PSEREB" → armed-group, "USAGOVMED"
 *   (a ministry of information) → government, because CAMEO writes the primary role first and the
 *   secondary ones after it. PTY defers to a GOV, OPP or LEG after it (PLOVER manual, note 1).
 * - IGO (and UNO) decide whatever follows: "IGOUNOKID" (UNICEF) and "IGOUNOREFHCR" (UNHCR) are igo.
 * - NGO and MNC are refined by a following religion, media, education, business, activist or civil
 *   code ("NGOCHRCTH" → religious, "MNCUSAMED" → media) and otherwise stay ngo or business.
 * - A country or region alone ("USA") is a state actor whose sector the code leaves open: CAMEO codes
 *   the country alone when the text names no role, for the state ("Israel agreed") as for its people
 *   ("Iraqis") and places ("West Bank") — the PLOVER gold records have all three — and gives the
 *   government GOV when the text names it (capitals too, in the PLOVER records). So we do not read a
 *   bare country code as government: status 'state', sector and track null.
 */
export function sectorOfCameoCode(input: string, dialect: CodeDialect = 'cameo'): CameoSectorReading {
  const parts = splitCameoCode(input, dialect);
  const shown = input.length > MAX_CODE_LENGTH ? `${input.slice(0, MAX_CODE_LENGTH)}…` : input;
  if (!parts) {
    return reading(
      shown,
      null,
      'invalid',
      null,
      null,
      input.trim() === '---'
        ? '"---" is the dictionaries\' mark for "do not code"'
        : `"${shown}" is not a CAMEO actor code (letters and digits in elements of three)`,
    );
  }
  const { code, prefix, roles } = parts;
  if (prefix?.kind === 'organisation') {
    const org = cameoCode(prefix.code, dialect);
    if (!org?.sector) return reading(code, parts, 'unknown', null, null, `no reading for ${prefix.code}`);
    if (prefix.code === 'NGO' || prefix.code === 'MNC') {
      for (const r of roles) {
        const m = cameoCode(r, dialect);
        if (m?.sector && REFINING_SECTORS.has(m.sector) && m.sector !== org.sector) {
          return fromMapping(code, parts, m, ` after ${prefix.code}`);
        }
      }
    }
    return fromMapping(code, parts, org);
  }
  const primary = roles[0];
  if (primary === undefined) {
    if (prefix?.kind === 'country' && parts.other.length > 0) {
      return reading(
        code,
        parts,
        'unknown',
        null,
        null,
        `${prefix.code} with elements we do not read (${parts.other.join(', ')}): a code such as INS or SEP that the CAMEO material in shared/data does not use, an ethnic group or a body; listed for review`,
      );
    }
    if (prefix?.kind === 'country') {
      return reading(
        code,
        parts,
        'state',
        null,
        prefix.code,
        `${prefix.code} alone: a country (or region) with no role code. CAMEO leaves the role blank when the text names none, for a state as for its people or places, so the code does not say government`,
      );
    }
    return reading(code, parts, 'unknown', null, null, `no role or organisation code we read in ${code}`);
  }
  const primaryMapping = cameoCode(primary, dialect);
  if (!primaryMapping) return reading(code, parts, 'unknown', null, null, `no reading for ${primary}`);
  if (primary === 'PTY') {
    const decider = roles.slice(1).find((r) => r === 'GOV' || r === 'OPP' || r === 'LEG');
    const m = decider ? cameoCode(decider, dialect) : undefined;
    if (m) return fromMapping(code, parts, m, ' (a party, by the code after PTY)');
  }
  return fromMapping(code, parts, primaryMapping);
}

/**
 * The reading of a PLOVER actor: its `code` (a country, or IGO/NGO/IMG/ISM/MNC) and `sector` field
 * (PLOVER codes, possibly with a lower-case ethnic suffix such as "CVLalb"). "***" means the coder
 * could not code the sector; "CIV" in the sector field (never a PLOVER sector, but Côte d'Ivoire as a
 * country) is read as CVL, as the records it appears in ("Libyans", "Bosnian Serbs") show.
 */
export function sectorOfPloverActor(actor: { code?: unknown; sector?: unknown }): CameoSectorReading {
  const code = typeof actor.code === 'string' ? actor.code.trim().toUpperCase() : '';
  let sector = typeof actor.sector === 'string' ? actor.sector.trim().toUpperCase() : '';
  if (sector === '***') sector = '';
  if (sector.startsWith('CIV')) sector = `CVL${sector.slice(3)}`;
  const prefix = /^[A-Z]{3}$/.test(code) ? code : '';
  if (prefix === '' && sector === '') return sectorOfCameoCode(code, 'plover');
  return sectorOfCameoCode(`${prefix}${sector}`, 'plover');
}

// ---------------------------------------------------------------------------------------------------
// Phoenix (petrarch2) dictionaries
// ---------------------------------------------------------------------------------------------------

export interface DictionaryProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface PhoenixCode {
  readonly code: string;
  /** ISO dates bounding when the code applies (the dictionaries' [CODE 970101-061231], >date, <date). */
  readonly from?: string;
  readonly until?: string;
}

export interface PhoenixActor {
  /** The names as written, underscores made spaces. */
  readonly names: readonly string[];
  readonly codes: readonly PhoenixCode[];
  /** Line of the entry's first name. */
  readonly line: number;
}

export interface PhoenixActorDictionary {
  readonly actors: readonly PhoenixActor[];
  /** Folded name (foldText) → the first entry with that name. */
  readonly byName: ReadonlyMap<string, PhoenixActor>;
  readonly problems: readonly DictionaryProblem[];
}

export interface PhoenixAgentDictionary {
  /** Folded agent word or phrase (plural forms included) → the codes given to it, "~" removed. */
  readonly byPhrase: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly DictionaryProblem[];
}

export interface PhoenixDictionaries {
  readonly actors: PhoenixActorDictionary;
  readonly agents: PhoenixAgentDictionary;
}

const MAX_LINE = 2_000;
const MAX_PROBLEMS = 1_000;
const CODE_TOKEN = /^~?([A-Z0-9]{3}(?:[A-Z0-9]{3})*)~?$/;

function problemList(file: string) {
  const list: DictionaryProblem[] = [];
  let dropped = 0;
  return {
    list,
    add(line: number, message: string) {
      if (list.length < MAX_PROBLEMS) list.push({ file, line, message });
      else dropped += 1;
    },
    finish(): DictionaryProblem[] {
      if (dropped > 0) list.push({ file, line: 0, message: `${dropped} further problems not listed` });
      return list;
    },
  };
}

/** YYMMDD (years below 30 are 20YY) or YYYYMMDD → YYYY-MM-DD; undefined when not a date. */
function dictionaryDate(text: string): string | undefined {
  let y: string;
  let rest: string;
  if (/^\d{8}$/.test(text)) {
    y = text.slice(0, 4);
    rest = text.slice(4);
  } else if (/^\d{6}$/.test(text)) {
    const yy = Number(text.slice(0, 2));
    y = String(yy < 30 ? 2000 + yy : 1900 + yy);
    rest = text.slice(2);
  } else return undefined;
  const m = Number(rest.slice(0, 2));
  const d = Number(rest.slice(2, 4));
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

/** Reads "[CODE]", "[CODE 970101-061231]", "[CODE >20070101]", "[~GOV]", "[IGO~]"; "---" → null. */
function parseCodeGroup(
  inner: string,
  line: number,
  addProblem: (line: number, message: string) => void,
): PhoenixCode | null {
  const tokens = inner.trim().split(/\s+/).filter(Boolean);
  const [first, ...restrictions] = tokens;
  if (first === undefined) {
    addProblem(line, 'empty code brackets []');
    return null;
  }
  if (first === '---') return null;
  const match = CODE_TOKEN.exec(first);
  if (!match?.[1]) {
    addProblem(line, `not a CAMEO code: [${inner.slice(0, 40)}]`);
    return null;
  }
  let from: string | undefined;
  let until: string | undefined;
  for (const r of restrictions) {
    const range = /^(\d+)-(\d+)$/.exec(r);
    const bound = /^([<>])(\d+)$/.exec(r);
    if (range?.[1] && range[2]) {
      from = dictionaryDate(range[1]);
      until = dictionaryDate(range[2]);
      if (!from || !until) {
        addProblem(line, `bad date range "${r}" on ${match[1]}; the code is kept without dates`);
        from = until = undefined;
      }
    } else if (bound?.[1] && bound[2]) {
      const date = dictionaryDate(bound[2]);
      if (!date) addProblem(line, `bad date "${r}" on ${match[1]}; the code is kept without it`);
      else if (bound[1] === '>') from = date;
      else until = date;
    } else {
      addProblem(line, `unexpected "${r.slice(0, 30)}" after ${match[1]}; ignored`);
    }
  }
  return { code: match[1], ...(from ? { from } : {}), ...(until ? { until } : {}) };
}

/** Bracket groups of a line, and whether the brackets were balanced. */
function codeGroups(text: string): { groups: string[]; balanced: boolean; before: string } {
  const groups: string[] = [];
  const re = /\[([^[\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) groups.push(m[1] ?? '');
  const stripped = text.replace(re, '');
  const balanced = !/[[\]]/.test(stripped);
  const open = text.indexOf('[');
  return { groups, balanced, before: open >= 0 ? text.slice(0, open) : text };
}

const displayName = (raw: string) =>
  raw
    .replace(/[_\s]+/g, ' ')
    .trim()
    .replace(/^\+/, '')
    .trim();

/**
 * Reads Phoenix.International.actors.txt (the TABARI/PETRARCH actors format): an entry is a name line,
 * "+" synonym lines and code lines ("\t[IGOUNO]"), or all on one line ("NAME_ [CODE] # comment").
 * Hostile input is expected: a malformed line is reported with its number and skipped, never thrown.
 */
export function parsePhoenixActors(
  text: string,
  file = 'Phoenix.International.actors.txt',
): PhoenixActorDictionary {
  const problems = problemList(file);
  const actors: PhoenixActor[] = [];
  let current: { names: string[]; codes: PhoenixCode[]; line: number } | null = null;
  const finish = () => {
    if (!current) return;
    if (current.codes.length > 0) actors.push(current);
    else if (current.names.length > 0) {
      problems.add(current.line, `no code for "${(current.names[0] ?? '').slice(0, 60)}"; entry skipped`);
    }
    current = null;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.length > MAX_LINE) {
      problems.add(lineNo, `line longer than ${MAX_LINE} characters; skipped`);
      return;
    }
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\s+$/, '');
    if (content.trim() === '') return;
    const { groups, balanced, before } = codeGroups(content);
    if (!balanced) {
      problems.add(lineNo, `unbalanced brackets: ${content.trim().slice(0, 60)}`);
      return;
    }
    const codes: PhoenixCode[] = [];
    for (const g of groups) {
      const c = parseCodeGroup(g, lineNo, problems.add);
      if (c) codes.push(c);
    }
    const name = displayName(before);
    const indented = /^\s/.test(content);
    const synonym = before.trimStart().startsWith('+');
    if (name !== '' && !/[\p{L}\p{N}]/u.test(name)) {
      problems.add(lineNo, `name with no letters or digits: "${name.slice(0, 40)}"`);
      return;
    }
    if (synonym || (indented && current)) {
      if (!current) {
        problems.add(lineNo, 'synonym line with no entry before it; skipped');
        return;
      }
      if (name) current.names.push(name);
      current.codes.push(...codes);
      return;
    }
    if (name === '') {
      if (!current) {
        problems.add(lineNo, 'codes with no name before them; skipped');
        return;
      }
      current.codes.push(...codes);
      return;
    }
    finish();
    current = { names: [name], codes, line: lineNo };
  });
  finish();
  const byName = new Map<string, PhoenixActor>();
  for (const actor of actors) {
    for (const n of actor.names) {
      const key = foldText(n);
      if (key && !byName.has(key)) byName.set(key, actor);
    }
  }
  return { actors, byName, problems: problems.finish() };
}

const MAX_EXPANSIONS = 256;

/** Every spelling of a phrase with its !SET! substitutions expanded (textually, as PETRARCH does). */
function expandSubstitutions(phrase: string, sets: ReadonlyMap<string, readonly string[]>): string[] | null {
  let out = [phrase];
  for (let guard = 0; guard < 8; guard++) {
    const m = /!([A-Z0-9_]+)!/.exec(out[0] ?? '');
    if (!m) return out;
    const values = sets.get(m[1] ?? '');
    if (!values) return null;
    out = out.flatMap((p) => values.map((v) => p.replace(m[0], v)));
    if (out.length > MAX_EXPANSIONS) return out.slice(0, MAX_EXPANSIONS);
  }
  return out;
}

/**
 * Reads Phoenix.agents.txt: "WORD {PLURALS} [~CODE]" lines, and substitution sets
 * "!MINIST! = MINISTER, MINISTRY, …" used inside words. Malformed lines are reported and skipped.
 */
export function parsePhoenixAgents(text: string, file = 'Phoenix.agents.txt'): PhoenixAgentDictionary {
  const problems = problemList(file);
  const sets = new Map<string, string[]>();
  const byPhrase = new Map<string, string[]>();
  const add = (phrase: string, codes: readonly string[]) => {
    const key = foldText(phrase.replace(/_/g, ' '));
    if (!key) return;
    const list = byPhrase.get(key) ?? [];
    for (const c of codes) if (!list.includes(c)) list.push(c);
    byPhrase.set(key, list);
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.length > MAX_LINE) {
      problems.add(lineNo, `line longer than ${MAX_LINE} characters; skipped`);
      return;
    }
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const set = /^!([A-Z0-9_]+)!\s*=\s*(.+)$/.exec(content);
    if (set?.[1] && set[2]) {
      sets.set(
        set[1],
        set[2]
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      return;
    }
    const { groups, balanced, before } = codeGroups(content);
    if (!balanced) {
      problems.add(lineNo, `unbalanced brackets: ${content.slice(0, 60)}`);
      return;
    }
    if (groups.length === 0) {
      problems.add(lineNo, `no code: ${content.slice(0, 60)}`);
      return;
    }
    const codes: string[] = [];
    for (const g of groups) {
      const c = parseCodeGroup(g, lineNo, problems.add);
      if (c) codes.push(c.code);
    }
    if (codes.length === 0) return;
    const plural = /\{([^}]*)\}/.exec(before);
    if (/[{}]/.test(before.replace(/\{[^}]*\}/, ''))) {
      problems.add(lineNo, `unbalanced braces: ${content.slice(0, 60)}`);
      return;
    }
    const phrase = before.replace(/\{[^}]*\}/, '').trim();
    const forms = [phrase, ...(plural?.[1] ?? '').split(',').map((s) => s.trim())].filter(Boolean);
    for (const form of forms) {
      const spellings = expandSubstitutions(form, sets);
      if (!spellings) {
        problems.add(lineNo, `unknown substitution set in "${form.slice(0, 60)}"`);
        continue;
      }
      for (const s of spellings) add(s, codes);
    }
  });
  return { byPhrase, problems: problems.finish() };
}

/** shared/data/cameo beside the repository: src/ingest (or dist/ingest) → ../../../shared/data/cameo. */
export const DEFAULT_CAMEO_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'cameo');

/** Reads and parses Phoenix.International.actors.txt and Phoenix.agents.txt from `dir`. */
export function loadPhoenixDictionaries(dir: string = DEFAULT_CAMEO_DIR): PhoenixDictionaries {
  const actorsFile = join(dir, 'Phoenix.International.actors.txt');
  const agentsFile = join(dir, 'Phoenix.agents.txt');
  return {
    actors: parsePhoenixActors(readFileSync(actorsFile, 'utf8'), actorsFile),
    agents: parsePhoenixAgents(readFileSync(agentsFile, 'utf8'), agentsFile),
  };
}

/**
 * The code of a Phoenix actor that applies on `date` (YYYY-MM-DD), or without a date the undated code,
 * else the one that runs latest. Undefined when no code applies.
 */
export function phoenixCodeOn(actor: PhoenixActor, date?: string): PhoenixCode | undefined {
  if (date) {
    const valid = actor.codes.filter((c) => (!c.from || c.from <= date) && (!c.until || date <= c.until));
    const dated = valid.find((c) => c.from || c.until);
    return dated ?? valid[0];
  }
  const undated = actor.codes.find((c) => !c.from && !c.until);
  if (undated) return undated;
  return [...actor.codes].sort((a, b) => (b.until ?? '9999').localeCompare(a.until ?? '9999'))[0];
}
