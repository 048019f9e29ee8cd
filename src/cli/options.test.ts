// The time options: --on takes a date that exists, --as-of an ISO 8601 moment; anything else is a
// usage error naming the flag and the expected form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { asOfTimestamp, onDate } from './options.js';

describe('time options', () => {
  it('--on accepts real dates and refuses the rest', () => {
    expect(onDate('1993-08-20')).toBe('1993-08-20');
    expect(onDate('1993')).toBe('1993');
    expect(onDate(undefined)).toBeUndefined();
    expect(() => onDate('banana')).toThrow(/--on banana: expected a date as YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(() => onDate('1993-13-45')).toThrow(UsageError);
    expect(() => onDate('2023-02-29')).toThrow(/does not exist/);
  });

  it('--as-of accepts ISO 8601 moments and refuses the rest', () => {
    expect(asOfTimestamp('2026-11-22T10:00:00Z')).toBe('2026-11-22T10:00:00Z');
    expect(asOfTimestamp('2026-11-22 10:00:00.123+01:00')).toBe('2026-11-22 10:00:00.123+01:00');
    expect(asOfTimestamp('2026-11-22')).toBe('2026-11-22');
    for (const bad of ['garbage', '2026-13-01', '2026-11-22T25:00', '2026-11-22T10:61', '22/11/2026'])
      expect(() => asOfTimestamp(bad), bad).toThrow(UsageError);
  });

  it('property: every moment a Date prints as ISO is accepted, and means the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (d) => {
          const text = d.toISOString();
          expect(Date.parse(asOfTimestamp(text) as string)).toBe(d.getTime());
        },
      ),
    );
  });
});
