// Coverage against the effectiveness table: a conflict past its war with no Track 3, 4 or 7 work has
// gaps there, Track 2 at the war stage is flagged weak, an initiative counts at each stage its span
// overlaps, regimes are read per party; and the same on the case library.
import { describe, expect, it } from 'vitest';
import { SystemIndex } from '../domain/system-index.js';
import { caseSystems } from '../ingest/case-library.js';
import { readSystemText } from '../ingest/system-file.js';
import { coverage } from './coverage.js';

interface InitiativeSpec {
  readonly id: string;
  readonly track: string;
  readonly mechanism: string;
  readonly start: string;
  readonly end?: string;
  readonly parties?: readonly string[];
}

/** A two-party system through the given stages, with the given initiatives and regimes. */
function system(
  stages: readonly [string, string][],
  initiatives: readonly InitiativeSpec[],
  regimes = '',
): SystemIndex {
  const text = `multitrack: 1
id: coverage-test
name: Coverage test
convention: canonical
conflict:
  id: c
  name: C
  parties: [north, south]
  stages:
${stages.map(([stage, from]) => `    - { stage: ${stage}, from: '${from}' }`).join('\n')}
${regimes}
parties:
  - { id: north, name: North, kind: state }
  - { id: south, name: South, kind: state }
actors: []
initiatives:
${initiatives
  .map(
    (i) =>
      `  - { id: ${i.id}, name: ${i.id}, track: ${i.track}, mechanism: ${i.mechanism}, scope: bilateral, parties: [${(i.parties ?? ['north']).join(', ')}], start: '${i.start}'${i.end ? `, end: '${i.end}'` : ''} }`,
  )
  .join('\n')}
sources: []
`;
  const reading = readSystemText('coverage-test.yaml', text);
  if (!reading.index) throw new Error(JSON.stringify(reading.problems));
  return reading.index;
}

const POST_CONFLICT: [string, string][] = [
  ['war', '2010-01'],
  ['post-conflict', '2015-01'],
];
const talks: InitiativeSpec = {
  id: 'talks',
  track: 'Track 1',
  mechanism: 'official-talks',
  start: '2014-01',
};
const dialogue: InitiativeSpec = {
  id: 'dialogue',
  track: 'Track 2',
  mechanism: 'problem-solving-workshop',
  start: '2011-01',
};

const gapTracks = (index: SystemIndex, stage: string, on?: string) =>
  coverage(index, on)
    .gaps.filter((g) => g.stage === stage)
    .map((g) => g.track);

