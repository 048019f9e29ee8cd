/**
 * An actor of the living system: a person or an organisation, its sector of society, the party it is
 * affiliated to (if any) and the official role it holds (if any). The sector gives its home track.
 */
import { z } from 'zod';
import { idSchema } from './id.js';
import { PartyIdSchema } from './party.js';
import { defineRecord, recordFields } from './record.js';
import { SectorIdSchema, sectorById } from './sector.js';
import type { TrackId } from './track.js';

export const ActorIdSchema = idSchema('actor');
export type ActorId = z.infer<typeof ActorIdSchema>;

export const ACTOR_KINDS = ['person', 'organisation'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ActorSchema = z.strictObject({
  id: ActorIdSchema,
  ...recordFields,
  kind: z.enum(ACTOR_KINDS, {
    error: (i) => `unknown actor kind ${JSON.stringify(i.input)}; expected person or organisation`,
  }),
  sector: SectorIdSchema,
  party: PartyIdSchema.optional().describe('the party the actor is affiliated to'),
  officialRole: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      'the office held, e.g. "Foreign Minister of Norway"; only actors of an official sector hold one',
    ),
  country: z.string().optional(),
  originalType: z
    .string()
    .optional()
    .describe('the element type in the tool it was imported from (e.g. a Kumu element type)'),
});
export type Actor = z.output<typeof ActorSchema>;

export const Actor = defineRecord('actor', ActorSchema);

/** The track an actor works on by its sector (official sectors: Track 1 when acting officially). */
export function actorHomeTrack(actor: Pick<Actor, 'sector'>): TrackId | undefined {
  return sectorById(actor.sector).homeTrack ?? undefined;
}
