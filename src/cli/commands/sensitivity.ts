/**
 * `multitrack sensitivity SCENARIO`: Morris elementary-effects screening of the living-system model's
 * parameters on one strategy of a scenario. Each design point is the scenario compiled with the point's
 * parameter values and run N times with the same seed and run indexes as every other point (common
 * random numbers), so an effect is the change the parameter makes on the same runs. Prints the
 * parameters ranked by μ* on the chance of a comprehensive agreement, or every parameter × output as
 * one JSON document with --json. Same scenario, seed and sizes: same output, whatever the thread count.
 */
import { availableParallelism } from 'node:os';
import type { Command } from '@commander-js/extra-typings';
import {
  DEFAULT_LEVELS,
  type MorrisDesign,
  MorrisError,
  type MorrisStatistic,
  designPoints,
  morrisDesign,
  morrisStatistics,
  pointValues,
  readStatistic,
} from '../../sim/ensemble/morris.js';
import type { EnsembleJob, Progress, Runner } from '../../sim/runners/runner.js';
import type { CompiledModel, RunResult } from '../../sim/system/model.js';
import { PARAMETERS, PARAM_NAMES, type Parameter, isParamName } from '../../sim/system/parameters.js';
import { AS_IS } from '../../sim/system/scenario.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { line, printJson } from '../io.js';
import { integer, seedOption } from '../options.js';
import { threadsOption, withRunner } from '../ensemble-run.js';
import { compileAt, loadScenario } from '../scenario-input.js';
import { table } from '../table.js';

/**
 * Defaults: 20 trajectories of 100 runs cost the same as 10 of 200 (21,000 runs per 10 parameters) and
 * rank the Oslo scenario's parameters more steadily from seed to seed (Spearman 0.84–0.92 between three
 * seeds, against 0.72–0.83); more trajectories settle the order, more runs lower the noise floor.
 */
const DEFAULT_TRAJECTORIES = 20;
const DEFAULT_RUNS = 100;
const MAX_RUNS = 100_000;
/** Candidates drawn per kept trajectory for Campolongo's spread selection. */
const CANDIDATES_PER_TRAJECTORY = 4;
/** Design points whose runs are kept in memory at once (whole trajectories). */
const POINTS_PER_BATCH = 256;
/** Bootstrap resamples of the trajectories for the interval of μ*. */
const RESAMPLES = 1000;

/** What an evaluation of the model reports: ensemble means over the runs of a design point. */
export const OUTPUTS = [
  {
    key: 'comprehensive',
    label: 'chance of reaching a comprehensive agreement',
    unit: 'share of runs',
    share: true,
    of: (r: RunResult) => ((r.reached[3] ?? -1) >= 0 ? 1 : 0),
  },
  {
    key: 'ceasefire',
    label: 'chance of reaching a ceasefire',
    unit: 'share of runs',
    share: true,
    of: (r: RunResult) => ((r.reached[1] ?? -1) >= 0 ? 1 : 0),
  },
  {
    key: 'relapse',
    label: 'relapse rate (runs falling back to pre-negotiation at least once)',
    unit: 'share of runs',
    share: true,
    of: (r: RunResult) => (r.relapses > 0 ? 1 : 0),
  },
  {
    key: 'finalTension',
    label: 'final tension',
    unit: 'tension, 0–1',
    share: false,
    of: (r: RunResult) => r.finalTension,
  },
  {
    key: 'weeksAtWar',
    label: 'weeks at war',
    unit: 'weeks',
    share: false,
    of: (r: RunResult) => r.weeksAtWar,
  },
] as const;
export type OutputKey = (typeof OUTPUTS)[number]['key'];
const MAIN_OUTPUT = 0;

/** --params a,b,c: names of the parameter table, each once. */
function parseParamList(text: string | undefined): Parameter[] {
  if (text === undefined) return [...PARAMETERS];
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0)
    throw new UsageError(
      `--params ${text}: expected parameter names separated by commas, e.g. trustEffect,decay`,
    );
  const seen = new Set<string>();
  for (const name of names) {
    if (!isParamName(name))
      throw new UsageError(
        `--params: unknown parameter "${name}"; expected some of: ${PARAM_NAMES.join(', ')}`,
      );
    if (seen.has(name)) throw new UsageError(`--params: "${name}" is named twice`);
    seen.add(name);
  }
  return PARAMETERS.filter((p) => seen.has(p.name));
}

