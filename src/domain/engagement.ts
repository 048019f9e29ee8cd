/**
 * An engagement: a dated meeting or action within an initiative, with each participant's capacity
 * (official or personal). Its track follows from who takes part and how (rules/classify).
 */
import { z } from 'zod';
import { ActorIdSchema } from './actor.js';
import { PartialDateSchema } from './date.js';
import { idSchema } from './id.js';
import { InitiativeIdSchema } from './initiative.js';
import { defineRecord, recordFields } from './record.js';
import { CapacitySchema } from './sector.js';

export const EngagementIdSchema = idSchema('engagement');
export type EngagementId = z.infer<typeof EngagementIdSchema>;

export const ParticipationSchema = z.strictObject({
  actor: ActorIdSchema,
  capacity: CapacitySchema,
  role: z.string().optional().describe('e.g. mediator, host, negotiator, observer'),
});
export type Participation = z.output<typeof ParticipationSchema>;

export const EngagementSchema = z.strictObject({
  id: EngagementIdSchema,
  ...recordFields,
  initiative: InitiativeIdSchema,
  date: PartialDateSchema,
  end: PartialDateSchema.optional(),
  venue: z.string().optional(),
  participants: z
    .array(ParticipationSchema)
    .min(1, { error: 'an engagement needs at least one participant' }),
});
export type Engagement = z.output<typeof EngagementSchema>;

export const Engagement = defineRecord('engagement', EngagementSchema);
