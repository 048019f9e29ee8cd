/**
 * Turns zod's validation issues into messages a user can act on: a missing field by name, an unknown
 * field with the fields that are allowed there, a wrong type as "expected X, got Y".
 */
import type { z } from 'zod';

interface ZodInternals {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, unknown>;
      element?: unknown;
      innerType?: unknown;
      in?: unknown;
    };
  };
}

function unwrap(schema: unknown): ZodInternals | undefined {
  let current = schema as ZodInternals | undefined;
  for (let guard = 0; current && guard < 20; guard++) {
    const def = current._zod.def;
    if (
      def.type === 'optional' ||
      def.type === 'default' ||
      def.type === 'nullable' ||
      def.type === 'prefault'
    ) {
      current = def.innerType as ZodInternals;
    } else if (def.type === 'pipe') {
      current = def.in as ZodInternals;
    } else return current;
  }
  return current;
}

/** The object schema found by following `path` from `root`, if there is one. */
export function objectShapeAt(root: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current = unwrap(root);
  for (const step of path) {
    if (!current) return undefined;
    const def = current._zod.def;
    if (def.type === 'object' && typeof step === 'string') current = unwrap(def.shape?.[step]);
    else if (def.type === 'array' && typeof step === 'number') current = unwrap(def.element);
    else return undefined;
  }
  const def = current?._zod.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const ARTICLE: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping of fields',
  array: 'a list',
};

export interface ReadableIssue {
  readonly path: readonly PropertyKey[];
  /** For an unknown key: the key, so its own position can be reported. */
  readonly key?: string;
  readonly message: string;
}

export function readableIssues(root: z.ZodType, issues: readonly z.core.$ZodIssue[]): ReadableIssue[] {
  return issues.flatMap((issue): ReadableIssue[] => {
    const path = issue.path;
    const field = path.length > 0 ? String(path[path.length - 1]) : 'the file';
    if (issue.code === 'unrecognized_keys') {
      const allowed = objectShapeAt(root, path);
      return issue.keys.map((key) => ({
        path,
        key,
        message:
          `unknown field "${key}"` +
          (allowed ? `; expected one of: ${allowed.join(', ')}` : '; see `multitrack schema`'),
      }));
    }
    const input = (issue as { input?: unknown }).input;
    if (input === undefined && path.length > 0 && issue.code !== 'custom') {
      const expected = issue.code === 'invalid_type' ? ` (${ARTICLE[issue.expected] ?? issue.expected})` : '';
      return [{ path, message: `missing required field "${field}"${expected}` }];
    }
    if (issue.code === 'invalid_type') {
      if (path.length === 0 && (input === null || input === undefined)) {
        return [
          {
            path,
            message: 'the file is empty; expected a system file (run `multitrack schema` for its layout)',
          },
        ];
      }
      const custom = issue.message.startsWith('Invalid input') ? undefined : issue.message;
      return [
        {
          path,
          message:
            custom ?? `expected ${ARTICLE[issue.expected] ?? issue.expected}, got ${describeValue(input)}`,
        },
      ];
    }
    return [{ path, message: issue.message }];
  });
}
