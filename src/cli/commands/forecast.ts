/**
 * `multitrack forecast FILE`: where a Track 1 negotiation is likely to land. Reads issues (an issue
 * file, the DEU table or an actors CSV), runs a negotiation model on each, prints the forecasts and,
 * where outcomes are known, the errors; `--compare` scores every model against the compromise model
 * with a paired bootstrap; `--runs N --seed S` gives forecast intervals under stated input noise.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import { SystemIndex } from '../../domain/system-index.js';
import type { Issue } from '../../sim/negotiation/issue.js';
import {
  DEFAULT_MODEL,
  MODELS,
  ModelOptionError,
  type ModelOptions,
  type ModelSpec,
  modelByName,
  parseModelOptions,
  runModel,
} from '../../sim/negotiation/models.js';
import { readIssues } from '../../sim/negotiation/read.js';
import { formatInputProblem } from '../../sim/negotiation/reading.js';
import { compareModels, forecastAll, mae } from '../../sim/negotiation/score.js';
import { engagementsFromSystem } from '../../sim/negotiation/system-engagements.js';
import { DEFAULT_NOISE, forecastIntervals } from '../../sim/negotiation/uncertainty.js';
import { REGISTRY_PREFIX, type SystemSource } from '../../sim/system/scenario-file.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { fraction, integer } from '../options.js';
import { loadSystem } from '../scenario-input.js';
import { table } from '../table.js';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const f2 = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(2));

function describeOptions(o: ModelOptions): string {
  const keys = Object.keys(o);
  return keys.length ? keys.map((k) => `${k}=${String(o[k])}`).join(',') : '(defaults)';
}

function listModels(ctx: CommandContext, json: boolean): void {
  if (json) {
    printJson(ctx.io, {
      default: DEFAULT_MODEL,
      models: MODELS.map((m) => ({
        name: m.name,
        summary: m.summary,
        dynamic: m.dynamic,
        ...(m.defaultRounds ? { defaultRounds: m.defaultRounds } : {}),
        options: m.options,
      })),
    });
    return;
  }
  for (const m of MODELS) {
    line(ctx.io, `${m.name}${m.name === DEFAULT_MODEL ? ' (default)' : ''}: ${m.summary}`);
    if (m.defaultRounds) line(ctx.io, `  rounds: ${m.defaultRounds} unless --rounds`);
    for (const o of m.options) {
      const kind =
        o.kind === 'choice'
          ? (o.choices ?? []).join('|')
          : o.kind === 'number'
            ? `${o.min}–${o.max}`
            : 'true|false';
      line(ctx.io, `  ${o.name}=${String(o.default)}  (${kind}) ${o.description}`);
    }
  }
}

/**
 * Adds the Track 1.5/2 engagements of a system: a system file, or `registry:ID` read through the registry
 * with the viewer's access (--db, --as), as `simulate` reads the system a scenario names. Warns on stderr
 * about a stakeholder whose `actor` is neither an actor nor a party of that system: it can take part in
 * none of its engagements.
 */
async function withSystemEngagements(
  ctx: CommandContext,
  issues: readonly Issue[],
  written: string | undefined,
  command: { optsWithGlobals(): unknown },
): Promise<readonly Issue[]> {
  if (written === undefined) return issues;
  const source: SystemSource = written.startsWith(REGISTRY_PREFIX)
    ? { kind: 'registry', id: written.slice(REGISTRY_PREFIX.length).trim(), written }
    : { kind: 'file', path: resolve(written), written };
  if (source.kind === 'registry' && source.id === '')
    throw new UsageError('--engagements registry:ID needs a system id after "registry:"');
  const system = await loadSystem(source, command, '--engagements');
  const index = new SystemIndex(system);
  for (const issue of issues) {
    for (const s of issue.stakeholders) {
      if (s.actor === undefined) continue;
      const type = index.typeOf(s.actor);
      if (type !== 'actor' && type !== 'party')
        ctx.io.err(
          `warning: issue ${issue.id}: stakeholder ${s.id}: actor "${s.actor}" is not an actor or party of the system ${written}${type ? ` (it is a ${type})` : ''}, so no engagement of it reaches this stakeholder\n`,
        );
    }
  }
  return issues.map((issue) => ({
    ...issue,
    engagements: [...issue.engagements, ...engagementsFromSystem(system, index, issue)],
  }));
}

/** The DEU data set's credit, printed under results derived from it (its licence asks for it). */
const DEU_CREDIT =
  'Data: Decision-making in the European Union (DEU I+II+III), Arregui & Perarnaud 2021, doi:10.34810/data53 (CC BY 4.0).';

