// `multitrack tracks --track ID`: one track in full (sector, typical actors, mechanisms, outputs, its
// sectors and mechanism ids, its labels), by id or by any label; the plain --json is unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/run-cli.js';
import { MECHANISMS } from '../../domain/mechanism.js';
import { SECTORS } from '../../domain/sector.js';
import { TRACKS, TRACK_IDS } from '../../domain/track.js';
import { EXIT } from '../errors.js';
import { type TrackDetail, trackDetail } from './tracks.js';

describe('multitrack tracks --track', () => {
  it('shows sector, typical actors, mechanisms and outputs of one track', async () => {
    const { code, stdout } = await cli('tracks', '--track', '2');
    expect(code).toBe(0);
    expect(stdout).toContain('Track 2 — Non-governmental conflict resolution');
    expect(stdout).toContain('Sector: non-governmental, professional');
    expect(stdout).toMatch(/Typical actors:\n {2}- academics\n/);
    expect(stdout).toMatch(/Typical mechanisms:\n {2}- closed-door problem-solving workshops/);
    expect(stdout).toContain('Mechanism ids for system files: problem-solving-workshop');
    expect(stdout).toContain('Can bind states: no');
  });

  it('reads a label in a convention: "Track 3" in three-level is canonical Track 4', async () => {
    const { code, stdout } = await cli(
      'tracks',
      '--track',
      'Track 3',
      '--convention',
      'three-level',
      '--json',
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as TrackDetail;
    expect(doc.track.id).toBe('4');
    expect(doc.labels).toContainEqual({ convention: 'three-level', label: 'Track 3' });
    expect(doc.sectors.map((s) => s.id)).toContain('citizen');
  });

  it('accepts numerals and words: II, two, T1.5', async () => {
    for (const [label, id] of [
      ['II', '2'],
      ['two', '2'],
      ['T1.5', '1.5'],
      ['official', '1'],
    ] as const) {
      const doc = JSON.parse((await cli('tracks', '--track', label, '--json')).stdout) as TrackDetail;
      expect(doc.track.id, label).toBe(id);
    }
  });

  it('refuses an unknown track (exit 1, what is accepted), the multi-track label, and --label with --track', async () => {
    const unknown = await cli('tracks', '--track', '12');
    expect(unknown.code).toBe(EXIT.invalid);
    expect(unknown.stderr).toMatch(/unknown track label "12"; accepted: Track 1/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const multi = await cli('tracks', '--track', '4', '--convention', 'seed-002');
    expect(multi.code).toBe(EXIT.invalid);
    expect(multi.stderr).toContain('multi-track approach');
    expect((await cli('tracks', '--track', '1', '--label', 'x')).code).toBe(EXIT.usage);
  });

  it('keeps the plain --json document as it was', async () => {
    const doc = JSON.parse((await cli('tracks', '--json')).stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'tracks',
      'sectors',
      'modalities',
      'mechanisms',
      'conventions',
      'namedLabels',
    ]);
  });

  it('the human overview names each track with its sector and points to --track', async () => {
    const { stdout } = await cli('tracks');
    for (const t of TRACKS) expect(stdout).toContain(t.sector);
    expect(stdout).toContain('multitrack tracks --track ID');
  });

  it('every sector and every mechanism belongs to exactly the detail of its own track (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRACK_IDS), (id) => {
        const detail = trackDetail(TRACKS.find((t) => t.id === id) as (typeof TRACKS)[number]);
        for (const s of SECTORS) expect(detail.sectors.includes(s)).toBe(s.homeTrack === id);
        for (const [m, track] of Object.entries(MECHANISMS))
          expect(detail.mechanisms.includes(m as keyof typeof MECHANISMS)).toBe(track === id);
        expect(detail.labels).toContainEqual({ convention: 'canonical', label: `Track ${id}` });
      }),
    );
  });
});
