/**
 * The first step of every YAML or JSON input file (system files, negotiation issues, scenarios): parse
 * it as a YAML document that keeps positions, so later problems can name their line and column, and
 * turn syntax errors into problems at the line where they start (a JSON file's own syntax error, an
 * unclosed quote at the line it opens, aliases limited against billion-laughs documents).
 */
import { extname } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { jsonSyntaxError } from './text-file.js';

export interface SyntaxProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export type DocumentReading =
  | { readonly ok: true; readonly doc: Document; readonly lineCounter: LineCounter; readonly data: unknown }
  | { readonly ok: false; readonly problems: readonly SyntaxProblem[] };

/** Most aliases a document may expand (a guard against exponential alias bombs). */
const MAX_ALIASES = 100;

/**
 * Where a quoted scalar opens and never closes: the parser notices only at the end of the file, but the
 * user needs the line where the quote began.
 */
function unclosedQuoteOffset(text: string): number | undefined {
  let offset = 0;
  for (const raw of text.split('\n')) {
    // A quote that opens a value: after "key: ", "- " or at the start of the line.
    const m = /^(\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?)(["'])(.*)$/.exec(raw);
    if (m) {
      const quote = m[2];
      const rest = m[3] ?? '';
      const closed = quote === '"' ? /(^|[^\\])(\\\\)*"/.test(rest) : /'(?!')/.test(rest.replace(/''/g, ''));
      if (!closed) return offset + (m[1] ?? '').length;
    }
    offset += raw.length + 1;
  }
  return undefined;
}

/** Parses `text` (YAML, or JSON when `file` ends in .json) into a positioned document and its data. */
export function readYamlDocument(file: string, text: string): DocumentReading {
  if (extname(file).toLowerCase() === '.json') {
    const error = jsonSyntaxError(text);
    if (error) return { ok: false, problems: [error] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const offset = /closing .*quote/i.test(error.message)
          ? (unclosedQuoteOffset(text) ?? error.pos[0])
          : error.pos[0];
        const pos = lineCounter.linePos(offset);
        return {
          line: pos.line,
          col: pos.col,
          message: `invalid YAML: ${error.message.split('\n')[0] ?? error.code}`,
        };
      }),
    };
  try {
    return { ok: true, doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ line: 1, col: 1, message: `cannot read the document: ${message}` }] };
  }
}
