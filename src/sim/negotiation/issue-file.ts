/**
 * Reads negotiation issues from YAML or JSON: one issue, or `issues: [...]`, each with its stakeholders
 * (position, salience 0–1, capability) and the Track 1.5/2 engagements that touch it. Every problem is
 * reported at its line and column, as the system-file reader does.
 */
import { z } from 'zod';
import { REGIMES, STAGES } from '../../domain/conflict.js';
import { PartialDateSchema, compareDates } from '../../domain/date.js';
import { type FindingPath, formatPath } from '../../domain/finding.js';
import { AnyIdSchema } from '../../domain/id.js';
import { ELECTORAL } from '../../domain/rules/effectiveness.js';
import { readableIssues } from '../../ingest/schema-messages.js';
import { positionOf } from '../../ingest/source-position.js';
import type { Issue, IssueSet } from './issue.js';
import { type InputProblem, type IssueReading, failed } from './reading.js';
import { readYamlDocument } from '../../ingest/yaml-document.js';

const num = (what: string) => z.number({ error: `expected ${what} as a number` }).finite();

export const StakeholderSchema = z.strictObject({
  id: AnyIdSchema,
  name: z.string().optional(),
  actor: AnyIdSchema.optional().describe('a registry actor this stakeholder stands for'),
  position: num('a position on the issue scale'),
  salience: num('a salience between 0 and 1').check(
    z.refine((v) => v >= 0 && v <= 1, {
      error: 'salience must be between 0 and 1 (write 80 as 0.8)',
    }),
  ),
  capability: num('a capability').min(0, { error: 'capability must be 0 or more' }).default(1),
});

export const EngagementInputSchema = z.strictObject({
  id: AnyIdSchema,
  name: z.string().optional(),
  track: z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .pipe(z.enum(['1.5', '2'], { error: 'track must be 1.5 or 2 (Track 1 is the negotiation itself)' })),
  date: PartialDateSchema.optional(),
  round: z.number().int().min(1, { error: 'round must be 1 or more' }).optional(),
  participants: z
    .array(AnyIdSchema)
    .min(1, { error: 'an engagement needs at least one participating stakeholder' }),
  intensity: num('an intensity').min(0).max(10, { error: 'intensity must be between 0 and 10' }).default(1),
});

export const IssueSchema = z.strictObject({
  id: AnyIdSchema,
  name: z.string().optional(),
  scale: z
    .strictObject({ min: num('the scale minimum'), max: num('the scale maximum') })
    .default({ min: 0, max: 100 }),
  referencePoint: num('a reference point').optional(),
  outcome: num('an outcome').optional(),
  decisionRule: z.enum(['unanimity', 'qualified-majority', 'simple-majority']).optional(),
  opens: PartialDateSchema.optional(),
  decides: PartialDateSchema.optional(),
  context: z
    .strictObject({
      stage: z.enum(STAGES).optional(),
      regime: z.enum(REGIMES).optional(),
      electoral: z.enum(ELECTORAL).optional(),
    })
    .optional(),
  stakeholders: z.array(StakeholderSchema).min(1, { error: 'an issue needs at least one stakeholder' }),
  engagements: z.array(EngagementInputSchema).default([]),
});

export const IssueFileSchema = z.strictObject({
  multitrack: z.literal(1).optional(),
  issues: z.array(IssueSchema).min(1, { error: 'the file lists no issues' }),
});

type IssueInput = z.output<typeof IssueSchema>;

