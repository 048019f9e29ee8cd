/**
 * An outcome: what an initiative produced (a treaty, an agreement, a resolution, a joint statement, a
 * recommendation, a confidence-building measure, a policy proposal, …), whether it binds, when, and
 * which Track 1 initiative adopted it if it came from another track (rules/authority).
 */
import { z } from 'zod';
import { PartialDateSchema } from './date.js';
import { idSchema } from './id.js';
import { InitiativeIdSchema } from './initiative.js';
import { defineRecord, recordFields } from './record.js';

export const OutcomeIdSchema = idSchema('outcome');
export type OutcomeId = z.infer<typeof OutcomeIdSchema>;

export const OUTCOME_KINDS = [
  'treaty',
  'agreement',
  'resolution',
  'legislation',
  'judgment',
  'joint-statement',
  'declaration',
  'recommendation',
  'confidence-building-measure',
  'policy-proposal',
  'draft-text',
  'understanding',
  'report',
  'programme',
  'relationship',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OutcomeSchema = z.strictObject({
  id: OutcomeIdSchema,
  ...recordFields,
  kind: z.enum(OUTCOME_KINDS, {
    error: (i) =>
      `unknown outcome kind ${JSON.stringify(i.input)}; expected one of: ${OUTCOME_KINDS.join(', ')}`,
  }),
  binding: z.boolean({ error: 'expected binding: true or false' }),
  date: PartialDateSchema,
  initiative: InitiativeIdSchema.describe('the initiative that produced it'),
  adoptedBy: InitiativeIdSchema.optional().describe(
    'the Track 1 initiative that adopted it and made it binding, when it came from another track',
  ),
});
export type Outcome = z.output<typeof OutcomeSchema>;

export const Outcome = defineRecord('outcome', OutcomeSchema);
