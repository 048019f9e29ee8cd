/**
 * PA-X peace agreements (PeaceRep, University of Edinburgh; one CSV row an agreement) read into system
 * documents — the input shape of `SystemSchema` — one per PA-X conflict (`Con`), plus a report. Pure:
 * text in, documents out; no database, no file system. The actor classifier is a parameter.
 *
 * What becomes what.
 * - A conflict (`Con`) → a system `pax-<slug>`. Spellings that differ only in punctuation or case
 *   ("Georgia/Russia/Abkhazia", "Georgia/Russia/(Abkhazia)") have one slug and share a system; the
 *   report lists them. Issues come from `Contp` (government, territory, inter-group).
 * - Signatories (`Part`, split by `splitActorField`) → one party and one actor per entity (the text's
 *   entity: "For the Government of X: names" → "Government of X"). Party kind by the classifier's sector:
 *   government, military, legislature, judiciary → state; igo → igo; armed-group → armed-group; citizen,
 *   diaspora → community; activist → movement; anything else, or unknown → other (with the text in notes).
 *   The actor takes the classifier's sector (`unclassified` when unknown), is affiliated to its party and
 *   `participates-in` the initiative. Text that names no actor ("Signatures:") is counted, not recorded.
 *   One entity per system: texts are the same entity when their names slug alike or share an acronym in
 *   parentheses ("Revolutionary Armed Forces of Colombia (FARC-EP)", "FARC-EP"). An actor is a person
 *   only on evidence (a title such as H.E., Mr, Dr, Gen; or "Name, title"); otherwise an organisation.
 * - A peace process (`PP`, `PPName`) → initiatives. The signatories of each agreement are classified with
 *   the domain rule (rules/classify: officials only → Track 1; officials with others → 1.5; no officials
 *   → their sectors' track), and the process gets one initiative per track its agreements have:
 *   `process-<PP>` for Track 1, `process-<PP>-track-<t>` for another, `process-<PP>-unclassified` when no
 *   signatory could be classified (no declared track: its authority cannot be checked, and nothing in it
 *   binds). Unknown signatories are left out of that reading (the notes count them). The declared
 *   track carries its reason in `notes`. Mechanism official-talks (Track 1, 1.5 and unclassified: PA-X
 *   records agreements of parties to a conflict), except for agreements among non-officials, which get
 *   their track's typical mechanism — 2 discussion-forum, 3 business-channel, 4 people-to-people,
 *   5 peace-education, 6 advocacy, 7 reconciliation, 8 grant-programme, 9 reporting — as official-talks
 *   would claim an official process the signatories do not make. Scope from `Agtp`, the widest over
 *   the initiative's agreements (domestic < bilateral < multilateral): Intra and IntraLocal → domestic;
 *   Inter → bilateral when `Con` names two entities, else multilateral; InterIntra (an intrastate
 *   conflict with interstate signatories) → multilateral.
 * - An agreement (`AgtId`, `Agt`, `Dat`) → an outcome `agreement-<AgtId>`. Kind from `Status`:
 *   Unilateral document → declaration; a title that says communiqué (comunicado) or joint/press
 *   statement → joint-statement, joint declaration (declaración conjunta) → declaration; otherwise
 *   agreement ("Declaration of Principles" stays an agreement). `binding` (rules/authority: only Track 1 binds) is true only for
 *   an agreement of a Track 1 initiative whose status is "Multiparty signed/agreed" or "Agreement with
 *   subsequent status"; unilateral documents, statements and "Status unclear" never bind. The PA-X
 *   `Stage`/`StageSub` (the negotiation stage) is kept in the outcome's notes with its conflict stage.
 * - Third parties (`ThrdPart`): split, and each classified. Classified → an actor of the classifier's
 *   sector; unknown → an `unclassified` actor that keeps the text (listed in the report for review, never
 *   given an invented sector); no-actor and headings ("Witnessed by:") → nothing. Each is linked to the
 *   initiative: `convenes` when the text or its heading names a mediator, facilitator, host, broker,
 *   chair(manship) or "auspices" (they run the process); otherwise `participates-in` (witnesses,
 *   guarantors and observers take part in the agreement without convening it).
 * - Provision flags → generic actors linked to the agreement when the flag is > 0 (the ordinal 1–3 of
 *   Med, Bus is kept in the link's label). `Pubad` (public administration) names no track and is skipped.
 *
 *   | flag   | actor (id)                                      | sector (track)   | link        |
 *   | ------ | ----------------------------------------------- | ---------------- | ----------- |
 *   | Civso  | Civil society (provision-civil-society)         | citizen (4)      | implements  |
 *   | GeWom  | Women (provision-women)                         | citizen (4)      | implements  |
 *   | Bus    | Business (provision-business)                   | business (3)     | implements  |
 *   | Tral   | Traditional and religious leaders (…-leaders)   | religious (7)    | legitimises |
 *   | Med    | Media (provision-media)                         | media (9)        | legitimises |
 *
 *   Women → Track 4, not 6: GeWom marks provisions addressed to women and girls as part of the population
 *   (participation, protection, rights), not an advocacy movement; Track 6 would claim activism the data
 *   does not show. Civil society, women and business are given roles in carrying agreements out
 *   (`implements`); traditional and religious leaders and the media lend agreements authority and public
 *   support (`legitimises`: Track 7's and Track 9's typical outputs are legitimacy and public opinion).
 *
 * Stages. `PAX_STAGES` maps each PA-X stage onto the conflict life cycle; the conflict's stage history is
 * `paxStageHistory` over its agreements in date order (then AgtId): a period starts at the first
 * agreement whose stage differs from the current one.
 *
 *   | PA-X    | meaning                      | conflict stage                                          |
 *   | ------- | ---------------------------- | ------------------------------------------------------- |
 *   | Pre     | pre-negotiation / process    | de-escalation; no change while settled                   |
 *   | Cea     | ceasefire                    | de-escalation, and no longer settled                     |
 *   | SubPar  | substantive, partial         | de-escalation; no change while settled                   |
 *   | SubComp | substantive, comprehensive   | post-conflict, and settled                               |
 *   | Imp     | implementation               | post-conflict while settled, else de-escalation          |
 *   | Ren     | renewal                      | no change                                                |
 *   | Oth     | other                        | no change                                                |
 *
 *   "Settled": a comprehensive agreement came before, and no ceasefire since. A ceasefire after a
 *   comprehensive agreement says that it did not hold (fighting is to stop again), so implementation
 *   agreements after it implement the ceasefire (de-escalation) until the next comprehensive agreement;
 *   while settled, pre-negotiation and partial agreements are read as part of carrying the settlement out.
 *
 *   When no agreement changes the stage (only Ren/Oth), the history is de-escalation from the first
 *   agreement: signing anything means the parties negotiate. PA-X records agreements, not fighting, so
 *   war and escalation come only from UCDP (`linkPaxToUcdp` in ucdp.ts).
 *
 * Cross-references. `UcdpCon` becomes a source `ucdp-conflict-<id>` cited by the conflict and by the
 * agreement, `UcdpAgr` a source `ucdp-agreement-<id>` cited by the agreement: data, not side tables, so
 * that the link to UCDP survives storage in the registry.
 *
 * Rows. Every row is accepted or rejected with its row number (the header is row 1, as a spreadsheet
 * shows it) and reason: an empty Con, Agt or PP; an AgtId that is no number or repeats; a date that is no
 * date; a Stage, Agtp or Status that is not a PA-X code; a flag that is no number. Blank rows are skipped.
 *
 * Determinism. Records are sorted by id, outcomes by date then AgtId; the classifier is called once per
 * distinct text. The same text gives the same documents, byte for byte.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ActorSchema } from '../domain/actor.js';
import type { ConflictSchema, Stage, StagePeriodSchema } from '../domain/conflict.js';
import { compareDates, partialDateProblem } from '../domain/date.js';
import type { InitiativeSchema, Scope } from '../domain/initiative.js';
import type { LinkSchema } from '../domain/link.js';
import type { Mechanism } from '../domain/mechanism.js';
import type { OutcomeKind, OutcomeSchema } from '../domain/outcome.js';
import type { PartyKind, PartySchema } from '../domain/party.js';
import {
  ClassifyError,
  type Participant,
  classify as classifyParticipants,
} from '../domain/rules/classify.js';
import { type SectorId, sectorById } from '../domain/sector.js';
import type { SourceSchema } from '../domain/source.js';
import type { SystemInput } from '../domain/system.js';
import { type TrackId, trackOrder } from '../domain/track.js';
import { readSheet, type SheetRow } from './csv-sheet.js';
import { slugify } from './kumu.js';

// ---------------------------------------------------------------------------------------------------
// Record inputs and the classifier

export type PartyInput = z.input<typeof PartySchema>;
export type ActorInput = z.input<typeof ActorSchema>;
export type InitiativeInput = z.input<typeof InitiativeSchema>;
export type OutcomeInput = z.input<typeof OutcomeSchema>;
export type LinkInput = z.input<typeof LinkSchema>;
export type SourceInput = z.input<typeof SourceSchema>;
export type ConflictInput = z.input<typeof ConflictSchema>;
export type StagePeriodInput = z.input<typeof StagePeriodSchema>;

/** What the actor classifier (actor-classifier.ts) says of a text. */
export interface ActorTextClassification {
  readonly track: TrackId | null;
  readonly sector: SectorId | null;
  readonly status: 'classified' | 'no-actor' | 'unknown';
  readonly reason: string;
}
export type ActorTextClassifier = (text: string) => ActorTextClassification;

