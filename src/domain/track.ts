/**
 * The canonical track taxonomy of multi-track diplomacy (the nine tracks of Diamond and McDonald plus
 * Track 1.5), the cross-cutting modalities, and the other labelling conventions the sources use, mapped
 * onto it so that data coded in any convention reads without loss (domain.md §2).
 */
import { z } from 'zod';

export const TRACK_IDS = ['1', '1.5', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export type TrackId = (typeof TRACK_IDS)[number];
export const TrackIdSchema = z.enum(TRACK_IDS);

export interface Track {
  readonly id: TrackId;
  readonly name: string;
  readonly sector: string;
  readonly peacemakingThrough: string;
  readonly typicalActors: readonly string[];
  readonly typicalMechanisms: readonly string[];
  readonly typicalOutputs: readonly string[];
  /** Whether this track's outputs can bind states (only Track 1: seed 003 "Relevance"). */
  readonly canBind: boolean;
}

/** The canonical taxonomy, as domain.md §2 states it. */
export const TRACKS: readonly Track[] = Object.freeze([
  {
    id: '1',
    name: 'Official diplomacy',
    sector: 'government',
    peacemakingThrough: 'diplomacy',
    typicalActors: [
      'heads of state and government',
      'foreign ministers',
      'ambassadors and envoys',
      'officials',
      'military leaders',
      'delegations to international organisations',
    ],
    typicalMechanisms: [
      'bilateral and multilateral summits',
      'treaty negotiation',
      'state visits',
      'sessions of international organisations',
      'official mediation',
      'economic statecraft',
      'coercion',
      'public diplomacy',
    ],
    typicalOutputs: ['binding treaties and agreements', 'resolutions', 'policy'],
    canBind: true,
  },
  {
    id: '1.5',
    name: 'Mixed official and unofficial dialogue',
    sector: 'mixed',
    peacemakingThrough: 'official and unofficial together',
    typicalActors: [
      'officials in a personal or unofficial capacity',
      'scholars',
      'retired officials',
      'think tanks',
    ],
    typicalMechanisms: ['informal dialogues', 'off-the-record strategic dialogues'],
    typicalOutputs: [
      'non-binding understandings',
      'policy options',
      'confidence building',
      'signals passed to official channels',
    ],
    canBind: false,
  },
  {
    id: '2',
    name: 'Non-governmental conflict resolution',
    sector: 'non-governmental, professional',
    peacemakingThrough: 'conflict resolution',
    typicalActors: [
      'academics',
      'retired officials and diplomats',
      'think tanks',
      'NGOs',
      'conflict-resolution professionals',
    ],
    typicalMechanisms: [
      'closed-door problem-solving workshops',
      'academic conferences',
      'discussion forums',
      'simulation training',
      'scientific and cultural exchanges',
      'backchannels',
    ],
    typicalOutputs: ['recommendations', 'relationships', 'new ideas', 'draft texts'],
    canBind: false,
  },
  {
    id: '3',
    name: 'Business',
    sector: 'business',
    peacemakingThrough: 'commerce',
    typicalActors: ['firms', 'executives', 'chambers of commerce'],
    typicalMechanisms: ['investment', 'trade', 'joint ventures', 'informal business channels'],
    typicalOutputs: ['economic interdependence', 'jobs', 'incentives for peace'],
    canBind: false,
  },
  {
    id: '4',
    name: 'Private citizens',
    sector: 'private citizens',
    peacemakingThrough: 'personal involvement',
    typicalActors: ['citizen diplomats', 'exchange participants', 'diaspora', 'volunteers'],
    typicalMechanisms: ['people-to-people exchanges and contact programmes'],
    typicalOutputs: ['relationships', 'understanding'],
    canBind: false,
  },
  {
    id: '5',
    name: 'Research, training and education',
    sector: 'research, training, education',
    peacemakingThrough: 'learning',
    typicalActors: ['universities', 'research institutes', 'trainers'],
    typicalMechanisms: ['research', 'training', 'peace education'],
    typicalOutputs: ['knowledge', 'skills', 'capacity'],
    canBind: false,
  },
  {
    id: '6',
    name: 'Activism',
    sector: 'activism',
    peacemakingThrough: 'advocacy',
    typicalActors: ['peace and human-rights activists', 'social movements'],
    typicalMechanisms: ['campaigns', 'advocacy', 'protest'],
    typicalOutputs: ['public pressure', 'agenda setting'],
    canBind: false,
  },
  {
    id: '7',
    name: 'Religion',
    sector: 'religion',
    peacemakingThrough: 'faith in action',
    typicalActors: ['religious leaders', 'faith communities and organisations'],
    typicalMechanisms: ['interfaith dialogue', 'reconciliation', 'moral authority'],
    typicalOutputs: ['legitimacy', 'healing', 'reconciliation'],
    canBind: false,
  },
  {
    id: '8',
    name: 'Funding',
    sector: 'funding',
    peacemakingThrough: 'providing resources',
    typicalActors: ['foundations', 'donors', 'philanthropists', 'development agencies'],
    typicalMechanisms: ['grants and funding programmes'],
    typicalOutputs: ['resources that enable work on the other tracks'],
    canBind: false,
  },
  {
    id: '9',
    name: 'Communications and media',
    sector: 'communications and media',
    peacemakingThrough: 'information',
    typicalActors: [
      'journalists',
      'outlets',
      'social-media voices',
      'digital diplomacy teams of ministries and embassies',
    ],
    typicalMechanisms: ['reporting', 'public campaigns', 'social-media outreach'],
    typicalOutputs: ['narratives', 'public opinion'],
    canBind: false,
  },
] satisfies Track[]);

export function trackById(id: TrackId): Track {
  const track = TRACKS.find((t) => t.id === id);
  if (!track) throw new Error(`no such track: ${id}`);
  return track;
}

/** Tracks in their canonical order, for tables and matrices. */
export function trackOrder(id: TrackId): number {
  return TRACK_IDS.indexOf(id);
}

/** Cross-cutting modalities that apply on any track (domain.md §2, seed 000 "New Trends"). */
export const MODALITIES = ['digital', 'environmental'] as const;
export type Modality = (typeof MODALITIES)[number];
export const ModalitySchema = z.enum(MODALITIES);

/**
 * What a label resolves to: one canonical track, or the multi-track approach as a whole (seed 002 calls
 * that "Track 4"), which is no single track.
 */
export type TrackLabelMeaning =
  { readonly kind: 'track'; readonly track: TrackId } | { readonly kind: 'multi-track' };

export interface TrackConvention {
  readonly id: ConventionId;
  readonly name: string;
  readonly source: string;
  readonly description: string;
  /** Numbered tracks whose meaning differs from the canonical taxonomy, keyed by canonical number. */
  readonly numbers: Readonly<Record<string, TrackLabelMeaning>>;
}

export const CONVENTION_IDS = ['canonical', 'three-level', 'seed-002'] as const;
export type ConventionId = (typeof CONVENTION_IDS)[number];
export const ConventionIdSchema = z.enum(CONVENTION_IDS, {
  error: (i) =>
    `unknown convention ${JSON.stringify(i.input)}; expected one of: ${CONVENTION_IDS.join(', ')}`,
});

const track = (id: TrackId): TrackLabelMeaning => ({ kind: 'track', track: id });

export const CONVENTIONS: readonly TrackConvention[] = Object.freeze<TrackConvention[]>([
  {
    id: 'canonical',
    name: 'Nine tracks plus Track 1.5 (Diamond and McDonald)',
    source: 'domain.md §2; seed 001 (characteristics table)',
    description: 'Tracks 1, 1.5 and 2–9 by sector, as in the canonical taxonomy.',
    numbers: Object.fromEntries(TRACK_IDS.map((id) => [id, track(id)])),
  },
  {
    id: 'three-level',
    name: 'Three levels: official, unofficial, people-to-people',
    source:
      'seed 000 ("Track 3 Diplomacy: People-to-People Level"); seed 002 ("Track 3 … people-to-people contact")',
    description:
      'Track 1 official, Track 1.5 mixed, Track 2 unofficial, Track 3 people-to-people or grassroots work ' +
      '(civil society, community leaders, religious groups, women’s and youth organisations). ' +
      'Track 3 maps onto canonical Track 4 (private citizens, people-to-people).',
    numbers: { '1': track('1'), '1.5': track('1.5'), '2': track('2'), '3': track('4') },
  },
  {
    id: 'seed-002',
    name: 'Seed 002: three levels plus "Track 4" for the multi-track approach',
    source: 'seed 002 ("Track 4 Diplomacy (Multitrack Diplomacy)")',
    description:
      'As the three-level convention, and "Track 4" names the multi-track approach itself ' +
      '(multiple channels and stakeholders), which is no single canonical track.',
    numbers: {
      '1': track('1'),
      '1.5': track('1.5'),
      '2': track('2'),
      '3': track('4'),
      '4': { kind: 'multi-track' },
    },
  },
]);

export function conventionById(id: ConventionId): TrackConvention {
  const convention = CONVENTIONS.find((c) => c.id === id);
  if (!convention) throw new Error(`no such convention: ${id}`);
  return convention;
}

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  'one and a half': '1.5',
  'one-and-a-half': '1.5',
  'one point five': '1.5',
};

