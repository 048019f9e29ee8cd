/**
 * A typed, dated link between two records of the system: how one part of the living system acts on
 * another (domain.md §5), e.g. a backchannel feeds into an official negotiation, a foundation funds a
 * dialogue, a newspaper amplifies a campaign.
 */
import { z } from 'zod';
import { PartialDateSchema } from './date.js';
import { AnyIdSchema, idSchema } from './id.js';
import { defineRecord, recordFields } from './record.js';
import type { RecordType } from './record.js';

export const LinkIdSchema = idSchema('link');
export type LinkId = z.infer<typeof LinkIdSchema>;

type Endpoint = Extract<RecordType, 'actor' | 'party' | 'initiative' | 'engagement' | 'outcome'>;

/** Each link type with what it means and which record types may stand at either end. */
export const LINK_TYPES = {
  'feeds-into': {
    meaning: 'passes ideas, drafts, people or signals on to',
    from: ['initiative', 'engagement', 'outcome'],
    to: ['initiative', 'engagement', 'outcome'],
  },
  funds: {
    meaning: 'provides resources to',
    from: ['actor', 'party'],
    to: ['actor', 'initiative', 'engagement'],
  },
  convenes: {
    meaning: 'convenes or facilitates',
    from: ['actor', 'party'],
    to: ['initiative', 'engagement'],
  },
  'participates-in': { meaning: 'takes part in', from: ['actor', 'party'], to: ['initiative', 'engagement'] },
  amplifies: {
    meaning: 'carries to a wider public',
    from: ['actor', 'initiative'],
    to: ['actor', 'initiative', 'engagement', 'outcome'],
  },
  legitimises: {
    meaning: 'builds public or moral support for',
    from: ['actor', 'initiative', 'outcome'],
    to: ['actor', 'initiative', 'engagement', 'outcome'],
  },
  implements: { meaning: 'carries out', from: ['actor', 'party', 'initiative'], to: ['outcome'] },
  'member-of': { meaning: 'is a member of', from: ['actor', 'party'], to: ['actor', 'party'] },
  'reports-to': { meaning: 'reports to', from: ['actor', 'initiative'], to: ['actor', 'party'] },
  hosts: { meaning: 'hosts', from: ['actor', 'party'], to: ['initiative', 'engagement'] },
  related: {
    meaning: 'is related to (a link type from another tool, kept in label)',
    from: ['actor', 'party', 'initiative', 'engagement', 'outcome'],
    to: ['actor', 'party', 'initiative', 'engagement', 'outcome'],
  },
} as const satisfies Record<string, { meaning: string; from: readonly Endpoint[]; to: readonly Endpoint[] }>;

export type LinkType = keyof typeof LINK_TYPES;
export const LINK_TYPE_IDS = Object.keys(LINK_TYPES) as LinkType[];

export const LinkTypeSchema = z.enum(LINK_TYPE_IDS as [LinkType, ...LinkType[]], {
  error: (i) => `unknown link type ${JSON.stringify(i.input)}; expected one of: ${LINK_TYPE_IDS.join(', ')}`,
});

export const LinkSchema = z.strictObject({
  id: LinkIdSchema.optional().describe('defaults to "<from>--<type>--<to>"'),
  ...recordFields,
  name: z.string().trim().min(1).optional(),
  type: LinkTypeSchema,
  from: AnyIdSchema,
  to: AnyIdSchema,
  date: PartialDateSchema.optional(),
  until: PartialDateSchema.optional(),
  label: z.string().optional().describe('the original type name when imported from another tool'),
});
export type Link = z.output<typeof LinkSchema>;

export const Link = defineRecord('link', LinkSchema);

export function linkId(link: Pick<Link, 'id' | 'from' | 'type' | 'to'>): string {
  return link.id ?? `${link.from}--${link.type}--${link.to}`;
}

export function endpointAllowed(type: LinkType, end: 'from' | 'to', recordType: RecordType): boolean {
  return (LINK_TYPES[type][end] as readonly string[]).includes(recordType);
}
