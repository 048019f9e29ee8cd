/**
 * A finding of the domain rules about a system: which rule, how serious, where in the system file (a
 * path of keys and indexes, turned into FILE:LINE:COL by the reader) and a message that says what to fix.
 */
export type Severity = 'error' | 'warning' | 'info';

export type FindingPath = readonly (string | number)[];

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly path: FindingPath;
  readonly message: string;
}

export function finding(rule: string, severity: Severity, path: FindingPath, message: string): Finding {
  return Object.freeze({ rule, severity, path, message });
}

export function formatPath(path: FindingPath): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );
}
