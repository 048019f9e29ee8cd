// CSV sheets: rows numbered as a spreadsheet shows them, malformed CSV reported at the row where the
// quote opens, formulas guarded on write and every text surviving write → read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, readSheet, unguardCell, writeSheet } from './csv-sheet.js';

/** Cells rich in what breaks CSV and spreadsheets: delimiters, quotes, line breaks, formula starts. */
const nastyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', ';', '"', "'", '\n', '\r', '\r\n', '\t', '|', '=', '+', '-', '@', ' ', '\uFEFF'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

describe('readSheet', () => {
  it('numbers rows as a spreadsheet does: header 1, blank lines count, a multi-line cell is one row', () => {
    const sheet = readSheet('\uFEFFLabel,Type\r\nA,x\r\n\r\n"B\r\nstill B",y\r\nC,z\r\n');
    expect(sheet.header).toEqual(['Label', 'Type']);
    expect(sheet.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, 'A'],
      [3, ''],
      [4, 'B\r\nstill B'],
      [5, 'C'],
    ]);
    expect(sheet.error).toBeUndefined();
  });

  it('reports an unclosed quote at the row where it opens and keeps the rows before it', () => {
    const sheet = readSheet('Label,Type\nA,x\nB,y\n"C,z\nD,w\n');
    expect(sheet.rows.map((r) => r.cells[0])).toEqual(['A', 'B']);
    expect(sheet.error?.row).toBe(4);
    expect(sheet.error?.message).toMatch(/never closes/);
  });

  it('tolerates stray quotes inside unquoted cells, LF, CR and semicolon or tab delimiters', () => {
    expect(readSheet('Label,Type\nSay "hi",x\n').rows[0]?.cells).toEqual(['Say "hi"', 'x']);
    expect(readSheet('Label;Type\rA;x\r').rows[0]?.cells).toEqual(['A', 'x']);
    expect(readSheet('Label\tType\nA,1\tx\n').rows[0]?.cells).toEqual(['A,1', 'x']);
  });

  it('reads an empty text as an empty sheet', () => {
    expect(readSheet('')).toEqual({ header: [], rows: [] });
  });
});

describe('writeSheet', () => {
  it('guards formulas with an apostrophe and reading takes it off again', () => {
    const text = writeSheet(
      ['Label'],
      [['=HYPERLINK("http://x")'], ['@SUM(A1)'], ["'=1"], ['-2'], ['plain']],
    );
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain("''=1");
    expect(readSheet(text).rows.map((r) => r.cells[0])).toEqual([
      '=HYPERLINK("http://x")',
      '@SUM(A1)',
      "'=1",
      '-2',
      'plain',
    ]);
  });

  it('guard and unguard are inverse for every text', () => {
    fc.assert(fc.property(nastyText, (text) => unguardCell(guardCell(text)) === text));
  });

  it('every table of texts survives write → read', () => {
    fc.assert(
      fc.property(fc.array(fc.array(nastyText, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (rows) => {
        const sheet = readSheet(writeSheet(['A', 'B', 'C'], rows));
        expect(sheet.error).toBeUndefined();
        expect(sheet.header).toEqual(['A', 'B', 'C']);
        // A row of three empty cells is written as ",," and read back as such.
        expect(sheet.rows.map((r) => r.cells)).toEqual(rows);
        expect(sheet.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2));
      }),
    );
  });
});
