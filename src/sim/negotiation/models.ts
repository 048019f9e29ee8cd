/**
 * The negotiation models by name, with the options each takes (name, kind, default, meaning), so that
 * the CLI can list them, parse `--options key=value,…` against them and run any model the same way:
 * `runModel(name, issue, options, rounds)` → forecast (and per-round median and mean for dynamic models).
 */
import { type EuOptions, EU_PRESETS, isEuPreset } from './eu-options.js';
import { type RoundSummary, expectedUtility } from './expected-utility.js';
import type { Issue } from './issue.js';
import { MULTITRACK_DEFAULTS, type MultitrackOptions, multitrack } from './multitrack.js';
import { compromise, weightedMedian } from './spatial.js';

export type OptionValue = string | number | boolean;
export type ModelOptions = Readonly<Record<string, OptionValue>>;

export interface OptionSpec {
  readonly name: string;
  readonly kind: 'number' | 'choice' | 'boolean';
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly default: OptionValue;
  readonly description: string;
}

export interface ModelRun {
  readonly forecast: number;
  readonly rounds?: readonly RoundSummary[];
}

export interface ModelSpec {
  readonly name: string;
  readonly summary: string;
  /** Dynamic models run in rounds and report the median and mean after each. */
  readonly dynamic: boolean;
  readonly defaultRounds?: number;
  readonly options: readonly OptionSpec[];
  run(issue: Issue, options: ModelOptions, rounds?: number): ModelRun;
}

export class ModelOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelOptionError';
  }
}

const bool = (name: string, def: boolean, description: string): OptionSpec => ({
  name,
  kind: 'boolean',
  default: def,
  description,
});
const choice = (name: string, choices: readonly string[], def: string, description: string): OptionSpec => ({
  name,
  kind: 'choice',
  choices,
  default: def,
  description,
});
const number = (name: string, def: number, min: number, max: number, description: string): OptionSpec => ({
  name,
  kind: 'number',
  min,
  max,
  default: def,
  description,
});

const EU_KEYS = [
  'denominator',
  'capitulation',
  'offerChoice',
  'riskRange',
  'positionRange',
  'q',
  'forecast',
] as const;

function euOptions(o: ModelOptions): EuOptions {
  const preset = String(o.preset ?? 'scholz2011');
  const base: EuOptions = isEuPreset(preset) ? EU_PRESETS[preset] : EU_PRESETS.scholz2011;
  const out: Record<string, OptionValue> = { ...base };
  for (const k of EU_KEYS) if (o[k] !== undefined) out[k] = o[k];
  return out as unknown as EuOptions;
}

function multitrackOptions(o: ModelOptions): MultitrackOptions {
  const d = MULTITRACK_DEFAULTS;
  const n = (k: string, v: number) => (typeof o[k] === 'number' ? (o[k] as number) : v);
  return {
    salienceExponent: n('salienceExponent', d.salienceExponent),
    concession: n('concession', d.concession),
    misperception: n('misperception', d.misperception),
    bottomLine: n('bottomLine', d.bottomLine),
    bottomLineSlack: n('bottomLineSlack', d.bottomLineSlack),
    decision: (o.decision as MultitrackOptions['decision'] | undefined) ?? d.decision,
    settle: (o.settle as MultitrackOptions['settle'] | undefined) ?? d.settle,
    capability: typeof o.capability === 'boolean' ? o.capability : d.capability,
    track15: {
      learning: n('track15.learning', d.track15.learning),
      salience: n('track15.salience', d.track15.salience),
      acceptance: n('track15.acceptance', d.track15.acceptance),
    },
    track2: {
      learning: n('track2.learning', d.track2.learning),
      salience: n('track2.salience', d.track2.salience),
      acceptance: n('track2.acceptance', d.track2.acceptance),
    },
  };
}

const CAPABILITY = bool('capability', false, 'weights are salience × capability instead of salience alone');
const md = MULTITRACK_DEFAULTS;
const sc = EU_PRESETS.scholz2011;