interface Evaluation {
  /** Ensemble means at each design point: [point][output]. */
  readonly means: number[][];
  /** Paired standard error of the change in each output at each step: [trajectory][step][output]. */
  readonly stepErrors: number[][][];
}

/** Per-run outputs of one design point: output-major, runs values per output. */
function runOutputs(results: readonly RunResult[]): Float64Array {
  const n = results.length;
  const out = new Float64Array(OUTPUTS.length * n);
  OUTPUTS.forEach((o, k) => results.forEach((r, i) => (out[k * n + i] = o.of(r))));
  return out;
}

/**
 * Runs every design point N times with the same seed and run indexes, whole trajectories per batch, and
 * keeps the ensemble means and the paired standard errors of each step's change.
 */
async function evaluate(
  design: MorrisDesign,
  compilePoint: (values: Record<string, number>) => CompiledModel,
  seed: number,
  runs: number,
  runner: Runner,
  progress: Progress | undefined,
): Promise<Evaluation> {
  const k = design.factors.length;
  const perTrajectory = k + 1;
  const points = designPoints(design);
  const total = points.length * runs;
  const trajectoriesPerBatch = Math.max(1, Math.floor(POINTS_PER_BATCH / perTrajectory));
  const means: number[][] = [];
  const stepErrors: number[][][] = [];
  for (let t0 = 0; t0 < design.trajectories.length; t0 += trajectoriesPerBatch) {
    const t1 = Math.min(design.trajectories.length, t0 + trajectoriesPerBatch);
    const batch = points.slice(t0 * perTrajectory, t1 * perTrajectory);
    const jobs: EnsembleJob[] = batch.map((point) => ({
      model: compilePoint(pointValues(design, point)),
      seed,
      firstRun: 0,
      runs,
      keepSeries: false,
    }));
    const offset = t0 * perTrajectory * runs;
    const results = await runner.run(jobs, progress && ((done) => progress(offset + done, total)));
    if (results.length !== jobs.length || results.some((r) => r.length !== runs))
      throw new Error(`runner ${runner.name} did not return ${runs} runs of each design point`);
    const outputs = results.map(runOutputs);
    for (const values of outputs)
      means.push(
        OUTPUTS.map((_, o) => {
          let sum = 0;
          for (let i = 0; i < runs; i++) sum += values[o * runs + i] as number;
          return sum / runs;
        }),
      );
    for (let t = t0; t < t1; t++) {
      const steps: number[][] = [];
      for (let j = 0; j < k; j++) {
        const before = outputs[(t - t0) * perTrajectory + j] as Float64Array;
        const after = outputs[(t - t0) * perTrajectory + j + 1] as Float64Array;
        steps.push(OUTPUTS.map((_, o) => pairedError(before, after, o * runs, runs)));
      }
      stepErrors.push(steps);
    }
  }
  return { means, stepErrors };
}

/** Standard error of the mean of after − before over the same runs (0 with a single run). */
function pairedError(before: Float64Array, after: Float64Array, from: number, n: number): number {
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (after[from + i] as number) - (before[from + i] as number);
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((after[from + i] as number) - (before[from + i] as number) - mean) ** 2;
  return Math.sqrt(ss / (n - 1) / n);
}

type Direction = 'raises' | 'lowers' | 'both ways';

/** Whether the effects share a sign: |μ| close to μ* means they do. */
function direction(s: MorrisStatistic): Direction {
  if (Math.abs(s.mu) >= 0.9 * s.muStar) return s.mu >= 0 ? 'raises' : 'lowers';
  return 'both ways';
}

function readingOf(s: MorrisStatistic): string {
  const r = readStatistic(s);
  if (r === 'negligible') return 'no effect on these runs';
  if (r === 'within noise') return 'not told from Monte Carlo noise';
  const shape =
    r === 'non-linear or interacting' ? 'σ/μ* high: interactions or non-linearity' : `${r} (σ/μ* low)`;
  return `${direction(s)}; ${shape}`;
}

const round = (v: number, digits = 6) => Number(v.toFixed(digits));

function statisticJson(s: MorrisStatistic) {
  return {
    mu: round(s.mu),
    muStar: round(s.muStar),
    sigma: round(s.sigma),
    ratio: s.muStar > 0 ? round(s.sigma / s.muStar) : null,
    noise: s.noise === null ? null : round(s.noise),
    noiseFloor: s.noiseFloor === null ? null : round(s.noiseFloor),
    muStarInterval: s.muStarInterval === null ? null : s.muStarInterval.map((v) => round(v)),
    reading: readStatistic(s),
    direction: readStatistic(s) === 'negligible' ? null : direction(s),
  };
}