describe('coverage', () => {
  it('finds the gaps after a conflict with no Track 3, 4 or 7 work', () => {
    const index = system(POST_CONFLICT, [talks, dialogue]);
    // Track 2 is strong after a conflict too, but the dialogue goes on into it
    expect(gapTracks(index, 'post-conflict')).toEqual(['3', '4', '7']);
    const gap = coverage(index).gaps.find((g) => g.track === '4');
    expect(gap?.reason).toMatch(
      /^Track 4 is strong at the post-conflict stage .*no initiative on it was active then$/,
    );
  });

  it('closes a gap when work on that track is active after the conflict, and not when it ended before', () => {
    const business = { id: 'business', track: 'Track 3', mechanism: 'business-channel', start: '2016-03' };
    const exchange = {
      id: 'exchange',
      track: 'Track 4',
      mechanism: 'people-to-people',
      start: '2012',
      end: '2013',
    };
    const reconciliation = {
      id: 'reconciliation',
      track: 'Track 7',
      mechanism: 'reconciliation',
      start: '2014-06',
      parties: ['south'],
    };
    const index = system(POST_CONFLICT, [talks, dialogue, business, exchange, reconciliation]);
    // the people-to-people exchange ended during the war: Track 4 is still a gap after it
    expect(gapTracks(index, 'post-conflict')).toEqual(['4']);
    const cells = coverage(index).cells;
    expect(cells.filter((c) => c.track === '4').map((c) => c.stage)).toEqual(['war']);
    // an initiative running across the change of stage counts at both
    expect(cells.filter((c) => c.track === '7').map((c) => [c.party, c.stage])).toEqual([
      ['south', 'war'],
      ['south', 'post-conflict'],
    ]);
  });

  it('has no post-conflict gaps before the conflict reached that stage', () => {
    const index = system(POST_CONFLICT, [talks, dialogue]);
    expect(gapTracks(index, 'post-conflict', '2014-12-31')).toEqual([]);
    expect(coverage(index, '2014-12-31').stages.map((s) => s.stage)).toEqual(['war']);
  });

  it('flags Track 2 at the war stage as weak, and not Track 2 before it', () => {
    const stages: [string, string][] = [
      ['escalation', '2008-01'],
      ['war', '2010-01'],
    ];
    const early = { ...dialogue, id: 'early', start: '2008-06', end: '2009-06' };
    const index = system(stages, [early, dialogue, talks]);
    const result = coverage(index);
    expect(result.weak.map((c) => [c.track, c.party, c.stage, c.initiatives])).toEqual([
      ['2', 'north', 'war', ['dialogue']],
    ]);
    expect(result.cells.find((c) => c.track === '2' && c.stage === 'escalation')?.effect).toBe('moderate');
    expect(result.cells.find((c) => c.track === '1' && c.stage === 'war')?.effect).not.toBe('weak');
  });

  it('reads each party with its own regime, and marks the cells that assume a democracy', () => {
    const regimes = `  regimes:
    - { party: south, regime: authoritarian, from: '2000' }`;
    const index = system(POST_CONFLICT, [{ ...dialogue, parties: ['north', 'south'] }], regimes);
    const war = coverage(index).cells.filter((c) => c.stage === 'war');
    expect(war.map((c) => [c.party, c.regimeAssumed])).toEqual([
      ['north', true],
      ['south', false],
    ]);
  });
});

describe('coverage on the case library', () => {
  it('finds the post-conflict gaps of Camp David, Colombia and Rwanda, and the weak Track 2 at war in Colombia', async () => {
    const cases = new Map((await caseSystems()).map(({ id, system: s }) => [id, new SystemIndex(s)]));
    const at = (id: string) => cases.get(id) as SystemIndex;
    // Egypt–Israel after the 1979 treaty: no Track 3, 4 or 7 work recorded
    expect(gapTracks(at('camp-david-1978'), 'post-conflict')).toEqual(
      expect.arrayContaining(['3', '4', '7']),
    );
    // Colombia after 2016: no Track 3 or 4 work, but Track 7 is there (the Pope's reconciliation visit, 2017)
    const colombia = gapTracks(at('colombia-farc-2016'), 'post-conflict');
    expect(colombia).toEqual(expect.arrayContaining(['3', '4']));
    expect(colombia).not.toContain('7');
    expect(gapTracks(at('rwanda-post-genocide'), 'post-conflict')).toContain('3');
    // the civil-society forums ran while the war was still the conflict's stage
    const weak = coverage(at('colombia-farc-2016')).weak;
    expect(weak.filter((c) => c.track === '2' && c.stage === 'war').flatMap((c) => c.initiatives)).toContain(
      'civil-society-forums',
    );
  });

  it('keeps weak cells, gaps and cells consistent on every case', async () => {
    for (const { id, system: s } of await caseSystems()) {
      const result = coverage(new SystemIndex(s));
      for (const cell of result.weak) expect(['weak', 'counter-productive'], id).toContain(cell.effect);
      for (const gap of result.gaps) {
        expect(
          result.stages.map((p) => p.stage),
          id,
        ).toContain(gap.stage);
        expect(
          result.cells.some((c) => c.track === gap.track && c.stage === gap.stage),
          id,
        ).toBe(false);
      }
      for (const cell of result.cells) expect(cell.initiatives.length, id).toBeGreaterThan(0);
    }
  });
});
