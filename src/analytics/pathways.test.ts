// Pathways to Track 1: found through feeds-into links (in their direction only), through participation
// (both ways) and through both; initiatives that do not reach Track 1 reported as such; `on` respected;
// and the chains of the case library (Oslo, Paris, Colombia) with the cases whose work reaches no Track 1.
import { beforeAll, describe, expect, it } from 'vitest';
import { SystemIndex } from '../domain/system-index.js';
import { caseSystems } from '../ingest/case-library.js';
import { readSystemText } from '../ingest/system-file.js';
import { buildNetwork } from './network.js';
import { type Pathways, flowGraph, pathways } from './pathways.js';

const SYSTEM = `multitrack: 1
id: pathways-test
name: Pathways test
convention: canonical
conflict:
  id: c
  name: C
  parties: [north, south]
  stages:
    - { stage: de-escalation, from: '2019-01' }
parties:
  - { id: north, name: North, kind: state }
  - { id: south, name: South, kind: state }
actors:
  - { id: n-gov, name: North government, kind: organisation, sector: government, party: north, officialRole: government }
  - { id: envoy, name: Envoy, kind: person, sector: former-official }
  - { id: ngo, name: NGO, kind: organisation, sector: ngo }
  - { id: funder, name: Funder, kind: organisation, sector: funder }
initiatives:
  - { id: talks, name: Talks, track: Track 1, mechanism: official-talks, scope: bilateral, parties: [north, south], start: '2020-01' }
  - { id: workshop, name: Workshop, track: Track 2, mechanism: problem-solving-workshop, scope: bilateral, start: '2019-03' }
  - { id: dialogue, name: Dialogue, track: Track 2, mechanism: discussion-forum, scope: bilateral, start: '2019-06' }
  - { id: study, name: Study group, track: Track 1.5, mechanism: informal-dialogue, scope: bilateral, start: '2019-01' }
  - { id: isolated, name: Isolated dialogue, track: Track 1.5, mechanism: strategic-dialogue, scope: bilateral, start: '2019-01' }
  - { id: downstream, name: Downstream forum, track: Track 2, mechanism: academic-conference, scope: bilateral, start: '2020-03' }
engagements:
  - { id: t1, name: t1, initiative: talks, date: '2020-02-01', participants: [{ actor: n-gov, capacity: official }, { actor: envoy, capacity: personal }] }
  - { id: d1, name: d1, initiative: dialogue, date: '2019-07-01', participants: [{ actor: envoy, capacity: personal }, { actor: ngo, capacity: personal }] }
  - { id: w1, name: w1, initiative: workshop, date: '2019-04-01', participants: [{ actor: ngo, capacity: personal }] }
outcomes:
  - { id: accord, name: Accord, kind: agreement, binding: true, date: '2020-06', initiative: talks }
links:
  - { type: feeds-into, from: workshop, to: talks, date: '2019-12' }
  - { type: feeds-into, from: study, to: dialogue }
  - { type: funds, from: funder, to: isolated }
  - { type: related, from: isolated, to: talks, label: same agenda }
  - { type: feeds-into, from: talks, to: downstream }
sources: []
`;

function index(text = SYSTEM): SystemIndex {
  const reading = readSystemText('pathways-test.yaml', text);
  if (!reading.index) throw new Error(JSON.stringify(reading.problems));
  return reading.index;
}

function run(i: SystemIndex, on?: string): Pathways {
  return pathways(i, buildNetwork(i, { on }), on);
}

const reachOf = (p: Pathways) =>
  Object.fromEntries(p.initiatives.map((i) => [i.initiative, i.reachesTrack1]));