/** Whether issues come from DEU: its file name, or DEU's issue ids (d00032i1: proposal and issue). */
function fromDeu(file: string, issues: readonly { id: string }[]): boolean {
  return /deu/i.test(file) || issues.some((i) => /^d\d+i\d+$/.test(i.id));
}

function compare(
  ctx: CommandContext,
  issues: readonly Issue[],
  only: ModelSpec | undefined,
  options: ModelOptions,
  rounds: number | undefined,
  resamples: number,
  seed: number,
  json: boolean,
  file: string,
): void {
  if (!issues.some((i) => i.outcome !== undefined))
    throw new UserError(`${file}: no issue has a known outcome, so there is nothing to compare against`);
  const baseline = modelByName('compromise');
  if (!baseline) throw new Error('the compromise model is missing');
  const entries: { model: ModelSpec; options?: ModelOptions }[] = only
    ? [{ model: only, options }]
    : MODELS.flatMap((m) =>
        m.name === 'expected-utility'
          ? [{ model: m }, { model: m, options: { preset: 'literal' } }]
          : [{ model: m }],
      );
  const result = compareModels(entries, baseline, issues, resamples, seed, rounds);
  if (json) {
    printJson(ctx.io, {
      n: result.n,
      baseline: result.baseline,
      resamples: result.resamples,
      seed: result.seed,
      ...(rounds === undefined ? {} : { rounds }),
      models: result.rows.map((r) => ({
        model: r.model,
        options: r.options,
        mae: r.mae,
        maeInterval: r.maeInterval,
        difference: r.difference,
        differenceInterval: r.differenceInterval,
        better: r.better,
      })),
    });
    return;
  }
  line(
    ctx.io,
    `${result.n} issues with outcomes; paired bootstrap, ${resamples} resamples, seed ${seed}${rounds === undefined ? '' : `; dynamic models run ${rounds} rounds`}`,
  );
  if (fromDeu(file, issues)) line(ctx.io, DEU_CREDIT);
  line(
    ctx.io,
    table(
      ['model', 'options', 'MAE', '95% interval', `Δ vs ${result.baseline}`, '95% interval', 'better in'],
      result.rows.map((r) => {
        // The baseline against itself: no difference to estimate.
        const reference = r.model === result.baseline && Object.keys(r.options).length === 0;
        return [
          r.model,
          describeOptions(r.options),
          f2(r.mae),
          `${f2(r.maeInterval[0])} – ${f2(r.maeInterval[1])}`,
          reference ? '0' : `${r.difference >= 0 ? '+' : ''}${f2(r.difference)}`,
          reference ? 'reference' : `${f2(r.differenceInterval[0])} – ${f2(r.differenceInterval[1])}`,
          reference ? 'reference' : `${Math.round(r.better * 100)}%`,
        ];
      }),
    ),
  );
}

