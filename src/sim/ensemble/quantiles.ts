/**
 * The ensemble's weekly series as quantile bands: for every week and series the 5, 25, 50, 75 and 95%
 * quantiles over runs, written as CSV (week,date,series,q05,q25,q50,q75,q95), and each run's finals as a
 * second CSV (one row a run). Numbers are written with fixed rounding so the files are the same bytes
 * for the same runs.
 */
import { stringify } from 'csv-stringify/sync';
import {
  type CompiledModel,
  NEGOTIATION_STAGES,
  type RunResult,
  SERIES,
  type SeriesName,
} from '../system/model.js';
import { quantile, weekDate } from './summary.js';

export const QUANTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** What each series measures, for chart titles and documentation. */
export const SERIES_LABELS: Readonly<Record<SeriesName, string>> = Object.freeze({
  tension: 'Tension (0–1)',
  violence: 'Violence (0–1)',
  eliteTrust: 'Trust between elites (0–1)',
  societalTrust: 'Trust between societies (0–1)',
  support: 'Public support for peace (0–1)',
  legitimacy: 'Legitimacy of the process (0–1)',
  ideas: 'Ideas taken up by officials (0–1)',
  negotiationStage: 'Negotiation stage (0 pre-negotiation … 4 implementation)',
  officialChannel: 'Official channel open (share of runs)',
});

export interface SeriesQuantiles {
  readonly start: string;
  readonly weeks: number;
  readonly runs: number;
  /** SERIES.length × weeks × QUANTILE_LEVELS.length values: series, then week, then level. */
  readonly values: Float64Array;
}

/** The quantile at `level` (an index into QUANTILE_LEVELS) of `series` in `week`. */
export function quantileAt(q: SeriesQuantiles, series: number, week: number, level: number): number {
  return q.values[(series * q.weeks + week) * QUANTILE_LEVELS.length + level] ?? NaN;
}

/** Quantiles over runs of every series in every week; the runs must have kept their series. */
export function seriesQuantiles(
  model: Pick<CompiledModel, 'start' | 'weeks'>,
  results: readonly RunResult[],
): SeriesQuantiles {
  const { weeks } = model;
  const n = results.length;
  const size = SERIES.length * weeks;
  for (const r of results)
    if (r.series.length !== size)
      throw new Error(`run ${r.run} has ${r.series.length} series values, expected ${size} (keepSeries)`);
  const values = new Float64Array(size * QUANTILE_LEVELS.length);
  const column = new Float64Array(n);
  for (let at = 0; at < size; at++) {
    for (let i = 0; i < n; i++) column[i] = (results[i] as RunResult).series[at] ?? NaN;
    column.sort();
    QUANTILE_LEVELS.forEach((p, l) => {
      values[at * QUANTILE_LEVELS.length + l] = quantile(column, p);
    });
  }
  return { start: model.start, weeks, runs: n, values };
}

/** Fixed formatting for files: at most six decimals, no trailing zeros, no "-0". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const v = Number(value.toFixed(6));
  return Object.is(v, -0) ? '0' : String(v);
}

export const QUANTILE_COLUMNS = ['week', 'date', 'series', 'q05', 'q25', 'q50', 'q75', 'q95'] as const;

/** week,date,series,q05,q25,q50,q75,q95: one row per week and series (series in SERIES order per week). */
export function quantilesCsv(q: SeriesQuantiles): string {
  const rows: string[][] = [];
  for (let week = 0; week < q.weeks; week++) {
    const date = weekDate(q.start, week);
    SERIES.forEach((name, s) => {
      rows.push([
        String(week),
        date,
        name,
        ...QUANTILE_LEVELS.map((_, l) => formatNumber(quantileAt(q, s, week, l))),
      ]);
    });
  }
  return stringify(rows, { header: true, columns: [...QUANTILE_COLUMNS] });
}

const stageColumn = (stage: string) => stage.replace(/-/g, '_');

export const FINALS_COLUMNS = [
  'run',
  'final_tension',
  'peak_tension',
  'peak_violence',
  'weeks_at_war',
  'relapses',
  'relapsed_after_agreement',
  ...NEGOTIATION_STAGES.flatMap((s) => [`${stageColumn(s)}_week`, `${stageColumn(s)}_date`]),
] as const;

/** One row per run: its finals and the first week (and date) it reached each stage, empty when never. */
export function finalsCsv(start: string, results: readonly RunResult[]): string {
  const rows = results.map((r) => [
    String(r.run),
    formatNumber(r.finalTension),
    formatNumber(r.peakTension),
    formatNumber(r.peakViolence),
    String(r.weeksAtWar),
    String(r.relapses),
    r.relapsedAfterAgreement ? 'true' : 'false',
    ...NEGOTIATION_STAGES.flatMap((_, k) => {
      const week = r.reached[k] ?? -1;
      return week >= 0 ? [String(week), weekDate(start, week)] : ['', ''];
    }),
  ]);
  return stringify(rows, { header: true, columns: [...FINALS_COLUMNS] });
}