export const MODELS: readonly ModelSpec[] = Object.freeze([
  {
    name: 'compromise',
    summary:
      'salience-weighted mean of positions (Achen 2006); the benchmark the literature finds hard to beat',
    dynamic: false,
    options: [CAPABILITY],
    run: (issue, o) => ({ forecast: compromise(issue, { capability: o.capability === true }) }),
  },
  {
    name: 'weighted-median',
    summary:
      'the position that minimises the salience-weighted distance to all others (Black’s median voter)',
    dynamic: false,
    options: [CAPABILITY],
    run: (issue, o) => ({ forecast: weightedMedian(issue, { capability: o.capability === true }) }),
  },
  {
    name: 'expected-utility',
    summary: 'Bueno de Mesquita’s expected-utility model as specified by Scholz, Calbert & Smith (2011)',
    dynamic: true,
    defaultRounds: 8,
    options: [
      choice(
        'preset',
        Object.keys(EU_PRESETS),
        'scholz2011',
        'scholz2011 reproduces their Table 2; literal follows the printed equations; options below override it',
      ),
      choice(
        'denominator',
        ['all-pairs', 'pair'],
        sc.denominator,
        'votes on all ordered pairs (authors’ code) or on the pair (printed)',
      ),
      choice(
        'capitulation',
        ['never', 'printed'],
        sc.capitulation,
        'capitulate when the loss exceeds the other’s gain (printed) or never (authors’ code)',
      ),
      choice('offerChoice', ['scholz-code', 'least-move'], sc.offerChoice, 'which offer an actor takes'),
      choice(
        'riskRange',
        ['actors', 'positions'],
        sc.riskRange,
        'compare an actor’s danger with all actors’ or with its own at other positions',
      ),
      choice(
        'positionRange',
        ['initial', 'current'],
        sc.positionRange,
        'distances relative to the initial or the current span of positions',
      ),
      number('q', sc.q, 0, 1, 'probability that the status quo holds without a challenge'),
      choice(
        'forecast',
        ['median', 'mean'],
        sc.forecast,
        'the forecast: median voter or weighted mean after the last round',
      ),
    ],
    run: (issue, o, rounds) => {
      const r = expectedUtility(issue, euOptions(o), rounds ?? 8);
      return { forecast: r.forecast, rounds: r.rounds };
    },
  },
  {
    name: 'multitrack',
    summary:
      'our multi-track bargaining model: Track 1 concessions shaped by Track 1.5/2 engagements (docs/negotiation.md)',
    dynamic: true,
    defaultRounds: 10,
    options: [
      number('salienceExponent', md.salienceExponent, 0, 4, 'β: weights are capability × salience^β'),
      number(
        'concession',
        md.concession,
        0,
        1,
        'α: share of the perceived gap an indifferent actor closes per round',
      ),
      number(
        'misperception',
        md.misperception,
        0,
        1,
        'κ₀: how far officials see others pulled towards themselves before contact',
      ),
      number(
        'bottomLine',
        md.bottomLine,
        0,
        1,
        'θ₀: bottom line of a fully salient actor, share of the scale',
      ),
      number('bottomLineSlack', md.bottomLineSlack, 0, 1, 'θ₁: extra room for an indifferent actor'),
      choice(
        'decision',
        ['ignore', 'rule'],
        md.decision,
        'hold the outcome to what the decision rule lets a coalition accept',
      ),
      choice(
        'settle',
        ['tabled', 'mean'],
        md.settle,
        'settle on the nearest tabled position or on the weighted mean',
      ),
      bool('capability', md.capability, 'capability in the outcome weights'),
      number('track15.learning', md.track15.learning, 0, 1, 'Track 1.5: share of misperception removed'),
      number('track15.salience', md.track15.salience, -1, 1, 'Track 1.5: change of salience'),
      number(
        'track15.acceptance',
        md.track15.acceptance,
        -1,
        1,
        'Track 1.5: widening of bottom lines (share of scale)',
      ),
      number('track2.learning', md.track2.learning, 0, 1, 'Track 2: share of misperception removed'),
      number('track2.salience', md.track2.salience, -1, 1, 'Track 2: change of salience'),
      number(
        'track2.acceptance',
        md.track2.acceptance,
        -1,
        1,
        'Track 2: widening of bottom lines (share of scale)',
      ),
    ],
    run: (issue, o, rounds) => {
      const r = multitrack(issue, multitrackOptions(o), rounds ?? 10);
      return { forecast: r.forecast, rounds: r.rounds };
    },
  },
]);

/** The model the project recommends by default (see docs/negotiation.md for why). */
export const DEFAULT_MODEL = 'compromise';

export function modelByName(name: string): ModelSpec | undefined {
  return MODELS.find((m) => m.name === name);
}

/** Parses `key=value` pairs (comma-separated, possibly in several strings) against a model's options. */
export function parseModelOptions(model: ModelSpec, texts: readonly string[]): ModelOptions {
  const out: Record<string, OptionValue> = {};
  const names = model.options.map((o) => o.name);
  for (const pair of texts
    .flatMap((t) => t.split(','))
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new ModelOptionError(`--options "${pair}": expected KEY=VALUE, e.g. ${names[0] ?? 'key'}=…`);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    const spec = model.options.find((o) => o.name === key);
    if (!spec)
      throw new ModelOptionError(
        `model ${model.name} has no option "${key}"` +
          (names.length ? `; expected one of: ${names.join(', ')}` : ' (it takes none)'),
      );
    if (spec.kind === 'boolean') {
      if (raw !== 'true' && raw !== 'false')
        throw new ModelOptionError(`--options ${key}: expected true or false, got "${raw}"`);
      out[key] = raw === 'true';
    } else if (spec.kind === 'number') {
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v) || v < (spec.min ?? -Infinity) || v > (spec.max ?? Infinity))
        throw new ModelOptionError(
          `--options ${key}: expected a number from ${spec.min} to ${spec.max}, got "${raw}"`,
        );
      out[key] = v;
    } else {
      if (!spec.choices?.includes(raw))
        throw new ModelOptionError(
          `--options ${key}: expected one of ${spec.choices?.join(', ')}, got "${raw}"`,
        );
      out[key] = raw;
    }
  }
  return out;
}

/** Runs a model by name with parsed options. */
export function runModel(
  model: ModelSpec,
  issue: Issue,
  options: ModelOptions = {},
  rounds?: number,
): ModelRun {
  return model.run(issue, options, rounds ?? model.defaultRounds);
}
