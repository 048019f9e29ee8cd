// PA-X reader on the real file of ../shared/data (with a small stub in place of the actor classifier):
// every system valid and rule-clean, one outcome per accepted row, stage mapping on hand-checked rows,
// rejected rows with their row number, unknown third parties listed; property tests for the field
// splitter (nothing lost, idempotent) and the stage-history builder (date order).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainlyBefore } from '../domain/date.js';
import { ID_PATTERN } from '../domain/id.js';
import { checkSystem } from '../domain/rules/index.js';
import { SystemIndex } from '../domain/system-index.js';
import { type SystemInput, SystemSchema } from '../domain/system.js';
import { readSheet, writeSheet } from './csv-sheet.js';
import {
  type ActorTextClassification,
  type DatedStage,
  PAX_STAGES,
  type PaxStage,
  entityName,
  paxStageHistory,
  readPax,
  splitActorField,
  splitActorItems,
  thirdPartyRole,
} from './pax.js';

const FILE = fileURLToPath(new URL('../../../shared/data/pax/pax-agreements-dev.csv', import.meta.url));
const TEXT = readFileSync(FILE, 'utf8');

/** A stand-in for actor-classifier.ts: a few words per sector, deliberately small. */
function stubClassify(text: string): ActorTextClassification {
  const t = text.toLowerCase();
  const yes = (
    track: ActorTextClassification['track'],
    sector: ActorTextClassification['sector'],
    reason: string,
  ) => ({ track, sector, status: 'classified', reason }) as const;
  if (/:$/.test(text) || /^(?:witness|signed|signatures|not signed)/.test(t)) {
    return { track: null, sector: null, status: 'no-actor', reason: 'stub: a heading' };
  }
  if (
    /united nations|nations unies|\bun\b|african union|union africaine|\bau\b|osce|ecowas|igad|sadc|european union|\beu\b|league of arab|\boau\b|organi[sz]ation|unprofor/.test(
      t,
    )
  ) {
    return yes('1', 'igo', 'stub: IGO name');
  }
  if (/church|[ée]glise|bishop|catholic|council of churches|imam|diocese|sant'egidio/.test(t)) {
    return yes('7', 'religious', 'stub: religious word');
  }
  if (/civil society|soci[ée]t[ée] civile|women|citizens/.test(t))
    return yes('4', 'citizen', 'stub: civil society');
  if (
    /army|front|movement|mouvement|liberation|lib[ée]ration|forces|rebel|milf|mnlf|farc|eln|splm|tigers/.test(
      t,
    )
  ) {
    return yes('1', 'armed-group', 'stub: armed group word');
  }
  if (
    /government|gouvernement|republic|r[ée]publique|minist|president|pr[ée]sident|kingdom|federation|\bgph\b|\bgrp\b/.test(
      t,
    )
  ) {
    return yes('1', 'government', 'stub: government word');
  }
  if (/chamber of commerce|private sector|secteur priv[ée]|business/.test(t))
    return yes('3', 'business', 'stub: business');
  if (/centre for humanitarian dialogue|carter center|\bngo\b/.test(t)) return yes('2', 'ngo', 'stub: NGO');
  return { track: null, sector: null, status: 'unknown', reason: 'stub: no rule matched' };
}

const OPTIONS = { file: 'pax-agreements-dev.csv', classify: stubClassify };

function errorsOf(system: SystemInput): string[] {
  const parsed = SystemSchema.safeParse(system);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `${system.id}: ${i.path.join('.')}: ${i.message}`);
  return checkSystem(parsed.data, new SystemIndex(parsed.data))
    .filter((f) => f.severity === 'error')
    .map((f) => `${system.id}: ${f.message}`);
}

