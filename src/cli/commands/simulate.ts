/**
 * `multitrack simulate SCENARIO`: a Monte Carlo ensemble of the living-system model for one strategy of
 * a scenario, optionally against another strategy on the same runs (paired differences). Prints a summary
 * a user can paste into a report, or one JSON document with --json; --out DIR writes the quantile and
 * finals CSVs, the SVG charts and summary.json. Same scenario, seed and runs: same bytes, whatever the
 * thread count or runner.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Option, type Command } from '@commander-js/extra-typings';
import { CALIBRATION_CREDIT, fanChart, stageChart, stageCurves } from '../../sim/ensemble/charts.js';
import type { StrategyComparison } from '../../sim/ensemble/compare.js';
import { type ComparedEnsembles, compareStrategies, runEnsemble } from '../../sim/ensemble/ensemble.js';
import { finalsCsv, quantilesCsv, seriesQuantiles } from '../../sim/ensemble/quantiles.js';
import {
  type EnsembleSummary,
  type Interval,
  type Rate,
  SUMMARY_METHODS,
  summarize,
  weekDate,
} from '../../sim/ensemble/summary.js';
import { type CompiledModel, type RunResult, SERIES } from '../../sim/system/model.js';
import { PARAMETERS, ParameterError, withOverrides } from '../../sim/system/parameters.js';
import { AS_IS, type Scenario } from '../../sim/system/scenario.js';
import { formatScenarioProblem, readScenarioFile } from '../../sim/system/scenario-file.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { integer, seedOption } from '../options.js';
import { threadsOption, withRunner } from '../ensemble-run.js';
import { compileAt, loadSystem } from '../scenario-input.js';
import { table } from '../table.js';

/** The version of the model: results are comparable between runs of the same version and parameters. */
export const MODEL_VERSION = '0.1.0';

const DEFAULT_RUNS = 500;
const MAX_RUNS = 1_000_000;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** --param name=value …, each checked against the parameter table. */
function parseParams(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq).trim() : '';
    const text = eq > 0 ? item.slice(eq + 1).trim() : '';
    const value = Number(text);
    if (!name || text === '' || !Number.isFinite(value))
      throw new UsageError(`--param ${item}: expected name=number, e.g. --param bridgeTransfer=0.05`);
    out[name] = value;
  }
  try {
    withOverrides(out, '--param');
  } catch (error) {
    if (error instanceof ParameterError) throw new UsageError(error.message);
    throw error;
  }
  return out;
}

function strategyNames(scenario: Scenario): string[] {
  return [AS_IS, ...Object.keys(scenario.strategies)];
}

function checkStrategy(flag: string, name: string, scenario: Scenario): string {
  const names = strategyNames(scenario);
  if (!names.includes(name))
    throw new UsageError(`${flag} ${name}: no such strategy; the scenario defines: ${names.join(', ')}`);
  return name;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '-' : `${(v * 100).toFixed(1)}%`;
const pctRange = (i: Interval | null) =>
  i === null ? '-' : `${(i.low * 100).toFixed(1)}–${(i.high * 100).toFixed(1)}%`;
const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);
const f1 = (v: number) => v.toFixed(1);
/** A difference with its sign; a value that rounds to zero has none. */
const signed = (text: string) =>
  /^-?[0.]+$/.test(text) ? text.replace(/^-/, '') : text.startsWith('-') ? text : `+${text}`;
const confidence = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

function rateLine(rate: Rate, what: string): string {
  return rate.rate === null
    ? `${what}: no run to take it over`
    : `${what}: ${pct(rate.rate)} (95% ${pctRange(rate.interval)}) of ${rate.of} runs`;
}

