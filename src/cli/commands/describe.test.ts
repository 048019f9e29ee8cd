// `multitrack describe`: the per-track counts say which basis each column uses (declared track for
// initiatives, derived track for engagements, sector for actors), in the table header and in --json.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_DIR } from '../../ingest/case-library.js';
import { cli } from '../../../test/support/run-cli.js';
import { TRACK_COUNT_BASIS } from './describe.js';

const OSLO = join(CASES_DIR, 'oslo-1993.yaml');

describe('multitrack describe: track count basis', () => {
  it('names the basis of each column in the human header', async () => {
    const { code, stdout } = await cli('describe', OSLO);
    expect(code).toBe(0);
    const header = stdout.split('\n').find((l) => l.startsWith('Track ') && l.includes('Actors'));
    expect(header).toMatch(/Actors \(sector\)\s+Initiatives \(declared\)\s+Engagements \(derived\)/);
    expect(stdout).toContain(`initiatives: ${TRACK_COUNT_BASIS.initiatives}`);
    expect(stdout).toContain(`engagements: ${TRACK_COUNT_BASIS.engagements}`);
  });

  it('adds trackCountBasis to --json and keeps the existing keys', async () => {
    const { code, stdout } = await cli('describe', OSLO, '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      trackCountBasis: Record<string, string>;
      tracks: { track: string; actors: number; initiatives: number; engagements: number }[];
      initiatives: { id: string; declaredTrack: string | null; derivedTrack: string | null }[];
    };
    expect(Object.keys(doc.trackCountBasis).sort()).toEqual(['actors', 'engagements', 'initiatives']);
    expect(doc.trackCountBasis.initiatives).toMatch(/declared/);
    expect(doc.trackCountBasis.engagements).toMatch(/derived/);
    for (const key of ['id', 'name', 'conflict', 'counts', 'tracks', 'initiatives', 'linkMatrix', 'findings'])
      expect(doc, key).toHaveProperty(key);
    // the two bases differ in Oslo: the backchannel is declared Track 2, its meetings derive as 1.5
    const backchannel = doc.initiatives.find((n) => n.id === 'oslo-backchannel');
    expect(backchannel).toMatchObject({ declaredTrack: '2', derivedTrack: '1.5' });
    const t2 = doc.tracks.find((t) => t.track === '2');
    expect(t2?.initiatives).toBeGreaterThanOrEqual(1);
    expect(t2?.engagements).toBe(0);
  });
});
