/**
 * Sectors of society an actor belongs to, whether a member of that sector can act in an official
 * capacity, and the track the sector works on when no official takes part (domain.md §2 and §3).
 */
import { z } from 'zod';
import type { TrackId } from './track.js';

export const SECTOR_IDS = [
  'government',
  'military',
  'legislature',
  'judiciary',
  'igo',
  'armed-group',
  'former-official',
  'ngo',
  'conflict-resolution',
  'academic',
  'think-tank',
  'business',
  'citizen',
  'diaspora',
  'research',
  'education',
  'activist',
  'religious',
  'funder',
  'media',
  'unclassified',
] as const;
export type SectorId = (typeof SECTOR_IDS)[number];

export interface Sector {
  readonly id: SectorId;
  readonly description: string;
  /** Members of the sector hold office for a state, an IGO or a party, and so can act officially. */
  readonly official: boolean;
  /** The track the sector works on (for official sectors, when acting officially); null when unknown. */
  readonly homeTrack: TrackId | null;
  readonly source: string;
}

export const SECTORS: readonly Sector[] = Object.freeze([
  {
    id: 'government',
    description: 'heads of state and government, ministers, diplomats and civil servants',
    official: true,
    homeTrack: '1',
    source: 'domain.md §2 Track 1',
  },
  {
    id: 'military',
    description: 'serving military leaders and officers',
    official: true,
    homeTrack: '1',
    source: 'domain.md §2 Track 1 (military leaders)',
  },
  {
    id: 'legislature',
    description: 'members and officers of parliaments',
    official: true,
    homeTrack: '1',
    source: 'data/README: CAMEO LEG is Track 1',
  },
  {
    id: 'judiciary',
    description: 'judges and court officials',
    official: true,
    homeTrack: '1',
    source: 'data/README: CAMEO JUD is Track 1',
  },
  {
    id: 'igo',
    description: 'officials of intergovernmental organisations (UN, AU, EU, OSCE, …)',
    official: true,
    homeTrack: '1',
    source: 'domain.md §2 Track 1 (delegations to international organisations); seed 003',
  },
  {
    id: 'armed-group',
    description:
      'leaders and negotiators of a non-state party to the conflict (armed group, liberation movement)',
    official: true,
    homeTrack: '1',
    source: 'seed 000: the Colombian government "negotiated Track 1 with the FARC"',
  },
  {
    id: 'former-official',
    description: 'retired officials, diplomats and officers, who no longer hold office',
    official: false,
    homeTrack: '2',
    source: 'domain.md §2 Track 2 (retired officials and diplomats); seed 000',
  },
  {
    id: 'ngo',
    description: 'non-governmental organisations',
    official: false,
    homeTrack: '2',
    source: 'domain.md §2 Track 2 (NGOs)',
  },
  {
    id: 'conflict-resolution',
    description: 'conflict-resolution professionals, mediators and facilitators outside government',
    official: false,
    homeTrack: '2',
    source: 'domain.md §2 Track 2 (conflict-resolution professionals)',
  },
  {
    id: 'academic',
    description: 'scholars in a dialogue or problem-solving role',
    official: false,
    homeTrack: '2',
    source: 'domain.md §2 Track 2 (academics); seed 003',
  },
  {
    id: 'think-tank',
    description: 'policy research organisations and their experts',
    official: false,
    homeTrack: '2',
    source: 'domain.md §2 Track 2 (think tanks); seed 002 (think tanks as key facilitators)',
  },
  {
    id: 'business',
    description: 'firms, executives, chambers of commerce',
    official: false,
    homeTrack: '3',
    source: 'domain.md §2 Track 3',
  },
  {
    id: 'citizen',
    description: 'private citizens, community members, volunteers, exchange participants',
    official: false,
    homeTrack: '4',
    source: 'domain.md §2 Track 4',
  },
  {
    id: 'diaspora',
    description: 'diaspora communities and their organisations',
    official: false,
    homeTrack: '4',
    source: 'domain.md §2 Track 4 (diaspora)',
  },
  {
    id: 'research',
    description: 'universities and research institutes as producers of knowledge',
    official: false,
    homeTrack: '5',
    source: 'domain.md §2 Track 5',
  },
  {
    id: 'education',
    description: 'trainers, schools, peace-education programmes',
    official: false,
    homeTrack: '5',
    source: 'domain.md §2 Track 5',
  },
  {
    id: 'activist',
    description: 'peace and human-rights activists, social movements',
    official: false,
    homeTrack: '6',
    source: 'domain.md §2 Track 6',
  },
  {
    id: 'religious',
    description: 'religious leaders, faith communities and organisations',
    official: false,
    homeTrack: '7',
    source: 'domain.md §2 Track 7',
  },
  {
    id: 'funder',
    description: 'foundations, donors, philanthropists, non-governmental development funders',
    official: false,
    homeTrack: '8',
    source: 'domain.md §2 Track 8',
  },
  {
    id: 'media',
    description: 'journalists, outlets, social-media voices',
    official: false,
    homeTrack: '9',
    source: 'domain.md §2 Track 9',
  },
  {
    id: 'unclassified',
    description:
      'an actor whose sector is not known yet (e.g. imported from a Kumu map with a type of its own)',
    official: false,
    homeTrack: null,
    source: 'none: it stands in until someone assigns a sector',
  },
] satisfies Sector[]);

export const SectorIdSchema = z.enum(SECTOR_IDS, {
  error: (issue) =>
    `unknown sector ${JSON.stringify(issue.input)}; expected one of: ${SECTOR_IDS.join(', ')}`,
});

export function sectorById(id: SectorId): Sector {
  const sector = SECTORS.find((s) => s.id === id);
  if (!sector) throw new Error(`no such sector: ${id}`);
  return sector;
}

export function isSectorId(value: string): value is SectorId {
  return (SECTOR_IDS as readonly string[]).includes(value);
}

export const CAPACITIES = ['official', 'personal'] as const;
export type Capacity = (typeof CAPACITIES)[number];
export const CapacitySchema = z.enum(CAPACITIES, {
  error: (issue) => `unknown capacity ${JSON.stringify(issue.input)}; expected official or personal`,
});