function renderSummary(ctx: CommandContext, s: EnsembleSummary): void {
  const end = weekDate(s.start, s.weeks);
  line(ctx.io, `Strategy ${s.strategy}: ${s.runs} runs over ${s.weeks} weeks, ${s.start} to ${end}`);
  line(
    ctx.io,
    table(
      ['stage', 'chance', '95% interval', 'median date', 'median week', '10% – 90% of runs reaching it'],
      s.stages.map((st) => [
        st.stage,
        pct(st.chance),
        pctRange(st.interval),
        st.timing?.median ?? '-',
        st.timing ? String(Math.round(st.timing.medianWeek)) : '-',
        st.timing ? `${st.timing.p10} – ${st.timing.p90}` : '-',
      ]),
    ),
  );
  line(ctx.io);
  line(ctx.io, rateLine(s.relapse, 'Relapse (a fall back to pre-negotiation at least once)'));
  line(
    ctx.io,
    rateLine(s.relapseAfterAgreement, 'Relapse after a comprehensive agreement, among runs reaching one'),
  );
  const t = s.finalTension;
  line(
    ctx.io,
    `Final tension (0–1): mean ${f2(t.mean)}, 95% interval of the mean ${f2(t.interval.low)}–${f2(t.interval.high)} (normal); runs 10–90%: ${f2(t.p10)}–${f2(t.p90)}`,
  );
  const v = s.peakViolence;
  line(ctx.io, `Peak violence (0–1): mean ${f2(v.mean)}; runs 10–90%: ${f2(v.p10)}–${f2(v.p90)}`);
  const w = s.weeksAtWar;
  line(
    ctx.io,
    `Weeks at war: mean ${f1(w.mean)}, median ${f1(w.median)}; runs 10–90%: ${f1(w.p10)}–${f1(w.p90)}; ${pct(w.share)} of runs spend a week or more at war`,
  );
}

function renderComparison(ctx: CommandContext, c: StrategyComparison): void {
  line(
    ctx.io,
    `${c.strategy} against ${c.against}: paired differences over the same ${c.runs} runs (same seed and run index)`,
  );
  line(
    ctx.io,
    table(
      ['measure', c.strategy, c.against, 'difference', '95% interval', 'better', 'confidence'],
      c.metrics.map((m) => {
        const share = m.kind === 'share';
        const value = (v: number) => (share ? pct(v) : m.metric === 'weeks-at-war' ? f1(v) : f3(v));
        const diff = (v: number) =>
          signed(share ? `${(v * 100).toFixed(1)}` : m.metric === 'weeks-at-war' ? f1(v) : f3(v));
        const unit = share ? ' pts' : '';
        return [
          m.label,
          value(m.strategy),
          value(m.against),
          `${diff(m.difference)}${unit}`,
          `${diff(m.interval.low)} – ${diff(m.interval.high)}${unit}`,
          m.better ?? 'neither',
          confidence(m.confidence),
        ];
      }),
    ),
  );
  line(ctx.io);
  const headline = c.metrics.find((m) => m.metric === 'reached:comprehensive');
  if (headline) {
    const points = (v: number) => signed((v * 100).toFixed(1));
    const interval = `${points(headline.interval.low)} to ${points(headline.interval.high)} points`;
    const clear = headline.interval.low > 0 || headline.interval.high < 0;
    line(
      ctx.io,
      headline.better === null
        ? `On reaching a comprehensive agreement the two strategies do not differ in these runs.`
        : `On reaching a comprehensive agreement, ${headline.better} is better by ${(Math.abs(headline.difference) * 100).toFixed(1)} points ` +
            `and stays ahead in ${confidence(headline.confidence)} of bootstrap resamples; the 95% interval (${interval}) ` +
            (clear
              ? 'excludes zero.'
              : 'reaches zero, so these runs cannot tell the strategies apart on it.'),
    );
  }
  line(
    ctx.io,
    `Differences are ${c.strategy} minus ${c.against}; "pts" are percentage points. Interval: paired bootstrap, ${c.resamples} resamples (seed ${c.seed}); confidence: share of resamples in which the better strategy stays ahead.`,
  );
}

/** The safe folder name of a strategy under --out. */
function folderOf(strategy: string): string {
  return strategy.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'strategy';
}

async function writeOutputs(
  dir: string,
  seed: number,
  ensembles: readonly { model: CompiledModel; results: readonly RunResult[] }[],
  document: unknown,
): Promise<string[]> {
  const files: [string, string][] = [];
  const used = new Set<string>();
  for (const { model, results } of ensembles) {
    let folder = folderOf(model.strategy);
    while (used.has(folder)) folder = `${folder}-2`;
    used.add(folder);
    const q = seriesQuantiles(model, results);
    files.push([join(folder, 'quantiles.csv'), quantilesCsv(q)]);
    files.push([join(folder, 'finals.csv'), finalsCsv(model.start, results)]);
    for (const series of SERIES)
      files.push([
        join(folder, `fan-${series}.svg`),
        fanChart({ series, quantiles: q, scenario: model.scenario, strategy: model.strategy, seed }),
      ]);
  }
  const first = ensembles[0]?.model;
  if (first)
    files.push([
      'stages.svg',
      stageChart({
        scenario: first.scenario,
        start: first.start,
        weeks: first.weeks,
        runs: ensembles[0]?.results.length ?? 0,
        seed,
        strategies: ensembles.map((e) => ({
          strategy: e.model.strategy,
          curves: stageCurves(e.results, e.model.weeks),
        })),
      }),
    ]);
  files.push(['summary.json', `${JSON.stringify(document, null, 2)}\n`]);
  try {
    for (const [name, text] of files) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), text);
    }
  } catch (error) {
    throw new UserError(`--out ${dir}: cannot write: ${(error as Error).message}`);
  }
  return files.map(([name]) => name);
}

