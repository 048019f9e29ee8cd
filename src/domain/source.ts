/**
 * A source a system file cites: an article, a book, an official text or a dataset. Every case in the
 * library lists its sources, and records point at them by id.
 */
import { z } from 'zod';
import { defineRecord } from './record.js';
import { idSchema } from './id.js';

export const SourceIdSchema = idSchema('source');
export type SourceId = z.infer<typeof SourceIdSchema>;

export const SourceSchema = z.strictObject({
  id: SourceIdSchema,
  title: z.string().trim().min(1, { error: 'expected the title of the source' }),
  author: z.string().optional(),
  publisher: z.string().optional(),
  year: z.number().int().min(1000).max(9999).optional(),
  url: z.url({ error: 'expected a URL such as https://…' }).optional(),
  note: z.string().optional(),
});
export type Source = z.output<typeof SourceSchema>;

export const Source = defineRecord('source', SourceSchema);
