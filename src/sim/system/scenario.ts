/**
 * A scenario: a system (a system file, or a system in the registry), the strategies to try on it
 * (initiatives to add, remove or fund, official channels to close, with dates), a start and a horizon.
 * The schema of the scenario file; scenario-file.ts reads it with line and column in every problem.
 */
import { z } from 'zod';
import { REGIMES, STAGES } from '../../domain/conflict.js';
import { PartialDateSchema } from '../../domain/date.js';
import { AnyIdSchema } from '../../domain/id.js';
import { TRACK_IDS } from '../../domain/track.js';
import { NEGOTIATION_STAGES } from './model.js';

const unit = (what: string) =>
  z
    .number({ error: `expected ${what} as a number from 0 to 1` })
    .min(0, { error: `${what} must be between 0 and 1` })
    .max(1, { error: `${what} must be between 0 and 1` });

const TrackSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(z.enum(TRACK_IDS, { error: `track must be one of ${TRACK_IDS.join(', ')}` }));

/** An initiative the strategy adds: a sustained programme on one track between two dates. */
export const AddedInitiativeSchema = z.strictObject({
  id: AnyIdSchema,
  name: z.string().trim().min(1).optional(),
  track: TrackSchema,
  start: PartialDateSchema,
  end: PartialDateSchema.optional().describe('absent: runs to the horizon'),
  parties: z.array(AnyIdSchema).default([]).describe('parties it concerns; none: all'),
  actors: z.array(AnyIdSchema).default([]).describe('actors of the system taking part'),
  participants: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(12)
    .describe('people taking part when no actors are named (each of reach 1)'),
  feedsInto: z
    .array(AnyIdSchema)
    .default([])
    .describe('initiatives or outcomes it passes ideas to (a feeds-into link)'),
  fundedBy: z.array(AnyIdSchema).default([]).describe('actors of the system that fund it'),
  amplifiedBy: z.array(AnyIdSchema).default([]).describe('actors of the system that carry it to the public'),
  funded: z.boolean().default(true).describe('whether it has the money to run at full strength'),
  scale: z.number().min(0).max(10).default(1).describe('strength multiplier (resources, frequency)'),
});
export type AddedInitiative = z.output<typeof AddedInitiativeSchema>;

export const StrategySchema = z.strictObject({
  description: z.string().optional(),
  add: z.array(AddedInitiativeSchema).default([]),
  remove: z.array(AnyIdSchema).default([]).describe('initiatives of the system left out'),
  fund: z
    .array(
      z.strictObject({
        initiative: AnyIdSchema,
        factor: z.number().min(0).max(10).default(2).describe('strength multiplier: 2 doubles its means'),
      }),
    )
    .default([]),
  close: z
    .array(z.strictObject({ from: PartialDateSchema, until: PartialDateSchema.optional() }))
    .default([])
    .describe('periods in which the official channel is closed (missions closed, talks suspended)'),
});
export type Strategy = z.output<typeof StrategySchema>;

export const PositionSchema = z.strictObject({
  position: z.number().min(0).max(100),
  salience: unit('salience').default(1),
  capability: z.number().min(0).default(1),
});

export const InitialSchema = z.strictObject({
  conflictStage: z.enum(STAGES).optional(),
  negotiation: z.enum(NEGOTIATION_STAGES).optional(),
  tension: unit('tension').optional(),
  violence: unit('violence').optional(),
  eliteTrust: unit('elite trust').optional(),
  societalTrust: unit('societal trust').optional(),
  support: unit('public support').optional(),
  legitimacy: unit('legitimacy').optional(),
  officialChannel: z.boolean().optional(),
});

export const ScenarioSchema = z
  .strictObject({
    'multitrack-scenario': z.literal(1, { error: 'expected "multitrack-scenario: 1" (the format version)' }),
    name: z.string().trim().min(1),
    description: z.string().optional(),
    system: z
      .string()
      .trim()
      .min(1)
      .describe('a system file, relative to the scenario file, or "registry:SYSTEM-ID" (with --db)'),
    start: PartialDateSchema.describe('the date of week 0'),
    horizon: z
      .number({ error: 'horizon: expected a number of weeks' })
      .int()
      .min(1)
      .max(5200, { error: 'horizon: at most 5,200 weeks (100 years)' }),
    regimes: z
      .record(z.string(), z.enum(REGIMES))
      .default({})
      .describe('regime of a party where the system gives none'),
    positions: z.record(z.string(), PositionSchema).default({}),
    initial: InitialSchema.default({}),
    parameters: z.record(z.string(), z.number()).default({}),
    strategy: z.string().trim().min(1).optional().describe('the strategy run by default; none: as is'),
    strategies: z.record(z.string(), StrategySchema).default({}),
  })
  .check((ctx) => {
    const s = ctx.value;
    if (s.strategy !== undefined && s.strategy !== 'as-is' && !(s.strategy in s.strategies))
      ctx.issues.push({
        code: 'custom',
        input: s.strategy,
        path: ['strategy'],
        message: `no strategy "${s.strategy}"; the scenario defines: ${['as-is', ...Object.keys(s.strategies)].join(', ')}`,
      });
  });
export type Scenario = z.output<typeof ScenarioSchema>;

/** The strategy that changes nothing: the system as it is. */
export const AS_IS = 'as-is';
export const EMPTY_STRATEGY: Strategy = Object.freeze({
  description: 'the system as it is',
  add: [],
  remove: [],
  fund: [],
  close: [],
});

export function strategyOf(scenario: Scenario, name: string): Strategy | undefined {
  if (name === AS_IS) return EMPTY_STRATEGY;
  return scenario.strategies[name];
}