/** One problem with one row: the row a spreadsheet shows (header = row 1). */
export interface RowProblem {
  readonly row: number;
  readonly reason: string;
}

/** How the texts of one field (signatories or third parties) were classified. */
export interface ItemCounts {
  /** Items split out of the field, over all accepted rows (headings included). */
  items: number;
  /** Headings such as "Witnessed by:", which name no actor by construction (not classified). */
  headings: number;
  classified: number;
  noActor: number;
  unknown: number;
  /** The unknown texts with how often each occurs, most frequent first. */
  unknownTexts: { text: string; count: number }[];
}

// ---------------------------------------------------------------------------------------------------
// Ids

const MAX_ID = 128;
const hash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 8);

/** A slug that stands for `text`: slugify's, with a hash when it is empty or had to be cut. */
export function slugOf(text: string): string {
  const slug = slugify(text).replace(/-{2,}/g, '-');
  if (slug === '') return `x${hash(text)}`;
  if (slug.length < 100) return slug;
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return `${slug.slice(0, 90).replace(/[-._]+$/, '')}-${hash(folded)}`;
}

/** `prefix` + `slug`, cut (with a hash of what was cut) to fit the id pattern. */
export function fitId(prefix: string, slug: string): string {
  const id = `${prefix}${slug}`;
  if (id.length <= MAX_ID) return id;
  const h = hash(slug);
  return `${prefix}${slug.slice(0, MAX_ID - prefix.length - h.length - 1).replace(/[-._]+$/, '')}-${h}`;
}

// ---------------------------------------------------------------------------------------------------
// Splitting Part and ThrdPart

/*
 * The fields list signatories as people write them: one a line, or separated by semicolons, commas or
 * "and the"; a name followed by its title ("Laurent Gbagbo, President of Côte d'Ivoire"); a delegation
 * heading followed by its members ("For the GPH: Miriam Coronel-Ferrer, Panel Chair, …", "Pour l'Union
 * Africaine\nAblasse Ouedraogo"); headings ("Witnessed by:", "Ont signé comme témoins:"). Rules:
 * - ";" separates hard; a line break and "," softly ("1,000" is no separator); none inside (), [] or {}.
 * - A heading — a short text before a colon with a word such as witness, sign, presence, auspices,
 *   observer, guarantor, témoin, page, participants — is an item of its own, and a context for what
 *   follows.
 * - " and the " / " et le|la|les|l'" separates two items (not inside "Saint Vincent and the Grenadines");
 *   "X and Y" after a soft separator separates too when both sides are short names (≤ 3 words, no "of",
 *   no title, no organisation word at the end: "Justice and Equality Movement" stays whole).
 * - A delegation (a text that starts with For, Pour, On behalf of, Au nom de, From, or a short "X:")
 *   takes the softly separated texts after it; a title ("President of …", "Panel Member", a text that
 *   starts in lower case) joins the text before it. Joined texts are written "A, B" ("A: B" after a
 *   colon). Bullets and a leading "and" are dropped; spaces are collapsed.
 * Splitting never loses text but separators, bullets and the word and/et, and splitting an item again
 * gives that item.
 */

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029\v\f]/g;
const OPENERS = '([{';
const CLOSERS = ')]}';
const HEADING_WORD =
  /\b(?:witness\w*|sign\w*|presence|présence|auspices|observ\w*|guarant\w*|t[ée]moins?|page|attended|participants?|annex\w*|agreement|accompan\w*|ratif\w*)\b/iu;
/** A heading on its own, without a colon ("Witness", "AS WITNESSES", "Signatures"). */
const BARE_HEADING =
  /^(?:(?:as |the )?(?:witness(?:es|ed by)?|signatures?|signatories|signed|observers?|guarantors?|mediators?|facilitators?|t[ée]moins?|ont sign[ée]s?)|represented by|repr[ée]sent[ée]e?s? par|\(?(?:signed|signature|sgd)\)?\.?|page \d+)$/iu;
const DELEGATION = /^(?:for|pour|on behalf of|au nom d|from|de la part d)\b/i;
const ARTICLE_START = /^(?:the|le|la|les|l['’])(?:\s|$)|^l['’]/i;
const NAME_PARTICLE =
  /^(?:al|el|ad|an|as|ash|at|az|bin|ibn|de|van|von|da|di|du|dos|das|del|della|le|la|y)[-\s'’]/;
const ROLE =
  /\b(?:president\w*|pr[ée]sident\w*|vice|chair\w*|co-?chair\w*|minister\w*|ministre\w*|secretary\w*|secr[ée]taire\w*|head|chief|chef|commander\w*|cdr|representative\w*|repr[ée]sent\w*|ambassador\w*|ambassadeur\w*|envoy\w*|facilitat\w*|mediat\w*|m[ée]diat\w*|delegat\w*|d[ée]l[ée]gu\w*|d[ée]l[ée]gation\w*|member\w*|membre\w*|leader\w*|director\w*|directeur\w*|governor\w*|gouverneur\w*|coordinat\w*|advis[eo]r\w*|conseill\w*|spokes\w*|rapporteur\w*|consultant\w*|officer\w*|deputy|prime|signed|panel|general|g[ée]n[ée]ral|colonel|major|captain|lieutenant|commandant|chairman|mp|witness\w*|guarantor\w*|observer\w*)\b/iu;
const FUNCTION_WORD =
  /(?:^|\s)(?:of|for|the|in|on|to|at|by|with|de|du|des|la|le|les|pour|d['’]\S*|l['’]\S*)(?=\s|$)/i;
const ORG_END =
  /\b(?:movement|mouvement|front|army|arm[ée]e|forces?|party|parti|union|council|conseil|committee|comit[ée]|alliance|coalition|group|groupe|organi[sz]ation|league|commission|assembly|church|society|brigades?|militias?|units?|government|gouvernement)\W*$/iu;
const COMPOUND_NAMES = [
  'bosnia and herzegovina',
  'trinidad and tobago',
  'antigua and barbuda',
  'saint kitts and nevis',
  'st kitts and nevis',
  'saint vincent and the grenadines',
  'st vincent and the grenadines',
  'sao tome and principe',
  'são tomé and príncipe',
  'serbia and montenegro',
  'turks and caicos',
  'heard and mcdonald',
  'wallis and futuna',
  'saint pierre and miquelon',
  'bosnie et herzégovine',
  'trinité et tobago',
  'serbie et monténégro',
];

interface Piece {
  readonly text: string;
  /** Separated from what comes before by ";" (or the start, or a heading), not softly. */
  readonly hard: boolean;
  readonly heading?: boolean;
}

/** Nesting depth before each character, line breaks resetting it (an unclosed "(" spoils one line only). */
function depths(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) out.push(depth);
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '\n') depth = 0;
  }
  return out;
}

