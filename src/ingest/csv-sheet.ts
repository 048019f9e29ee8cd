/**
 * CSV sheets as a spreadsheet shows them: rows numbered from 1 (the header row), so that a problem names
 * the row a user sees; a quoted cell that never closes reported at the row where it opens; and cells
 * written so that no spreadsheet runs them as formulas. Parsing and quoting are csv-parse's and
 * csv-stringify's; this module numbers rows and guards formulas.
 *
 * Formula guard (OWASP "CSV injection"): a cell that begins with =, +, -, @, a tab or a carriage return,
 * possibly after apostrophes, is written with one more apostrophe in front, as spreadsheets expect for
 * literal text; reading strips that one apostrophe again, so that every text survives write → read.
 */
import { CsvError } from 'csv-parse/sync';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface SheetRow {
  /** The row number a spreadsheet shows: the header is row 1, a blank line is a row too. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface Sheet {
  readonly header: readonly string[];
  readonly rows: readonly SheetRow[];
  /** Why reading stopped early, at which row; the rows before it are read. */
  readonly error?: { readonly row: number; readonly message: string };
}

const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The text a spreadsheet may run as a formula, with the apostrophe that keeps it text. */
export function guardCell(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** A cell as it was before `guardCell`. */
export function unguardCell(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

/** The delimiter of the header line: a comma, or a semicolon or tab when the header has no comma. */
function delimiterOf(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

type Parsed = { readonly info: { readonly records: number }; readonly record: string[] };

function parseRecords(text: string, delimiter: string, to?: number): Parsed[] {
  return parse(text, {
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    ...(to === undefined ? {} : { to }),
  }) as unknown as Parsed[];
}

function errorMessage(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'malformed CSV: a quoted cell opens on this row and never closes; this row and the rows after it are not read';
  }
  return `malformed CSV (${error.code}): ${error.message}; this row and the rows after it are not read`;
}

/** Reads CSV text (BOM, CRLF, LF or CR, quoted cells with line breaks) into numbered rows. */
export function readSheet(text: string): Sheet {
  const delimiter = delimiterOf(text);
  let records: Parsed[];
  let error: Sheet['error'];
  try {
    records = parseRecords(text, delimiter);
  } catch (caught) {
    if (!(caught instanceof CsvError)) throw caught;
    const done = typeof caught.records === 'number' ? caught.records : 0;
    records = done > 0 ? parseRecords(text, delimiter, done) : [];
    error = { row: done + 1, message: errorMessage(caught) };
  }
  const [first, ...rest] = records;
  return {
    header: (first?.record ?? []).map(unguardCell),
    rows: rest.map((r) => ({ row: r.info.records, cells: r.record.map(unguardCell) })),
    ...(error ? { error } : {}),
  };
}

/** Writes a header and rows as CSV (RFC 4180: CRLF between rows, quotes where needed), formulas guarded. */
export function writeSheet(
  header: readonly string[],
  rows: readonly (readonly (string | undefined)[])[],
): string {
  return stringify(
    [header, ...rows].map((row) => row.map((cell) => guardCell(cell ?? ''))),
    { record_delimiter: 'windows', quote_record_delimiter: true, eof: true },
  );
}
