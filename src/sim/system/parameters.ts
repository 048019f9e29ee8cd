/**
 * Every parameter of the living-system model, in one table: its default, the range that sensitivity
 * analysis explores, its unit and meaning, and where its value comes from — a seed article's claim, a
 * published figure, or the calibration on PA-X and UCDP (docs/model.md lists them all from here).
 * Rates are per week.
 */

export interface Parameter {
  readonly name: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly meaning: string;
  /** Where the value comes from. */
  readonly source: string;
  /** True when the value is fitted by `multitrack calibrate` (calibration.ts). */
  readonly calibrated?: boolean;
}

const p = <N extends string>(
  name: N,
  value: number,
  range: readonly [number, number],
  unit: string,
  meaning: string,
  source: string,
  calibrated = false,
): Parameter & { readonly name: N } =>
  Object.freeze({ name, value, min: range[0], max: range[1], unit, meaning, source, calibrated });

const CALIBRATED_PAX =
  'calibrated on PA-X v4 (../shared/data/pax; PeaceRep, University of Edinburgh, CC BY-NC-SA 4.0) with `multitrack calibrate` (300 runs, seed 1; docs/model.md, Calibration): weekly base hazard at which the reference scenario reproduces the Kaplan–Meier share of peace processes that move on';

export const PARAMETERS = Object.freeze([
  // --- stage machine (calibrated) ---
  p(
    'advancePre',
    0.0185,
    [0.001, 0.03],
    '1/week',
    'base hazard of reaching a ceasefire from pre-negotiation while official talks are open',
    `${CALIBRATED_PAX} from their first Pre agreement to a ceasefire or beyond within five years: 86.0% of 43 processes`,
    true,
  ),
  p(
    'advanceCeasefire',
    0.0146,
    [0.001, 0.03],
    '1/week',
    'base hazard of a partial substantive agreement after a ceasefire',
    `${CALIBRATED_PAX} from a ceasefire to a substantive agreement within five years: 83.1% of 57 processes`,
    true,
  ),
  p(
    'advancePartial',
    0.0021,
    [0.001, 0.03],
    '1/week',
    'base hazard of a comprehensive agreement after a partial one',
    `${CALIBRATED_PAX} from a partial to a comprehensive agreement within five years: 28.0% of 91 processes`,
    true,
  ),
  p(
    'advanceComprehensive',
    0.00293,
    [0.002, 0.05],
    '1/week',
    'base hazard of entering implementation after a comprehensive agreement',
    `${CALIBRATED_PAX} from a comprehensive agreement to implementation within five years: 50.5% of 44 processes`,
    true,
  ),
  p(
    'relapseBase',
    0.000662,
    [0.0002, 0.01],
    '1/week',
    'base hazard that an agreement stage collapses back to pre-negotiation (recurrence)',
    'calibrated on UCDP/PRIO ACD 25.1 (../shared/data/ucdp; Uppsala Conflict Data Program, CC BY 4.0) with `multitrack calibrate` (300 runs, seed 1; docs/model.md, Calibration): the share of runs that fall back to pre-negotiation within five years of a ceasefire matches the share of ended conflict episodes active again within five years, 37.6% of 527',
    true,
  ),
  // --- how the state moves the stage machine ---
  p(
    'trustEffect',
    2.0,
    [0, 4],
    'log-hazard per unit',
    'how much elite trust above 0.5 speeds agreement',
    'seed 004: Track 1.5/2 build the relationships that let officials concede; strength set by sensitivity (docs/model.md)',
  ),
  p(
    'supportEffect',
    1.5,
    [0, 4],
    'log-hazard per unit',
    'how much public support above 0.5 speeds agreement (leaders can sell a deal)',
    'seed 003: public opinion shapes what governments can accept',
  ),
  p(
    'ideasEffect',
    2.5,
    [0, 5],
    'log-hazard per unit',
    'how much what officials have learned from other tracks speeds agreement',
    'seeds 000, 004: Track 1.5 as a testing ground for policy; Oslo, 1993',
  ),
  p(
    'violenceDrag',
    2.0,
    [0, 4],
    'log-hazard per unit',
    'how much violence slows agreement',
    'seed 002: communication is reduced at the peak of conflicts',
  ),
  p(
    'legitimacyShield',
    2.0,
    [0, 4],
    'log-hazard per unit',
    'how much legitimacy and societal trust above 0.5 lower the relapse hazard',
    'seeds 001, 004: grassroots and people-to-people work make agreements last (Colombia, Rwanda)',
  ),
  p(
    'ceasefireFragility',
    2.0,
    [1, 4],
    'ratio',
    'relapse hazard of a ceasefire relative to a substantive agreement',
    'PA-X: ceasefires are renewed and broken more often than substantive agreements (Ren/Cea rows)',
  ),
  // --- Track 1 talks (negotiation model) ---
  p(
    'acceptBase',
    15,
    [5, 40],
    'scale points',
    'distance from its position on the 0–100 issue within which a party accepts the compromise forecast',
    'compromise model (docs/negotiation.md); DEU mean absolute error 23.4 sets the order of magnitude',
  ),
  p(
    'acceptSupport',
    30,
    [0, 60],
    'scale points',
    'extra acceptance distance at full public support',
    'seed 003: public opinion limits what leaders can concede',
  ),
  p(
    'concession',
    0.6,
    [0, 1],
    'share',
    'share of the way to the centre a party’s position moves at full elite trust',
    'seed 004: trust built in unofficial talks lets officials concede',
  ),
  // --- tracks at work ---
  p(
    'gainTrack15',
    0.02,
    [0.005, 0.06],
    '1/week',
    'elite trust and learning built per week by a strong Track 1.5 initiative',
    'seeds 000, 004: Track 1.5 bridges official and unofficial worlds',
  ),
  p(
    'gainTrack2',
    0.02,
    [0.005, 0.06],
    '1/week',
    'ideas and relationships built per week by a strong Track 2 programme among its participants',
    'seeds 002, 004: Track 2 builds relationships and new ideas',
  ),
  p(
    'bridgeTransfer',
    0.05,
    [0.005, 0.1],
    '1/week',
    'share of Track 2 ideas that reaches officials per week through a full bridge',
    'seed 004: Track 2 prepares an environment that Track 1 then uses; ideas reach Track 1 through 1.5 bridges',
  ),
  p(
    'gainGrassroots',
    0.015,
    [0.003, 0.05],
    '1/week',
    'societal trust and legitimacy built per week by strong Track 3, 4 and 7 work',
    'seeds 001, 004: business, citizens and faith communities build legitimacy and reconciliation',
  ),
  p(
    'gainActivism',
    0.01,
    [0, 0.04],
    '1/week',
    'legitimacy and support moved per week by strong Track 6 work',
    'seed 001: activism puts issues on the agenda',
  ),
  p(
    'mediaSway',
    0.02,
    [0, 0.06],
    '1/week',
    'public support moved per week by Track 9 work at full reach',
    'seed 003: media shape what publics accept',
  ),
  p(
    'staleness',
    0.03,
    [0.005, 0.08],
    '1/week',
    'weekly loss of ideas not refreshed by contact (half-life about 23 weeks)',
    'seed 004: Track 2 work must be sustained; one-off meetings leave little behind. Explored by sensitivity',
  ),
  p(
    'decay',
    0.01,
    [0.002, 0.03],
    '1/week',
    'weekly relaxation of trust, legitimacy and support towards their resting values',
    'assumption: half-life of about 70 weeks without reinforcement; explored by sensitivity',
  ),
  // --- money ---
  p(
    'programmeCost',
    1,
    [0.5, 2],
    'resources/week',
    'resources a programme needs per week to run at full strength',
    'scale choice: resources are measured in programme-weeks',
  ),
  p(
    'volunteerFloor',
    0.25,
    [0, 0.6],
    'share',
    'strength an unfunded non-official programme keeps on volunteer effort',
    'seed 001: Track 8 money enables programmes that would otherwise not run',
  ),
  // --- tension, violence, channels ---
  p(
    'tensionPull',
    0.02,
    [0.005, 0.06],
    '1/week',
    'rate at which tension returns to the level its drivers set',
    'assumption: months-scale response; explored by sensitivity',
  ),
  p(
    'silenceEscalation',
    0.35,
    [0, 0.8],
    'tension',
    'tension added when no channel of any track is open between the parties',
    'seed 002: missions are closed at the peak of conflicts, reducing communication when it is needed most; seed 004: 1.5 useful when official ties are broken',
  ),
  p(
    'agreementCalm',
    0.25,
    [0, 0.5],
    'tension',
    'tension removed by each agreement stage reached',
    'PA-X: ceasefire and substantive agreements mark de-escalation (Stage column)',
  ),
  p(
    'spoilerRate',
    0.01,
    [0.002, 0.04],
    '1/week',
    'base weekly chance of a spoiler attack (scaled by tension, higher once talks advance)',
    'UCDP: conflict-years at intensity 2 (1,000+ deaths) are a minority of active years; order of magnitude',
  ),
  p(
    'spoilerHit',
    0.12,
    [0, 0.3],
    'share',
    'violence added and trust and support lost in a spoiler attack',
    'assumption: one attack undoes weeks of trust building; explored by sensitivity',
  ),
  p(
    'electionHardline',
    0.3,
    [0, 0.8],
    'chance',
    'chance that an election with low public support for peace brings a hard line (trust falls)',
    'seed 002: Track One diplomacy is affected by electoral cycles',
  ),
  p(
    'channelReopen',
    0.01,
    [0.002, 0.05],
    '1/week',
    'weekly chance that a closed official channel reopens, scaled by elite trust and learning',
    'seed 004: unofficial contacts keep the way back to official talks open',
  ),
] as const satisfies readonly Parameter[]);