function topLevelIndexOf(text: string, char: string): number {
  const depth = depths(text);
  for (let i = 0; i < text.length; i++) if (text[i] === char && depth[i] === 0) return i;
  return -1;
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Cuts at top-level separators: ";" hard, "," and line breaks soft. */
function cut(text: string): Piece[] {
  const s = text.replace(LINE_BREAK, '\n');
  const depth = depths(s);
  const pieces: Piece[] = [];
  let start = 0;
  let hard = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    let separator: 'hard' | 'soft' | undefined;
    if (ch === '\n') separator = 'soft';
    else if (depth[i] === 0 && ch === ';') separator = 'hard';
    else if (depth[i] === 0 && ch === ',' && !(isDigit(s[i - 1]) && isDigit(s[i + 1]))) separator = 'soft';
    if (separator === undefined) continue;
    pieces.push({ text: s.slice(start, i), hard });
    start = i + 1;
    hard = separator === 'hard';
  }
  pieces.push({ text: s.slice(start), hard });
  return pieces;
}

function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:(?:[-–—•*·▪‣◦>]+|(?:and|et|&)(?=\s|$))\s*)+/i, '')
    .trim();
}

function heading(text: string): { heading: string; rest: string } | undefined {
  const colon = topLevelIndexOf(text, ':');
  if (colon <= 0) return undefined;
  const prefix = text.slice(0, colon).trim();
  if (prefix === '' || prefix.split(' ').length > 6) return undefined;
  if (!HEADING_WORD.test(prefix) && !BARE_HEADING.test(prefix)) return undefined;
  return { heading: `${prefix}:`, rest: text.slice(colon + 1) };
}

function isDelegationStart(text: string): boolean {
  if (DELEGATION.test(text)) return true;
  const colon = topLevelIndexOf(text, ':');
  if (colon <= 0) return false;
  const prefix = text.slice(0, colon).trim();
  return prefix !== '' && prefix.split(' ').length <= 5;
}

function isRole(text: string): boolean {
  if (ARTICLE_START.test(text)) return false;
  if (/^\p{Ll}/u.test(text) && !NAME_PARTICLE.test(text)) return true;
  return ROLE.test(text);
}

function compoundRanges(text: string): [number, number][] {
  const lower = text.toLowerCase();
  const out: [number, number][] = [];
  for (const name of COMPOUND_NAMES) {
    for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
      out.push([at, at + name.length]);
    }
  }
  return out;
}

