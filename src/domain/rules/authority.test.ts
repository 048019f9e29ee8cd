// authority: only Track 1 binds; the Oslo pattern (a backchannel's draft adopted by the official track
// it fed) is valid, and each way of getting it wrong is named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SystemIndex } from '../system-index.js';
import { type SystemInput, SystemSchema } from '../system.js';
import { checkAuthority } from './authority.js';

const minimal = parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'minimal.yaml'), 'utf8'),
) as SystemInput;

function authority(change: (s: SystemInput) => void) {
  const input = structuredClone(minimal);
  change(input);
  return checkAuthority(new SystemIndex(SystemSchema.parse(input)));
}

const draft = (s: SystemInput) =>
  s.outcomes?.find((o) => o.id === 'draft') as { binding: boolean; adoptedBy?: string };

describe('authority', () => {
  it('accepts a binding treaty from Track 1', () => {
    expect(authority(() => {})).toEqual([]);
  });

  it('rejects a binding outcome of a Track 2 initiative', () => {
    const findings = authority((s) => {
      draft(s).binding = true;
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.path).toEqual(['outcomes', 0, 'binding']);
    expect(findings[0]?.message).toMatch(/Track 2.*only Track 1/);
  });

  it('accepts the Oslo pattern: a Track 2 draft adopted by the Track 1 initiative it feeds into', () => {
    expect(
      authority((s) => {
        draft(s).binding = true;
        draft(s).adoptedBy = 'talks';
      }),
    ).toEqual([]);
  });

  it('accepts adoption through a chain of feeds-into links, and through an engagement of the adopter', () => {
    const findings = authority((s) => {
      draft(s).binding = true;
      draft(s).adoptedBy = 'talks';
      s.initiatives?.push({
        id: 'forum',
        name: 'Forum',
        track: 'Track 1.5',
        mechanism: 'strategic-dialogue',
        scope: 'bilateral',
        start: '2003',
      });
      s.links = [
        { type: 'feeds-into', from: 'draft', to: 'forum' },
        { type: 'feeds-into', from: 'forum', to: 'round-1' },
      ];
    });
    expect(findings).toEqual([]);
  });

  it('rejects adoption by an initiative that is not Track 1', () => {
    const findings = authority((s) => {
      draft(s).binding = true;
      draft(s).adoptedBy = 'dialogue';
    });
    expect(findings[0]?.message).toMatch(/only a Track 1 initiative can adopt/);
  });

  it('rejects adoption without a feeds-into path', () => {
    const findings = authority((s) => {
      draft(s).binding = true;
      draft(s).adoptedBy = 'talks';
      s.links = [];
    });
    expect(findings[0]?.message).toMatch(/does not feed into it/);
  });

  /** The official talks' one round, attended by the scholar in a personal capacity instead. */
  const talksWithoutOfficials = (s: SystemInput) => {
    const round = s.engagements?.find((e) => e.id === 'round-1') as {
      participants: { actor: string; capacity: string }[];
    };
    round.participants = [{ actor: 'scholar', capacity: 'personal' }];
  };

  it('rejects a binding outcome of an initiative labelled Track 1 with no official acting officially', () => {
    const findings = authority(talksWithoutOfficials);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.path).toEqual(['outcomes', 1, 'binding']);
    expect(findings[0]?.message).toMatch(/"talks" is declared Track 1, but no official takes part/);
  });

  it('rejects adoption by an initiative labelled Track 1 with no official acting officially', () => {
    const findings = authority((s) => {
      talksWithoutOfficials(s);
      draft(s).binding = true;
      draft(s).adoptedBy = 'talks';
    });
    expect(findings.map((f) => f.path)).toEqual([
      ['outcomes', 0, 'adoptedBy'],
      ['outcomes', 1, 'binding'],
    ]);
    expect(findings[0]?.message).toMatch(/adopted by "talks" is declared Track 1/);
  });

  it('keeps the declared Track 1 when officials and non-officials meet (Track 1.5 by participants)', () => {
    const findings = authority((s) => {
      const round = s.engagements?.find((e) => e.id === 'round-1') as {
        participants: { actor: string; capacity: string }[];
      };
      round.participants.push({ actor: 'scholar', capacity: 'personal' });
    });
    expect(findings).toEqual([]);
  });

  it('rejects a binding outcome of a Track 1 label whose officials all attend in a personal capacity', () => {
    const findings = authority((s) => {
      const round = s.engagements?.find((e) => e.id === 'round-1') as {
        participants: { actor: string; capacity: string }[];
      };
      round.participants = [
        { actor: 'fm-a', capacity: 'personal' },
        { actor: 'scholar', capacity: 'personal' },
      ];
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.path).toEqual(['outcomes', 1, 'binding']);
    expect(findings[0]?.message).toMatch(/no official takes part in it in an official capacity/);
    expect(findings[0]?.message).toMatch(/classify as Track 1\.5/);
  });

  it('a Track 1 label binds exactly when some official acts officially in one of its engagements', () => {
    const attendance = fc.constantFrom(
      { actor: 'fm-a', capacity: 'official' },
      { actor: 'fm-a', capacity: 'personal' },
      { actor: 'fm-b', capacity: 'official' },
      { actor: 'fm-b', capacity: 'personal' },
      { actor: 'scholar', capacity: 'personal' },
    );
    // the talks' rounds: one to three meetings, each with one to four attendances
    const rounds = fc.array(fc.array(attendance, { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(rounds, (meetings) => {
        const findings = authority((s) => {
          s.engagements = [
            ...(s.engagements ?? []).filter((e) => e.initiative !== 'talks'),
            ...meetings.map((participants, i) => ({
              id: `round-${i + 1}`,
              name: `Round ${i + 1}`,
              initiative: 'talks',
              date: '2003-06-02',
              participants,
            })),
          ];
        });
        const acting = meetings.flat().some((p) => p.capacity === 'official');
        expect(
          findings.some((f) => f.rule === 'authority' && /"talks" is declared Track 1/.test(f.message)),
        ).toBe(!acting);
      }),
    );
  });
});
