/**
 * Reproduces the tuning of the multi-track model's Track 1 parameters (docs/negotiation.md, "Tuning"):
 * the grid on deu-issues-dev.tsv (β × α × bottom lines × settle × decision, 160 settings), its best
 * settings, the best setting for each α (α = 0 is the model without dynamics), and the grid search
 * repeated inside grouped 5-fold cross-validation (folds by legislative proposal, `prnr`; three seeded
 * fold assignments), each fold's setting chosen on the other four and scored on it. Deterministic.
 * Run: `npx tsx bench/tune-negotiation.ts [--seeds 1,2,3] [--folds 5]`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Issue } from '../src/sim/negotiation/issue.js';
import {
  MULTITRACK_DEFAULTS,
  type MultitrackOptions,
  multitrack,
} from '../src/sim/negotiation/multitrack.js';
import { readIssuesText } from '../src/sim/negotiation/read.js';
import { compromise } from '../src/sim/negotiation/spatial.js';
import { stream } from '../src/sim/rng.js';

const DEU = join(import.meta.dirname, '..', '..', 'shared', 'data', 'deu', 'deu-issues-dev.tsv');

export const BETAS = [0.25, 0.5, 0.75, 1] as const;
export const ALPHAS = [0, 0.05, 0.1, 0.2, 0.3] as const;
/** Bottom lines (θ₀, θ₁): the defaults, and tighter ones. */
export const THETAS = [
  [0.25, 0.5],
  [0.1, 0.25],
] as const;
export const SETTLES = ['tabled', 'mean'] as const;
export const DECISIONS = ['ignore', 'rule'] as const;

export interface Setting {
  readonly beta: number;
  readonly alpha: number;
  readonly theta: readonly [number, number];
  readonly settle: 'tabled' | 'mean';
  readonly decision: 'ignore' | 'rule';
}

/** The grid, in a fixed order (ties go to the first). */
export function grid(): Setting[] {
  const out: Setting[] = [];
  for (const beta of BETAS)
    for (const alpha of ALPHAS)
      for (const theta of THETAS)
        for (const settle of SETTLES)
          for (const decision of DECISIONS) out.push({ beta, alpha, theta, settle, decision });
  return out;
}

export function optionsOf(s: Setting): MultitrackOptions {
  return {
    ...MULTITRACK_DEFAULTS,
    salienceExponent: s.beta,
    concession: s.alpha,
    bottomLine: s.theta[0],
    bottomLineSlack: s.theta[1],
    settle: s.settle,
    decision: s.decision,
  };
}

export function describeSetting(s: Setting): string {
  return `β=${s.beta} α=${s.alpha} θ=(${s.theta[0]}, ${s.theta[1]}) settle=${s.settle} decision=${s.decision}`;
}

/** Absolute errors of every setting on every issue: errors[setting][issue]. */
export function errorTable(settings: readonly Setting[], issues: readonly Issue[]): Float64Array[] {
  return settings.map((s) => {
    const options = optionsOf(s);
    return Float64Array.from(issues, (i) => Math.abs(multitrack(i, options, 10).forecast - (i.outcome ?? 0)));
  });
}

function meanAt(errors: Float64Array, at: readonly number[]): number {
  let sum = 0;
  for (const k of at) sum += errors[k] ?? 0;
  return at.length > 0 ? sum / at.length : NaN;
}

/** The setting with the lowest mean error over the issues `at` (the first on a tie). */
export function best(errors: readonly Float64Array[], at: readonly number[]): number {
  let chosen = 0;
  let low = Infinity;
  errors.forEach((e, k) => {
    const m = meanAt(e, at);
    if (m < low) {
      low = m;
      chosen = k;
    }
  });
  return chosen;
}

/** Fold of every issue: proposals (`group`) shuffled with the seeded stream, dealt round-robin. */
export function foldsByGroup(issues: readonly Issue[], folds: number, seed: number): number[] {
  const groups = [...new Set(issues.map((i) => i.group ?? i.id))];
  const rng = stream(seed, 0);
  for (let k = groups.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [groups[k], groups[j]] = [groups[j] ?? '', groups[k] ?? ''];
  }
  const foldOf = new Map(groups.map((g, k) => [g, k % folds]));
  return issues.map((i) => foldOf.get(i.group ?? i.id) ?? 0);
}

export interface CrossValidation {
  readonly seed: number;
  /** Mean held-out error over all issues, each predicted by the setting chosen without its fold. */
  readonly heldOut: number;
  readonly chosen: readonly string[];
}

