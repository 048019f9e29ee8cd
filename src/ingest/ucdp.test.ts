// UCDP readers on the real files of ../shared/data (with a small stub in place of the actor classifier):
// conflicts with a stage history checked on hand-picked conflict-years, agreements as binding Track 1
// outcomes, every system valid and rule-clean, rejected rows with their row number; PA-X systems given
// UCDP's stage history; property tests for the stage-history builder (date order, war exactly at
// intensity 2).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainlyBefore } from '../domain/date.js';
import { checkSystem } from '../domain/rules/index.js';
import { type SystemInput, SystemSchema } from '../domain/system.js';
import { readSheet, writeSheet } from './csv-sheet.js';
import { type ActorTextClassification, readPax } from './pax.js';
import {
  type ConflictYear,
  linkPaxToUcdp,
  mergeUcdpSystems,
  readUcdpAgreements,
  readUcdpConflicts,
  splitUcdpList,
  ucdpStageHistory,
} from './ucdp.js';

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const ACD = readFileSync(`${DATA}ucdp/ucdp-prio-acd-251.csv`, 'utf8');
const DYADIC = readFileSync(`${DATA}ucdp/ucdp-dyadic-251.csv`, 'utf8');
const AGREEMENTS = readFileSync(`${DATA}ucdp/ucdp-peace-agreements-221.csv`, 'utf8');
const PAX = readFileSync(`${DATA}pax/pax-agreements-dev.csv`, 'utf8');

/** A stand-in for actor-classifier.ts: IGOs and governments by a few words; everything else unknown. */
function stubClassify(text: string): ActorTextClassification {
  const t = text.toLowerCase();
  if (/:$/.test(text)) return { track: null, sector: null, status: 'no-actor', reason: 'stub: a heading' };
  if (/united nations|\bun\b|african union|\bau\b|osce|ecowas|igad|\boau\b|organi[sz]ation/.test(t)) {
    return { track: '1', sector: 'igo', status: 'classified', reason: 'stub: IGO name' };
  }
  if (/church|catholic|sant'egidio/.test(t)) {
    return { track: '7', sector: 'religious', status: 'classified', reason: 'stub: religious word' };
  }
  if (/government|republic|minist|president/.test(t)) {
    return { track: '1', sector: 'government', status: 'classified', reason: 'stub: government word' };
  }
  return { track: null, sector: null, status: 'unknown', reason: 'stub: no rule matched' };
}

function errorsOf(system: SystemInput): string[] {
  const parsed = SystemSchema.safeParse(system);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `${system.id}: ${i.path.join('.')}: ${i.message}`);
  return checkSystem(parsed.data)
    .filter((f) => f.severity === 'error')
    .map((f) => `${system.id}: ${f.message}`);
}

