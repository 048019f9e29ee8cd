/**
 * The conflict a system is about: its parties, the issues in dispute, its dated stage history over the
 * conflict life cycle, the regime type of each state party and the elections that bear on it (domain.md §6).
 */
import { z } from 'zod';
import { PartialDateSchema } from './date.js';
import { idSchema } from './id.js';
import { PartyIdSchema } from './party.js';
import { defineRecord, recordFields } from './record.js';

export const ConflictIdSchema = idSchema('conflict');
export type ConflictId = z.infer<typeof ConflictIdSchema>;

export const IssueIdSchema = idSchema('issue');
export type IssueId = z.infer<typeof IssueIdSchema>;

/** The conflict life cycle (domain.md §6). */
export const STAGES = ['latent', 'escalation', 'war', 'de-escalation', 'post-conflict'] as const;
export type Stage = (typeof STAGES)[number];
export const StageSchema = z.enum(STAGES, {
  error: (i) => `unknown conflict stage ${JSON.stringify(i.input)}; expected one of: ${STAGES.join(', ')}`,
});

export const REGIMES = ['democracy', 'hybrid', 'authoritarian'] as const;
export type Regime = (typeof REGIMES)[number];
export const RegimeSchema = z.enum(REGIMES, {
  error: (i) => `unknown regime type ${JSON.stringify(i.input)}; expected one of: ${REGIMES.join(', ')}`,
});

export const IssueSchema = z.strictObject({
  id: IssueIdSchema,
  name: z.string().trim().min(1),
  description: z.string().optional(),
});
export type Issue = z.output<typeof IssueSchema>;

export const StagePeriodSchema = z.strictObject({
  stage: StageSchema,
  from: PartialDateSchema.describe('when the conflict entered this stage'),
  note: z.string().optional(),
});
export type StagePeriod = z.output<typeof StagePeriodSchema>;

export const RegimePeriodSchema = z.strictObject({
  party: PartyIdSchema,
  regime: RegimeSchema,
  from: PartialDateSchema.optional(),
  until: PartialDateSchema.optional(),
});
export type RegimePeriod = z.output<typeof RegimePeriodSchema>;

export const ElectionSchema = z.strictObject({
  party: PartyIdSchema,
  date: PartialDateSchema,
  kind: z.string().optional().describe('e.g. presidential, legislative'),
});
export type Election = z.output<typeof ElectionSchema>;

export const ConflictSchema = z.strictObject({
  id: ConflictIdSchema,
  ...recordFields,
  parties: z.array(PartyIdSchema).min(1, { error: 'a conflict needs at least one party' }),
  issues: z.array(IssueSchema).default([]),
  stages: z
    .array(StagePeriodSchema)
    .describe(
      'dated stage history, oldest first; empty when not known yet (e.g. a system built from event data)',
    ),
  regimes: z.array(RegimePeriodSchema).default([]),
  elections: z.array(ElectionSchema).default([]),
});
export type Conflict = z.output<typeof ConflictSchema>;

export const Conflict = defineRecord('conflict', ConflictSchema);
