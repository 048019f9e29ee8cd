// effectiveness: the table covers every combination, every cell rests on a claim or says it is an
// assumption, and the seeds' explicit claims hold in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGIMES, STAGES } from '../conflict.js';
import { TRACK_IDS } from '../track.js';
import { EFFECTIVENESS_TABLE, EFFECTS, ELECTORAL, effectiveness } from './effectiveness.js';

const rank = (e: string) => EFFECTS.indexOf(e as (typeof EFFECTS)[number]);

describe('effectiveness table', () => {
  it('has one cell for every track × stage × regime × electoral setting', () => {
    expect(EFFECTIVENESS_TABLE).toHaveLength(
      TRACK_IDS.length * STAGES.length * REGIMES.length * ELECTORAL.length,
    );
    const keys = new Set(EFFECTIVENESS_TABLE.map((c) => `${c.track}/${c.stage}/${c.regime}/${c.electoral}`));
    expect(keys.size).toBe(EFFECTIVENESS_TABLE.length);
  });

  it('every cell cites a seed claim or is marked as an assumption', () => {
    for (const cell of EFFECTIVENESS_TABLE) {
      expect(cell.claims.length > 0 || cell.assumption).toBe(true);
      expect(cell.assumption).toBe(cell.assumptions.length > 0);
      for (const claim of cell.claims) expect(claim.source).toMatch(/^(seed 00[0-4]|domain\.md)/);
    }
  });

  it('holds the seeds’ explicit claims', () => {
    // seed 002: Track II has limited ability at the war stage, and works before and after violence.
    expect(effectiveness('2', 'war', 'democracy', 'far').effect).toBe('weak');
    expect(effectiveness('2', 'latent', 'democracy', 'far').effect).toBe('strong');
    expect(effectiveness('2', 'post-conflict', 'democracy', 'far').effect).toBe('strong');
    // seed 002: not effective under authoritarian regimes; not affected by electoral cycles.
    expect(rank(effectiveness('2', 'latent', 'authoritarian', 'far').effect)).toBeGreaterThanOrEqual(
      rank('weak'),
    );
    expect(effectiveness('2', 'latent', 'democracy', 'near').effect).toBe('strong');
    // seed 002: Track One is affected by electoral cycles.
    expect(effectiveness('1', 'de-escalation', 'democracy', 'near').effect).toBe('moderate');
    // seed 000: grassroots work is the most enduring (post-conflict) yet lacks political influence.
    expect(effectiveness('4', 'post-conflict', 'democracy', 'far').effect).toBe('strong');
    expect(effectiveness('4', 'war', 'democracy', 'far').effect).toBe('weak');
  });

  it('property: an election near never makes Track 1 more effective, and never changes Track 2', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.constantFrom(...REGIMES), (stage, regime) => {
        const near = effectiveness('1', stage, regime, 'near').effect;
        const far = effectiveness('1', stage, regime, 'far').effect;
        expect(rank(near)).toBeGreaterThanOrEqual(rank(far));
        expect(effectiveness('2', stage, regime, 'near').effect).toBe(
          effectiveness('2', stage, regime, 'far').effect,
        );
      }),
    );
  });

  it('property: moving from democracy to hybrid to authoritarian never strengthens a bottom-up track', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('2', '4', '5', '6' as const),
        fc.constantFrom(...STAGES),
        fc.constantFrom(...ELECTORAL),
        (track, stage, el) => {
          const d = rank(effectiveness(track, stage, 'democracy', el).effect);
          const h = rank(effectiveness(track, stage, 'hybrid', el).effect);
          const a = rank(effectiveness(track, stage, 'authoritarian', el).effect);
          expect(h).toBeGreaterThanOrEqual(d);
          expect(a).toBeGreaterThanOrEqual(d);
        },
      ),
    );
  });
});