/** Factor indexes ranked by μ* on output `o`, largest first; ties keep the parameter table's order. */
function ranking(stats: readonly MorrisStatistic[][], o: number): number[] {
  return stats
    .map((s, i) => ({ i, m: s[o]?.muStar ?? 0 }))
    .sort((a, b) => b.m - a.m || a.i - b.i)
    .map((x) => x.i);
}

/** A value of output `o` per whole range: percentage points for chances, else its own unit. */
function formatEffect(o: number, v: number, signed = false): string {
  const output = OUTPUTS[o];
  const text = output?.share
    ? `${(v * 100).toFixed(1)}`
    : output?.key === 'weeksAtWar'
      ? v.toFixed(1)
      : v.toFixed(3);
  const zero = /^-?[0.]+$/.test(text);
  const clean = zero ? text.replace(/^-/, '') : text;
  return signed && !zero && !clean.startsWith('-') ? `+${clean}` : clean;
}

const unitOf = (o: number) => (OUTPUTS[o]?.share ? 'percentage points' : (OUTPUTS[o]?.unit ?? ''));

const formatRange = (p: Parameter) => `${p.min}–${p.max}`;

const HELP = `
What Morris screening tells you
  The model has ${PARAMETERS.length} parameters (docs/model.md), many of them set by assumption. Screening asks
  which of them move the results, so that calibration, data and argument go where they matter. It
  walks r trajectories through the parameter space: each starts at a random point of a grid of p levels
  over every parameter's [min, max] and moves one parameter at a time by Δ = p/(2(p−1)) of its range.
  Each move gives an elementary effect, the change in an output per whole range of the parameter, at a
  different place in the space. Over the r effects of each parameter:
    μ*           mean absolute effect: the parameter's overall influence (rank by it)
    μ            mean signed effect: its direction; |μ| well below μ* means effects of both signs
    σ            spread of the effects: σ/μ* high means interactions with other parameters or
                 non-linearity; σ/μ* low means the parameter acts alone and about linearly
    μ* 95%       bootstrap interval of μ* over the trajectories: where two overlap, their order is
                 not settled; add trajectories to narrow them
    noise floor  the μ* that Monte Carlo noise alone (N runs per point) would give a parameter with
                 no effect; a μ* at or below it is not told from zero: add runs to lower it
  It costs r × (k + 1) design points for k parameters, each an ensemble of N runs with the same seeds
  (common random numbers), far fewer than a variance-based analysis. It ranks parameters; it does not
  measure effects precisely. Follow the top ones up with \`multitrack simulate --param NAME=VALUE\`.
  Trajectories are picked for spread among ${CANDIDATES_PER_TRAJECTORY}×r drawn (Campolongo et al. 2007).
  With the same runs at every point, a parameter whose mechanism the scenario never uses (Track 6
  activism where no Track 6 work exists) shows exactly no effect: that is about the scenario, not the
  parameter.

Outputs (ensemble means over the N runs of a design point):
${OUTPUTS.map((o) => `  ${o.key.padEnd(15)}${o.label}`).join('\n')}
  The table ranks by the first; the others get their leading parameters below it, and --json has all.

JSON: {"scenario", "file", "system", "strategy", "seed", "runs", "weeks", "start", "design",
"outputs", "main", "parameters": [{"name", "unit", "min", "max", "baseline", "rank", "effects":
{OUTPUT: {"mu", "muStar", "sigma", "ratio", "noise", "noiseFloor", "muStarInterval", "reading",
"direction"}}}],
"ranking", "notes", "method"}. Parameters come in order of μ* on the main output; effects are per whole
range of the parameter, chances as shares (0–1).

Examples:
  multitrack sensitivity scenarios/oslo-backchannel.yaml
  multitrack sensitivity scenarios/oslo-backchannel.yaml --strategy track1-alone --threads 2
  multitrack sensitivity scenarios/oslo-backchannel.yaml --params trustEffect,ideasEffect,bridgeTransfer --trajectories 30
  multitrack sensitivity scenarios/oslo-backchannel.yaml --runs 1000 --json > morris.json`;