describe('readUcdpConflicts on the UCDP/PRIO Armed Conflict Dataset 25.1', () => {
  const { conflicts, systems, report } = readUcdpConflicts(ACD, {
    file: 'ucdp-prio-acd-251.csv',
    dyadicText: DYADIC,
  });
  const sheet = readSheet(ACD);
  const col = (name: string) => sheet.header.indexOf(name);

  it('reads every conflict-year: 2,752 rows, 303 conflicts', () => {
    expect(report.rejected).toEqual([]);
    expect(report.rowsRead).toBe(2752);
    expect(report.conflictYears).toBe(2752);
    expect(report.conflicts).toBe(303);
    expect(systems.map((s) => s.id)).toEqual(conflicts.map((c) => `ucdp-${c.id}`));
  });

  it('gives every system that passes SystemSchema and checkSystem with zero errors', () => {
    expect(systems.flatMap(errorsOf)).toEqual([]);
  });

  it('puts war exactly in the years of intensity 2, as the file has them', () => {
    const intensity = new Map(
      sheet.rows.map((r) => [
        `${r.cells[col('conflict_id')]}/${r.cells[col('year')]}`,
        r.cells[col('intensity_level')],
      ]),
    );
    for (const c of conflicts) {
      for (const y of c.yearly) {
        expect(y.stage === 'war').toBe(intensity.get(`${c.id}/${y.year}`) === '2');
      }
    }
  });

  it('builds the stage history of Colombia (conflict 289, hand-checked against its rows)', () => {
    // 1964 intensity 1, start_date2 1964-12-31; war in 1985, 1992, 1994, 1996 and 1999–2005; ep_end in
    // 2016 on 2016-12-29; a new episode from 2018-02-20 (start_date2), at intensity 1.
    const colombia = conflicts.find((c) => c.id === '289');
    expect(colombia?.name).toBe('Colombia: Government');
    expect(colombia?.stages.map((s) => [s.stage, s.from])).toEqual([
      ['escalation', '1964-12-31'],
      ['war', '1985'],
      ['de-escalation', '1986'],
      ['war', '1992'],
      ['de-escalation', '1993'],
      ['war', '1994'],
      ['de-escalation', '1995'],
      ['war', '1996'],
      ['de-escalation', '1997'],
      ['war', '1999'],
      ['de-escalation', '2006'],
      ['post-conflict', '2016-12-29'],
      ['escalation', '2018-02-20'],
    ]);
  });

  it('pairs actor names and ids only where certain (Mindanao, conflict 308: "ASG, BIFM" with "1146, 277")', () => {
    const mindanao = conflicts.find((c) => c.id === '308');
    const id = (name: string) => mindanao?.parties.find((p) => p.name === name)?.ucdpId;
    expect(id('ASG')).toBe('277'); // alone on the 1995 row
    expect(id('BIFM')).toBe('1146'); // the id left over on the 2012 row
    expect(id('Government of Philippines')).toBe('154');
    const malaysia = mindanao?.parties.find((p) => p.name === 'Government of Malaysia');
    expect(malaysia).toMatchObject({ side: 'A (secondary)', kind: 'state' });
    expect(mindanao?.stages.map((s) => s.stage)).toEqual([
      'escalation',
      'war',
      'de-escalation',
      'war',
      'de-escalation',
      'post-conflict',
      'escalation',
      'war',
      'de-escalation',
      'post-conflict',
    ]);
  });

  it('keeps a name with commas whole when its cell has one id', () => {
    expect(splitUcdpList('CPP, Military faction (forces of Honasan, Abenina & Zumel)')).toEqual([
      'CPP',
      'Military faction (forces of Honasan, Abenina & Zumel)',
    ]);
    const names = conflicts.flatMap((c) => c.parties.map((p) => p.name));
    expect(names).toContain('Military Junta for the Consolidation of Democracy, Peace and Justice');
  });

  it('reports a malformed row (built from a real one) with its row number', () => {
    const target = sheet.rows[10];
    const rows = sheet.rows.map((r) => {
      if (r !== target) return r.cells;
      const cells = [...r.cells];
      cells[col('intensity_level')] = '3';
      return cells;
    });
    const broken = readUcdpConflicts(writeSheet(sheet.header, rows), { file: 'broken.csv' });
    expect(broken.report.rejected).toEqual([
      { row: target?.row, reason: expect.stringContaining('intensity_level "3" is neither 1 nor 2') },
    ]);
    expect(broken.report.conflictYears).toBe(2751);
  });

  it('gives the same bytes for the same text', () => {
    const again = readUcdpConflicts(ACD, { file: 'ucdp-prio-acd-251.csv', dyadicText: DYADIC });
    expect(JSON.stringify(again)).toBe(JSON.stringify({ conflicts, systems, report }));
  });
});