export function crossValidate(
  settings: readonly Setting[],
  errors: readonly Float64Array[],
  issues: readonly Issue[],
  folds: number,
  seed: number,
): CrossValidation {
  const fold = foldsByGroup(issues, folds, seed);
  let sum = 0;
  const chosen: string[] = [];
  for (let f = 0; f < folds; f++) {
    const train = fold.flatMap((g, k) => (g === f ? [] : [k]));
    const test = fold.flatMap((g, k) => (g === f ? [k] : []));
    const pick = best(errors, train);
    chosen.push(describeSetting(settings[pick] as Setting));
    for (const k of test) sum += errors[pick]?.[k] ?? 0;
  }
  return { seed, heldOut: sum / issues.length, chosen };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seeds: { type: 'string', default: '1,2,3' }, folds: { type: 'string', default: '5' } },
  });
  const seeds = values.seeds.split(',').map(Number);
  const folds = Number(values.folds);
  if (seeds.some((s) => !Number.isInteger(s)) || !Number.isInteger(folds) || folds < 2)
    throw new Error('--seeds takes integers (1,2,3) and --folds an integer of 2 or more');
  const reading = readIssuesText(DEU, await readFile(DEU, 'utf8'));
  if (!reading.ok) throw new Error(`cannot read ${DEU}`);
  const issues = reading.set.issues.filter((i) => i.outcome !== undefined);
  const all = issues.map((_, k) => k);
  const base = issues.reduce((a, i) => a + Math.abs(compromise(i) - (i.outcome ?? 0)), 0) / issues.length;
  const settings = grid();
  const errors = errorTable(settings, issues);
  const maes = errors.map((e) => meanAt(e, all));
  const order = maes.map((_, k) => k).sort((a, b) => (maes[a] ?? 0) - (maes[b] ?? 0) || a - b);
  const f2 = (v: number | undefined) => (v ?? NaN).toFixed(2);

  console.log(
    `Multi-track model on ${DEU.split('/').pop()}: ${issues.length} issues with outcomes, 10 rounds; compromise MAE ${f2(base)}`,
  );
  console.log(
    `Grid: β ∈ {${BETAS.join(', ')}}, α ∈ {${ALPHAS.join(', ')}}, (θ₀, θ₁) ∈ {${THETAS.map((t) => `(${t.join(', ')})`).join(', ')}}, settle ∈ {${SETTLES.join(', ')}}, decision ∈ {${DECISIONS.join(', ')}}: ${settings.length} settings\n`,
  );
  console.log('The 10 best settings (in-sample):\n');
  console.log('| rank | β | α | θ₀, θ₁ | settle | decision | MAE |');
  console.log('|---:|---:|---:|---|---|---|---:|');
  order.slice(0, 10).forEach((k, r) => {
    const s = settings[k] as Setting;
    console.log(
      `| ${r + 1} | ${s.beta} | ${s.alpha} | ${s.theta.join(', ')} | ${s.settle} | ${s.decision} | ${f2(maes[k])} |`,
    );
  });
  console.log(
    '\nThe best setting for each α (α = 0: officials never move; the forecast is the settled opening positions):\n',
  );
  console.log('| α | β | θ₀, θ₁ | settle | decision | MAE |');
  console.log('|---:|---:|---|---|---|---:|');
  for (const alpha of ALPHAS) {
    const k = order.find((j) => settings[j]?.alpha === alpha) ?? 0;
    const s = settings[k] as Setting;
    console.log(
      `| ${alpha} | ${s.beta} | ${s.theta.join(', ')} | ${s.settle} | ${s.decision} | ${f2(maes[k])} |`,
    );
  }
  const d = settings.findIndex(
    (s) =>
      s.beta === MULTITRACK_DEFAULTS.salienceExponent &&
      s.alpha === MULTITRACK_DEFAULTS.concession &&
      s.theta[0] === MULTITRACK_DEFAULTS.bottomLine &&
      s.theta[1] === MULTITRACK_DEFAULTS.bottomLineSlack &&
      s.settle === MULTITRACK_DEFAULTS.settle &&
      s.decision === MULTITRACK_DEFAULTS.decision,
  );
  console.log(
    `\nThe defaults (${describeSetting(settings[d] as Setting)}): MAE ${f2(maes[d])}, rank ${order.indexOf(d) + 1} of ${settings.length}`,
  );
  console.log(
    `\nGrouped ${folds}-fold cross-validation (folds by proposal; the grid searched on ${folds - 1} folds, scored on the fifth):\n`,
  );
  console.log('| seed | held-out MAE | vs compromise | settings chosen in the folds |');
  console.log('|---:|---:|---:|---|');
  for (const seed of seeds) {
    const cv = crossValidate(settings, errors, issues, folds, seed);
    const distinct = [...new Set(cv.chosen)].map((c) => `${c} (×${cv.chosen.filter((x) => x === c).length})`);
    console.log(
      `| ${seed} | ${f2(cv.heldOut)} | ${cv.heldOut - base >= 0 ? '+' : ''}${f2(cv.heldOut - base)} | ${distinct.join('; ')} |`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