describe('readPax on pax-agreements-dev.csv', () => {
  const { systems, report } = readPax(TEXT, OPTIONS);
  const sheet = readSheet(TEXT);
  const column = (name: string) => sheet.header.indexOf(name);
  const agtIds = sheet.rows.map((r) => r.cells[column('AgtId')] ?? '');

  it('accepts every row: 1,396 agreements of 112 processes in 120 systems (129 spellings of Con)', () => {
    expect(report.error).toBeUndefined();
    expect(report.rejected).toEqual([]);
    expect(report.rowsRead).toBe(1396);
    expect(report.agreements).toBe(report.rowsRead - report.rejected.length);
    expect(report.processes).toBe(new Set(sheet.rows.map((r) => r.cells[column('PP')])).size);
    expect(report.processes).toBe(112);
    expect(new Set(sheet.rows.map((r) => r.cells[column('Con')])).size).toBe(129);
    expect(report.systems).toBe(systems.length);
    expect(report.systems).toBe(120);
    // the nine conflicts PA-X spells both with and without parentheses, e.g. Israel/(Palestine)
    expect(report.mergedConflicts).toHaveLength(9);
    expect(report.mergedConflicts.map((m) => m.system)).toContain('pax-israel-palestine');
    expect(report.missingOptionalColumns).toEqual([]);
  });

  it('gives every system that passes SystemSchema and checkSystem with zero errors', () => {
    expect(systems.flatMap(errorsOf)).toEqual([]);
  });

  it('makes one outcome per accepted row, and every AgtId appears exactly once', () => {
    const outcomes = systems.flatMap((s) => s.outcomes ?? []);
    expect(outcomes).toHaveLength(report.agreements);
    expect(outcomes.map((o) => o.id).sort()).toEqual(agtIds.map((id) => `agreement-${id}`).sort());
    expect(report.initiatives).toBe(systems.reduce((n, s) => n + (s.initiatives?.length ?? 0), 0));
    expect(report.parties).toBe(systems.reduce((n, s) => n + (s.parties?.length ?? 0), 0));
  });

  it('writes ids that fit the id pattern', () => {
    for (const s of systems) {
      const ids = [
        s.id,
        s.conflict.id,
        ...[s.parties, s.actors, s.initiatives, s.outcomes, s.sources].flatMap((list) =>
          (list ?? []).map((r) => r.id),
        ),
      ];
      for (const id of ids) expect(id).toMatch(ID_PATTERN);
    }
  });

  it('binds only agreements of Track 1 initiatives, and never a declaration or a statement', () => {
    for (const s of systems) {
      const track = new Map((s.initiatives ?? []).map((n) => [n.id, n.track]));
      for (const o of s.outcomes ?? []) {
        if (!o.binding) continue;
        expect(track.get(o.initiative)).toBe('Track 1');
        expect(o.kind).toBe('agreement');
      }
    }
    expect(report.bindingAgreements).toBeGreaterThan(0);
    expect(report.bindingAgreements).toBeLessThan(report.agreements);
  });

  it('gives the same bytes for the same text', () => {
    expect(JSON.stringify(readPax(TEXT, OPTIONS))).toBe(JSON.stringify({ systems, report }));
  });

  it('maps the stages of Colombia (hand-checked rows of the file) onto the conflict stages', () => {
    // AgtId 1117 1995-10-01 Pre; 150 1998-07-29 SubComp; 1132 1999-12-20 Cea; 1736 2016-06-23 Cea
    // (no change: already de-escalation); 1845 2016-11-24 SubComp (Final Agreement with the FARC-EP);
    // 1890 2017-09-04 Cea (Quito agreement with the ELN). Imp rows in between do not move the stage
    // back to post-conflict once a ceasefire said the 1998 settlement did not hold.
    const colombia = systems.find((s) => s.id === 'pax-colombia');
    expect(colombia?.conflict.stages.map((p) => [p.stage, p.from])).toEqual([
      ['de-escalation', '1995-10-01'],
      ['post-conflict', '1998-07-29'],
      ['de-escalation', '1999-12-20'],
      ['post-conflict', '2016-11-24'],
      ['de-escalation', '2017-09-04'],
    ]);
    const final = colombia?.outcomes?.find((o) => o.id === 'agreement-1845');
    expect(final).toMatchObject({ kind: 'agreement', binding: true, date: '2016-11-24' });
    expect(final?.notes).toContain('negotiation stage (PA-X Stage): SubComp — substantive, comprehensive');
    expect(final?.notes).toContain('conflict stage: post-conflict');
  });

  it('reads Algeria (hand-checked): implementation without a comprehensive agreement stays de-escalation', () => {
    // AgtId 484 1994-01-26 Pre; 1255 1996-09-17 SubPar; 1737 1999-07-13 SubPar (Civil Harmony Act,
    // a unilateral document); 1738 1999-07-20 Imp; 1595 2005-08-14 SubPar.
    const algeria = systems.find((s) => s.id === 'pax-algeria');
    expect(algeria?.conflict.stages.map((p) => [p.stage, p.from])).toEqual([['de-escalation', '1994-01-26']]);
    const civilHarmony = algeria?.outcomes?.find((o) => o.id === 'agreement-1737');
    expect(civilHarmony).toMatchObject({ kind: 'declaration', binding: false });
  });

  it('counts third parties and lists the unknown ones with their counts; each keeps its text in an actor', () => {
    const t = report.thirdParties;
    expect(t.items).toBe(t.headings + t.classified + t.noActor + t.unknown);
    expect(t.unknown).toBe(t.unknownTexts.reduce((n, u) => n + u.count, 0));
    expect(t.unknownTexts.find((u) => u.text === 'Norway')?.count).toBeGreaterThan(0);
    const norway = systems
      .find((s) => s.id === 'pax-sri-lanka')
      ?.actors?.find((a) => a.id === 'actor-norway');
    expect(norway).toMatchObject({ sector: 'unclassified' });
    expect(norway?.notes).toContain('"Norway"');
  });

  it('links the provision flags from generic actors to the agreements', () => {
    const sheetFlags = sheet.rows.filter((r) => Number(r.cells[column('Civso')]) > 0).length;
    const links = systems.flatMap((s) => s.links ?? []).filter((l) => l.from === 'provision-civil-society');
    expect(links).toHaveLength(sheetFlags);
    expect(links.every((l) => l.type === 'implements')).toBe(true);
    const media = systems.flatMap((s) => s.links ?? []).filter((l) => l.from === 'provision-media');
    expect(media.every((l) => l.type === 'legitimises')).toBe(true);
  });

  it('reports a malformed row (built from a real one) with its row number, and keeps the rest', () => {
    const target = sheet.rows.find((r) => r.cells[column('AgtId')] === '1738');
    expect(target).toBeDefined();
    const rows = sheet.rows.map((r) => {
      if (r !== target) return r.cells;
      const cells = [...r.cells];
      cells[column('Dat')] = '1999-13-20';
      return cells;
    });
    const broken = readPax(writeSheet(sheet.header, rows), OPTIONS);
    expect(broken.report.rejected).toEqual([
      { row: target?.row, reason: expect.stringContaining('month 13 is out of range') },
    ]);
    expect(broken.report.agreements).toBe(1395);
    expect(broken.systems.flatMap((s) => s.outcomes ?? []).some((o) => o.id === 'agreement-1738')).toBe(
      false,
    );
  });

  it('rejects unknown codes and repeated AgtIds with their row numbers', () => {
    const [first, second] = sheet.rows;
    const stage = [...(first?.cells ?? [])];
    stage[column('Stage')] = 'Peace';
    const text = writeSheet(sheet.header, [stage, second?.cells ?? [], second?.cells ?? []]);
    const { report: r } = readPax(text, OPTIONS);
    expect(r.rejected).toEqual([
      { row: 2, reason: expect.stringContaining('Stage "Peace" is not a PA-X stage') },
      { row: 4, reason: expect.stringContaining('is already on row 3') },
    ]);
  });

  it('gives a conflict whose signatories name no actor a stand-in party, and nothing binds', () => {
    const first = sheet.rows[0]?.cells ?? [];
    const row = [...first];
    row[column('Part')] = 'Not signed, parties not listed.';
    const { systems: [system] = [], report: r } = readPax(writeSheet(sheet.header, [row]), OPTIONS);
    expect(r.signatories).toMatchObject({ items: 1, classified: 0, noActor: 1 });
    expect(system?.parties).toEqual([
      expect.objectContaining({ id: 'party-algeria-parties', kind: 'other' }),
    ]);
    expect(system?.initiatives).toEqual([expect.objectContaining({ id: 'process-3-unclassified' })]);
    expect(system?.initiatives?.[0]?.track).toBeUndefined();
    expect(system?.outcomes?.every((o) => !o.binding)).toBe(true);
    expect(system ? errorsOf(system) : ['no system']).toEqual([]);
  });

  it('reports where malformed CSV stops the reading, and keeps the rows before it', () => {
    const text = `${writeSheet(sheet.header, [sheet.rows[0]?.cells ?? []])}"unclosed,1\n`;
    const r = readPax(text, OPTIONS);
    expect(r.report.agreements).toBe(1);
    expect(r.report.error).toEqual({ row: 3, reason: expect.stringContaining('never closes') });
  });

  it('says which columns are missing from a file that is not PA-X', () => {
    const r = readPax('a,b\n1,2\n', OPTIONS);
    expect(r.systems).toEqual([]);
    expect(r.report.error?.reason).toMatch(/missing column\(s\) Con, PP/);
  });
});

