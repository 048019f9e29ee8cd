/**
 * Confidentiality of a record: who owns it, and at which level its existence and its content may be
 * seen (domain.md §3: the fact of talks is often public while their content is not). Enforcement lives
 * in the registry's access layer; these are the fields and their own consistency rules.
 */
import { z } from 'zod';

/** From most to least visible. */
export const LEVELS = ['public', 'shared', 'participants', 'secret'] as const;
export type Level = (typeof LEVELS)[number];

export const LevelSchema = z.enum(LEVELS, {
  error: (issue) =>
    `unknown confidentiality level ${JSON.stringify(issue.input)}; expected one of: ${LEVELS.join(', ')}`,
});

export const LEVEL_MEANINGS: Readonly<Record<Level, string>> = {
  public: 'anyone',
  shared: 'the owner and the organisations named in sharedWith',
  participants: 'the owner and the organisations taking part in the initiative',
  secret: 'the owner only',
};

export function strictness(level: Level): number {
  return LEVELS.indexOf(level);
}

export const ConfidentialitySchema = z
  .strictObject({
    owner: z
      .string()
      .min(1)
      .optional()
      .describe('organisation that owns the record; defaults to the system owner'),
    existence: LevelSchema.default('public').describe('who may know that the record exists'),
    content: LevelSchema.optional().describe('who may read the record; defaults to the existence level'),
    sharedWith: z.array(z.string().min(1)).default([]).describe('organisations for the "shared" level'),
  })
  .transform((c, ctx) => {
    const content = c.content ?? c.existence;
    if (strictness(content) < strictness(c.existence)) {
      ctx.addIssue({
        code: 'custom',
        path: ['content'],
        message: `content level "${content}" is more visible than existence level "${c.existence}"; content can only be as visible as the record's existence or less`,
        input: c,
      });
    }
    if ((c.existence === 'shared' || content === 'shared') && c.sharedWith.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['sharedWith'],
        message: 'level "shared" needs sharedWith: the organisations it is shared with',
        input: c,
      });
    }
    return { owner: c.owner, existence: c.existence, content, sharedWith: c.sharedWith };
  });

export type Confidentiality = z.output<typeof ConfidentialitySchema>;

export const PUBLIC: Confidentiality = Object.freeze({
  owner: undefined,
  existence: 'public',
  content: 'public',
  sharedWith: [],
});
