/**
 * Record identifiers: short, readable slugs ("oslo-backchannel", "norway-mfa") that are unique within a
 * system file and stable across imports, each branded with the record type it names.
 */
import { z } from 'zod';

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/;

const ID_HINT =
  'an id of lower-case letters, digits, ".", "_" or "-", starting with a letter or digit (at most 128 characters)';

/** A plain record id, before we know which record type it names (e.g. either end of a link). */
export const AnyIdSchema = z
  .string({ error: `expected ${ID_HINT}` })
  .regex(ID_PATTERN, { error: `expected ${ID_HINT}` });

/** A branded id schema for one record type. */
export function idSchema<const Brand extends string>(brand: Brand) {
  return AnyIdSchema.describe(`id of ${brand}`).brand<Brand>();
}

export type RecordId = z.infer<typeof AnyIdSchema>;
