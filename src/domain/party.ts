/**
 * A party to a conflict: a state, a non-state armed group or movement, a community, or an
 * intergovernmental organisation that is itself a party.
 */
import { z } from 'zod';
import { defineRecord, recordFields } from './record.js';
import { idSchema } from './id.js';

export const PartyIdSchema = idSchema('party');
export type PartyId = z.infer<typeof PartyIdSchema>;

export const PARTY_KINDS = ['state', 'armed-group', 'movement', 'community', 'igo', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const PartySchema = z.strictObject({
  id: PartyIdSchema,
  ...recordFields,
  kind: z.enum(PARTY_KINDS, {
    error: (i) => `unknown party kind ${JSON.stringify(i.input)}; expected one of: ${PARTY_KINDS.join(', ')}`,
  }),
});
export type Party = z.output<typeof PartySchema>;

export const Party = defineRecord('party', PartySchema);
