// The whole analysis on the case library (the Oslo backchannel is the path to the accords) and on a
// small war-stage system built to raise every alert.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SystemIndex } from '../domain/system-index.js';
import { CASES_DIR } from '../ingest/case-library.js';
import { readSystemFile, readSystemText } from '../ingest/system-file.js';
import { analyzeSystem } from './analyze.js';

const WAR = `multitrack: 1
id: test-war
name: Test war
convention: canonical
conflict:
  id: c
  name: C
  parties: [north, south]
  issues:
    - { id: land, name: Land }
  stages:
    - { stage: escalation, from: '2020-01' }
    - { stage: war, from: '2021-01' }
parties:
  - { id: north, name: North, kind: state }
  - { id: south, name: South, kind: state }
actors:
  - { id: n-gov, name: North government, kind: organisation, sector: government, party: north, officialRole: government }
  - { id: s-gov, name: South government, kind: organisation, sector: government, party: south, officialRole: government }
  - { id: ngo-a, name: NGO A, kind: organisation, sector: ngo }
  - { id: ngo-b, name: NGO B, kind: organisation, sector: ngo }
  - { id: broker, name: Broker, kind: person, sector: former-official }
  - { id: fund, name: Fund, kind: organisation, sector: funder }
  - { id: fund2, name: Fund 2, kind: organisation, sector: funder }
initiatives:
  - { id: talks, name: Official talks, track: Track 1, mechanism: official-mediation, scope: bilateral, parties: [north, south], issues: [land], start: '2020-02', end: '2020-12' }
  - { id: dialogue-a, name: Dialogue A, track: Track 2, mechanism: informal-dialogue, scope: bilateral, parties: [north, south], issues: [land], start: '2020-03', end: '2020-11' }
  - { id: dialogue-b, name: Dialogue B, track: Track 2, mechanism: informal-dialogue, scope: bilateral, parties: [north, south], issues: [land], start: '2020-04', end: '2020-10' }
engagements:
  - { id: t1, name: t1, initiative: talks, date: '2020-03-01', participants: [{ actor: n-gov, capacity: official }, { actor: s-gov, capacity: official }, { actor: broker, capacity: personal }] }
  - { id: a1, name: a1, initiative: dialogue-a, date: '2020-04-01', participants: [{ actor: ngo-a, capacity: personal }, { actor: broker, capacity: personal }] }
  - { id: b1, name: b1, initiative: dialogue-b, date: '2020-05-01', participants: [{ actor: ngo-b, capacity: personal }] }
links:
  - { type: funds, from: fund, to: dialogue-a }
  - { type: funds, from: fund2, to: dialogue-a }
sources: []
`;

function index(text: string): SystemIndex {
  const reading = readSystemText('war.yaml', text);
  if (!reading.index) throw new Error(JSON.stringify(reading.problems));
  return reading.index;
}

async function caseIndex(id: string): Promise<SystemIndex> {
  const reading = await readSystemFile(join(CASES_DIR, `${id}.yaml`));
  if (!reading.index) throw new Error(JSON.stringify(reading.problems));
  return reading.index;
}

describe('analyzeSystem', () => {
  it('shows the Oslo backchannel as the path to the accords', async () => {
    const a = analyzeSystem(await caseIndex('oslo-1993'));
    const dop = a.pathways.outcomes.find((o) => o.outcome === 'declaration-of-principles');
    expect(dop?.binding).toBe(true);
    expect(dop?.pathways[0]).toMatchObject({
      from: 'oslo-backchannel',
      to: 'oslo-official-negotiations',
      nodes: ['oslo-backchannel', 'oslo-official-negotiations'],
      via: 'feeds-into',
    });
    expect(dop?.pathways[0]?.steps[0]?.records).toContain(
      'oslo-backchannel--feeds-into--oslo-official-negotiations',
    );
    const backchannel = a.pathways.initiatives.find((i) => i.initiative === 'oslo-backchannel');
    expect(backchannel).toMatchObject({ track: '2', reachesTrack1: true });
    // the official negotiations carry the most shortest paths
    const top = [...a.nodes].sort((x, y) => y.betweenness - x.betweenness)[0];
    expect(top?.id).toBe('oslo-official-negotiations');
  });

  it('sees the system as it stood on a day', async () => {
    const a = analyzeSystem(await caseIndex('oslo-1993'), { on: '1993-03-01' });
    expect(a.nodes.some((n) => n.id === 'oslo-official-negotiations')).toBe(false);
    expect(a.pathways.outcomes).toEqual([]);
    expect(a.pathways.initiatives.find((i) => i.initiative === 'oslo-backchannel')?.reachesTrack1).toBe(
      false,
    );
    expect(a.asOf).toBe('1993-03-01');
  });

  it('runs on every case of the library, the same twice', async () => {
    const files = (await readdir(CASES_DIR)).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const reading = readSystemText(f, await readFile(join(CASES_DIR, f), 'utf8'));
      if (!reading.index) throw new Error(f);
      const a = analyzeSystem(reading.index);
      expect(analyzeSystem(reading.index), f).toEqual(a);
      expect(a.nodes.length, f).toBeGreaterThan(0);
      for (const n of a.nodes) expect(n.betweenness, `${f} ${n.id}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('raises every alert on a war-stage system', () => {
    const a = analyzeSystem(index(WAR));
    const kinds = a.alerts.map((x) => x.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'uncoordinated-overlap',
        'single-broker',
        'no-open-channel',
        'funding-concentrated',
      ]),
    );
    expect(a.alerts.find((x) => x.kind === 'single-broker')?.records).toEqual(['broker']);
    expect(a.alerts.find((x) => x.kind === 'funding-concentrated')?.records).toEqual([
      'dialogue-a',
      'fund',
      'fund2',
    ]);
    // dialogue-a and the talks share the broker: no overlap alert between them
    expect(a.alerts.filter((x) => x.kind === 'uncoordinated-overlap').map((x) => x.records)).toEqual([
      ['talks', 'dialogue-b'],
      ['dialogue-a', 'dialogue-b'],
    ]);
    // the broker is the only tie between Track 2 and Track 1
    expect(a.cutPoints.find((c) => c.id === 'broker')?.separates).toContainEqual(['1', '2']);
    const broker = a.nodes.find((n) => n.id === 'broker');
    expect(broker?.brokerage).toMatchObject({ representative: 1, gatekeeper: 1, total: 2 });
  });

  it('flags Track 2 at war as weak, a dormant initiative, and gaps after the conflict', () => {
    const text = WAR.replace("end: '2020-11' }", '}').replace(
      "    - { stage: war, from: '2021-01' }",
      "    - { stage: war, from: '2021-01' }\n    - { stage: post-conflict, from: '2022-01' }",
    );
    const a = analyzeSystem(index(text), { on: '2022-06-01' });
    expect(a.coverage.weak.map((c) => [c.track, c.stage, c.initiatives])).toContainEqual([
      '2',
      'war',
      ['dialogue-a'],
    ]);
    expect(a.coverage.gaps.filter((g) => g.stage === 'post-conflict').map((g) => g.track)).toEqual([
      '3',
      '4',
      '7',
    ]);
    expect(a.alerts.find((x) => x.kind === 'dormant')?.records).toEqual(['dialogue-a']);
    expect(a.alerts.some((x) => x.kind === 'no-open-channel')).toBe(false);
  });
});
