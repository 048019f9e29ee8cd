// GDELT reader: every Georgia month of ../shared/data read and checked against counts that hold by
// construction and against an independent count; broken rows reported at their lines; the 1.0 and 2.0
// layouts, with or without a header, read alike; a large synthesised stream aggregates without keeping
// rows; and (fast-check) chunking and merging do not change the result, garbage never throws.
import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse as parseSync } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackId } from '../domain/track.js';
import { tempDir } from '../../test/support/temp.js';
import {
  type CameoActor,
  type GdeltAggregate,
  GDELT_COLUMNS,
  gdeltSummary,
  interactionsByTrackPair,
  isDiplomaticEventCode,
  loadCameoCodebook,
  mergeGdeltAggregates,
  parseCameoEventCodes,
  parseCameoGoldstein,
  partyPairSeries,
  readGdelt,
  readGdeltFiles,
} from './gdelt.js';

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const GDELT = join(DATA, 'gdelt');
const MONTH_FILES = readdirSync(GDELT)
  .filter((f) => /^georgia-.*\.csv$/.test(f))
  .sort();

/** A stand-in for cameo-sectors' actor → track function: the first type code only. */
const TYPE_TRACK: Record<string, TrackId> = {
  GOV: '1',
  MIL: '1',
  LEG: '1',
  JUD: '1',
  IGO: '1',
  NGO: '2',
  BUS: '3',
  CVL: '4',
  EDU: '5',
  REL: '7',
  MED: '9',
};
const stubTrackOf = (actor: CameoActor): TrackId | null => TYPE_TRACK[actor.type1 ?? ''] ?? null;
const options = { trackOf: stubTrackOf };

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  june: '06',
  july: '07',
  aug: '08',
  sept: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};
const monthOfFile = (file: string): string => {
  const [, name = '', year = ''] = /^georgia-([a-z]+)(\d{4})\.csv$/.exec(file) ?? [];
  return `${year}-${MONTHS[name]}`;
};

const textOf = (file: string): string => readFileSync(join(GDELT, file), 'utf8');
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The aggregate without its per-file information, to compare readings of different layouts. */
const content = (a: GdeltAggregate) => ({ ...a, files: [] });

