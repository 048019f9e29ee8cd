/**
 * Dates as history records them: a year ("1993"), a month ("1993-08") or a day ("1993-08-20"). A partial
 * date stands for the interval it covers, so order checks are strict only where the record is precise.
 */
import { z } from 'zod';

export type PartialDate = string & z.$brand<'PartialDate'>;

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `value` is not a partial date, or undefined when it is one. */
export function partialDateProblem(value: string): string | undefined {
  const match = PATTERN.exec(value);
  if (!match) return `expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return `month ${match[2]} is out of range in ${JSON.stringify(value)}`;
    if (match[3] !== undefined) {
      const day = Number(match[3]);
      if (day < 1 || day > daysInMonth(year, month)) {
        return `day ${match[3]} does not exist in ${year}-${match[2]}`;
      }
    }
  }
  return undefined;
}

/** Accepts "1993-08-20", "1993-08", "1993" and a bare year number (YAML reads 1993 as a number). */
export const PartialDateSchema = z
  .union([z.string(), z.number().int().min(1000).max(9999)], {
    error: 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD',
  })
  .transform((input, ctx) => {
    const value = String(input);
    const problem = partialDateProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem, input });
      return z.NEVER;
    }
    return value as PartialDate;
  });

/** The first day a partial date may mean, as YYYY-MM-DD. */
export function earliest(date: PartialDate | string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

/** The last day a partial date may mean, as YYYY-MM-DD. */
export function latest(date: PartialDate | string): string {
  const [y = '0000', m, d] = date.split('-');
  if (m === undefined) return `${y}-12-31`;
  if (d === undefined) return `${y}-${m}-${String(daysInMonth(Number(y), Number(m))).padStart(2, '0')}`;
  return `${y}-${m}-${d}`;
}

/** True when `a` is certainly after `b`: every day `a` may mean comes after every day `b` may mean. */
export function certainlyAfter(a: PartialDate | string, b: PartialDate | string): boolean {
  return earliest(a) > latest(b);
}

/** True when `a` certainly comes before `b`. */
export function certainlyBefore(a: PartialDate | string, b: PartialDate | string): boolean {
  return latest(a) < earliest(b);
}

/** Sort key: the earliest day, then the more precise date first. */
export function compareDates(a: PartialDate | string, b: PartialDate | string): number {
  const byStart = earliest(a).localeCompare(earliest(b));
  return byStart !== 0 ? byStart : latest(a).localeCompare(latest(b));
}