const ROMAN: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  'i.5': '1.5',
  'i 1/2': '1.5',
};

/** Free-text labels that name no number, each with what it means and why. */
export const NAMED_LABELS: Readonly<Record<string, { meaning: TrackLabelMeaning; source: string }>> = {
  official: { meaning: track('1'), source: 'seed 000: "Track 1 Diplomacy: Official Level"' },
  'official diplomacy': { meaning: track('1'), source: 'seed 001, seed 004: Track 1 is official diplomacy' },
  unofficial: {
    meaning: track('2'),
    source: 'seed 000: "Track 2 Diplomacy: Unofficial/Non-Governmental Level"',
  },
  'unofficial diplomacy': { meaning: track('2'), source: 'seed 004: Track Two is unofficial diplomacy' },
  mixed: { meaning: track('1.5'), source: 'seed 000: "Track 1.5 Diplomacy: Mixed Level"' },
  backchannel: {
    meaning: track('2'),
    source:
      'seed 002: "Track 2 Diplomacy (Backchannel Diplomacy)"; seed 004 uses "back channel" for 1.5 and 2 together, ' +
      'so a backchannel with officials in it classifies as 1.5 from its participants',
  },
  'back channel': { meaning: track('2'), source: 'seed 002, as "backchannel"' },
  'back-channel': { meaning: track('2'), source: 'seed 002, as "backchannel"' },
  'people-to-people': { meaning: track('4'), source: 'domain.md §2: Track 4, people-to-people exchanges' },
  grassroots: {
    meaning: track('4'),
    source: 'seed 000: grassroots, people-to-people work; canonical Track 4',
  },
  'citizen diplomacy': { meaning: track('4'), source: 'domain.md §2: Track 4, citizen diplomats' },
  'multi-track': { meaning: { kind: 'multi-track' }, source: 'seed 002: the multi-track approach itself' },
  multitrack: { meaning: { kind: 'multi-track' }, source: 'seed 002: the multi-track approach itself' },
};

