// The empirical side of the calibration on the real files of ../shared/data, and its rules on small
// hand-made inputs. The figures on the shared files were checked once by an independent computation: a
// short Python script (csv module only) that sorted each PA-X process's agreements by date, took the
// running highest stage (Imp only after SubComp), counted zero-length spells for skipped stages, ran a
// Kaplan–Meier estimate censored at 2020-03-26; and for UCDP split each conflict's active years into runs
// of consecutive years and counted recurrences within 5 and 10 years among episodes with full follow-up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CalibrationDataError,
  agreementEndings,
  conflictEpisodes,
  firstPassage,
  halfOf,
  kaplanMeier,
  kmQuantile,
  paxTargets,
  readPaxProcesses,
  readUcdpAcd,
  recurrence,
  stagePath,
  survivalAt,
  ucdpTargets,
} from './calibration-data.js';

const data = (path: string) => fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url));
const PAX = data('pax/pax-agreements-dev.csv');
const ACD = data('ucdp/ucdp-prio-acd-251.csv');
const PA = data('ucdp/ucdp-peace-agreements-221.csv');

describe('PA-X processes and targets (shared data)', () => {
  const reading = readPaxProcesses(readFileSync(PAX, 'utf8'), PAX);
  const t = paxTargets(reading);

  it('reads every agreement into its process, censored at the latest date', () => {
    expect(reading.agreements).toBe(1396);
    expect(reading.processes).toHaveLength(112);
    expect(reading.rejected).toEqual([]);
    expect(t.dataEnd).toBe('2020-03-26');
    expect(t.entry).toEqual({ Pre: 43, Cea: 16, SubPar: 39, SubComp: 11, Imp: 0, none: 3 });
  });

  it('gives the transition figures the independent check gave', () => {
    expect(t.transitions.map((x) => [x.atRisk, x.advanced])).toEqual([
      [43, 41],
      [57, 52],
      [91, 33],
      [44, 24],
    ]);
    const shares = t.transitions.map((x) => x.advanceWithin5y);
    expect(shares[0]).toBeCloseTo(37 / 43, 10); // no Pre spell is censored before five years
    expect(shares[1]).toBeCloseTo(0.8308, 4);
    expect(shares[2]).toBeCloseTo(0.2796, 4);
    expect(shares[3]).toBeCloseTo(0.5048, 4);
    expect(t.transitions[0]?.kmQuartiles[1]).toBeCloseTo(263 / 7, 10); // 37.6 weeks
    expect(t.transitions[1]?.kmQuartiles[1]).toBe(2); // half the ceasefires are skipped (zero spells)
    expect(t.transitions[2]?.kmQuartiles[1]).toBeNull(); // fewer than half reach SubComp
    expect(t.transitions[3]?.kmQuartiles[1]).toBeCloseTo(1725 / 7, 10);
  });

  it('gives the reach shares and the ceasefire repeats', () => {
    expect(t.reach.fromPre).toBe(43);
    expect(t.reach.shares).toEqual([41 / 43, 38 / 43, 20 / 43, 14 / 43]);
    expect(t.followUpWeeks).toHaveLength(43);
    expect(t.ceasefireRepeat).toEqual({ withCeasefire: 51, repeated: 31, share: 31 / 51 });
  });

  it('splits the processes into two halves by a stable hash', () => {
    const half0 = reading.processes.filter((p) => halfOf(p.id) === 0);
    expect(half0.length).toBe(60);
    expect(halfOf('125')).toBe(halfOf('125'));
    const t0 = paxTargets(reading, half0);
    expect(t0.dataEnd).toBe(t.dataEnd);
    expect(t0.processes).toBe(60);
  });
});

describe('UCDP targets (shared data)', () => {
  const reading = readUcdpAcd(readFileSync(ACD, 'utf8'), ACD);
  const t = ucdpTargets(reading);

  it('counts episodes and their recurrence with full follow-up', () => {
    expect([t.conflicts, t.conflictYears, t.firstYear, t.lastYear]).toEqual([303, 2752, 1946, 2024]);
    expect([t.episodes, t.ended]).toEqual([620, 559]);
    expect(t.recurrence5).toMatchObject({ eligible: 527, recurred: 198 });
    expect(t.recurrence10).toMatchObject({ eligible: 467, recurred: 207 });
    expect(t.recurrence5War).toMatchObject({ eligible: 148, recurred: 55 });
    expect(t.recurrence5Minor).toMatchObject({ eligible: 379, recurred: 143 });
  });

  it('gives the share of UCDP peace agreements that ended their conflict', () => {
    expect(agreementEndings(readFileSync(PA, 'utf8'), PA)).toMatchObject({ agreements: 374, ended: 134 });
  });
});