/** Checks across fields: unique ids, positions on the scale, participants that exist, dates in order. */
function crossChecks(issue: IssueInput, base: FindingPath): { path: FindingPath; message: string }[] {
  const out: { path: FindingPath; message: string }[] = [];
  const { min, max } = issue.scale;
  if (!(min < max))
    out.push({ path: [...base, 'scale'], message: `scale min ${min} must be below max ${max}` });
  const onScale = (v: number | undefined, path: FindingPath, what: string) => {
    if (v !== undefined && min < max && (v < min || v > max))
      out.push({ path, message: `${what} ${v} is off the scale ${min}–${max}` });
  };
  onScale(issue.referencePoint, [...base, 'referencePoint'], 'reference point');
  onScale(issue.outcome, [...base, 'outcome'], 'outcome');
  const ids = new Set<string>();
  issue.stakeholders.forEach((s, i) => {
    if (ids.has(s.id))
      out.push({ path: [...base, 'stakeholders', i, 'id'], message: `duplicate stakeholder id "${s.id}"` });
    ids.add(s.id);
    onScale(s.position, [...base, 'stakeholders', i, 'position'], 'position');
  });
  if (issue.opens && issue.decides && compareDates(issue.opens, issue.decides) > 0)
    out.push({
      path: [...base, 'decides'],
      message: `decides ${issue.decides} is before opens ${issue.opens}`,
    });
  const engagementIds = new Set<string>();
  issue.engagements.forEach((e, i) => {
    const at: FindingPath = [...base, 'engagements', i];
    if (engagementIds.has(e.id))
      out.push({ path: [...at, 'id'], message: `duplicate engagement id "${e.id}"` });
    engagementIds.add(e.id);
    e.participants.forEach((p, k) => {
      if (!ids.has(p))
        out.push({
          path: [...at, 'participants', k],
          message: `no stakeholder "${p}" on this issue; expected one of: ${[...ids].join(', ')}`,
        });
    });
    if (e.date !== undefined && e.round !== undefined)
      out.push({ path: [...at, 'round'], message: 'give a date or a round, not both' });
    if (e.date !== undefined && (!issue.opens || !issue.decides))
      out.push({
        path: [...at, 'date'],
        message: 'a dated engagement needs the issue’s opens and decides dates to place it on the rounds',
      });
  });
  return out;
}

function toIssue(input: IssueInput): Issue {
  return {
    id: input.id,
    name: input.name,
    scale: input.scale,
    referencePoint: input.referencePoint,
    outcome: input.outcome,
    decisionRule: input.decisionRule,
    opens: input.opens,
    decides: input.decides,
    context: input.context,
    stakeholders: input.stakeholders.map((s) => ({ ...s, name: s.name ?? s.id })),
    engagements: input.engagements.map((e) => ({
      id: e.id,
      track: e.track,
      date: e.date,
      round: e.round,
      participants: e.participants,
      intensity: e.intensity,
    })),
  };
}

/** Reads issues from YAML or JSON text; `file` names it in problems. */
export function readIssueText(file: string, text: string): IssueReading {
  const read = readYamlDocument(file, text);
  if (!read.ok) return failed(read.problems.map((p) => ({ file, ...p, field: '' })));
  const { doc, lineCounter, data } = read;
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return failed([
      {
        file,
        line: 1,
        col: 1,
        field: '',
        message: 'expected an issue (id, stakeholders, …) or a mapping with a list of issues under "issues"',
      },
    ]);
  }
  const many = 'issues' in data;
  const schema = many ? IssueFileSchema : IssueSchema;
  const parsed = schema.safeParse(data, { reportInput: true });
  const at = (path: FindingPath, key?: string): InputProblem => {
    const pos = positionOf(doc, lineCounter, path, key);
    return {
      file,
      line: pos.line,
      col: pos.col,
      field: formatPath(key ? [...path, key] : path),
      message: '',
    };
  };
  if (!parsed.success) {
    return failed(
      readableIssues(schema, parsed.error.issues).map((issue) => {
        const path = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
        return { ...at(path, issue.key), message: issue.message };
      }),
    );
  }
  const inputs: { issue: IssueInput; base: FindingPath }[] = many
    ? (parsed.data as z.output<typeof IssueFileSchema>).issues.map((issue, i) => ({
        issue,
        base: ['issues', i],
      }))
    : [{ issue: parsed.data as IssueInput, base: [] }];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const { issue, base } of inputs) {
    if (seen.has(issue.id))
      problems.push({ ...at([...base, 'id']), message: `duplicate issue id "${issue.id}"` });
    seen.add(issue.id);
    for (const c of crossChecks(issue, base)) problems.push({ ...at(c.path), message: c.message });
  }
  if (problems.length > 0)
    return failed(problems.sort((a, b) => a.line - b.line || (a.col ?? 0) - (b.col ?? 0)));
  const set: IssueSet = { file, format: 'issue-file', issues: inputs.map((x) => toIssue(x.issue)) };
  return { ok: true, set };
}
