/**
 * The first step of every YAML or JSON input file (system files, negotiation issues, scenarios): parse
 * it as a YAML document that keeps positions, so later problems can name their line and column, and
 * turn syntax errors into problems at the line where they start (a JSON file's own syntax error, an
 * unclosed quote at the line it opens, aliases limited against billion-laughs documents). What the yaml
 * library only warns about — an unknown tag such as `!!js/function`, which it would read as plain text —
 * is a problem too, naming the field that carries it. A leading byte-order mark is dropped first.
 */
import { extname } from 'node:path';
import {
  type Document,
  LineCounter,
  type Node,
  isCollection,
  isNode,
  isPair,
  isScalar,
  parseDocument,
} from 'yaml';
import { jsonSyntaxError, withoutByteOrderMark } from './text-file.js';

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

/** Where a node's text ends (for a pair, where its value ends). */
function end(item: unknown): number | undefined {
  if (isPair(item)) return end(item.value) ?? end(item.key);
  return isNode(item) && item.range ? item.range[1] : undefined;
}

/**
 * The field path (e.g. `actors[2].name`) of the node a warning at `offset` is about, or '' for the document
 * as a whole. A tag stands before its node, so the node meant is the first child that ends after `offset`.
 */
export function fieldAt(doc: Document, offset: number): string {
  let field = '';
  let node: unknown = doc.contents;
  if (isNode(node) && node.range && offset < node.range[0]) return field; // a tag on the whole document
  while (isCollection(node)) {
    const item: unknown = node.items.find((child: unknown) => (end(child) ?? -1) > offset);
    if (item === undefined) break;
    const index = node.items.indexOf(item as never);
    let step: string;
    let next: unknown;
    if (isPair(item)) {
      const key = isScalar(item.key) ? String(item.key.value) : String(index);
      step = field ? `${field}.${key}` : key;
      // a tag on the key itself, or on the value
      next = isNode(item.key) && item.key.range && offset < item.key.range[1] ? undefined : item.value;
    } else {
      step = `${field}[${index}]`;
      next = item;
    }
    field = step;
    const start = isNode(next) ? (next as Node).range?.[0] : undefined;
    if (start === undefined || offset < start) break; // the tag is on this node
    node = next;
  }
  return field;
}

/** Parses `text` (YAML, or JSON when `file` ends in .json) into a positioned document and its data. */
export function readYamlDocument(file: string, raw: string): DocumentReading {
  const text = withoutByteOrderMark(raw);
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
  if (doc.warnings.length > 0)
    return {
      ok: false,
      problems: doc.warnings.map((warning) => {
        const pos = lineCounter.linePos(warning.pos[0]);
        const field = fieldAt(doc, warning.pos[0]);
        const tag = /^Unresolved tag: (.*)$/.exec(warning.message.split('\n')[0] ?? '');
        const what = tag
          ? `unknown YAML tag ${(tag[1] ?? '').replace(/^tag:yaml\.org,2002:/, '!!')}; remove the tag and write the plain value`
          : `YAML: ${warning.message.split('\n')[0] ?? warning.code}`;
        return { line: pos.line, col: pos.col, message: field ? `${field}: ${what}` : what };
      }),
    };
  try {
    return { ok: true, doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ line: 1, col: 1, message: `cannot read the document: ${message}` }] };
  }
}