export type ParamName = (typeof PARAMETERS)[number]['name'];
export const PARAM_NAMES = PARAMETERS.map((x) => x.name) as readonly ParamName[];

/** Parameter values in PARAMETERS order (plain numbers, so a model can cross thread boundaries). */
export type ParamValues = Readonly<Record<ParamName, number>>;

export function defaultParams(): ParamValues {
  return Object.freeze(Object.fromEntries(PARAMETERS.map((x) => [x.name, x.value]))) as ParamValues;
}

export function isParamName(name: string): name is ParamName {
  return (PARAM_NAMES as readonly string[]).includes(name);
}

export class ParameterError extends Error {}

/** Defaults with overrides; an unknown name or a value outside [min, max] is an error naming both. */
export function withOverrides(
  overrides: Readonly<Record<string, number>>,
  where = 'parameters',
): ParamValues {
  const values: Record<string, number> = { ...defaultParams() };
  for (const [name, value] of Object.entries(overrides)) {
    const spec = PARAMETERS.find((x) => x.name === name);
    if (!spec)
      throw new ParameterError(
        `${where}: unknown parameter "${name}"; expected one of: ${PARAM_NAMES.join(', ')}`,
      );
    if (!Number.isFinite(value) || value < spec.min || value > spec.max)
      throw new ParameterError(
        `${where}: ${name} = ${value} is outside its range [${spec.min}, ${spec.max}] (${spec.unit})`,
      );
    values[name] = value;
  }
  return Object.freeze(values) as ParamValues;
}