const AND_THE = /\s+(?:and|et|&)\s+(?=(?:the|le|la|les)\s|l['’])/giu;
const AND = /\s+(?:and|et|&)\s+/giu;

/** Splits at top-level conjunctions matching `pattern`, outside compound names. */
function splitAt(text: string, pattern: RegExp): string[] {
  const depth = depths(text);
  const protectedRanges = compoundRanges(text);
  const parts: string[] = [];
  let start = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index;
    if (depth[at] !== 0) continue;
    if (protectedRanges.some(([a, b]) => at >= a && at < b)) continue;
    parts.push(text.slice(start, at));
    start = at + m[0].length;
  }
  parts.push(text.slice(start));
  return parts;
}

function isShortName(text: string): boolean {
  const words = text.split(' ');
  return (
    words.length <= 3 &&
    !FUNCTION_WORD.test(text) &&
    !ROLE.test(text) &&
    !/[()[\]{}:]/.test(text) &&
    !/^\p{Ll}/u.test(text)
  );
}

function splitConjunctions(text: string, hard: boolean): Piece[] {
  const out: Piece[] = [];
  splitAt(text, AND_THE).forEach((part, i) => {
    const t = clean(part);
    if (t === '') return;
    const soft = i === 0 ? !hard : false;
    const pair = soft ? splitAt(t, AND) : [t];
    const [left, right] = pair;
    if (
      pair.length === 2 &&
      left !== undefined &&
      right !== undefined &&
      isShortName(left) &&
      isShortName(right) &&
      !ORG_END.test(right)
    ) {
      out.push({ text: clean(left), hard: false }, { text: clean(right), hard: false });
    } else out.push({ text: t, hard: i === 0 ? hard : true });
  });
  return out;
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let pendingHard = false;
  /** Headings first (again in each part a conjunction leaves), then conjunctions. */
  const emit = (raw: string, hard: boolean) => {
    const rest = clean(raw);
    if (rest === '') {
      pendingHard = pendingHard || hard;
      return;
    }
    if (BARE_HEADING.test(rest)) {
      out.push({ text: rest, hard: true, heading: true });
      pendingHard = true;
      return;
    }
    const h = heading(rest);
    if (h !== undefined) {
      out.push({ text: h.heading, hard: true, heading: true });
      emit(h.rest, true);
      return;
    }
    const parts = splitConjunctions(rest, hard);
    if (parts.length === 1 && parts[0]?.text === rest) out.push({ text: rest, hard });
    else for (const part of parts) emit(part.text, part.hard);
  };
  for (const piece of cut(text)) {
    const hard = piece.hard || pendingHard;
    pendingHard = false;
    emit(piece.text, hard);
  }
  return out;
}

/** An item of a Part or ThrdPart field: its text, whether it is a heading, and the heading before it. */
export interface FieldItem {
  readonly text: string;
  readonly heading: boolean;
  readonly context?: string;
}

function join(parts: readonly string[]): string {
  return parts.reduce(
    (acc, part) => (acc === '' ? part : `${acc}${acc.endsWith(':') ? ' ' : ', '}${part}`),
    '',
  );
}

/** Splits a PA-X Part or ThrdPart field (or UCDP's pa_3rd) into items, with headings and their context. */
export function splitActorItems(text: string): FieldItem[] {
  type Group = { parts: string[]; heading: boolean; delegation: boolean; context?: string };
  const groups: Group[] = [];
  let current: Group | undefined;
  let context: string | undefined;
  for (const piece of pieces(text)) {
    if (piece.heading) {
      groups.push({ parts: [piece.text], heading: true, delegation: false });
      context = piece.text;
      current = undefined;
    } else if (isDelegationStart(piece.text)) {
      current = { parts: [piece.text], heading: false, delegation: true, context };
      groups.push(current);
    } else if (!piece.hard && current && (current.delegation || isRole(piece.text))) {
      current.parts.push(piece.text);
    } else {
      current = { parts: [piece.text], heading: false, delegation: false, context };
      groups.push(current);
    }
  }
  return groups.map((g) => ({
    text: join(g.parts),
    heading: g.heading,
    ...(g.context === undefined ? {} : { context: g.context }),
  }));
}

/** The texts of `splitActorItems`. */
export function splitActorField(text: string): string[] {
  return splitActorItems(text).map((item) => item.text);
}

/**
 * The entity an item names, for its record's name and id: the text before a colon ("For the GPH: …"),
 * else before the first comma ("Laurent Gbagbo, President …"), without "For/Pour/On behalf of/From",
 * a leading article, or "side" and what follows ("From the Georgian Side M. Kakabadze" → "Georgian side").
 */
export function entityName(item: string): string {
  let name = item;
  const colon = topLevelIndexOf(name, ':');
  if (colon > 0) name = name.slice(0, colon);
  else {
    const comma = topLevelIndexOf(name, ',');
    if (comma > 0) name = name.slice(0, comma);
  }
  const delegation = DELEGATION.test(name.trim());
  name = name
    .trim()
    .replace(/^(?:\(?signed\)?\s+)/i, '')
    .replace(
      /^(?:for|pour|by|on behalf of|au nom d(?:e|u|es)?|from|de la part d(?:e|u|es)?)(?:\s+|(?=l['’]|d['’]))/i,
      '',
    )
    .replace(/^(?:the|le|la|les)\s+|^[ld]['’]\s*/i, '')
    .replace(/\s*(?:represented by|repr[ée]sent[ée]e?s? par|signed by|sign[ée]e?s? par)\s*$/i, '');
  for (let before = ''; before !== name;) {
    before = name;
    name = name
      .replace(HONORIFIC, '')
      .replace(/^\(?(?:signed|signature)\)?\s*/i, '')
      .replace(/^\d{1,3}[.)]\s+/, '');
  }
  if (delegation) {
    const inner = INNER_HONORIFIC.exec(name);
    if (inner && inner.index > 0) name = name.slice(0, inner.index);
  }
  const as = /^(.+?)\s+as\s+(.+)$/i.exec(name);
  if (as?.[1] && as[2] && isRole(as[2])) name = as[1];
  const side = /^(.*?\S)\s+side\b/i.exec(name);
  if (side?.[1]) name = `${side[1]} side`;
  name = name
    .replace(/\s*\((?:signed|signature)\)\s*$/i, '')
    .replace(/[\s.,;:]+$/, '')
    .trim();
  return name === '' ? item : name;
}

const HONORIFIC =
  /^(?:(?:his|her) excellency|son excellence|h\.\s?e\.?|he|mr|mrs|ms|mme|m|dr|prof|monsieur|madame|ma[iî]tre|lt|lieutenant|gen|col|colonel|maj|brig|brigadier|capt|cdr)\b\.?\s+/i;
const INNER_HONORIFIC =
  /\s(?:(?:his|her) excellency|son excellence|h\.\s?e\.|mr\.?|mrs\.?|ms\.?|dr\.?|mme|monsieur|madame)\s/i;
const ACRONYM = /\(([\p{Lu}][\p{Lu}\d/&.\- ]{1,14})\)/u;

/**
 * The key that identifies an entity within a system: the acronym in parentheses when there is one
 * ("Revolutionary Armed Forces of Colombia (FARC-EP)" and "FARC-EP" are one), else the slug of its name.
 */
export function entityKey(name: string): string {
  const acronym = ACRONYM.exec(name)?.[1];
  if (acronym && (acronym.match(/\p{Lu}/gu) ?? []).length >= 2) return slugOf(acronym);
  return slugOf(name);
}

const PERSON_TITLE =
  /^(?:(?:mr|mrs|ms|dr|prof|h\.?\s?e|sheikh|shaykh|col|gen|lt|maj|mgr|msgr|rev|fr|father|bishop|ambassador|senator|sir|dame|mme|monsieur|madame|cdr|capt|brig|imam|president|pr[ée]sident)\b\.?\s+)/i;
const ORG_WORD =
  /\b(?:government|gouvernement|republic|r[ée]publique|union|nations|movement|mouvement|front|army|arm[ée]e|forces?|party|parti|council|conseil|committee|comit[ée]|commission|organi[sz]ation|league|ligue|community|communaut[ée]s?|church|[ée]glise|association|alliance|coalition|group|groupe|mission|office|cent(?:re|er)|foundation|fondation|institute|ministry|minist[èe]re|state|[ée]tats?|kingdom|federation|f[ée]d[ée]ration|secretariat|delegation|d[ée]l[ée]gation|congress|assembly|society|soci[ée]t[ée]|tribes?|clans?|side|sector|secteur|bank|company)\b/iu;

/** Person when the text starts with a title or is "Name, title"; an organisation otherwise. */
export function actorKind(item: string, name: string): 'person' | 'organisation' {
  if (ORG_WORD.test(name)) return 'organisation';
  if (PERSON_TITLE.test(item)) return 'person';
  const as = /^(.+?)\s+as\s+(.+)$/i.exec(item);
  if (as?.[2] && isRole(as[2])) return 'person';
  const comma = topLevelIndexOf(item, ',');
  if (comma > 0 && isRole(item.slice(comma + 1).trim())) return 'person';
  return 'organisation';
}

// ---------------------------------------------------------------------------------------------------
// Codes

/** PA-X stages, what they mean, and the conflict stage each stands for (see the module comment). */
export const PAX_STAGES = {
  Pre: { meaning: 'pre-negotiation / process', stage: 'de-escalation' },
  Cea: { meaning: 'ceasefire', stage: 'de-escalation' },
  SubPar: { meaning: 'substantive, partial', stage: 'de-escalation' },
  SubComp: { meaning: 'substantive, comprehensive', stage: 'post-conflict' },
  Imp: { meaning: 'implementation', stage: 'post-conflict' },
  Ren: { meaning: 'renewal', stage: null },
  Oth: { meaning: 'other', stage: null },
} as const satisfies Record<string, { meaning: string; stage: Stage | null }>;
export type PaxStage = keyof typeof PAX_STAGES;

export const PAX_AGREEMENT_TYPES = {
  Intra: 'intrastate',
  IntraLocal: 'intrastate, local',
  Inter: 'interstate',
  InterIntra: 'intrastate with interstate dimension',
} as const;
export type PaxAgreementType = keyof typeof PAX_AGREEMENT_TYPES;

export const PAX_STATUSES = [
  'Multiparty signed/agreed',
  'Agreement with subsequent status',
  'Unilateral document',
  'Status unclear',
] as const;
export type PaxStatus = (typeof PAX_STATUSES)[number];

const BINDING_STATUSES: ReadonlySet<PaxStatus> = new Set([
  'Multiparty signed/agreed',
  'Agreement with subsequent status',
]);

/** Provision flags → generic actors (see the module comment). */
export const PAX_PROVISIONS = [
  {
    flag: 'Civso',
    id: 'provision-civil-society',
    name: 'Civil society',
    sector: 'citizen',
    link: 'implements',
    why: 'PA-X Civso: the agreement provides for civil society; a Track 4 constituency given a role in carrying it out',
  },
  {
    flag: 'GeWom',
    id: 'provision-women',
    name: "Women and women's groups",
    sector: 'citizen',
    link: 'implements',
    why: 'PA-X GeWom: provisions for women, girls and gender; women as part of the population (Track 4), not an advocacy movement (Track 6)',
  },
  {
    flag: 'Bus',
    id: 'provision-business',
    name: 'Business',
    sector: 'business',
    link: 'implements',
    why: 'PA-X Bus: provisions on business and the private sector (Track 3)',
  },
  {
    flag: 'Tral',
    id: 'provision-traditional-religious-leaders',
    name: 'Traditional and religious leaders',
    sector: 'religious',
    link: 'legitimises',
    why: 'PA-X Tral: provisions on traditional and religious leaders, who lend agreements moral authority (Track 7)',
  },
  {
    flag: 'Med',
    id: 'provision-media',
    name: 'Media',
    sector: 'media',
    link: 'legitimises',
    why: 'PA-X Med: provisions on media and communication, which carry agreements to the public (Track 9)',
  },
] as const satisfies readonly {
  flag: string;
  id: string;
  name: string;
  sector: SectorId;
  link: 'implements' | 'legitimises';
  why: string;
}[];

// ---------------------------------------------------------------------------------------------------
// Stage history

export interface DatedStage {
  readonly date: string;
  readonly stage: PaxStage;
  /** For the note and the tie-break (AgtId). */
  readonly id: string;
  readonly label: string;
}

/**
 * The conflict stage an agreement stands for, given whether a comprehensive agreement is in force (one
 * came before, and no ceasefire since said that it did not hold).
 */
export function paxConflictStage(stage: PaxStage, settled: boolean): Stage | null {
  if (stage === 'Imp') return settled ? 'post-conflict' : 'de-escalation';
  if ((stage === 'Pre' || stage === 'SubPar') && settled) return null;
  return PAX_STAGES[stage].stage;
}

const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }) =>
  compareDates(a.date, b.date) || a.id.localeCompare(b.id, 'en', { numeric: true });