describe('rules', () => {
  it('reads a path as the running highest stage, Imp only after SubComp', () => {
    const path = stagePath([
      { date: '2001-01-01', id: '1', stage: 'Imp' },
      { date: '2001-02-01', id: '2', stage: 'Pre' },
      { date: '2001-03-01', id: '3', stage: 'Ren' },
      { date: '2001-04-01', id: '4', stage: 'SubPar' },
      { date: '2001-05-01', id: '5', stage: 'Cea' },
      { date: '2001-06-01', id: '6', stage: 'Imp' },
      { date: '2001-07-01', id: '7', stage: 'SubComp' },
      { date: '2001-08-01', id: '8', stage: 'Imp' },
    ]);
    expect(path.map((s) => [s.stage, s.agreement])).toEqual([
      [0, '2'],
      [2, '4'],
      [3, '7'],
      [4, '8'],
    ]);
    expect(firstPassage(path).map((s) => [s.stage, s.date])).toEqual([
      [0, '2001-02-01'],
      [1, '2001-04-01'],
      [2, '2001-04-01'],
      [3, '2001-07-01'],
      [4, '2001-08-01'],
    ]);
  });

  it('estimates survival by Kaplan–Meier', () => {
    const curve = kaplanMeier([
      { time: 1, event: true },
      { time: 2, event: false },
      { time: 3, event: true },
      { time: 3, event: true },
      { time: 5, event: false },
    ]);
    expect(curve.times).toEqual([1, 3]);
    expect(curve.survival[0]).toBeCloseTo(0.8, 12);
    expect(curve.survival[1]).toBeCloseTo(0.8 * (1 - 2 / 3), 12);
    expect(survivalAt(curve, 2.5)).toBeCloseTo(0.8, 12);
    expect(kmQuantile(curve, 0.5)).toBe(3);
    expect(kmQuantile(curve, 0.9)).toBeNull();
  });

  it('counts an episode in a window only when the data follow it for the whole window', () => {
    const episodes = conflictEpisodes([
      {
        id: 'a',
        years: [2000, 2001, 2004, 2018, 2019].map((year) => ({ year, intensity: year === 2001 ? 2 : 1 })),
      },
      { id: 'b', years: [{ year: 2017, intensity: 1 }] },
    ]);
    expect(episodes.map((e) => [e.conflict, e.firstYear, e.lastYear, e.peakIntensity, e.nextStart])).toEqual([
      ['a', 2000, 2001, 2, 2004],
      ['a', 2004, 2004, 1, 2018],
      ['a', 2018, 2019, 1, undefined],
      ['b', 2017, 2017, 1, undefined],
    ]);
    // data to 2020: episodes ending 2001 and 2004 are followed 5 years; 2017 and 2019 are not
    expect(recurrence(episodes, 2020, 5)).toEqual({ windowYears: 5, eligible: 2, recurred: 1, share: 0.5 });
  });

  it('names the file and the missing columns', () => {
    expect(() => readPaxProcesses('PP,AgtId,Dat\n1,2,2000-01-01\n', 'x.csv')).toThrow(CalibrationDataError);
    expect(() => readPaxProcesses('PP,AgtId,Dat\n1,2,2000-01-01\n', 'x.csv')).toThrow(
      /x\.csv: not a PA-X agreements file: missing column\(s\) Con, PPName, Agt, Status, Agtp, Stage, Part/,
    );
    expect(() => readUcdpAcd('conflict_id,year\n1,2000\n', 'acd.csv')).toThrow(
      /acd\.csv:1: not a UCDP\/PRIO conflict file: missing column\(s\) intensity_level, side_a, side_b/,
    );
    expect(() => agreementEndings('paid,year\n1,2000\n', 'pa.csv')).toThrow(
      /pa\.csv: .*missing column\(s\) ended/,
    );
  });
});
