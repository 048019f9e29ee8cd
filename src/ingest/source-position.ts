/**
 * Where a path of keys and indexes ("initiatives", 2, "track") stands in a parsed YAML or JSON document,
 * as 1-based line and column, so every problem can be reported as FILE:LINE:COL.
 */
import { type Document, isMap, isNode, isPair, isScalar, type LineCounter, type Node } from 'yaml';

export interface Position {
  readonly line: number;
  readonly col: number;
}

function start(node: unknown): number | undefined {
  if (isNode(node) && node.range) return node.range[0];
  return undefined;
}

/**
 * The position of `path` in `doc`: the value at the path when it exists, else the key that names the
 * last step when the step is a key the map has (e.g. an unknown key), else the nearest enclosing node.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): Position {
  let offset = start(doc.contents) ?? 0;
  let node: unknown = doc.contents;
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    if (!isNode(node)) break;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
      );
      if (!pair) break;
      // For the last step, point at the value; for an unknown key, point at the key itself.
      const keyStart = start(pair.key);
      next = pair.value;
      if (last && (key !== undefined || pair.value === null)) {
        offset = keyStart ?? offset;
        node = undefined;
        break;
      }
      if (start(next) === undefined && keyStart !== undefined) offset = keyStart;
    } else if (
      'items' in node &&
      Array.isArray((node as { items: unknown[] }).items) &&
      typeof step === 'number'
    ) {
      next = (node as { items: unknown[] }).items[step];
      if (next === undefined) break;
    } else break;
    node = next;
    offset = start(node as Node) ?? offset;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}