describe('pathways', () => {
  const result = run(index());
  const accord = result.outcomes.find((o) => o.outcome === 'accord');

  it('finds a chain through a feeds-into link, with its record', () => {
    expect(accord).toMatchObject({ initiative: 'talks', binding: true });
    expect(accord?.pathways[0]).toEqual({
      from: 'workshop',
      fromTrack: '2',
      to: 'talks',
      nodes: ['workshop', 'talks'],
      steps: [
        { from: 'workshop', to: 'talks', types: ['feeds-into'], records: ['workshop--feeds-into--talks'] },
      ],
      via: 'feeds-into',
    });
  });

  it('finds a chain through participation: a person in both initiatives', () => {
    const chain = accord?.pathways.find((p) => p.from === 'dialogue');
    expect(chain?.nodes).toEqual(['dialogue', 'envoy', 'talks']);
    expect(chain?.via).toBe('participation');
    expect(chain?.steps.map((s) => [s.types, s.records])).toEqual([
      [['participates-in'], ['d1']],
      [['participates-in'], ['t1']],
    ]);
  });

  it('calls a chain of both kinds mixed, and lists the chains shortest first', () => {
    const chain = accord?.pathways.find((p) => p.from === 'study');
    expect(chain?.nodes).toEqual(['study', 'dialogue', 'envoy', 'talks']);
    expect(chain?.via).toBe('mixed');
    expect(accord?.pathways.map((p) => p.from)).toEqual(['workshop', 'dialogue', 'study']);
  });

  it('reports the initiatives that do not reach Track 1', () => {
    expect(reachOf(result)).toEqual({
      workshop: true,
      dialogue: true,
      study: true,
      // funded and "related" to the talks, but neither carries flow
      isolated: false,
      // the talks feed into it, not the other way round
      downstream: false,
    });
    expect(result.initiatives.find((i) => i.initiative === 'isolated')).toEqual({
      initiative: 'isolated',
      track: '1.5',
      reachesTrack1: false,
      pathways: [],
    });
  });

  it('carries feeds-into one way and participation both ways', () => {
    const flow = flowGraph(buildNetwork(index()));
    expect(flow.hasDirectedEdge('workshop', 'talks')).toBe(true);
    expect(flow.hasDirectedEdge('talks', 'workshop')).toBe(false);
    expect(flow.hasDirectedEdge('envoy', 'talks')).toBe(true);
    expect(flow.hasDirectedEdge('talks', 'envoy')).toBe(true);
    expect(flow.hasDirectedEdge('funder', 'isolated')).toBe(false);
    expect(flow.hasDirectedEdge('isolated', 'talks')).toBe(false);
  });

  it('looks at the system as it stood on a day', () => {
    // the talks have started, the accord is not signed yet
    const march = run(index(), '2020-03-01');
    expect(march.outcomes).toEqual([]);
    expect(reachOf(march).workshop).toBe(true);
    // before the talks started nothing reaches Track 1
    const before = run(index(), '2019-12-31');
    expect(Object.values(reachOf(before)).some(Boolean)).toBe(false);
  });
});

describe('pathways on the case library', () => {
  let cases = new Map<string, Pathways>();
  beforeAll(async () => {
    cases = new Map((await caseSystems()).map(({ id, system }) => [id, run(new SystemIndex(system))]));
  });
  const at = (id: string) => cases.get(id) as Pathways;
  const chains = (id: string, outcome: string) =>
    (at(id).outcomes.find((o) => o.outcome === outcome)?.pathways ?? []).map(
      (p) => `${p.nodes.join(' > ')} [${p.via}]`,
    );

  it('shows the Oslo backchannel feeding into the Declaration of Principles', () => {
    expect(chains('oslo-1993', 'declaration-of-principles')).toEqual([
      'oslo-backchannel > oslo-official-negotiations [feeds-into]',
    ]);
  });

  it('finds chains through participation in the Paris and Colombia cases', () => {
    // the Lima–Paris Action Agenda reaches the US–China announcement through Ban Ki-moon
    expect(chains('paris-agreement-2015', 'us-china-joint-announcement')).toContain(
      'lpaa > ban-ki-moon > us-china-climate [participation]',
    );
    // in Colombia both kinds lead to the rural reform agreement
    const rural = chains('colombia-farc-2016', 'rural-reform-agreement');
    expect(rural).toContain('civil-society-forums > havana-talks [feeds-into]');
    expect(rural).toContain('no-campaign-dialogue > santos > havana-talks [participation]');
  });

  it('reports the work that reaches no Track 1 process', () => {
    expect(reachOf(at('china-us-sndd'))).toEqual({ sndd: false, 'cgsr-taking-stock': false });
    expect(reachOf(at('jcpoa-2015'))['iran-project-dialogue']).toBe(false);
    expect(reachOf(at('paris-agreement-2015'))['can-advocacy']).toBe(false);
    expect(reachOf(at('oslo-1993'))['oslo-backchannel']).toBe(true);
  });

  it('gives well-formed chains on every case', () => {
    for (const [id, p] of cases) {
      for (const reach of p.initiatives) {
        expect(reach.reachesTrack1, `${id} ${reach.initiative}`).toBe(reach.pathways.length > 0);
        expect(['1.5', '2'], id).toContain(reach.track);
      }
      const all = [...p.outcomes.flatMap((o) => o.pathways), ...p.initiatives.flatMap((i) => i.pathways)];
      for (const chain of all) {
        expect(chain.fromTrack, id).not.toBe('1');
        expect(chain.nodes[0], id).toBe(chain.from);
        expect(chain.nodes[chain.nodes.length - 1], id).toBe(chain.to);
        expect(
          chain.steps.map((s) => s.from),
          id,
        ).toEqual(chain.nodes.slice(0, -1));
        expect(
          chain.steps.map((s) => s.to),
          id,
        ).toEqual(chain.nodes.slice(1));
        for (const step of chain.steps) expect(step.types.length, `${id} ${step.from}`).toBeGreaterThan(0);
      }
    }
  });
});