const HELP = `
A scenario file names a system (a system file relative to the scenario, or registry:SYSTEM-ID with
--db), the date of week 0, a horizon in weeks and the strategies to try. For example:

  multitrack-scenario: 1
  name: Oslo backchannel and the official talks
  system: ../cases/oslo-1993.yaml
  start: '1992-06'
  horizon: 416                      # weeks
  positions:                        # on the main issue, 0–100, for Track 1 talks
    israel: { position: 30 }
    plo: { position: 70 }
  strategy: with-backchannel        # run by default; "as-is" is the system unchanged
  strategies:
    with-backchannel: {}
    track1-alone:
      remove: [oslo-backchannel]    # initiatives of the system left out
    plus-grassroots:
      add:                          # initiatives added, with track and dates
        - { id: people-to-people, track: 4, start: '1994-01', participants: 200 }
      fund:                         # more means for an existing initiative
        - { initiative: oslo-backchannel, factor: 2 }
      close:                        # official channel closed for a period
        - { from: '1995-11', until: '1996-05' }

What it prints:
  chance        share of runs that reach the stage before the horizon, with a 95% Wilson interval
  median date   when the runs that reach a stage reach it (median; 10%–90% of those runs beside it)
  relapse       share of runs that fall back from an agreement to pre-negotiation at least once
  final tension mean at the horizon, with a 95% interval for the mean (normal), and the spread of runs
  --compare     both strategies on the same runs (same seed, same run index): the difference per
                measure, its 95% paired bootstrap interval, which strategy is better and in what share
                of resamples it stays ahead. An interval that includes 0 means the ensemble cannot tell
                the strategies apart on that measure; add runs to narrow it.

--out DIR writes:
  <strategy>/quantiles.csv   week,date,series,q05,q25,q50,q75,q95 for every week and series
  <strategy>/finals.csv      one row a run: final tension, peaks, weeks at war, relapses, stage weeks and dates
  <strategy>/fan-SERIES.svg  fan chart of the series: 5–95% and 25–75% of runs, median
  stages.svg                 chance of having reached each stage by week, one line style per strategy
  summary.json               the --json document

JSON: {"scenario", "file", "system", "strategy", "against", "seed", "runs", "weeks", "start", "modelVersion",
"parameters", "parameterOverrides", "summary", "againstSummary", "comparison", "methods", "notes", "credits"}

Same scenario, seed and runs give the same output, byte for byte, with any --threads or --redis.
Scenarios and outputs: docs/simulation.md; the model and every parameter's source: docs/model.md.

Parameters (--param name=value, within the range shown; * calibrated on PA-X and UCDP):
${PARAMETERS.map((p) => `  ${p.name}${p.calibrated ? '*' : ''} = ${p.value} [${p.min}, ${p.max}] ${p.unit}`).join('\n')}

Examples:
  multitrack simulate scenarios/oslo-backchannel.yaml
  multitrack simulate scenarios/oslo-backchannel.yaml --compare track1-alone --runs 2000 --threads 4
  multitrack simulate scenarios/oslo-backchannel.yaml --strategy plus-grassroots --out results/
  multitrack simulate scenarios/oslo-backchannel.yaml --param bridgeTransfer=0.05 --json`;

