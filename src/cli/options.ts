/**
 * Parsing of numeric command-line options shared by the commands: whole numbers within a range and
 * fractions, each failing with a usage error that names the flag, the value and what was expected.
 */
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