describe('splitActorField', () => {
  it.each([
    [
      'Government of Sri Lanka; Liberation Tigers of Tamil Eelam',
      ['Government of Sri Lanka', 'Liberation Tigers of Tamil Eelam'],
    ],
    ['Morocco, Frente Polisario', ['Morocco', 'Frente Polisario']],
    [
      'The Somali Government and the Islamic Courts Union',
      ['The Somali Government', 'the Islamic Courts Union'],
    ],
    ['Niger, Libya, Sudan, Cameroon and Nigeria', ['Niger', 'Libya', 'Sudan', 'Cameroon', 'Nigeria']],
    ['Croatia, Bosnia and Herzegovina', ['Croatia', 'Bosnia and Herzegovina']],
    [
      'Government of Sudan, Justice and Equality Movement',
      ['Government of Sudan', 'Justice and Equality Movement'],
    ],
    [
      "Witnessed by: Tengku Dato' Ab Ghafar Tengku Mohamed, Malaysian Facilitator",
      ['Witnessed by:', "Tengku Dato' Ab Ghafar Tengku Mohamed, Malaysian Facilitator"],
    ],
    [
      "Pour l'Union Africaine\nAblasse Ouedraogo\n\nPour la SADC\nJoaquim Chissano, chef de l'Equipe Conjointe",
      [
        "Pour l'Union Africaine, Ablasse Ouedraogo",
        "Pour la SADC, Joaquim Chissano, chef de l'Equipe Conjointe",
      ],
    ],
    [
      'FOR THE GPH:\n\nIRENE M. SANTIAGO\n\nGPH Peace Implementing Panel Chair',
      ['FOR THE GPH: IRENE M. SANTIAGO, GPH Peace Implementing Panel Chair'],
    ],
    [
      'Observer nations: Algeria, Mauritania, UNSRSG',
      ['Observer nations:', 'Algeria', 'Mauritania', 'UNSRSG'],
    ],
    ['UN (SG as facilitator; host), OAU', ['UN (SG as facilitator; host)', 'OAU']],
    ['- Republic of Guinea\n- 1,000 soldiers', ['Republic of Guinea', '1,000 soldiers']],
  ])('%j', (text, expected) => {
    expect(splitActorField(text)).toEqual(expected);
  });

  it('keeps the heading before an item as its context', () => {
    const items = splitActorItems('AS WITNESSES:\nThe Republic of Zambia, the United Nations');
    expect(items).toEqual([
      { text: 'AS WITNESSES:', heading: true },
      { text: 'The Republic of Zambia', heading: false, context: 'AS WITNESSES:' },
      { text: 'the United Nations', heading: false, context: 'AS WITNESSES:' },
    ]);
    expect(thirdPartyRole('The Republic of Zambia', 'AS WITNESSES:')).toEqual({
      link: 'participates-in',
      role: 'witness',
    });
    expect(thirdPartyRole('Tengku Mohamed, Malaysian Facilitator', 'Witnessed by:')).toEqual({
      link: 'convenes',
      role: 'facilitator',
    });
  });

  it.each([
    ['For the Government of Norway', 'Government of Norway'],
    ['Pour les NATIONS-UNIES', 'NATIONS-UNIES'],
    ['From the Georgian Side M. Kakabadze', 'Georgian side'],
    ['H.E. THABO MBEKI, President of the Republic of South Africa', 'THABO MBEKI'],
    ['For the GPH: Miriam Coronel-Ferrer, Panel Chair', 'GPH'],
    ['For the African Union H.E. Mr Thabo Mbeki Chairman of the African Union', 'African Union'],
  ])('entityName(%j) = %j', (text, name) => {
    expect(entityName(text)).toBe(name);
  });
});