export function registerSensitivity(program: Command, ctx: CommandContext): void {
  program
    .command('sensitivity')
    .description('Morris screening: which model parameters move the results of a scenario, and how')
    .argument('<scenario>', 'scenario file (YAML or JSON): a system, strategies and a horizon')
    .option('--strategy <name>', 'strategy to screen (default: the scenario’s strategy, else as-is)')
    .option(
      '--trajectories <r>',
      'Morris trajectories (elementary effects per parameter)',
      String(DEFAULT_TRAJECTORIES),
    )
    .option('--levels <p>', 'grid levels over each parameter’s range (even)', String(DEFAULT_LEVELS))
    .option('--runs <n>', 'runs per design point (same seeds at every point)', String(DEFAULT_RUNS))
    .option('--seed <s>', 'seed of the design and the runs: the same seed gives the same results', '1')
    .option('--threads <t>', 'worker threads (default: every core of this machine)')
    .option('--params <a,b,c>', 'parameters to screen (default: all; the others keep their values)')
    .option('--json', 'print one JSON document with every parameter × output')
    .addHelpText('after', HELP)
    .action(async (file, opts, command) => {
      const json = Boolean(opts.json);
      const trajectories = integer('--trajectories', opts.trajectories, 2, 10_000) ?? DEFAULT_TRAJECTORIES;
      const levels = integer('--levels', opts.levels, 2, 100) ?? DEFAULT_LEVELS;
      if (levels % 2 !== 0)
        throw new UsageError(
          `--levels ${levels}: expected an even number (the step Δ = p/(2(p−1)) falls on the grid only then)`,
        );
      const runs = integer('--runs', opts.runs, 1, MAX_RUNS) ?? DEFAULT_RUNS;
      const seed = seedOption(opts.seed);
      const threads = threadsOption(opts.threads ?? availableParallelism());
      const params = parseParamList(opts.params);

      const { reading, system } = await loadScenario(file, command);
      const { scenario } = reading;
      const systemName = reading.system.written;
      const strategies = [AS_IS, ...Object.keys(scenario.strategies)];
      const strategy = opts.strategy ?? scenario.strategy ?? AS_IS;
      if (!strategies.includes(strategy))
        throw new UsageError(
          `--strategy ${strategy}: no such strategy; the scenario defines: ${strategies.join(', ')}`,
        );
      const baseline = compileAt(reading, system, strategy);

      let design: MorrisDesign;
      try {
        design = morrisDesign(params, {
          seed,
          levels,
          trajectories,
          candidates: CANDIDATES_PER_TRAJECTORY * trajectories,
        });
      } catch (error) {
        if (error instanceof MorrisError) throw new UsageError(error.message);
        throw error;
      }
      const points = trajectories * (params.length + 1);
      ctx.io.progress(
        `${params.length} parameters × ${trajectories} trajectories = ${points} design points × ${runs} runs = ${points * runs} runs on ${threads} thread${threads === 1 ? '' : 's'}`,
      );

      const evaluation = await withRunner(ctx, { threads, json, verb: 'screening' }, (runner, progress) =>
        evaluate(
          design,
          (values) => compileAt(reading, system, strategy, { parameters: values }),
          seed,
          runs,
          runner,
          progress,
        ),
      );

      const stats = morrisStatistics(design, evaluation.means, {
        stepErrors: evaluation.stepErrors,
        resamples: RESAMPLES,
      });
      const mainRank = ranking(stats, MAIN_OUTPUT);
      const rankOf = new Map(mainRank.map((f, r) => [f, r + 1]));
      const notes = [...baseline.notes];
      const fixed = Object.keys(scenario.parameters).filter((n) => params.some((p) => p.name === n));
      if (fixed.length > 0)
        notes.push(
          `the scenario sets ${fixed.join(', ')}; the design moves ${fixed.length === 1 ? 'it' : 'them'} over the whole range all the same`,
        );

      if (json) {
        printJson(ctx.io, {
          scenario: scenario.name,
          file,
          system: systemName,
          strategy,
          seed,
          runs,
          weeks: baseline.weeks,
          start: baseline.start,
          design: {
            levels: design.levels,
            delta: round(design.delta, 12),
            trajectories,
            candidates: design.candidates,
            spread: round(design.spread),
            points,
            totalRuns: points * runs,
          },
          outputs: OUTPUTS.map((o) => ({ key: o.key, label: o.label, unit: o.unit })),
          main: OUTPUTS[MAIN_OUTPUT].key,
          parameters: mainRank.map((f) => {
            const p = params[f] as Parameter;
            return {
              name: p.name,
              unit: p.unit,
              min: p.min,
              max: p.max,
              baseline: baseline.params[p.name as keyof typeof baseline.params],
              rank: rankOf.get(f),
              effects: Object.fromEntries(
                OUTPUTS.map((o, k) => [o.key, statisticJson(stats[f]?.[k] as MorrisStatistic)]),
              ),
            };
          }),
          ranking: Object.fromEntries(
            OUTPUTS.map((o, k) => [o.key, ranking(stats, k).map((f) => params[f]?.name)]),
          ),
          notes,
          method:
            `Morris (1991) elementary effects on a p-level grid, trajectories picked for spread among ${CANDIDATES_PER_TRAJECTORY}×r candidates ` +
            '(Campolongo, Cariboni & Saltelli 2007, greedy removal); effects per whole range of the parameter; ' +
            'each design point is an ensemble of the same runs (seed, run 0…N−1); noise: root mean square of the ' +
            'paired standard errors of the effects; noiseFloor: the μ* noise alone would give (mean of √(2/π)·se plus two ' +
            `standard errors); muStarInterval: 95% percentile bootstrap over the trajectories (${RESAMPLES} resamples).`,
        });
        return;
      }

      line(ctx.io, `${scenario.name} (${file}), strategy ${strategy}, seed ${seed}`);
      line(
        ctx.io,
        `Morris screening: ${params.length} parameters × ${trajectories} trajectories on a ${levels}-level grid ` +
          `(step Δ = ${design.delta.toFixed(3)} of each range) = ${points} design points × ${runs} runs, ${baseline.weeks} weeks`,
      );
      for (const note of notes) line(ctx.io, `note: ${note}`);
      line(ctx.io);
      const main = OUTPUTS[MAIN_OUTPUT];
      line(
        ctx.io,
        `Effects on the ${main.label}, in ${unitOf(MAIN_OUTPUT)} per whole range of each parameter:`,
      );
      line(
        ctx.io,
        table(
          ['rank', 'parameter', 'range', 'μ*', 'μ* 95%', 'μ', 'σ', 'σ/μ*', 'noise floor', 'reading'],
          mainRank.map((f, r) => {
            const p = params[f] as Parameter;
            const s = stats[f]?.[MAIN_OUTPUT] as MorrisStatistic;
            return [
              r + 1,
              p.name,
              formatRange(p),
              formatEffect(MAIN_OUTPUT, s.muStar),
              s.muStarInterval === null
                ? '-'
                : s.muStarInterval.map((v) => formatEffect(MAIN_OUTPUT, v)).join('–'),
              formatEffect(MAIN_OUTPUT, s.mu, true),
              formatEffect(MAIN_OUTPUT, s.sigma),
              s.muStar > 0 ? (s.sigma / s.muStar).toFixed(2) : '-',
              s.noiseFloor === null ? '-' : formatEffect(MAIN_OUTPUT, s.noiseFloor),
              readingOf(s),
            ];
          }),
        ),
      );
      line(ctx.io);
      line(ctx.io, 'Leading parameters on the other outputs (μ* per whole range; μ sign: direction):');
      for (let o = 1; o < OUTPUTS.length; o++) {
        const top = ranking(stats, o)
          .slice(0, 4)
          .filter((f) => readStatistic(stats[f]?.[o] as MorrisStatistic) !== 'negligible');
        const output = OUTPUTS[o] as (typeof OUTPUTS)[number];
        const items = top.map((f) => {
          const s = stats[f]?.[o] as MorrisStatistic;
          const noisy = readStatistic(s) === 'within noise' ? ', within noise' : '';
          return `${params[f]?.name} ${formatEffect(o, s.muStar)} (μ ${formatEffect(o, s.mu, true)}, σ ${formatEffect(o, s.sigma)}${noisy})`;
        });
        line(
          ctx.io,
          `  ${output.label} [${unitOf(o)}]: ${items.length ? items.join('; ') : 'no parameter moves it on these runs'}`,
        );
      }
      line(ctx.io);
      line(
        ctx.io,
        'μ*: mean absolute change of the output when the parameter crosses its whole range, one at a time, from points spread over the parameter space. ' +
          `μ* 95%: bootstrap interval over the ${trajectories} trajectories (overlapping: order not settled). ` +
          'μ: the signed mean (|μ| well below μ*: effects of both signs). σ: spread of the effects; σ/μ* high: interactions or non-linearity. ' +
          `noise floor: the μ* that Monte Carlo noise alone would give at ${runs} runs per point; μ* at or below it is not told from zero. ` +
          'Screening ranks parameters; follow the top ones up with `multitrack simulate --param NAME=VALUE`.',
      );
    });
}
