/**
 * Which track a meeting or a process is on, from who takes part and in what capacity (domain.md §3).
 * Returns the track and a reason a mediator can read.
 *
 * Sources: seed 000 ("Track 1 … official representatives of states"; "Track 1.5 … government
 * representatives interact unofficially or personally, along with non-state actors"; "Track 2 …
 * non-official actors who are not formally representing their government"); seed 002 ("Track 1.5: both
 * officials and non-officials are engaged"); seed 004 ("Track 2 … without direct governmental
 * involvement").
 */
import { type Capacity, type SectorId, sectorById } from '../sector.js';
import { type TrackId, trackOrder } from '../track.js';

export interface Participant {
  readonly sector: SectorId;
  readonly capacity: Capacity;
}

export interface Classification {
  readonly track: TrackId;
  readonly reason: string;
  readonly rule: 'official-only' | 'officials-with-others' | 'officials-in-personal-capacity' | 'by-sector';
}

export class ClassifyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClassifyError';
  }
}

/** The source of each branch, kept beside the rule. */
export const CLASSIFY_SOURCES = {
  'official-only':
    'seed 000 (Track 1: official representatives of states); seed 003 (acting with national authority)',
  'officials-with-others': 'seed 002 (Track 1.5: officials and non-officials engaged together); seed 001',
  'officials-in-personal-capacity':
    'seed 000 (Track 1.5: government representatives interact unofficially or personally); seed 004 (officials participate in an unofficial capacity)',
  'by-sector':
    'domain.md §2 (each track by sector); seed 000 and seed 004 (mixed unofficial groups — academics, NGOs, business, religious leaders — are Track 2)',
} as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Classifies a set of participants.
 * - Every participant an official (an official sector) acting officially → Track 1.
 * - Officials acting officially together with non-officials → Track 1.5.
 * - Any official taking part in a personal capacity → Track 1.5.
 * - No officials → the track of the participants' sectors. With mixed sectors: the track most
 *   participants belong to; on a tie, the tied track first in canonical order — so Track 2 whenever it
 *   is among them (a mixed unofficial group is the classic Track 2 of seeds 000 and 004).
 * A non-official sector in an official capacity is a contradiction and throws ClassifyError.
 */
export function classify(participants: readonly Participant[]): Classification {
  if (participants.length === 0)
    throw new ClassifyError('no participants: a track needs at least one participant');
  for (const p of participants) {
    if (p.capacity === 'official' && !sectorById(p.sector).official) {
      throw new ClassifyError(
        `a ${p.sector} participant cannot act in an official capacity: only government, military, legislature, ` +
          `judiciary, igo and armed-group participants hold office; use capacity personal`,
      );
    }
  }
  const officials = participants.filter((p) => sectorById(p.sector).official);
  const acting = officials.filter((p) => p.capacity === 'official');
  const personal = officials.filter((p) => p.capacity === 'personal');
  const others = participants.length - officials.length;

  if (officials.length === participants.length && personal.length === 0) {
    return {
      track: '1',
      rule: 'official-only',
      reason: `all ${plural(participants.length, 'participant')} are officials acting in an official capacity`,
    };
  }
  if (personal.length > 0) {
    return {
      track: '1.5',
      rule: 'officials-in-personal-capacity',
      reason:
        `${plural(personal.length, 'official')} ${personal.length === 1 ? 'takes' : 'take'} part in a personal capacity` +
        (others > 0 ? ` alongside ${plural(others, 'non-official')}` : '') +
        (acting.length > 0 ? ` and ${plural(acting.length, 'official')} acting officially` : ''),
    };
  }
  if (officials.length > 0) {
    return {
      track: '1.5',
      rule: 'officials-with-others',
      reason: `${plural(officials.length, 'official')} acting officially together with ${plural(others, 'non-official')}`,
    };
  }
  return classifyBySector(participants);
}

function classifyBySector(participants: readonly Participant[]): Classification {
  const counts = new Map<TrackId, number>();
  for (const p of participants) {
    const track = sectorById(p.sector).homeTrack;
    if (track !== null) counts.set(track, (counts.get(track) ?? 0) + 1);
  }
  if (counts.size === 0) {
    throw new ClassifyError(
      'no participant has a known sector (all are unclassified); assign sectors to classify',
    );
  }
  const max = Math.max(...counts.values());
  const tied = [...counts.entries()]
    .filter(([, n]) => n === max)
    .map(([t]) => t)
    .sort((a, b) => trackOrder(a) - trackOrder(b));
  const sectors = [...new Set(participants.map((p) => p.sector))].filter((s) => s !== 'unclassified').sort();
  const first = tied[0] as TrackId;
  if (counts.size === 1) {
    return {
      track: first,
      rule: 'by-sector',
      reason: `no officials; every participant is from the ${sectors.join('/')} sector (Track ${first})`,
    };
  }
  const track = first;
  const tie = tied.length > 1 ? `, tied between Tracks ${tied.join(', ')}` : '';
  return {
    track,
    rule: 'by-sector',
    reason: `no officials; mixed sectors (${sectors.join(', ')}), most participants work on Track ${track}${tie}`,
  };
}