describe('readUcdpAgreements on the UCDP Peace Agreement Dataset 22.1', () => {
  const acd = readUcdpConflicts(ACD, { file: 'ucdp-prio-acd-251.csv', dyadicText: DYADIC });
  const options = {
    file: 'ucdp-peace-agreements-221.csv',
    classify: stubClassify,
    conflicts: acd.conflicts,
    conflictsFile: 'ucdp-prio-acd-251.csv',
  };
  const { systems, report } = readUcdpAgreements(AGREEMENTS, options);
  const sheet = readSheet(AGREEMENTS);
  const col = (name: string) => sheet.header.indexOf(name);

  it('accepts all 374 agreements, each once in the system of every conflict it names', () => {
    expect(report.rejected).toEqual([]);
    expect(report.agreements).toBe(374);
    expect(report.conflictsWithoutYears).toEqual([]);
    const expected = sheet.rows.flatMap((r) =>
      (r.cells[col('conflict_id')] ?? '')
        .split(',')
        .map((c) => `ucdp-${c.trim()} agreement-${r.cells[col('paid')]}`),
    );
    const actual = systems.flatMap((s) => (s.outcomes ?? []).map((o) => `${s.id} ${o.id}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(report.outcomes).toBe(382);
  });

  it('gives every system that passes SystemSchema and checkSystem with zero errors', () => {
    expect(systems.flatMap(errorsOf)).toEqual([]);
  });

  it('makes binding agreements of Track 1 initiatives, and gives each system its conflict-years', () => {
    for (const s of systems) {
      for (const n of s.initiatives ?? []) expect(n.track).toBe('Track 1');
      for (const o of s.outcomes ?? []) expect(o.binding).toBe(true);
      const acdSystem = acd.systems.find((a) => a.id === s.id);
      expect(s.conflict.stages).toEqual(acdSystem?.conflict.stages);
    }
  });

  it('lists the unknown third parties with their counts; each keeps its text in an unclassified actor', () => {
    const t = report.thirdParties;
    expect(t.items).toBe(t.headings + t.classified + t.noActor + t.unknown);
    expect(t.unknownTexts.find((u) => u.text === 'Norway')?.count).toBeGreaterThan(0);
    const norway = systems.find((s) => s.id === 'ucdp-289')?.actors?.find((a) => a.id === 'actor-norway');
    expect(norway).toMatchObject({ sector: 'unclassified' });
    expect(norway?.notes).toContain('"Norway"');
  });

  it('has a broker convene: "The accord was brokered by Pakistan. …" (paid 1128), kept whole for review', () => {
    // pa_3rd of paid 1128 is prose; the splitter does not cut sentences (initials such as "H. Gobilliard"
    // have full stops too), so the text stays one item, unknown to the classifier, and convenes.
    const afghanistan = systems.find((s) => s.id === 'ucdp-333');
    const broker = afghanistan?.links?.find((l) =>
      l.from.startsWith('actor-accord-was-brokered-by-pakistan'),
    );
    expect(broker).toMatchObject({ type: 'convenes', date: '1993-03-07', label: 'UCDP pa_3rd (broker)' });
    expect(report.thirdParties.unknownTexts.map((u) => u.text)).toContain(
      'The accord was brokered by Pakistan. Saudi Arabia and Iran were joint sponsors and guarantors of the agreement.',
    );
    const council = afghanistan?.links?.find((l) => l.from === 'actor-high-peace-council');
    expect(council?.type).toBe('participates-in');
  });

  it('reports a malformed row (built from a real one) with its row number', () => {
    const target = sheet.rows[3];
    const rows = sheet.rows.map((r) => {
      if (r !== target) return r.cells;
      const cells = [...r.cells];
      cells[col('pa_date')] = '1996-02-30';
      return cells;
    });
    const broken = readUcdpAgreements(writeSheet(sheet.header, rows), options);
    expect(broken.report.rejected).toEqual([
      { row: target?.row, reason: expect.stringContaining('day 30 does not exist in 1996-02') },
    ]);
    expect(broken.report.agreements).toBe(373);
  });

  it('builds a conflict from the agreements alone when no conflict-years are given, and says so', () => {
    const alone = readUcdpAgreements(AGREEMENTS, {
      file: 'ucdp-peace-agreements-221.csv',
      classify: stubClassify,
    });
    expect(alone.report.conflictsWithoutYears).toHaveLength(alone.systems.length);
    expect(alone.systems.flatMap(errorsOf)).toEqual([]);
    expect(alone.systems[0]?.conflict.stages).toEqual([
      expect.objectContaining({
        stage: 'de-escalation',
        note: expect.stringContaining('no UCDP/PRIO conflict-years'),
      }),
    ]);
  });

  it('gives the same bytes for the same text', () => {
    expect(JSON.stringify(readUcdpAgreements(AGREEMENTS, options))).toBe(JSON.stringify({ systems, report }));
  });
});

describe('linkPaxToUcdp', () => {
  const acd = readUcdpConflicts(ACD, { file: 'ucdp-prio-acd-251.csv', dyadicText: DYADIC });
  const agreements = readUcdpAgreements(AGREEMENTS, {
    file: 'ucdp-peace-agreements-221.csv',
    classify: stubClassify,
    conflicts: acd.conflicts,
  });
  const ucdp = mergeUcdpSystems(acd.systems, agreements.systems);
  const pax = readPax(PAX, { file: 'pax-agreements-dev.csv', classify: stubClassify });
  const { systems, report } = linkPaxToUcdp(pax.systems, ucdp);

  it('links each PA-X system to the UCDP conflict most of its agreements name, or says why not', () => {
    expect(systems).toHaveLength(pax.systems.length);
    expect(report.linked.length + report.unmatched.length).toBe(pax.systems.length);
    expect(report.linked).toHaveLength(97);
    // Bosnia: 86 agreements name conflict 389, 45 name 398, 2 name 397
    expect(report.linked.find((l) => l.pax === 'pax-bosnia-and-herzegovina-yugoslavia-former')).toEqual({
      pax: 'pax-bosnia-and-herzegovina-yugoslavia-former',
      ucdp: 'ucdp-389',
      agreements: 86,
      otherUcdpConflicts: ['398', '397'],
    });
    // PA-X's UcdpCon 169170 (two actor ids run together?) is no UCDP conflict
    expect(report.unmatched).toContainEqual({
      pax: 'pax-philippines-rebolusyonaryong-alyansang-makabansa-sfp-you',
      ucdpConflicts: ['169170'],
      reason: 'UCDP conflict(s) 169170 not in the UCDP data',
    });
  });

  it('gives the linked PA-X system the UCDP stage history, keeping PA-X’s in the notes', () => {
    const mindanao = systems.find((s) => s.id === 'pax-philippines-mindanao');
    const ucdp308 = ucdp.find((s) => s.id === 'ucdp-308');
    expect(mindanao?.conflict.stages).toEqual(ucdp308?.conflict.stages);
    expect(mindanao?.conflict.notes).toContain('the PA-X agreements gave: de-escalation from 1993-04-16');
    expect(mindanao?.sources?.map((s) => s.id)).toContain('ucdp-acd');
    expect(systems.flatMap(errorsOf)).toEqual([]);
  });

  it('finds 204 of the 206 UCDP agreements PA-X names among the UCDP outcomes', () => {
    expect(report.agreements.referenced).toBe(206);
    expect(report.agreements.matched).toBe(204);
    expect(report.agreements.unmatched.map((u) => u.ucdpAgreement).sort()).toEqual(['1358', '3451999060301']);
  });
});

// Conflict-years as the builder gets them: strictly increasing years, dates inside their year.
const conflictYears = fc
  .array(
    fc.record({
      step: fc.integer({ min: 1, max: 3 }),
      intensity: fc.constantFrom(1 as const, 2 as const),
      episodeEnd: fc.boolean(),
      start: fc.option(fc.record({ m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })),
      end: fc.option(fc.record({ m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })),
      sameEpisode: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((steps) => {
    let year = 1946;
    let episodeStart: string | undefined;
    const iso = (y: number, md: { m: number; d: number }) =>
      `${y}-${String(md.m).padStart(2, '0')}-${String(md.d).padStart(2, '0')}`;
    return steps.map((s, i): ConflictYear => {
      year += i === 0 ? 0 : s.step;
      if (!s.sameEpisode || episodeStart === undefined)
        episodeStart = s.start ? iso(year, s.start) : String(year);
      return {
        year,
        intensity: s.intensity,
        episodeStart,
        episodeEnd: s.episodeEnd,
        ...(s.episodeEnd && s.end ? { episodeEndDate: iso(year, s.end) } : {}),
      };
    });
  });

describe('ucdpStageHistory properties', () => {
  it('is in date order and never gives the same stage twice in a row', () => {
    fc.assert(
      fc.property(
        conflictYears,
        fc.option(fc.constantFrom('1900-01-01', '1946', '1950-06-30')),
        (years, firstDeath) => {
          const { stages } = ucdpStageHistory(years, firstDeath ?? undefined);
          expect(stages.length).toBeGreaterThan(0);
          stages.forEach((s, i) => {
            const previous = stages[i - 1];
            if (!previous) return;
            expect(certainlyBefore(String(s.from), String(previous.from))).toBe(false);
            expect(s.stage).not.toBe(previous.stage);
          });
        },
      ),
    );
  });

  it('has war exactly where intensity is 2, in each year and in the history in force that year', () => {
    fc.assert(
      fc.property(conflictYears, (years) => {
        const { stages, yearly } = ucdpStageHistory(years);
        expect(yearly.map((y) => y.year)).toEqual(years.map((y) => y.year));
        for (const y of yearly) {
          expect(y.stage === 'war').toBe(y.intensity === 2);
          // the last period begun by that year, not counting the end of an episode within it
          const inForce = stages.filter(
            (s) =>
              Number(String(s.from).slice(0, 4)) <= y.year &&
              !(s.stage === 'post-conflict' && Number(String(s.from).slice(0, 4)) === y.year),
          );
          expect(inForce[inForce.length - 1]?.stage).toBe(y.stage);
        }
        expect(stages.every((s) => s.stage !== 'latent')).toBe(true);
      }),
    );
  });
});
