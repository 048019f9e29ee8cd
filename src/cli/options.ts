/**
 * Parsing of numeric command-line options shared by the commands: whole numbers within a range and
 * fractions, each failing with a usage error that names the flag, the value and what was expected.
 */
import { partialDateProblem } from '../domain/date.js';
import { UsageError } from './errors.js';

/** A whole number from `min` to `max`; undefined when the option was not given. */
export function integer(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || v < min || v > max)
    throw new UsageError(`${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return v;
}

/** A number from 0 to 1; `fallback` when the option was not given. */
export function fraction(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new UsageError(`${flag} ${text}: expected a number from 0 to 1`);
  return v;
}

/** A seed: any 32-bit signed integer; 1 when not given. */
export function seedOption(text: string | undefined): number {
  return integer('--seed', text, -2_147_483_648, 2_147_483_647) ?? 1;
}

/** A date of the world (`--on`): YYYY, YYYY-MM or YYYY-MM-DD that exists; undefined when not given. */
export function onDate(text: string | undefined, flag = '--on'): string | undefined {
  if (text === undefined) return undefined;
  const problem = partialDateProblem(text);
  if (problem !== undefined) throw new UsageError(`${flag} ${text}: ${problem}`);
  return text;
}

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A moment of the registry's own time (`--as-of`): an ISO 8601 date or date and time, such as
 * 2026-11-22 or 2026-11-22T10:00:00Z; undefined when not given.
 */
export function asOfTimestamp(text: string | undefined, flag = '--as-of'): string | undefined {
  if (text === undefined) return undefined;
  const match = TIMESTAMP.exec(text.trim());
  const expected = 'expected an ISO 8601 moment such as 2026-11-22 or 2026-11-22T10:00:00Z';
  if (!match) throw new UsageError(`${flag} ${text}: ${expected}`);
  const problem = partialDateProblem(match[1] as string);
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map((x) => Number(x ?? 0));
  if (problem !== undefined) throw new UsageError(`${flag} ${text}: ${problem}`);
  if ((hours as number) > 23 || (minutes as number) > 59 || (seconds as number) > 59)
    throw new UsageError(`${flag} ${text}: the time of day is out of range; ${expected}`);
  if (Number.isNaN(Date.parse(text.trim().replace(' ', 'T'))))
    throw new UsageError(`${flag} ${text}: ${expected}`);
  return text.trim();
}
