/**
 * What every record of the living system shares (id, name, description, sources, confidentiality) and
 * the factory pattern each record type uses: a zod schema, a type guard and a `create` that validates
 * and freezes.
 */
import { z } from 'zod';
import { ConfidentialitySchema, PUBLIC } from './confidentiality.js';
import { AnyIdSchema } from './id.js';

export const RECORD_TYPES = [
  'party',
  'conflict',
  'actor',
  'initiative',
  'engagement',
  'outcome',
  'link',
  'source',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Fields every record has besides its id. */
export const recordFields = {
  name: z.string().trim().min(1, { error: 'expected a non-empty name' }),
  description: z.string().optional(),
  sources: z.array(AnyIdSchema).default([]).describe('ids of entries in the system file’s sources list'),
  confidentiality: ConfidentialitySchema.default(() => ({ ...PUBLIC, sharedWith: [] })),
  notes: z.string().optional(),
};

export class RecordValidationError extends Error {
  constructor(
    readonly recordType: RecordType,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(
      `invalid ${recordType}: ` +
        issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; '),
    );
    this.name = 'RecordValidationError';
  }
}

export interface RecordFactory<Schema extends z.ZodType> {
  readonly recordType: RecordType;
  readonly schema: Schema;
  /** Validates `input` and returns the frozen record, or throws RecordValidationError. */
  create(input: z.input<Schema>): Readonly<z.output<Schema>>;
  /** Validates without throwing. */
  safeCreate(input: unknown): z.ZodSafeParseResult<z.output<Schema>>;
}

export function defineRecord<Schema extends z.ZodType>(
  recordType: RecordType,
  schema: Schema,
): RecordFactory<Schema> {
  return Object.freeze({
    recordType,
    schema,
    create(input: z.input<Schema>) {
      const result = schema.safeParse(input);
      if (!result.success) throw new RecordValidationError(recordType, result.error.issues);
      return Object.freeze(result.data);
    },
    safeCreate(input: unknown) {
      return schema.safeParse(input);
    },
  });
}