// Text made of the pieces the fields are made of, and of anything at all.
const TOKENS = [
  'Government of X',
  'the Republic of Y',
  ' and ',
  ' and the ',
  ' et la ',
  ', ',
  ',',
  '; ',
  '\n',
  '\r\n',
  '\u2028',
  ': ',
  'Witnessed by:',
  'For the GPH:',
  'Pour l’Union',
  'President of Z',
  'panel member',
  'Bosnia and Herzegovina',
  '(',
  ')',
  '[note; x]',
  '- ',
  '• ',
  '1,000',
  'Mr. A',
  'Chair',
  'FARC-EP',
  '  ',
  'as witnesses',
  'Signed',
];
const fieldText = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom('a', 'B', ' ', ',', ';', ':', '\n', '(', ')', '-', 'and', 'the'),
    maxLength: 60,
  }),
);

/** The text without separators: what splitting may drop (spaces, punctuation, the word and/et). */
const essence = (text: string) =>
  text
    .toLowerCase()
    .replace(/\b(?:and|et)\b/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');

describe('splitActorField properties', () => {
  it('never loses text other than separators', () => {
    fc.assert(
      fc.property(fieldText, (text) => {
        expect(essence(splitActorField(text).join(' '))).toBe(essence(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each item back when an item is split again', () => {
    fc.assert(
      fc.property(fieldText, (text) => {
        for (const item of splitActorField(text)) expect(splitActorField(item)).toEqual([item]);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives trimmed, non-empty items on one line', () => {
    fc.assert(
      fc.property(fieldText, (text) => {
        for (const item of splitActorField(text)) {
          expect(item).toBe(item.trim());
          expect(item).not.toBe('');
          expect(item).not.toMatch(/[\n\r\u2028\u2029]/);
        }
      }),
    );
  });

  it('is idempotent on every Part and ThrdPart field of the real file', () => {
    const sheet = readSheet(TEXT);
    for (const name of ['Part', 'ThrdPart']) {
      const i = sheet.header.indexOf(name);
      for (const row of sheet.rows) {
        const text = row.cells[i] ?? '';
        const items = splitActorField(text);
        expect(essence(items.join(' '))).toBe(essence(text));
        for (const item of items) expect(splitActorField(item)).toEqual([item]);
      }
    }
  });
});

const datedStage = fc.record({
  date: fc.oneof(
    fc.integer({ min: 1990, max: 2020 }).map(String),
    fc
      .record({
        y: fc.integer({ min: 1990, max: 2020 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  ),
  stage: fc.constantFrom(...(Object.keys(PAX_STAGES) as PaxStage[])),
  id: fc.integer({ min: 1, max: 3000 }).map(String),
  label: fc.constant('agreement'),
}) satisfies fc.Arbitrary<DatedStage>;

describe('paxStageHistory properties', () => {
  it('is in date order, never repeats a stage twice in a row, and has a stage whenever there is an agreement', () => {
    fc.assert(
      fc.property(fc.array(datedStage, { maxLength: 30 }), (agreements) => {
        const stages = paxStageHistory(agreements);
        expect(stages.length > 0).toBe(agreements.length > 0);
        stages.forEach((s, i) => {
          expect(['de-escalation', 'post-conflict']).toContain(s.stage);
          const previous = stages[i - 1];
          if (!previous) return;
          expect(certainlyBefore(String(s.from), String(previous.from))).toBe(false);
          expect(s.stage).not.toBe(previous.stage);
        });
      }),
    );
  });

  it('does not depend on the order the agreements come in', () => {
    fc.assert(
      fc.property(
        fc
          .array(datedStage, { maxLength: 20 })
          .chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length }))),
        ([a, b]) => {
          // ties (same date and AgtId) may come in any order; give each a distinct id first
          const tag = (list: DatedStage[]) => list.map((x) => ({ ...x, id: `${x.id}-${x.stage}-${x.date}` }));
          const uniq = (list: DatedStage[]) => [...new Map(tag(list).map((x) => [x.id, x])).values()];
          expect(paxStageHistory(uniq(b))).toEqual(paxStageHistory(uniq(a)));
        },
      ),
    );
  });
});
