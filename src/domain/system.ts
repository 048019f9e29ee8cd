/**
 * The system file: one conflict's whole multi-track system — parties, the conflict, actors, initiatives,
 * engagements, outcomes, links and sources — as one document (YAML or JSON). Its JSON Schema is
 * generated from this module (`multitrack schema`).
 */
import { z } from 'zod';
import { ActorSchema } from './actor.js';
import { ConflictSchema } from './conflict.js';
import { EngagementSchema } from './engagement.js';
import { idSchema } from './id.js';
import { InitiativeSchema } from './initiative.js';
import { LinkSchema } from './link.js';
import { OutcomeSchema } from './outcome.js';
import { PartySchema } from './party.js';
import { SourceSchema } from './source.js';
import { ConventionIdSchema, TrackLabelError, parseTrackLabel } from './track.js';

export const SYSTEM_FORMAT_VERSION = 1;

export const SystemIdSchema = idSchema('system');
export type SystemId = z.infer<typeof SystemIdSchema>;

export const SystemSchema = z
  .strictObject({
    multitrack: z
      .literal(SYSTEM_FORMAT_VERSION, {
        error: `expected multitrack: ${SYSTEM_FORMAT_VERSION} (the file format version)`,
      })
      .describe('system file format version'),
    id: SystemIdSchema,
    name: z.string().trim().min(1),
    description: z.string().optional(),
    convention: ConventionIdSchema.default('canonical').describe(
      'how the track labels in this file are written: canonical (1, 1.5, 2–9), three-level (3 = people-to-people) or seed-002 (also 4 = multi-track)',
    ),
    owner: z
      .string()
      .min(1)
      .default('multitrack-case-library')
      .describe('organisation that maintains the file'),
    conflict: ConflictSchema,
    parties: z.array(PartySchema).default([]),
    actors: z.array(ActorSchema).default([]),
    initiatives: z.array(InitiativeSchema).default([]),
    engagements: z.array(EngagementSchema).default([]),
    outcomes: z.array(OutcomeSchema).default([]),
    links: z.array(LinkSchema).default([]),
    sources: z.array(SourceSchema).default([]),
  })
  .superRefine((system, ctx) => {
    system.initiatives.forEach((initiative, index) => {
      if (initiative.track === undefined) return;
      try {
        parseTrackLabel(initiative.track, system.convention);
      } catch (error) {
        if (!(error instanceof TrackLabelError)) throw error;
        ctx.addIssue({ code: 'custom', path: ['initiatives', index, 'track'], message: error.message });
      }
    });
  });

export type System = z.output<typeof SystemSchema>;
export type SystemInput = z.input<typeof SystemSchema>;

/** The JSON Schema of the system file, as users write it (input side of the schema). */
export function systemJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SystemSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
}