/**
 * Expects two aggregates equal up to the rounding of floating-point sums, which depends on the order
 * numbers are added in (relative and absolute tolerance 1e-9).
 */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tolerance)) expect(actual, path).toBe(expected);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length, path).toBe(expected.length);
    actual.forEach((v, i) => expectClose(v, expected[i], `${path}[${i}]`));
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(actual)) {
      expectClose(v, (expected as Record<string, unknown>)[k], `${path}.${k}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

/** Rows of a Georgia file as cells, header apart. */
function rowsOf(file: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = parseSync(textOf(file), { relax_column_count: true }) as string[][];
  return { header, rows };
}

const tsv = (rows: readonly (readonly string[])[]): string =>
  rows.map((r) => r.map((c) => (c === 'NA' ? '' : c)).join('\t')).join('\n') + '\n';

/** A GDELT 1.0 row (58 columns) as GDELT 2.0 (61): an ADM2 code after each ADM1, DATEADDED with a time. */
function toGdelt2(row: readonly string[], adm2 = ['GG01', 'GG02', 'GG03'], time = '000000'): string[] {
  return [
    ...row.slice(0, 39),
    adm2[0]!,
    ...row.slice(39, 46),
    adm2[1]!,
    ...row.slice(46, 53),
    adm2[2]!,
    ...row.slice(53, 56),
    `${row[56] ?? ''}${time}`,
    row[57] ?? '',
  ];
}
const ADM2 = ['Actor1Geo_ADM2Code', 'Actor2Geo_ADM2Code', 'ActionGeo_ADM2Code'];

describe('CAMEO code files', () => {
  it('loads the event descriptions and Goldstein weights', async () => {
    const { codebook, problems } = await loadCameoCodebook({
      eventCodes: join(DATA, 'cameo/CAMEO.eventcodes.txt'),
      goldstein: join(DATA, 'cameo/CAMEO.goldsteinscale.txt'),
    });
    expect(problems).toEqual([]);
    expect(codebook.descriptions.size).toBe(311);
    expect(codebook.descriptions.get('036')).toBe('Express intent to meet or negotiate');
    expect(codebook.descriptions.get('04')).toBe('CONSULT');
    expect(codebook.descriptions.get('057')).toBe('Sign formal agreement');
    expect(codebook.goldstein.size).toBe(311);
    expect(codebook.goldstein.get('057')).toBe(8);
    expect(codebook.goldstein.get('016')).toBe(-2);
  });

  it('reports bad lines of the code files by line', () => {
    const codes = parseCameoEventCodes(
      'CAMEOEVENTCODE\tEVENTDESCRIPTION\n01\tMAKE STATEMENT\nx1\tNope\n02\t\n',
    );
    expect([...codes.codes]).toEqual([['01', 'MAKE STATEMENT']]);
    expect(codes.problems.map((p) => p.line)).toEqual([3, 4]);
    const weights = parseCameoGoldstein('CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\t0.0\n02\tlots\n03\t11\n');
    expect([...weights.weights]).toEqual([['01', 0]]);
    expect(weights.problems.map((p) => p.line)).toEqual([3, 4]);
  });

  it('marks 036, 04x and 05x as diplomatic', () => {
    expect(['036', '040', '0431', '046', '050', '057'].every(isDiplomaticEventCode)).toBe(true);
    expect(['03', '030', '037', '06', '111', '190'].some(isDiplomaticEventCode)).toBe(false);
  });
});

describe('the Georgia GDELT months', () => {
  it('finds the 13 month files', () => {
    expect(MONTH_FILES).toHaveLength(13);
  });

  for (const file of MONTH_FILES) {
    it(`reads ${file} whole, and its aggregates add up`, async () => {
      const text = textOf(file);
      const aggregate = await readGdeltFiles([join(GDELT, file)], options);
      const { rows } = aggregate;

      // Independent count with csv-parse's sync API.
      const records = parseSync(text, { columns: true }) as Record<string, string>[];
      expect(rows.read).toBe(records.length);
      expect(rows.rejected).toBe(0);
      expect(rows.used + rows.rejected).toBe(rows.read);
      expect(aggregate.files).toEqual([
        expect.objectContaining({ file, rowsRead: rows.read, rowsRejected: 0 }),
      ]);
      expect(aggregate.files[0]?.layout).toMatchObject({ version: '1.0', delimiter: ',', header: true });
      expect(aggregate.months).toEqual([monthOfFile(file)]);

      // By construction.
      expect(rows.twoSided + rows.oneSided + rows.noActor).toBe(rows.used);
      expect(sum(aggregate.interactions.map((i) => i.events))).toBe(rows.twoSided);
      expect(sum(aggregate.oneSided.map((o) => o.events))).toBe(rows.oneSided);
      expect(sum(aggregate.parties.map((p) => p.events))).toBe(rows.withParties);
      const oneSidedAsSource = sum(
        aggregate.oneSided.filter((o) => o.role === 'source').map((o) => o.events),
      );
      expect(sum(aggregate.actors.map((a) => a.asSource))).toBe(rows.twoSided + oneSidedAsSource);
      for (const i of aggregate.interactions) expect(sum(i.quadClass)).toBe(i.events);
      const pairs = interactionsByTrackPair(aggregate);
      expect(sum(pairs.map((p) => p.events))).toBe(rows.twoSided);

      // Against the independent reading.
      const present = (v: string | undefined) => v !== undefined && v !== 'NA' && v.trim() !== '';
      const both = records.filter((r) => present(r.Actor1Code) && present(r.Actor2Code));
      expect(rows.twoSided).toBe(both.length);
      const goldstein = sum(records.map((r) => Number(r.GoldsteinScale)));
      const ours = sum([...aggregate.interactions, ...aggregate.oneSided].map((s) => s.goldsteinSum));
      const noActorGoldstein = sum(
        records
          .filter((r) => !present(r.Actor1Code) && !present(r.Actor2Code))
          .map((r) => Number(r.GoldsteinScale)),
      );
      expect(ours + noActorGoldstein).toBeCloseTo(goldstein, 6);
      const diplomatic = records.filter(
        (r) => isDiplomaticEventCode(r.EventCode ?? '') && (present(r.Actor1Code) || present(r.Actor2Code)),
      );
      expect(sum(aggregate.engagements.map((e) => e.events))).toBe(diplomatic.length);
      const distinct = new Set(
        diplomatic.map((r) =>
          [r.Actor1Code, r.Actor1Name, r.Actor2Code, r.Actor2Name, r.SQLDATE, r.EventRootCode]
            .map((v) => v?.trim())
            .join('|'),
        ),
      );
      expect(aggregate.engagements).toHaveLength(distinct.size);
      for (const e of aggregate.engagements) {
        expect(e.eventIds.length).toBe(Math.min(e.events, 20));
        expect(['03', '04', '05']).toContain(e.rootCode);
      }
    });
  }

  it('reads all months into one aggregate with descriptions, series and a summary', async () => {
    const { codebook } = await loadCameoCodebook({
      eventCodes: join(DATA, 'cameo/CAMEO.eventcodes.txt'),
      goldstein: join(DATA, 'cameo/CAMEO.goldsteinscale.txt'),
    });
    const aggregate = await readGdeltFiles(
      MONTH_FILES.map((f) => join(GDELT, f)),
      { ...options, codebook },
    );
    expect(aggregate.months).toHaveLength(13);
    expect(aggregate.rows.read).toBe(75674);
    const summary = gdeltSummary(aggregate);
    expect(summary).toMatchObject({ rowsRead: 75674, rowsUsed: 75674, rowsRejected: 0, rejects: [] });
    expect(sum(Object.values(summary.actorsByTrack))).toBe(summary.actors);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);

    const signing = aggregate.engagements.find((e) => e.codes.some((c) => c.code === '057'));
    expect(signing?.rootDescription).toBe('ENGAGE IN DIPLOMATIC COOPERATION');
    expect(signing?.codes.find((c) => c.code === '057')).toMatchObject({
      description: 'Sign formal agreement',
      goldstein: 8,
    });
    // Actor codes with stray spaces are trimmed.
    expect(aggregate.actors.every((a) => a.code === a.code.trim())).toBe(true);

    const georgiaRussia = partyPairSeries(aggregate).filter((p) => p.parties.join() === 'GEO,RUS');
    expect(georgiaRussia.map((p) => p.month)).toEqual(aggregate.months);
    for (const p of georgiaRussia) {
      expect(p.cooperative + p.conflictual).toBe(p.events);
      expect(p.cooperativeShare + p.conflictualShare).toBeCloseTo(1, 12);
    }
    const directed = partyPairSeries(aggregate, { directed: true });
    expect(sum(directed.map((p) => p.events))).toBe(aggregate.rows.withParties);

    // Sorted, so that the same input always gives the same output.
    const keys = aggregate.interactions.map((i) => [i.source, i.target, i.month].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
  });

  it('reads the June 2011 file, which has an extra "month" column, by its header', async () => {
    const aggregate = await readGdeltFiles([join(GDELT, 'georgia-june2011.csv')], options);
    expect(aggregate.files[0]?.layout?.columns).toBe(59);
    expect(aggregate.rows.rejected).toBe(0);
  });
});

describe('broken rows', () => {
  const file = 'georgia-dec2011.csv';
  const lines = textOf(file).split('\n');

  it('reports a row with 57 columns, a bad date and a non-numeric Goldstein score at their lines', async () => {
    const broken = [...lines];
    broken[4] = broken[4]!.slice(0, broken[4]!.lastIndexOf(',')); // line 5: 57 columns
    broken[6] = broken[6]!.replace(/^(\d+),20111201,/, '$1,20110231,'); // line 7: 31 February
    const cells = broken[8]!.split(',');
    cells[30] = 'high';
    broken[8] = cells.join(','); // line 9: Goldstein "high"
    const aggregate = await readGdelt([broken.slice(0, 12).join('\n')], { ...options, file });
    expect(aggregate.rejects.first).toEqual([
      { file, line: 5, kind: 'columns', reason: '57 columns, expected 58 (as the header has)' },
      expect.objectContaining({ file, line: 7, kind: 'date' }),
      expect.objectContaining({ file, line: 9, kind: 'goldstein' }),
    ]);
    expect(aggregate.rejects.first[1]?.reason).toContain('20110231');
    expect(aggregate.rows).toMatchObject({ read: 11, used: 8, rejected: 3 });
    expect(aggregate.rejects.byKind).toEqual({ columns: 1, date: 1, goldstein: 1 });
  });

  it('reports a file cut in the middle of a line', async () => {
    const cut = lines.slice(0, 11).join('\n') + '\n' + lines[11]!.slice(0, 60);
    const aggregate = await readGdelt([cut], { ...options, file });
    expect(aggregate.rows).toMatchObject({ read: 11, used: 10, rejected: 1 });
    expect(aggregate.rejects.first).toEqual([expect.objectContaining({ file, line: 12, kind: 'columns' })]);
  });

  it('reports a file cut inside a quoted cell at the line the cell opens on', async () => {
    const line = lines[11]!;
    const quote = line.search(/,"[^"]{8,}",[^,]*,[^,]*,[^,]*,-?\d/); // a quoted place name, "Bartow County, …"
    expect(quote).toBeGreaterThan(0);
    const cut = lines.slice(0, 11).join('\n') + '\n' + line.slice(0, quote + 5);
    const aggregate = await readGdelt([cut], { ...options, file });
    expect(aggregate.rows).toMatchObject({ read: 11, used: 10, rejected: 1 });
    expect(aggregate.rejects.first).toEqual([expect.objectContaining({ file, line: 12, kind: 'csv' })]);
  });

  it('counts blank lines into the line numbers', async () => {
    const cells = lines[3]!.split(',');
    cells[26] = '"x42"';
    const broken = [...lines.slice(0, 3), '', '', cells.join(','), ...lines.slice(4, 8)];
    const aggregate = await readGdelt([broken.join('\r\n')], { ...options, file });
    expect(aggregate.rejects.first).toEqual([expect.objectContaining({ line: 6, kind: 'event-code' })]);
    expect(aggregate.rows.blankLines).toBe(2);
  });

  it('keeps the first N reasons and counts all', async () => {
    const broken = [lines[0]!, ...lines.slice(1, 21).map((l) => l.replace(/^\d+,/, 'id,'))];
    const aggregate = await readGdelt([broken.join('\n')], { ...options, maxRejects: 3 });
    expect(aggregate.rows).toMatchObject({ read: 20, used: 0, rejected: 20 });
    expect(aggregate.rejects.first.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(aggregate.rejects.byKind).toEqual({ 'event-id': 20 });
  });

  it('rejects every row of a file whose header lacks a needed column', async () => {
    const text = textOf(file).replace('"GoldsteinScale"', '"Goldstein"').split('\n').slice(0, 5).join('\n');
    const aggregate = await readGdelt([text], options);
    expect(aggregate.rows).toMatchObject({ read: 4, rejected: 4 });
    expect(aggregate.rejects.first[0]?.reason).toBe('the header has no column GoldsteinScale');
  });

  it('rejects rows that fit no GDELT layout in a headerless file until one does', async () => {
    const { rows } = rowsOf(file);
    const aggregate = await readGdelt([`a\tb\tc\n${tsv(rows.slice(0, 3))}`], options);
    expect(aggregate.rows).toMatchObject({ read: 4, used: 3, rejected: 1 });
    expect(aggregate.rejects.first[0]).toMatchObject({ line: 1, kind: 'columns' });
  });
});

describe('GDELT layouts', () => {
  const file = 'georgia-dec2011.csv';
  const { header, rows } = rowsOf(file);
  let reference: GdeltAggregate;

  it('has the 1.0, backfile and 2.0 column orders of the codebooks', async () => {
    expect(GDELT_COLUMNS['1.0']).toEqual(header);
    expect(GDELT_COLUMNS['1.0-backfile']).toEqual(header.slice(0, 57));
    const v2 = GDELT_COLUMNS['2.0'];
    expect(v2).toHaveLength(61);
    expect(v2).toEqual(toGdelt2(header, ADM2, ''));
    expect([v2[39], v2[47], v2[55], v2[59], v2[60]]).toEqual([...ADM2, 'DATEADDED', 'SOURCEURL']);
    reference = await readGdelt([textOf(file)], options);
    expect(reference.rows.used).toBe(rows.length);
  });

  it('reads GDELT 1.0 as published: tab-separated, no header, empty cells', async () => {
    const aggregate = await readGdelt([tsv(rows)], options);
    expect(aggregate.files[0]?.layout).toEqual({
      version: '1.0',
      columns: 58,
      delimiter: '\t',
      header: false,
    });
    expect(content(aggregate)).toEqual(content(reference));
  });

  it('reads the 57-column GDELT 1.0 backfile layout', async () => {
    const aggregate = await readGdelt([tsv(rows.map((r) => r.slice(0, 57)))], options);
    expect(aggregate.files[0]?.layout).toMatchObject({ version: '1.0', columns: 57 });
    expect(content(aggregate)).toEqual(content(reference));
  });

  it('reads GDELT 2.0 (61 columns), headerless and tab-separated, to the same aggregates', async () => {
    const aggregate = await readGdelt([tsv(rows.map((r) => toGdelt2(r)))], options);
    expect(aggregate.files[0]?.layout).toEqual({
      version: '2.0',
      columns: 61,
      delimiter: '\t',
      header: false,
    });
    expect(content(aggregate)).toEqual(content(reference));
  });

  it('reads GDELT 2.0 with a header, and a header in another column order', async () => {
    const v2 = [toGdelt2(header, ADM2, ''), ...rows.map((r) => toGdelt2(r))];
    const withHeader = await readGdelt([tsv(v2)], options);
    expect(withHeader.files[0]?.layout).toEqual({
      version: '2.0',
      columns: 61,
      delimiter: '\t',
      header: true,
    });
    expect(content(withHeader)).toEqual(content(reference));
    const reversed = v2.map((r) => [...r].reverse());
    const csv = reversed.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n');
    const shuffled = await readGdelt([csv], options);
    expect(shuffled.files[0]?.layout).toMatchObject({ version: '2.0', delimiter: ',', header: true });
    expect(content(shuffled)).toEqual(content(reference));
  });

  it('reads gzipped files and several files into one aggregate', async () => {
    const dir = await tempDir();
    const gz = join(dir, 'events.export.CSV.gz');
    await writeFile(gz, gzipSync(tsv(rows.map((r) => toGdelt2(r)))));
    const both = await readGdeltFiles([join(GDELT, file), gz], options);
    expect(both.files.map((f) => [f.file, f.layout?.version])).toEqual([
      [file, '1.0'],
      ['events.export.CSV.gz', '2.0'],
    ]);
    expect(both.rows.used).toBe(2 * rows.length);
    expect(sum(both.interactions.map((i) => i.events))).toBe(2 * reference.rows.twoSided);
    expectClose(content(both), content(mergeGdeltAggregates(reference, reference)));
  });
});

describe('inputs', () => {
  it('takes the whole text as a string', async () => {
    const text = textOf('georgia-dec2011.csv');
    expect(await readGdelt(text, options)).toEqual(await readGdelt([text], options));
  });

  it('fails on a file that cannot be read, gzipped or not, rather than hang', async () => {
    const dir = await tempDir();
    await expect(readGdeltFiles([join(dir, 'missing.csv')], options)).rejects.toThrow(/ENOENT/);
    await expect(readGdeltFiles([join(dir, 'missing.csv.gz')], options)).rejects.toThrow(/ENOENT/);
  });

  it('reads an empty file as no rows', async () => {
    const aggregate = await readGdelt('', options);
    expect(aggregate.rows.read).toBe(0);
    expect(aggregate.files).toEqual([{ file: '', layout: null, rowsRead: 0, rowsRejected: 0 }]);
  });
});

describe('memory', () => {
  it('aggregates 300,000 streamed rows without keeping them', { timeout: 120_000 }, async () => {
    const { rows } = rowsOf('georgia-dec2011.csv');
    const single = await readGdelt([tsv(rows)], options);
    const passes = 100;
    let garbage = 0;
    async function* synthesised(): AsyncGenerator<string> {
      let id = 1;
      let chunk: string[] = [];
      for (let pass = 0; pass < passes; pass++) {
        for (const row of rows) {
          const cells = row.map((c) => (c === 'NA' ? '' : c));
          cells[0] = String(id++);
          chunk.push(cells.join('\t'));
          if (id % 1000 === 0) {
            chunk.push('garbage\tline');
            garbage++;
          }
          if (chunk.length >= 2000) {
            yield chunk.join('\n') + '\n';
            chunk = [];
          }
        }
      }
      yield chunk.join('\n') + '\n';
    }
    const aggregate = await readGdelt(synthesised(), options);
    expect(aggregate.rows).toMatchObject({
      read: passes * rows.length + garbage,
      used: passes * rows.length,
      rejected: garbage,
    });
    expect(aggregate.rows.read).toBeGreaterThan(300_000);
    // The aggregates have the size of one pass: rows are folded in, not kept.
    expect(aggregate.actors).toHaveLength(single.actors.length);
    expect(aggregate.interactions).toHaveLength(single.interactions.length);
    expect(aggregate.parties).toHaveLength(single.parties.length);
    expect(aggregate.engagements).toHaveLength(single.engagements.length);
    expect(aggregate.interactions.map((i) => i.events)).toEqual(
      single.interactions.map((i) => passes * i.events),
    );
    expect(Math.max(...aggregate.engagements.map((e) => e.eventIds.length))).toBe(20);
    expect(aggregate.rejects.first).toHaveLength(50);
    expect(aggregate.rejects.byKind).toEqual({ columns: garbage });
  });
});

describe('properties', () => {
  const ACTORS: (Partial<CameoActor> & { code: string; name: string })[] = [
    { code: 'GEO', name: 'GEORGIA', country: 'GEO' },
    { code: 'GEOGOV', name: 'TBILISI', country: 'GEO', type1: 'GOV' },
    { code: 'RUS', name: 'RUSSIA', country: 'RUS' },
    { code: 'RUSMIL', name: 'RUSSIAN', country: 'RUS', type1: 'MIL' },
    { code: 'NGO', name: 'ACTIVIST', type1: 'NGO' },
    { code: 'BUS', name: 'ŞİRKƏT', type1: 'BUS' },
    { code: 'IGOUNO', name: 'UNITED NATIONS', knownGroup: 'UNO', type1: 'IGO' },
  ];
  const CODES = ['036', '040', '042', '043', '046', '051', '057', '010', '0211', '111', '190', '173'];
  const actor = fc.option(fc.constantFrom(...ACTORS), { nil: undefined });
  const validRow = fc
    .record({
      id: fc.integer({ min: 1, max: 2 ** 40 }),
      date: fc.date({ min: new Date('1979-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
      a1: actor,
      a2: actor,
      code: fc.constantFrom(...CODES),
      quad: fc.integer({ min: 1, max: 4 }),
      goldstein: fc.integer({ min: -100, max: 100 }).map((g) => g / 10),
      mentions: fc.nat(1000),
      tone: fc.double({ min: -50, max: 50, noNaN: true }),
    })
    .map((r) => {
      const cells: string[] = Array.from({ length: 58 }, () => '');
      const day = r.date.toISOString().slice(0, 10).replaceAll('-', '');
      cells[0] = String(r.id);
      cells[1] = day;
      cells[2] = day.slice(0, 6);
      cells[3] = day.slice(0, 4);
      for (const [a, at] of [
        [r.a1, 5],
        [r.a2, 15],
      ] as const) {
        if (!a) continue;
        cells[at] = a.code;
        cells[at + 1] = a.name;
        cells[at + 2] = a.country ?? '';
        cells[at + 3] = a.knownGroup ?? '';
        cells[at + 7] = a.type1 ?? '';
      }
      cells[26] = r.code;
      cells[27] = r.code.slice(0, 3);
      cells[28] = r.code.slice(0, 2);
      cells[29] = String(r.quad);
      cells[30] = String(r.goldstein);
      cells[31] = String(r.mentions);
      cells[34] = String(r.tone);
      return cells;
    });

  it('gives the same aggregate whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validRow, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (rows, cuts) => {
          const bytes = Buffer.from(tsv(rows));
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
          const whole = await readGdelt([bytes.toString('utf8')], options);
          const chunked = await readGdelt(chunks, options);
          expect(chunked).toEqual(whole);
          expect(whole.rows.used).toBe(rows.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('aggregates two halves merged as it aggregates the whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validRow, { maxLength: 60 }), fc.nat(), async (rows, split) => {
        const k = split % (rows.length + 1);
        const whole = await readGdelt([tsv(rows)], options);
        const first = await readGdelt([tsv(rows.slice(0, k))], options);
        const second = await readGdelt([tsv(rows.slice(k))], options);
        const merged = mergeGdeltAggregates(first, second);
        expectClose(content(merged), content(whole));
        expect(merged.files).toHaveLength(2);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on garbage lines: they become rejects, counted', async () => {
    const mutated = fc
      .tuple(validRow, fc.nat(57), fc.string({ maxLength: 12 }))
      .map(([cells, i, text]) => cells.map((c, j) => (j === i ? text : c)).join('\t'));
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      mutated,
      validRow.map((cells) => cells.join('\t')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), async (lines) => {
        const text = lines.join('\n');
        const aggregate = await readGdelt([text], { ...options, maxRejects: 1000 });
        const { rows } = aggregate;
        expect(rows.used + rows.rejected).toBe(rows.read);
        expect(aggregate.rejects.first).toHaveLength(rows.rejected);
        const lineCount = text.split(/\r\n|\n|\r/).length;
        for (const reject of aggregate.rejects.first) {
          expect(reject.line).toBeGreaterThanOrEqual(1);
          expect(reject.line).toBeLessThanOrEqual(lineCount);
        }
        expect(sum(aggregate.interactions.map((i) => i.events))).toBe(rows.twoSided);
      }),
      { numRuns: 150 },
    );
  });
});
