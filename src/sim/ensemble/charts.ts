/**
 * Charts of an ensemble as plain SVG text: a fan chart per series (the 5–95% and 25–75% bands of runs and
 * the median, week by week) and the cumulative chance of having reached each negotiation stage by each
 * week, one line style per strategy. Each chart has a title, axes with labels, a legend and the data
 * credit of the calibration. Numbers are written with fixed rounding, so the same input gives the same
 * bytes.
 */
import { nice, ticks } from 'd3-array';
import { NEGOTIATION_STAGES, type RunResult, SERIES, type SeriesName } from '../system/model.js';
import { QUANTILE_LEVELS, SERIES_LABELS, type SeriesQuantiles, quantileAt } from './quantiles.js';
import { weekDate } from './summary.js';

/** The data the stage machine is calibrated on, credited under every chart. */
export const CALIBRATION_CREDIT =
  'Calibration: PA-X Peace Agreements Database (PeaceRep, University of Edinburgh); UCDP/PRIO Armed Conflict Dataset';

const WIDTH = 820;
const HEIGHT = 460;
const LEFT = 64;
const RIGHT = 210;
const TOP = 62;
const BOTTOM = 96;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/** Okabe–Ito colours: distinguishable with colour-vision deficiencies. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];
const DASHES = ['', '7 4', '2 3', '10 3 2 3'];

/** A coordinate with two decimals, never "-0". */
function c(value: number): string {
  const v = Number(value.toFixed(2));
  return Object.is(v, -0) ? '0' : String(v);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Frame {
  readonly weeks: number;
  readonly start: string;
  readonly y0: number;
  readonly y1: number;
}

const xOf = (f: Frame, week: number) => LEFT + (f.weeks > 1 ? (week / (f.weeks - 1)) * PLOT_W : PLOT_W / 2);
const yOf = (f: Frame, v: number) => TOP + PLOT_H * (1 - (v - f.y0) / (f.y1 - f.y0 || 1));

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${c(x)}" y="${c(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** Title, subtitle, axes with ticks and labels, and the credit line. */
function frame(
  f: Frame,
  title: string,
  subtitle: string,
  yLabel: string,
  yFormat: (v: number) => string,
): string[] {
  const out: string[] = [];
  out.push(text(LEFT, 26, title, 'font-size="17" font-weight="bold"'));
  out.push(text(LEFT, 46, subtitle, 'font-size="12" fill="#444"'));
  const bottom = TOP + PLOT_H;
  out.push(
    `<g stroke="#999" stroke-width="1"><line x1="${c(LEFT)}" y1="${c(bottom)}" x2="${c(LEFT + PLOT_W)}" y2="${c(bottom)}"/><line x1="${c(LEFT)}" y1="${c(TOP)}" x2="${c(LEFT)}" y2="${c(bottom)}"/></g>`,
  );
  const yTicks = ticks(f.y0, f.y1, 5);
  out.push('<g font-size="11" text-anchor="end">');
  for (const v of yTicks) {
    const y = yOf(f, v);
    out.push(
      `<line x1="${c(LEFT)}" y1="${c(y)}" x2="${c(LEFT + PLOT_W)}" y2="${c(y)}" stroke="#e5e5e5" stroke-width="1"/>`,
    );
    out.push(text(LEFT - 6, y + 4, yFormat(v)));
  }
  out.push('</g>');
  const xTicks = ticks(0, Math.max(0, f.weeks - 1), 8).filter((w) => Number.isInteger(w));
  out.push('<g font-size="11" text-anchor="middle">');
  for (const w of xTicks) {
    const x = xOf(f, w);
    out.push(`<line x1="${c(x)}" y1="${c(bottom)}" x2="${c(x)}" y2="${c(bottom + 5)}" stroke="#999"/>`);
    out.push(text(x, bottom + 18, String(w)));
    out.push(text(x, bottom + 32, weekDate(f.start, w).slice(0, 7), 'fill="#666"'));
  }
  out.push('</g>');
  out.push(
    text(
      LEFT + PLOT_W / 2,
      bottom + 52,
      `week (week 0 = ${weekDate(f.start, 0)}; second row: year-month)`,
      'font-size="12" text-anchor="middle"',
    ),
  );
  out.push(
    text(
      18,
      TOP + PLOT_H / 2,
      yLabel,
      `font-size="12" text-anchor="middle" transform="rotate(-90 18 ${c(TOP + PLOT_H / 2)})"`,
    ),
  );
  out.push(text(LEFT, HEIGHT - 12, CALIBRATION_CREDIT, 'font-size="10" fill="#555"'));
  return out;
}

function svg(title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

interface LegendItem {
  readonly label: string;
  /** A swatch: a filled box or a line with a colour and a dash pattern. */
  readonly fill?: string;
  readonly opacity?: number;
  readonly stroke?: string;
  readonly dash?: string;
}

function legend(items: readonly LegendItem[], heading: string): string[] {
  const x = LEFT + PLOT_W + 20;
  const out = [`<g font-size="11">`, text(x, TOP + 4, heading, 'font-weight="bold"')];
  items.forEach((item, i) => {
    const y = TOP + 24 + i * 20;
    if (item.fill)
      out.push(
        `<rect x="${c(x)}" y="${c(y - 9)}" width="22" height="12" fill="${item.fill}" fill-opacity="${item.opacity ?? 1}"/>`,
      );
    else
      out.push(
        `<line x1="${c(x)}" y1="${c(y - 3)}" x2="${c(x + 22)}" y2="${c(y - 3)}" stroke="${item.stroke ?? '#000'}" stroke-width="2"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`,
      );
    out.push(text(x + 28, y + 1, item.label));
  });
  out.push('</g>');
  return out;
}

export interface FanChartInput {
  readonly series: SeriesName;
  readonly quantiles: SeriesQuantiles;
  /** Scenario and strategy, and how the runs were made, for the subtitle. */
  readonly scenario: string;
  readonly strategy: string;
  readonly seed: number;
}

/** A fan chart of one series: bands of runs over the weeks, and the median. */
export function fanChart(input: FanChartInput): string {
  const { quantiles: q } = input;
  const s = SERIES.indexOf(input.series);
  const lo = QUANTILE_LEVELS.indexOf(0.05);
  const q25 = QUANTILE_LEVELS.indexOf(0.25);
  const mid = QUANTILE_LEVELS.indexOf(0.5);
  const q75 = QUANTILE_LEVELS.indexOf(0.75);
  const hi = QUANTILE_LEVELS.indexOf(0.95);
  let min = 0;
  let max = 1;
  for (let w = 0; w < q.weeks; w++) {
    min = Math.min(min, quantileAt(q, s, w, lo));
    max = Math.max(max, quantileAt(q, s, w, hi));
  }
  const [y0, y1] = nice(min, max, 5);
  const f: Frame = { weeks: q.weeks, start: q.start, y0, y1 };
  const path = (level: number) =>
    Array.from({ length: q.weeks }, (_, w) => `${c(xOf(f, w))},${c(yOf(f, quantileAt(q, s, w, level)))}`);
  const band = (low: number, high: number) => {
    const upper = path(high);
    const lower = path(low).reverse();
    return `M${upper.join('L')}L${lower.join('L')}Z`;
  };
  const colour = COLOURS[0] as string;
  const label = SERIES_LABELS[input.series];
  const title = `${label}: ${input.scenario}`;
  const body = [
    ...frame(
      f,
      title,
      `strategy ${input.strategy}; ${q.runs} runs, seed ${input.seed}; bands of runs week by week`,
      label,
      (v) => String(Number(v.toFixed(4))),
    ),
    `<path d="${band(lo, hi)}" fill="${colour}" fill-opacity="0.18" stroke="none"/>`,
    `<path d="${band(q25, q75)}" fill="${colour}" fill-opacity="0.38" stroke="none"/>`,
    `<path d="M${path(mid).join('L')}" fill="none" stroke="${colour}" stroke-width="2"/>`,
    ...legend(
      [
        { label: '5–95% of runs', fill: colour, opacity: 0.18 },
        { label: '25–75% of runs', fill: colour, opacity: 0.38 },
        { label: 'median', stroke: colour },
      ],
      'Runs',
    ),
  ];
  return svg(title, body);
}

/**
 * Cumulative chance of having reached each stage by each week: per stage (in NEGOTIATION_STAGES order)
 * the share of runs whose first week at the stage is at or before that week.
 */
export function stageCurves(results: readonly RunResult[], weeks: number): Float64Array[] {
  return NEGOTIATION_STAGES.map((_, k) => {
    const counts = new Float64Array(weeks);
    for (const r of results) {
      const week = r.reached[k] ?? -1;
      if (week >= 0 && week < weeks) counts[week] = (counts[week] ?? 0) + 1;
    }
    let sum = 0;
    for (let w = 0; w < weeks; w++) {
      sum += counts[w] ?? 0;
      counts[w] = results.length > 0 ? sum / results.length : 0;
    }
    return counts;
  });
}

export interface StageChartInput {
  readonly scenario: string;
  readonly start: string;
  readonly weeks: number;
  readonly runs: number;
  readonly seed: number;
  /** One entry per strategy: its name and stageCurves of its runs. */
  readonly strategies: readonly { readonly strategy: string; readonly curves: readonly Float64Array[] }[];
}

/** Cumulative chance of reaching each agreement stage by week: colour per stage, dash per strategy. */
export function stageChart(input: StageChartInput): string {
  const f: Frame = { weeks: input.weeks, start: input.start, y0: 0, y1: 1 };
  const stages = NEGOTIATION_STAGES.map((stage, k) => ({ stage, k })).slice(1);
  const lines: string[] = [];
  input.strategies.forEach(({ curves }, si) => {
    const dash = DASHES[si % DASHES.length] as string;
    for (const { k } of stages) {
      const curve = curves[k];
      if (!curve) continue;
      const points = Array.from(curve, (v, w) => `${c(xOf(f, w))},${c(yOf(f, v))}`);
      lines.push(
        `<path d="M${points.join('L')}" fill="none" stroke="${COLOURS[(k - 1) % COLOURS.length]}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      );
    }
  });
  const names = input.strategies.map((s) => s.strategy);
  const title = `Chance of reaching each stage by week: ${input.scenario}`;
  const items: LegendItem[] = [
    ...stages.map(({ stage, k }) => ({ label: stage, stroke: COLOURS[(k - 1) % COLOURS.length] })),
    ...(names.length > 1
      ? names.map((name, si) => ({ label: name, stroke: '#333', dash: DASHES[si % DASHES.length] }))
      : []),
  ];
  const body = [
    ...frame(
      f,
      title,
      `${names.join(' vs ')}; ${input.runs} runs each, seed ${input.seed}; share of runs that have reached the stage by each week`,
      'share of runs that have reached the stage',
      (v) => `${Math.round(v * 100)}%`,
    ),
    ...lines,
    ...legend(items, names.length > 1 ? 'Stage / strategy' : 'Stage'),
  ];
  return svg(title, body);
}