/** The conflict's stage history from its dated agreements (see the module comment). */
export function paxStageHistory(agreements: readonly DatedStage[]): StagePeriodInput[] {
  const sorted = [...agreements].sort(byDateThenId);
  const out: StagePeriodInput[] = [];
  let settled = false;
  for (const a of sorted) {
    const stage = paxConflictStage(a.stage, settled);
    if (a.stage === 'SubComp') settled = true;
    if (a.stage === 'Cea') settled = false;
    if (stage === null || stage === out[out.length - 1]?.stage) continue;
    out.push({ stage, from: a.date, note: `PA-X ${a.stage} (${PAX_STAGES[a.stage].meaning}): ${a.label}` });
  }
  const first = sorted[0];
  if (out.length === 0 && first) {
    out.push({
      stage: 'de-escalation',
      from: first.date,
      note: `no agreement marks a stage (only renewals or other); de-escalation from the first agreement, ${first.label}: the parties negotiate`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Rows

export const REQUIRED = [
  'Con',
  'PP',
  'PPName',
  'AgtId',
  'Agt',
  'Dat',
  'Status',
  'Agtp',
  'Stage',
  'Part',
] as const;
const OPTIONAL = [
  'Contp',
  'Reg',
  'Ver',
  'StageSub',
  'ThrdPart',
  'UcdpCon',
  'UcdpAgr',
  'GeWom',
  'Civso',
  'Tral',
  'Med',
  'Bus',
  'Pubad',
] as const;
export type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

export interface PaxRow {
  readonly row: number;
  readonly con: string;
  readonly contp: string;
  readonly region: string;
  readonly pp: string;
  readonly ppName: string;
  readonly agtId: string;
  readonly version: string;
  readonly title: string;
  readonly date: string;
  readonly status: PaxStatus;
  readonly agtp: PaxAgreementType;
  readonly stage: PaxStage;
  readonly stageSub: string;
  readonly part: string;
  readonly thirdParties: string;
  readonly ucdpConflicts: readonly string[];
  readonly ucdpAgreements: readonly string[];
  readonly flags: Readonly<Record<string, number>>;
}

const NA = /^(?:|na|n\/a|none)$/i;
const ucdpIds = (cell: string) =>
  cell
    .split(/[,;/\s]+/)
    .map((s) => s.trim())
    .filter((s) => !NA.test(s));

export function readRow(
  row: SheetRow,
  cell: (name: Column) => string,
  seen: Map<string, number>,
): PaxRow | string {
  const con = cell('Con').replace(/\s+/g, ' ').trim();
  if (con === '') return 'Con is empty: the conflict the agreement belongs to is needed';
  const agtId = cell('AgtId').trim();
  if (!/^\d+$/.test(agtId)) return `AgtId ${JSON.stringify(agtId)} is not a number`;
  const first = seen.get(agtId);
  if (first !== undefined) return `AgtId ${agtId} is already on row ${first}`;
  const title = cell('Agt').replace(/\s+/g, ' ').trim();
  if (title === '') return `agreement ${agtId}: Agt (its name) is empty`;
  const date = cell('Dat').trim();
  const dateProblem = partialDateProblem(date);
  if (dateProblem) return `agreement ${agtId}: Dat: ${dateProblem}`;
  const pp = cell('PP').trim();
  if (pp === '') return `agreement ${agtId}: PP (its peace process) is empty`;
  const stage = cell('Stage').trim();
  if (!Object.hasOwn(PAX_STAGES, stage)) {
    return `agreement ${agtId}: Stage ${JSON.stringify(stage)} is not a PA-X stage; expected one of ${Object.keys(PAX_STAGES).join(', ')}`;
  }
  const agtp = cell('Agtp').trim();
  if (!Object.hasOwn(PAX_AGREEMENT_TYPES, agtp)) {
    return `agreement ${agtId}: Agtp ${JSON.stringify(agtp)} is not a PA-X agreement type; expected one of ${Object.keys(PAX_AGREEMENT_TYPES).join(', ')}`;
  }
  const status = cell('Status').trim();
  if (!(PAX_STATUSES as readonly string[]).includes(status)) {
    return `agreement ${agtId}: Status ${JSON.stringify(status)} is not a PA-X status; expected one of ${PAX_STATUSES.join(', ')}`;
  }
  const flags: Record<string, number> = {};
  for (const p of PAX_PROVISIONS) {
    const value = cell(p.flag).trim();
    if (value === '' || NA.test(value)) continue;
    if (!/^\d+$/.test(value)) return `agreement ${agtId}: ${p.flag} ${JSON.stringify(value)} is not a number`;
    flags[p.flag] = Number(value);
  }
  seen.set(agtId, row.row);
  return {
    row: row.row,
    con,
    contp: cell('Contp').trim(),
    region: cell('Reg').trim(),
    pp,
    ppName: cell('PPName').replace(/\s+/g, ' ').trim() || `PA-X peace process ${pp}`,
    agtId,
    version: cell('Ver').trim(),
    title,
    date,
    status: status as PaxStatus,
    agtp: agtp as PaxAgreementType,
    stage: stage as PaxStage,
    stageSub: cell('StageSub').trim(),
    part: cell('Part'),
    thirdParties: cell('ThrdPart'),
    ucdpConflicts: ucdpIds(cell('UcdpCon')),
    ucdpAgreements: ucdpIds(cell('UcdpAgr')),
    flags,
  };
}

// ---------------------------------------------------------------------------------------------------
// Classification helpers (shared with ucdp.ts)

/** The sector a classification gives an actor: its sector, else its track's typical sector, else none. */
const TRACK_SECTOR: Partial<Record<TrackId, SectorId>> = {
  '1': 'government',
  '2': 'ngo',
  '3': 'business',
  '4': 'citizen',
  '5': 'research',
  '6': 'activist',
  '7': 'religious',
  '8': 'funder',
  '9': 'media',
};

export function sectorOf(c: ActorTextClassification): SectorId {
  if (c.status !== 'classified') return 'unclassified';
  if (c.sector !== null) return c.sector;
  return (c.track !== null && TRACK_SECTOR[c.track]) || 'unclassified';
}

export function partyKindOf(sector: SectorId): PartyKind {
  switch (sector) {
    case 'government':
    case 'military':
    case 'legislature':
    case 'judiciary':
      return 'state';
    case 'igo':
      return 'igo';
    case 'armed-group':
      return 'armed-group';
    case 'citizen':
    case 'diaspora':
      return 'community';
    case 'activist':
      return 'movement';
    default:
      return 'other';
  }
}

/** Memoised classifier that also counts what it says, per field. */
export class ItemTally {
  private readonly unknownTexts = new Map<string, number>();
  readonly counts: Omit<ItemCounts, 'unknownTexts'> = {
    items: 0,
    headings: 0,
    classified: 0,
    noActor: 0,
    unknown: 0,
  };

  constructor(private readonly classify: (text: string) => ActorTextClassification) {}

  heading(): void {
    this.counts.items++;
    this.counts.headings++;
  }

  item(text: string): ActorTextClassification {
    const c = this.classify(text);
    this.counts.items++;
    if (c.status === 'classified') this.counts.classified++;
    else if (c.status === 'no-actor') this.counts.noActor++;
    else {
      this.counts.unknown++;
      this.unknownTexts.set(text, (this.unknownTexts.get(text) ?? 0) + 1);
    }
    return c;
  }

  report(): ItemCounts {
    const unknownTexts = [...this.unknownTexts]
      .map(([text, count]) => ({ text, count }))
      .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return { ...this.counts, unknownTexts };
  }
}

export function memoise(classify: ActorTextClassifier): ActorTextClassifier {
  const cache = new Map<string, ActorTextClassification>();
  return (text) => {
    let c = cache.get(text);
    if (!c) {
      c = classify(text);
      cache.set(text, c);
    }
    return c;
  };
}

const CONVENE =
  /\b(?:mediat\w*|m[ée]diat\w*|facilitat\w*|host\w*|broker\w*|convene\w*|convenor\w*|auspices|chairmanship|chaired|good offices|bons offices)\b/iu;
const THIRD_PARTY_ROLE: readonly [RegExp, string][] = [
  [/\b(?:mediat\w*|m[ée]diat\w*)\b/iu, 'mediator'],
  [/\bfacilitat\w*\b/iu, 'facilitator'],
  [/\b(?:host\w*)\b/iu, 'host'],
  [/\bbroker\w*\b/iu, 'broker'],
  [/\b(?:auspices|chairmanship|chaired|convene\w*|convenor\w*|good offices|bons offices)\b/iu, 'convener'],
  [/\bguarant\w*\b/iu, 'guarantor'],
  [/\b(?:witness\w*|t[ée]moin\w*)\b/iu, 'witness'],
  [/\bobserv\w*\b/iu, 'observer'],
];

/** How a third party stands to the process: convenes (mediator, facilitator, host …) or participates-in. */
export function thirdPartyRole(
  text: string,
  context = '',
): { link: 'convenes' | 'participates-in'; role: string } {
  const both = `${context} ${text}`;
  const role =
    THIRD_PARTY_ROLE.find(([re]) => re.test(text))?.[1] ??
    THIRD_PARTY_ROLE.find(([re]) => re.test(context))?.[1] ??
    'third party';
  return { link: CONVENE.test(both) ? 'convenes' : 'participates-in', role };
}

// ---------------------------------------------------------------------------------------------------
// Building one system

/** An entity (party or actor) collected from items, with every text it was read from. */
interface Entity {
  readonly key: string;
  readonly texts: Map<string, ActorTextClassification>;
  name: string;
  signatory: boolean;
  thirdParty: boolean;
}

function bestText(entity: Entity): { text: string; c: ActorTextClassification } {
  const texts = [...entity.texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const classified = texts.find(([, c]) => c.status === 'classified');
  const [text, c] = classified ?? (texts[0] as [string, ActorTextClassification]);
  return { text, c };
}

const quote = (text: string, max = 300) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

function entityNotes(entity: Entity, what: string): string {
  const texts = [...entity.texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const shown = texts.slice(0, 5).map(([t, c]) => `${quote(t)} (${c.status}: ${c.reason})`);
  const more = texts.length > 5 ? `; and ${texts.length - 5} more` : '';
  return `${what}: ${shown.join('; ')}${more}`;
}

const SCOPE_ORDER: readonly Scope[] = ['domestic', 'bilateral', 'regional', 'multilateral'];

function scopeOf(row: PaxRow): Scope {
  switch (row.agtp) {
    case 'Intra':
    case 'IntraLocal':
      return 'domestic';
    case 'InterIntra':
      return 'multilateral';
    case 'Inter':
      return row.con.split('/').filter((s) => s.trim() !== '').length === 2 ? 'bilateral' : 'multilateral';
  }
}

const JOINT_STATEMENT =
  /\b(?:communiqu[ée]s?|comunicados?|joint statements?|press statements?|press releases?|statements? to the press|d[ée]claration commune)\b/iu;
const JOINT_DECLARATION = /\b(?:joint declarations?|declaraci[oó]n conjunta|d[ée]claration conjointe)\b/iu;

function kindOf(row: PaxRow): OutcomeKind {
  if (row.status === 'Unilateral document') return 'declaration';
  if (JOINT_STATEMENT.test(row.title)) return 'joint-statement';
  if (JOINT_DECLARATION.test(row.title)) return 'declaration';
  return 'agreement';
}

/** The mechanism of agreements signed by non-officials only: one typical of their track (mechanism.ts). */
const MECHANISM_OF_TRACK: Partial<Record<TrackId, Mechanism>> = {
  '2': 'discussion-forum',
  '3': 'business-channel',
  '4': 'people-to-people',
  '5': 'peace-education',
  '6': 'advocacy',
  '7': 'reconciliation',
  '8': 'grant-programme',
  '9': 'reporting',
};

interface Signatory {
  readonly entity: Entity;
  readonly c: ActorTextClassification;
}

interface Agreement {
  readonly row: PaxRow;
  readonly signatories: Signatory[];
  readonly thirdParties: { entity: Entity; link: 'convenes' | 'participates-in'; role: string }[];
  /** Track of its signatories (rules/classify), or 'unclassified'. */
  group: TrackId | 'unclassified';
  reason: string;
  unknownSignatories: number;
}

export interface PaxReadOptions {
  /** The file name, for the report and the source note. */
  readonly file: string;
  readonly classify: ActorTextClassifier;
  /** Owner of the produced systems (default "multitrack-import"). */
  readonly owner?: string;
}

export interface PaxReport {
  readonly file: string;
  /** Data rows read (blank rows not counted). */
  readonly rowsRead: number;
  readonly blankRows: number;
  readonly rejected: RowProblem[];
  /** Agreements accepted: one outcome each, in exactly one system. */
  readonly agreements: number;
  readonly processes: number;
  readonly systems: number;
  readonly initiatives: number;
  readonly initiativesByTrack: Record<string, number>;
  readonly bindingAgreements: number;
  readonly parties: number;
  readonly actors: number;
  readonly links: number;
  readonly signatories: ItemCounts;
  readonly thirdParties: ItemCounts;
  /** Systems read from several spellings of one conflict. */
  readonly mergedConflicts: { system: string; spellings: string[] }[];
  readonly missingOptionalColumns: string[];
  /** Why reading stopped (malformed CSV) or did not start (missing columns). */
  readonly error?: RowProblem;
}

export interface PaxResult {
  readonly systems: SystemInput[];
  readonly report: PaxReport;
}

const PAX_SOURCE_ID = 'pa-x';

function paxSource(file: string): SourceInput {
  return {
    id: PAX_SOURCE_ID,
    title: 'PA-X Peace Agreements Database',
    publisher: 'PeaceRep, University of Edinburgh',
    url: 'https://www.peaceagreements.org',
    note: `imported from ${file}; PA-X is licensed CC BY-NC-SA 4.0 (research use): keep this credit`,
  };
}

const ucdpConflictSource = (id: string): SourceInput => ({
  id: `ucdp-conflict-${id}`,
  title: `UCDP conflict ${id} (PA-X UcdpCon)`,
  publisher: 'Uppsala Conflict Data Program',
  ...(/^\d+$/.test(id) ? { url: `https://ucdp.uu.se/conflict/${id}` } : {}),
});

const ucdpAgreementSource = (id: string): SourceInput => ({
  id: `ucdp-agreement-${id}`,
  title: `UCDP peace agreement ${id} (PA-X UcdpAgr)`,
  publisher: 'Uppsala Conflict Data Program',
});

const byId = <T extends { id?: string }>(a: T, b: T) => ((a.id ?? '') < (b.id ?? '') ? -1 : 1);
const linkKey = (l: LinkInput) => l.id ?? `${l.from}--${l.type}--${l.to}`;
const trackSuffix = (t: TrackId) => `track-${t}`;

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0] ?? '';
}

function issuesOf(contp: readonly string[]): ConflictInput['issues'] {
  const words = new Set(contp.flatMap((c) => c.toLowerCase().split('/')).map((w) => w.trim()));
  const issues: NonNullable<ConflictInput['issues']> = [];
  if (words.has('government')) issues.push({ id: 'government', name: 'Government (PA-X conflict type)' });
  if (words.has('territory')) issues.push({ id: 'territory', name: 'Territory (PA-X conflict type)' });
  if (words.has('inter-group')) issues.push({ id: 'inter-group', name: 'Inter-group (PA-X conflict type)' });
  return issues;
}

function buildSystem(
  key: string,
  rows: readonly PaxRow[],
  tallies: { part: ItemTally; third: ItemTally },
  options: PaxReadOptions,
): SystemInput {
  const sorted = [...rows].sort((a, b) =>
    byDateThenId({ date: a.date, id: a.agtId }, { date: b.date, id: b.agtId }),
  );
  const entities = new Map<string, Entity>();
  const entity = (text: string, c: ActorTextClassification): Entity => {
    const name = entityName(text);
    const k = entityKey(name);
    let e = entities.get(k);
    if (!e) {
      e = { key: k, texts: new Map(), name, signatory: false, thirdParty: false };
      entities.set(k, e);
    }
    e.texts.set(text, c);
    return e;
  };

  const agreements: Agreement[] = sorted.map((row) => {
    const signatories: Signatory[] = [];
    for (const item of splitActorItems(row.part)) {
      if (item.heading) {
        tallies.part.heading();
        continue;
      }
      const c = tallies.part.item(item.text);
      if (c.status === 'no-actor') continue;
      const e = entity(item.text, c);
      e.signatory = true;
      signatories.push({ entity: e, c });
    }
    const thirdParties: Agreement['thirdParties'] = [];
    for (const item of splitActorItems(row.thirdParties)) {
      if (item.heading) {
        tallies.third.heading();
        continue;
      }
      const c = tallies.third.item(item.text);
      if (c.status === 'no-actor') continue;
      const e = entity(item.text, c);
      e.thirdParty = true;
      thirdParties.push({ entity: e, ...thirdPartyRole(item.text, item.context) });
    }
    const participants: Participant[] = signatories.flatMap(({ c }) => {
      const sector = sectorOf(c);
      if (sector === 'unclassified') return [];
      return [{ sector, capacity: sectorById(sector).official ? 'official' : 'personal' } as const];
    });
    let group: Agreement['group'] = 'unclassified';
    let reason = 'no signatory could be classified';
    if (participants.length > 0) {
      try {
        const classification = classifyParticipants(participants);
        group = classification.track;
        reason = classification.reason;
      } catch (error) {
        if (!(error instanceof ClassifyError)) throw error;
        reason = error.message;
      }
    }
    const unknownSignatories = signatories.filter(({ c }) => sectorOf(c) === 'unclassified').length;
    return { row, signatories, thirdParties, group, reason, unknownSignatories };
  });

  // Parties and actors
  const parties: PartyInput[] = [];
  const actors: ActorInput[] = [];
  for (const e of [...entities.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const { text, c } = bestText(e);
    const sector = sectorOf(c);
    const partyId = e.signatory ? fitId('party-', e.key) : undefined;
    if (partyId) {
      parties.push({
        id: partyId,
        name: e.name,
        kind: partyKindOf(sector),
        sources: [PAX_SOURCE_ID],
        notes: entityNotes(e, 'PA-X signatory text'),
      });
    }
    actors.push({
      id: fitId('actor-', e.key),
      name: e.name,
      kind: actorKind(text, e.name),
      sector,
      ...(partyId ? { party: partyId } : {}),
      sources: [PAX_SOURCE_ID],
      ...(sector === 'unclassified'
        ? { description: `not classified: review the text (${quote(text)})` }
        : {}),
      notes: entityNotes(e, e.signatory ? 'PA-X text (Part/ThrdPart)' : 'PA-X third-party text'),
    });
  }
  const con = mostFrequent(rows.map((r) => r.con));
  const conflictId = fitId('conflict-', key);
  if (parties.length === 0) {
    parties.push({
      id: fitId('party-', `${key}-parties`),
      name: `Parties to ${con}`,
      kind: 'other',
      sources: [PAX_SOURCE_ID],
      notes: 'stand-in: PA-X names no signatory that could be read for this conflict',
    });
  }

  // Initiatives: one per process and signatory track
  type Group = { pp: string; group: Agreement['group']; agreements: Agreement[] };
  const groups = new Map<string, Group>();
  for (const a of agreements) {
    const k = `${a.row.pp}\u0000${a.group}`;
    const g = groups.get(k) ?? { pp: a.row.pp, group: a.group, agreements: [] };
    g.agreements.push(a);
    groups.set(k, g);
  }
  const initiativeIdOf = (pp: string, group: Agreement['group']) =>
    fitId(
      'process-',
      `${slugOf(pp)}${group === '1' ? '' : `-${group === 'unclassified' ? group : trackSuffix(group)}`}`,
    );

  const initiatives: InitiativeInput[] = [];
  const outcomes: OutcomeInput[] = [];
  const links = new Map<string, LinkInput>();
  const addLink = (link: LinkInput) => {
    const k = linkKey(link);
    const existing = links.get(k);
    if (
      !existing ||
      (link.date !== undefined &&
        existing.date !== undefined &&
        compareDates(String(link.date), String(existing.date)) < 0)
    ) {
      links.set(k, link);
    }
  };
  const sources = new Map<string, SourceInput>([[PAX_SOURCE_ID, paxSource(options.file)]]);

  for (const g of groups.values()) {
    const first = g.agreements[0] as Agreement;
    const id = initiativeIdOf(g.pp, g.group);
    const ppName = mostFrequent(g.agreements.map((a) => a.row.ppName));
    const scope = g.agreements
      .map((a) => scopeOf(a.row))
      .reduce((w, s) => (SCOPE_ORDER.indexOf(s) > SCOPE_ORDER.indexOf(w) ? s : w), 'domestic' as Scope);
    const partyIds = [
      ...new Set(g.agreements.flatMap((a) => a.signatories.map((s) => fitId('party-', s.entity.key)))),
    ].sort();
    const unknown = g.agreements.reduce((n, a) => n + a.unknownSignatories, 0);
    const unknownNote =
      unknown > 0
        ? ` ${unknown} signatory text(s) could not be classified and are left out of this reading.`
        : '';
    let name = ppName;
    let track: string | undefined;
    let notes: string;
    if (g.group === '1') {
      track = 'Track 1';
      notes =
        `Declared Track 1: the signatories of its ${g.agreements.length} agreement(s) (PA-X Part) are officials acting officially — governments, IGOs, armed groups' leaders (rules/classify: official-only). ` +
        `Its signed agreements are binding (rules/authority: only Track 1 binds).${unknownNote}`;
    } else if (g.group === 'unclassified') {
      name = `${ppName}: agreements whose signatories are not classified`;
      notes = `No declared track: none of the signatories of its ${g.agreements.length} agreement(s) could be classified, so its authority cannot be checked and none of its agreements is binding. Review the signatories.`;
    } else {
      track = `Track ${g.group}`;
      name = `${ppName}: Track ${g.group} agreements`;
      notes = `Declared Track ${g.group} from its signatories (rules/classify: ${first.reason}); only Track 1 binds, so none of its agreements is binding.${unknownNote}`;
    }
    initiatives.push({
      id,
      name,
      ...(track ? { track } : {}),
      mechanism:
        g.group === 'unclassified' ? 'official-talks' : (MECHANISM_OF_TRACK[g.group] ?? 'official-talks'),
      scope,
      parties: partyIds,
      start: first.row.date,
      sources: [PAX_SOURCE_ID],
      description: `PA-X peace process ${g.pp}: ${ppName}`,
      notes,
    });

    for (const a of g.agreements) {
      const r = a.row;
      const outcomeId = `agreement-${r.agtId}`;
      const kind = kindOf(r);
      const binding = g.group === '1' && kind === 'agreement' && BINDING_STATUSES.has(r.status);
      const conflictStage = PAX_STAGES[r.stage].stage;
      const outcomeSources = [PAX_SOURCE_ID];
      for (const u of r.ucdpConflicts) {
        sources.set(`ucdp-conflict-${u}`, ucdpConflictSource(u));
        outcomeSources.push(`ucdp-conflict-${u}`);
      }
      for (const u of r.ucdpAgreements) {
        sources.set(`ucdp-agreement-${u}`, ucdpAgreementSource(u));
        outcomeSources.push(`ucdp-agreement-${u}`);
      }
      outcomes.push({
        id: outcomeId,
        name: r.title,
        kind,
        binding,
        date: r.date,
        initiative: id,
        sources: [...new Set(outcomeSources)].sort(),
        notes: [
          `PA-X AgtId ${r.agtId}${r.version ? ` (version ${r.version})` : ''}; row ${r.row}`,
          `negotiation stage (PA-X Stage): ${r.stage} — ${PAX_STAGES[r.stage].meaning}${r.stageSub ? `; sub-stage ${r.stageSub}` : ''}; conflict stage: ${conflictStage ?? 'no change'}${r.stage === 'Imp' || r.stage === 'Pre' || r.stage === 'SubPar' ? ' (see paxStageHistory)' : ''}`,
          `status: ${r.status}; agreement type (Agtp): ${r.agtp} (${PAX_AGREEMENT_TYPES[r.agtp]})`,
          `signatories: ${a.reason}`,
        ].join('\n'),
      });
      for (const s of a.signatories) {
        addLink({
          type: 'participates-in',
          from: fitId('actor-', s.entity.key),
          to: id,
          date: r.date,
          label: 'PA-X Part (signatory)',
        });
      }
      for (const t of a.thirdParties) {
        addLink({
          type: t.link,
          from: fitId('actor-', t.entity.key),
          to: id,
          date: r.date,
          label: `PA-X ThrdPart (${t.role})`,
        });
      }
      for (const p of PAX_PROVISIONS) {
        const value = r.flags[p.flag] ?? 0;
        if (value > 0)
          addLink({
            type: p.link,
            from: p.id,
            to: outcomeId,
            date: r.date,
            label: `PA-X ${p.flag}=${value}`,
          });
      }
    }
  }

  for (const p of PAX_PROVISIONS) {
    if (!rows.some((r) => (r.flags[p.flag] ?? 0) > 0)) continue;
    actors.push({
      id: p.id,
      name: p.name,
      kind: 'organisation',
      sector: p.sector,
      sources: [PAX_SOURCE_ID],
      description: `generic actor for the ${p.name.toLowerCase()} named by PA-X provisions, not a specific organisation`,
      notes: p.why,
    });
  }

  const stages = paxStageHistory(
    agreements.map((a) => ({
      date: a.row.date,
      stage: a.row.stage,
      id: a.row.agtId,
      label: `${quote(a.row.title, 120)} (AgtId ${a.row.agtId})`,
    })),
  );
  const ucdpCounts = new Map<string, number>();
  for (const r of rows) for (const u of r.ucdpConflicts) ucdpCounts.set(u, (ucdpCounts.get(u) ?? 0) + 1);
  const ucdpConflicts = [...ucdpCounts.keys()].sort();
  const spellings = [...new Set(rows.map((r) => r.con))].sort();
  const regions = [...new Set(rows.map((r) => r.region).filter((r) => r !== ''))].sort();
  const contps = [...new Set(rows.map((r) => r.contp).filter((c) => c !== ''))].sort();

  const conflict: ConflictInput = {
    id: conflictId,
    name: con,
    parties: parties.map((p) => p.id).sort(),
    issues: issuesOf(contps),
    stages,
    sources: [PAX_SOURCE_ID, ...ucdpConflicts.map((u) => `ucdp-conflict-${u}`)],
    notes: [
      `PA-X conflict${spellings.length > 1 ? ` (spelled ${spellings.map((s) => JSON.stringify(s)).join(', ')})` : ''}`,
      contps.length ? `conflict type (Contp): ${contps.join(', ')}` : '',
      regions.length ? `region: ${regions.join(', ')}` : '',
      ucdpConflicts.length
        ? `UCDP conflicts (UcdpCon): ${ucdpConflicts.map((u) => `${u} (${ucdpCounts.get(u)} agreements)`).join(', ')}`
        : '',
      'stage history from the dated PA-X agreement stages (paxStageHistory)',
    ]
      .filter((s) => s !== '')
      .join('\n'),
  };

  const first = sorted[0] as PaxRow;
  const last = sorted[sorted.length - 1] as PaxRow;
  const processes = new Set(rows.map((r) => r.pp)).size;
  return {
    multitrack: 1,
    id: fitId('pax-', key),
    name: `${con} (PA-X)`,
    description: `Peace agreements of ${con} from PA-X: ${rows.length} agreement(s) in ${processes} peace process(es), ${first.date} to ${last.date}.`,
    convention: 'canonical',
    owner: options.owner ?? 'multitrack-import',
    conflict,
    parties: parties.sort(byId),
    actors: actors.sort(byId),
    initiatives: initiatives.sort(byId),
    engagements: [],
    outcomes: outcomes.sort((a, b) =>
      byDateThenId({ date: String(a.date), id: a.id }, { date: String(b.date), id: b.id }),
    ),
    links: [...links.values()].sort((a, b) => (linkKey(a) < linkKey(b) ? -1 : 1)),
    sources: [...sources.values()].sort(byId),
  };
}

// ---------------------------------------------------------------------------------------------------
// The reader

/** Reads a PA-X agreements CSV into one system per conflict, and a report. */
export function readPax(text: string, options: PaxReadOptions): PaxResult {
  const sheet = readSheet(text);
  const index = new Map<string, number>();
  sheet.header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (!index.has(name)) index.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c.toLowerCase()));
  const missingOptional = OPTIONAL.filter((c) => !index.has(c.toLowerCase()));
  const classify = memoise(options.classify);
  const tallies = { part: new ItemTally(classify), third: new ItemTally(classify) };
  const empty = (error: RowProblem): PaxResult => ({
    systems: [],
    report: {
      file: options.file,
      rowsRead: 0,
      blankRows: 0,
      rejected: [],
      agreements: 0,
      processes: 0,
      systems: 0,
      initiatives: 0,
      initiativesByTrack: {},
      bindingAgreements: 0,
      parties: 0,
      actors: 0,
      links: 0,
      signatories: tallies.part.report(),
      thirdParties: tallies.third.report(),
      mergedConflicts: [],
      missingOptionalColumns: [...missingOptional],
      error,
    },
  });
  if (missing.length > 0) {
    return empty({
      row: 1,
      reason: `not a PA-X agreements file: missing column(s) ${missing.join(', ')} (expected ${REQUIRED.join(', ')})`,
    });
  }

  const accepted: PaxRow[] = [];
  const rejected: RowProblem[] = [];
  const seen = new Map<string, number>();
  let rowsRead = 0;
  let blankRows = 0;
  for (const row of sheet.rows) {
    if (row.cells.every((c) => c.trim() === '')) {
      blankRows++;
      continue;
    }
    rowsRead++;
    const cell = (name: Column) => {
      const i = index.get(name.toLowerCase());
      return i === undefined ? '' : (row.cells[i] ?? '');
    };
    const read = readRow(row, cell, seen);
    if (typeof read === 'string') rejected.push({ row: row.row, reason: read });
    else accepted.push(read);
  }

  const bySystem = new Map<string, PaxRow[]>();
  for (const r of accepted) {
    const key = slugOf(r.con);
    const list = bySystem.get(key) ?? [];
    list.push(r);
    bySystem.set(key, list);
  }
  const systems = [...bySystem.keys()]
    .sort()
    .map((key) => buildSystem(key, bySystem.get(key) as PaxRow[], tallies, options));

  const initiativesByTrack: Record<string, number> = {};
  for (const s of systems) {
    for (const n of s.initiatives ?? []) {
      const t = n.track ?? 'unclassified';
      initiativesByTrack[t] = (initiativesByTrack[t] ?? 0) + 1;
    }
  }
  const sortedTracks = Object.fromEntries(
    Object.entries(initiativesByTrack).sort(([a], [b]) => {
      const order = (t: string) =>
        t === 'unclassified' ? 99 : trackOrder(t.replace('Track ', '') as TrackId);
      return order(a) - order(b);
    }),
  );
  const mergedConflicts = [...bySystem]
    .map(([key, rows]) => ({
      system: fitId('pax-', key),
      spellings: [...new Set(rows.map((r) => r.con))].sort(),
    }))
    .filter((m) => m.spellings.length > 1)
    .sort((a, b) => (a.system < b.system ? -1 : 1));
  const sum = (f: (s: SystemInput) => number) => systems.reduce((n, s) => n + f(s), 0);

  return {
    systems,
    report: {
      file: options.file,
      rowsRead,
      blankRows,
      rejected,
      agreements: accepted.length,
      processes: new Set(accepted.map((r) => r.pp)).size,
      systems: systems.length,
      initiatives: sum((s) => s.initiatives?.length ?? 0),
      initiativesByTrack: sortedTracks,
      bindingAgreements: sum((s) => (s.outcomes ?? []).filter((o) => o.binding).length),
      parties: sum((s) => s.parties?.length ?? 0),
      actors: sum((s) => s.actors?.length ?? 0),
      links: sum((s) => s.links?.length ?? 0),
      signatories: tallies.part.report(),
      thirdParties: tallies.third.report(),
      mergedConflicts,
      missingOptionalColumns: [...missingOptional],
      ...(sheet.error ? { error: { row: sheet.error.row, reason: sheet.error.message } } : {}),
    },
  };
}