export function registerForecast(program: Command, ctx: CommandContext): void {
  program
    .command('forecast')
    .description('forecast where a Track 1 negotiation lands (issue file, DEU table or actors CSV)')
    .argument('[file]', 'issues: YAML/JSON issue file, DEU TSV (p<actor>, s<actor>, rp, out) or actors CSV')
    .option('--model <name>', `negotiation model (default ${DEFAULT_MODEL}; see --list-models)`)
    .addOption(new Option('--options <key=value,...>', 'model options (repeatable)').argParser(collect))
    .option('--rounds <n>', 'bargaining rounds for dynamic models')
    .option('--list-models', 'name every model with its options and defaults')
    .option(
      '--compare',
      'every model’s MAE with a paired bootstrap 95% interval against the compromise model',
    )
    .option('--resamples <n>', 'bootstrap resamples for --compare', '2000')
    .option('--runs <n>', 'perturbed runs per issue for forecast intervals')
    .option('--seed <s>', 'seed for --runs and --compare', '1')
    .option(
      '--position-noise <sd>',
      `sd of position noise, share of the scale (default ${DEFAULT_NOISE.position})`,
    )
    .option('--salience-noise <sd>', `sd of salience noise on 0–1 (default ${DEFAULT_NOISE.salience})`)
    .option(
      '--engagements <system>',
      'add the Track 1.5/2 engagements of a system file, or of registry:SYSTEM-ID (read with --db, --as)',
    )
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
JSON: {"model", "n", "mae"?, "issues": [{"id", "forecast", "outcome"?, "error"?}], "rounds"?: [{"median", "mean"}]}
("rounds" for a dynamic model on a single issue; with --runs each issue also has "low" and "high").

Examples:
  multitrack forecast --list-models
  multitrack forecast emission-standards-actors.csv --model expected-utility --rounds 8
  multitrack forecast emission-standards-actors.csv --model expected-utility --options preset=literal
  multitrack forecast deu-issues-dev.tsv --json
  multitrack forecast deu-issues-dev.tsv --compare
  multitrack forecast my-issue.yaml --model multitrack --runs 500 --seed 7
  multitrack forecast my-issue.yaml --model multitrack --engagements registry:my-conflict --as my-org`,
    )
    .action(async (file, opts, command) => {
      const json = Boolean(opts.json);
      if (opts.listModels) {
        listModels(ctx, json);
        return;
      }
      if (file === undefined)
        throw new UsageError('forecast needs a FILE (or --list-models); see multitrack forecast --help');
      const name = opts.model ?? DEFAULT_MODEL;
      const model = modelByName(name);
      if (!model)
        throw new UsageError(
          `unknown model "${name}"; expected one of: ${MODELS.map((m) => m.name).join(', ')}`,
        );
      let options: ModelOptions;
      try {
        options = parseModelOptions(model, opts.options ?? []);
      } catch (error) {
        if (error instanceof ModelOptionError) throw new UsageError(error.message);
        throw error;
      }
      const rounds = integer('--rounds', opts.rounds, 1, 10_000);
      const runs = integer('--runs', opts.runs, 1, 1_000_000);
      const seed = integer('--seed', opts.seed, -2_147_483_648, 2_147_483_647) ?? 1;
      const resamples = integer('--resamples', opts.resamples, 100, 1_000_000) ?? 2000;
      const noise = {
        position: fraction('--position-noise', opts.positionNoise, DEFAULT_NOISE.position),
        salience: fraction('--salience-noise', opts.salienceNoise, DEFAULT_NOISE.salience),
      };
      const reading = await readIssues(file);
      if (!reading.ok) throw new UserError(reading.problems.map(formatInputProblem).join('\n'));
      const issues = await withSystemEngagements(ctx, reading.set.issues, opts.engagements, command);

      if (opts.compare) {
        compare(ctx, issues, opts.model ? model : undefined, options, rounds, resamples, seed, json, file);
        return;
      }
      const forecasts = forecastAll(model, issues, options, rounds);
      const score = mae(forecasts);
      const single = issues.length === 1 && model.dynamic ? issues[0] : undefined;
      const perRound = single ? runModel(model, single, options, rounds).rounds : undefined;
      const intervals = runs
        ? forecastIntervals(model, issues, runs, seed, options, rounds, noise)
        : undefined;
      if (json) {
        printJson(ctx.io, {
          model: model.name,
          n: forecasts.length,
          ...(score === undefined ? {} : { mae: score }),
          issues: forecasts.map((f, k) => ({
            ...f,
            ...(intervals ? { low: intervals[k]?.low, high: intervals[k]?.high } : {}),
          })),
          ...(perRound ? { rounds: perRound.map((r) => ({ median: r.median, mean: r.mean })) } : {}),
        });
        return;
      }
      line(ctx.io, `${model.name} on ${file}: ${forecasts.length} issue${forecasts.length === 1 ? '' : 's'}`);
      const headers = ['issue', 'forecast', ...(intervals ? ['95% interval'] : []), 'outcome', 'error'];
      line(
        ctx.io,
        table(
          headers,
          forecasts.map((f, k) => [
            f.id,
            f2(f.forecast),
            ...(intervals ? [`${f2(intervals[k]?.low)} – ${f2(intervals[k]?.high)}`] : []),
            f2(f.outcome),
            f2(f.error),
          ]),
        ),
      );
      if (perRound) {
        line(ctx.io);
        line(
          ctx.io,
          table(
            ['round', 'median', 'mean'],
            perRound.map((r, t) => [t + 1, f2(r.median), f2(r.mean)]),
          ),
        );
      }
      if (score !== undefined) {
        const scored = forecasts.filter((f) => f.error !== undefined).length;
        line(ctx.io);
        line(ctx.io, `MAE ${f2(score)} over ${scored} issue${scored === 1 ? '' : 's'} with a known outcome`);
        if (fromDeu(file, forecasts)) line(ctx.io, DEU_CREDIT);
      }
      if (intervals)
        line(
          ctx.io,
          `Intervals: ${runs} runs, seed ${seed}, position noise sd ${noise.position} of the scale, salience noise sd ${noise.salience}`,
        );
    });
}