export class TrackLabelError extends Error {
  constructor(
    readonly label: string,
    readonly convention: ConventionId,
    message: string,
  ) {
    super(message);
    this.name = 'TrackLabelError';
  }
}

/** Lower-case, fold punctuation and whitespace, so "Track-II", "track  ii" and "TRACK II" read alike. */
function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015_]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The number a label names ("Track II" → "2", "T1.5" → "1.5", "track one and a half" → "1.5"), if any. */
function labelNumber(normalised: string): string | undefined {
  const stripped = normalised
    .replace(/\bdiplomacy\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^(?:track|t)[\s-]*(.+)$/.exec(stripped) ?? /^(\d(?:\.5)?)$/.exec(stripped);
  if (!match) return undefined;
  const rest = (match[1] ?? '').trim().replace(/-/g, ' ').trim();
  if (/^\d(?:\.5)?$/.test(rest)) return rest;
  if (/^\d ?1\/2$/.test(rest)) return `${rest[0]}.5`;
  const word = NUMBER_WORDS[rest] ?? NUMBER_WORDS[rest.replace(/ /g, '-')];
  if (word) return word;
  return ROMAN[rest];
}

/** The labels accepted under a convention, for error messages and `multitrack tracks`. */
export function acceptedLabels(convention: ConventionId = 'canonical'): string[] {
  const numbers = Object.keys(conventionById(convention).numbers);
  return [
    ...numbers.map((n) => `Track ${n}`),
    'Track I–IX and Track one–nine (any case)',
    'T1, T1.5, T2, …',
    ...Object.keys(NAMED_LABELS),
  ];
}

/**
 * Reads a track label written in `convention` and says what it means in the canonical taxonomy.
 * Throws a TrackLabelError that lists what is accepted when the label is unknown.
 */
export function parseTrackLabel(label: string, convention: ConventionId = 'canonical'): TrackLabelMeaning {
  const normalised = normaliseLabel(label);
  const named = NAMED_LABELS[normalised];
  if (named) return named.meaning;
  const number = labelNumber(normalised);
  const conv = conventionById(convention);
  if (number !== undefined) {
    const meaning = conv.numbers[number];
    if (meaning) return meaning;
    throw new TrackLabelError(
      label,
      convention,
      `"${label}" names Track ${number}, which the ${convention} convention does not have ` +
        `(it has ${Object.keys(conv.numbers)
          .map((n) => `Track ${n}`)
          .join(', ')})`,
    );
  }
  throw new TrackLabelError(
    label,
    convention,
    `unknown track label "${label}"; accepted: ${acceptedLabels(convention).join(', ')}`,
  );
}

/** The canonical label of a track, e.g. "Track 1.5". */
export function trackLabel(id: TrackId): string {
  return `Track ${id}`;
}
