// fast-check arbitraries for whole, valid systems with random confidentiality: for the lossless
// export property and the access (leak) property of the registry.
import fc from 'fast-check';
import type { SystemInput } from '../../src/domain/system.js';
import { LEVELS } from '../../src/domain/confidentiality.js';

export const ORGS = ['org-a', 'org-b', 'org-c'] as const;

const levelPair = fc
  .tuple(fc.nat(3), fc.nat(3))
  .map(([a, b]) => [LEVELS[Math.min(a, b)], LEVELS[Math.max(a, b)]] as const);

const confidentiality = fc
  .record({ owner: fc.constantFrom(...ORGS), levels: levelPair, shared: fc.subarray([...ORGS]) })
  .map(({ owner, levels, shared }) => {
    const needsShare = levels[0] === 'shared' || levels[1] === 'shared';
    return {
      owner,
      existence: levels[0],
      content: levels[1],
      sharedWith: needsShare && shared.length === 0 ? ['org-b'] : shared,
    };
  });

/** A secret word per record, so searches can find exactly that record. */
export const word = (id: string) => `zq${id.replace(/[^a-z0-9]/g, '')}x`;

export interface GeneratedSystem {
  readonly input: SystemInput;
  readonly ids: readonly string[];
}

export function systemArbitrary(id: string): fc.Arbitrary<GeneratedSystem> {
  return fc
    .record({
      actors: fc.array(confidentiality, { minLength: 1, maxLength: 6 }),
      initiatives: fc.array(
        fc.record({ conf: confidentiality, conveners: fc.array(fc.nat(5), { maxLength: 2 }) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      engagements: fc.array(
        fc.record({
          conf: confidentiality,
          initiative: fc.nat(2),
          participants: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 4 },
      ),
      outcomes: fc.array(fc.record({ conf: confidentiality, initiative: fc.nat(2) }), { maxLength: 2 }),
      links: fc.array(
        fc.record({
          conf: confidentiality,
          kind: fc.constantFrom('member-of', 'participates-in', 'feeds-into'),
          a: fc.nat(5),
          b: fc.nat(5),
        }),
        { maxLength: 5 },
      ),
      conflictConf: confidentiality,
    })
    .map((g) => {
      const actors = g.actors.map((conf, i) => ({
        id: `actor-${i}`,
        name: `Actor ${i} ${word(`actor-${i}`)}`,
        kind: 'organisation' as const,
        sector: 'ngo' as const,
        confidentiality: conf,
      }));
      const initiatives = g.initiatives.map((n, i) => ({
        id: `init-${i}`,
        name: `Initiative ${i} ${word(`init-${i}`)}`,
        track: 'Track 2',
        mechanism: 'problem-solving-workshop' as const,
        scope: 'bilateral' as const,
        conveners: [...new Set(n.conveners.filter((k) => k < actors.length).map((k) => `actor-${k}`))],
        start: '2001',
        confidentiality: n.conf,
      }));
      const engagements = g.engagements.map((e, i) => ({
        id: `meet-${i}`,
        name: `Meeting ${i} ${word(`meet-${i}`)}`,
        initiative: `init-${e.initiative % initiatives.length}`,
        date: '2002-03-04',
        participants: [...new Set(e.participants.map((k) => k % actors.length))].map((k) => ({
          actor: `actor-${k}`,
          capacity: 'personal' as const,
        })),
        confidentiality: e.conf,
      }));
      const outcomes = g.outcomes.map((o, i) => ({
        id: `out-${i}`,
        name: `Outcome ${i} ${word(`out-${i}`)}`,
        kind: 'recommendation' as const,
        binding: false,
        date: '2003',
        initiative: `init-${o.initiative % initiatives.length}`,
        confidentiality: o.conf,
      }));
      const seen = new Set<string>();
      const links = g.links.flatMap((l, i) => {
        const from =
          l.kind === 'feeds-into' ? `init-${l.a % initiatives.length}` : `actor-${l.a % actors.length}`;
        const to =
          l.kind === 'member-of' ? `actor-${l.b % actors.length}` : `init-${l.b % initiatives.length}`;
        const key = `${from}|${l.kind}|${to}`;
        if (from === to || seen.has(key)) return [];
        seen.add(key);
        return [
          {
            id: `link-${i}`,
            type: l.kind,
            from,
            to,
            description: word(`link-${i}`),
            confidentiality: l.conf,
          },
        ];
      });
      const input = {
        multitrack: 1,
        id,
        name: `Generated ${id}`,
        owner: 'org-a',
        conflict: {
          id: `${id}-conflict`,
          name: `Conflict ${word('conflict')}`,
          parties: ['p1'],
          stages: [{ stage: 'latent', from: '2000' }],
          confidentiality: { ...g.conflictConf, existence: 'public' as const },
        },
        parties: [{ id: 'p1', name: 'Party one', kind: 'community' as const }],
        actors,
        initiatives,
        engagements,
        outcomes,
        links,
      } as unknown as SystemInput;
      const ids = [
        ...actors.map((a) => a.id),
        ...initiatives.map((n) => n.id),
        ...engagements.map((e) => e.id),
        ...outcomes.map((o) => o.id),
        ...links.map((l) => l.id),
      ];
      return { input, ids };
    });
}
