/**
 * An initiative: a sustained process (a negotiation, a dialogue series, a programme) with its mechanism,
 * scope, venue, conveners, funders, the parties and issues it concerns, and its span. Its track may be
 * declared with a label in the system's convention; otherwise it is classified from its engagements.
 */
import { z } from 'zod';
import { ActorIdSchema } from './actor.js';
import { IssueIdSchema } from './conflict.js';
import { PartialDateSchema } from './date.js';
import { idSchema } from './id.js';
import { MechanismSchema } from './mechanism.js';
import { PartyIdSchema } from './party.js';
import { defineRecord, recordFields } from './record.js';
import { ModalitySchema } from './track.js';

export const InitiativeIdSchema = idSchema('initiative');
export type InitiativeId = z.infer<typeof InitiativeIdSchema>;

export const SCOPES = ['domestic', 'bilateral', 'regional', 'multilateral'] as const;
export type Scope = (typeof SCOPES)[number];

export const InitiativeSchema = z.strictObject({
  id: InitiativeIdSchema,
  ...recordFields,
  track: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('declared track label in the system’s convention, e.g. "Track 2", "Track II", "backchannel"'),
  mechanism: MechanismSchema,
  modalities: z.array(ModalitySchema).default([]),
  scope: z.enum(SCOPES, {
    error: (i) => `unknown scope ${JSON.stringify(i.input)}; expected one of: ${SCOPES.join(', ')}`,
  }),
  venue: z.string().optional(),
  conveners: z.array(ActorIdSchema).default([]),
  funders: z.array(ActorIdSchema).default([]),
  parties: z.array(PartyIdSchema).default([]),
  issues: z.array(IssueIdSchema).default([]),
  start: PartialDateSchema,
  end: PartialDateSchema.optional().describe('absent while the initiative goes on'),
});
export type Initiative = z.output<typeof InitiativeSchema>;

export const Initiative = defineRecord('initiative', InitiativeSchema);