export function registerSimulate(program: Command, ctx: CommandContext): void {
  program
    .command('simulate')
    .description('Monte Carlo ensemble of a scenario: chance and timing of each stage, relapse, tension')
    .argument('<scenario>', 'scenario file (YAML or JSON): a system, strategies and a horizon')
    .option('--runs <n>', 'runs in the ensemble', String(DEFAULT_RUNS))
    .option('--seed <s>', 'seed: the same seed gives the same results', '1')
    .option('--threads <t>', 'worker threads (one per core is fastest; up to four per core)', '1')
    .option('--strategy <name>', 'strategy to run (default: the scenario’s strategy, else as-is)')
    .option('--compare <strategy>', 'compare with this strategy on the same runs (paired differences)')
    .option('--horizon <weeks>', 'weeks to simulate (default: the scenario’s horizon)')
    .option('--redis <url>', 'spread runs over BullMQ workers through this Redis (redis://host:port)')
    .addOption(
      new Option(
        '--param <name=value>',
        'override a model parameter (repeatable; see docs/model.md)',
      ).argParser(collect),
    )
    .option('--out <dir>', 'write quantile and finals CSVs, SVG charts and summary.json here')
    .option('--json', 'print one JSON document')
    .addHelpText('after', HELP)
    .action(async (file, opts, command) => {
      const json = Boolean(opts.json);
      const runs = integer('--runs', opts.runs, 1, MAX_RUNS) ?? DEFAULT_RUNS;
      const seed = seedOption(opts.seed);
      const horizon = integer('--horizon', opts.horizon, 1, 5200);
      const threads = threadsOption(opts.threads);
      const cliParams = parseParams(opts.param ?? []);

      const reading = await readScenarioFile(file);
      if (!reading.ok) throw new UserError(reading.problems.map(formatScenarioProblem).join('\n'));
      const { scenario } = reading;
      const strategy = checkStrategy('--strategy', opts.strategy ?? scenario.strategy ?? AS_IS, scenario);
      const against =
        opts.compare === undefined ? undefined : checkStrategy('--compare', opts.compare, scenario);
      if (against === strategy)
        throw new UsageError(`--compare ${against}: that is the strategy being run; name another one`);

      const system = await loadSystem(reading.system, command, `${file}:${reading.systemAt.line}`);
      const options = { horizon, parameters: cliParams };
      const model = compileAt(reading, system, strategy, options);
      const againstModel = against === undefined ? undefined : compileAt(reading, system, against, options);

      const keepSeries = opts.out !== undefined;
      const { results, againstResults, comparison } = await withRunner(
        ctx,
        { threads, redis: opts.redis, json, verb: 'simulating' },
        async (runner, progress): Promise<Partial<ComparedEnsembles> & { results: RunResult[] }> =>
          againstModel
            ? compareStrategies({ model, against: againstModel, seed, runs, runner, keepSeries, progress })
            : { results: await runEnsemble({ model, seed, runs, runner, keepSeries, progress }) },
      );

      const summary = summarize(model, results);
      const againstSummary =
        againstModel && againstResults ? summarize(againstModel, againstResults) : undefined;
      const defaults = Object.fromEntries(PARAMETERS.map((p) => [p.name, p.value]));
      const overrides = { ...scenario.parameters, ...cliParams };
      const document = {
        scenario: scenario.name,
        file,
        system: reading.system.written,
        strategy,
        against: against ?? null,
        seed,
        runs,
        weeks: model.weeks,
        start: summary.start,
        modelVersion: MODEL_VERSION,
        parameters: model.params,
        parameterOverrides: Object.fromEntries(
          Object.entries(overrides).map(([k, v]) => [k, { value: v, default: defaults[k] }]),
        ),
        summary,
        againstSummary: againstSummary ?? null,
        comparison: comparison ?? null,
        methods: { ...SUMMARY_METHODS, comparison: comparison?.method ?? null },
        notes: [...new Set([...model.notes, ...(againstModel?.notes ?? [])])],
        credits: [CALIBRATION_CREDIT],
      };

      let written: string[] = [];
      if (opts.out !== undefined) {
        const ensembles = [{ model, results }];
        if (againstModel && againstResults) ensembles.push({ model: againstModel, results: againstResults });
        written = await writeOutputs(resolve(opts.out), seed, ensembles, document);
      }

      if (json) {
        printJson(ctx.io, document);
        return;
      }
      line(ctx.io, `${scenario.name} (${file}), seed ${seed}`);
      for (const note of document.notes) line(ctx.io, `note: ${note}`);
      line(ctx.io);
      renderSummary(ctx, summary);
      if (againstSummary && comparison) {
        line(ctx.io);
        renderSummary(ctx, againstSummary);
        line(ctx.io);
        renderComparison(ctx, comparison);
      }
      line(ctx.io);
      line(
        ctx.io,
        'Chances and rates: 95% Wilson score intervals over runs. Dates: weeks counted from the start. A simulation shows what the model implies, not a prediction.',
      );
      line(ctx.io, CALIBRATION_CREDIT);
      if (opts.out !== undefined) line(ctx.io, `Wrote ${written.length} files to ${opts.out}`);
    });
}
