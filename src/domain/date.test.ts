// Partial dates: a year, a month or a day stands for the interval it covers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainlyAfter, certainlyBefore, earliest, latest, partialDateProblem } from './date.js';

const day = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partial = fc.tuple(day, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));

describe('partial dates', () => {
  it('property: every real day, month and year is accepted, and earliest <= latest', () => {
    fc.assert(
      fc.property(partial, (d) => {
        expect(partialDateProblem(d)).toBeUndefined();
        expect(earliest(d) <= latest(d)).toBe(true);
        expect(earliest(d).startsWith(d)).toBe(true);
      }),
    );
  });

  it('property: a date is never certainly before or after itself, nor before a date it contains', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(4, 7), (d, n) => {
        const coarse = d.slice(0, n);
        expect(certainlyBefore(d, d)).toBe(false);
        expect(certainlyAfter(d, coarse)).toBe(false);
        expect(certainlyBefore(coarse, d)).toBe(false);
      }),
    );
  });

  it('rejects impossible dates and other formats, saying why', () => {
    expect(partialDateProblem('2003-02-29')).toMatch(/does not exist/);
    expect(partialDateProblem('2004-02-29')).toBeUndefined();
    expect(partialDateProblem('2003-13')).toMatch(/month 13/);
    expect(partialDateProblem('June 2003')).toMatch(/YYYY-MM-DD/);
    expect(latest('2003-02')).toBe('2003-02-28');
    expect(latest('2003')).toBe('2003-12-31');
  });
});
