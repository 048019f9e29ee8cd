/**
 * The empirical side of the calibration (docs/model.md, Calibration): from PA-X agreements, each peace
 * process's dated path through the negotiation stages and the targets the stage machine is fitted to
 * (how soon processes move on from each stage, how far they get); from the UCDP/PRIO Armed Conflict
 * Dataset, conflict episodes and how often ended ones recur; from the UCDP Peace Agreement Dataset, the
 * share of agreements that ended their conflict. Pure: text in, figures out. Rows are read by the
 * importers' own readers (ingest/pax.ts `readRow`, ingest/ucdp.ts `readUcdpConflicts`).
 *
 * A process's path. Its agreements in date order (then AgtId) are read as the running highest stage:
 * Pre 0, Cea 1, SubPar 2, SubComp 3, Imp 4. An agreement of a higher stage than any before is a record:
 * the process reaches that stage on that date (and, in the model's terms, passes the stages it skips on
 * the same day). Renewals (Ren) and other agreements (Oth) never change the stage; an implementation
 * agreement (Imp) counts as implementation only after a comprehensive agreement (before one it carries
 * out a ceasefire or a partial deal, the "settled" reading of ingest/pax.ts). Later agreements of a
 * lower stage do not lower it: a path is a first-passage record, as the engine's `reached` is.
 *
 * Processes whose first agreement is already substantive (or a ceasefire) are left-truncated: what came
 * before is not in the data. They count from their entry stage on — the date of the first agreement of
 * a stage is observed, so the time spent at it is too — but not in the reach shares, which are taken
 * over the processes whose path starts at Pre (where the model starts).
 *
 * Censoring. A process still at a stage when the data end (by default the latest agreement date in the
 * file) is censored there; times to move on are estimated by Kaplan–Meier. For UCDP, an episode counts
 * in the recurrence share for a window of N years only if the data run N years past its last active
 * year, whether it recurred or not.
 */
import { earliest } from '../../domain/date.js';
import {
  type Column,
  type PaxRow,
  type PaxStage,
  REQUIRED as PAX_REQUIRED,
  readRow,
} from '../../ingest/pax.js';
import { readSheet } from '../../ingest/csv-sheet.js';
import { readUcdpConflicts } from '../../ingest/ucdp.js';
import { scramble } from '../rng.js';

export class CalibrationDataError extends Error {}

/** PA-X stages in the order of the model's negotiation stages (model.ts NEGOTIATION_STAGES). */
export const PATH_STAGES = ['Pre', 'Cea', 'SubPar', 'SubComp', 'Imp'] as const;
export type PathStage = (typeof PATH_STAGES)[number];

/** Five years in weeks: the window of the fitted shares (moving on, recurrence). */
export const WINDOW_WEEKS = 260;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a (partial) date, taken at its earliest day. */
export function dayOf(date: string): number {
  const [y, m, d] = earliest(date).split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

// ---------------------------------------------------------------------------------------------------
// PA-X processes

export interface PathStep {
  /** Stage index 0–4 (PATH_STAGES). */
  readonly stage: number;
  readonly date: string;
  readonly agreement: string;
}

export interface PaxProcess {
  /** PA-X `PP`. */
  readonly id: string;
  readonly name: string;
  readonly agreements: number;
  /** Stage and date of its first agreement (any stage). */
  readonly firstStage: PaxStage;
  readonly firstDate: string;
  /** The records of its running highest stage (see the module comment); empty when none counts. */
  readonly path: readonly PathStep[];
  /** Whether it has a ceasefire, and whether a ceasefire or renewal follows its first one. */
  readonly ceasefire: boolean;
  readonly ceasefireRepeated: boolean;
}

export interface RowProblem {
  readonly row: number;
  readonly reason: string;
}

export interface PaxReading {
  readonly file: string;
  readonly agreements: number;
  readonly processes: readonly PaxProcess[];
  /** Rows the PA-X reader rejected, with its reasons. */
  readonly rejected: readonly RowProblem[];
  /** The latest agreement date: where the data end, unless a later end is given. */
  readonly latestDate: string;
}

const STAGE_RANK: Readonly<Partial<Record<PaxStage, number>>> = {
  Pre: 0,
  Cea: 1,
  SubPar: 2,
  SubComp: 3,
  Imp: 4,
};

/** The path of one process from its agreements (see the module comment). */
export function stagePath(
  agreements: readonly { readonly date: string; readonly id: string; readonly stage: PaxStage }[],
): PathStep[] {
  const sorted = [...agreements].sort(
    (a, b) => dayOf(a.date) - dayOf(b.date) || a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
  const path: PathStep[] = [];
  let highest = -1;
  let comprehensive = false;
  for (const a of sorted) {
    const rank = STAGE_RANK[a.stage];
    if (rank === undefined) continue;
    if (a.stage === 'Imp' && !comprehensive) continue;
    if (a.stage === 'SubComp') comprehensive = true;
    if (rank > highest) {
      path.push({ stage: rank, date: a.date, agreement: a.id });
      highest = rank;
    }
  }
  return path;
}

/**
 * Reads a PA-X agreements CSV into processes. Missing columns and malformed CSV are errors naming the
 * file (and the row); rows the PA-X reader rejects are listed and left out.
 */
export function readPaxProcesses(text: string, file: string): PaxReading {
  const sheet = readSheet(text);
  const index = new Map<string, number>();
  sheet.header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (!index.has(name)) index.set(name, i);
  });
  const missing = PAX_REQUIRED.filter((c) => !index.has(c.toLowerCase()));
  if (missing.length > 0)
    throw new CalibrationDataError(
      `${file}: not a PA-X agreements file: missing column(s) ${missing.join(', ')} (expected the PA-X columns ${PAX_REQUIRED.join(', ')}; the calibration reads PP, PPName, AgtId, Dat and Stage)`,
    );
  if (sheet.error) throw new CalibrationDataError(`${file}:${sheet.error.row}: ${sheet.error.message}`);
  const rows: PaxRow[] = [];
  const rejected: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const cell = (name: Column) => {
      const i = index.get(name.toLowerCase());
      return i === undefined ? '' : (row.cells[i] ?? '');
    };
    const read = readRow(row, cell, seen);
    if (typeof read === 'string') rejected.push({ row: row.row, reason: read });
    else rows.push(read);
  }
  if (rows.length === 0)
    throw new CalibrationDataError(
      `${file}: no PA-X agreement could be read (${rejected.length} row(s) rejected${rejected[0] ? `; row ${rejected[0].row}: ${rejected[0].reason}` : ''})`,
    );
  const byProcess = new Map<string, PaxRow[]>();
  for (const r of rows) byProcess.set(r.pp, [...(byProcess.get(r.pp) ?? []), r]);
  const processes = [...byProcess]
    .map(([id, list]): PaxProcess => {
      const agreements = list.map((r) => ({ date: r.date, id: r.agtId, stage: r.stage }));
      const first = [...list].sort(
        (a, b) => dayOf(a.date) - dayOf(b.date) || a.agtId.localeCompare(b.agtId, 'en', { numeric: true }),
      )[0] as PaxRow;
      const ceasefires = list.filter((r) => r.stage === 'Cea').map((r) => dayOf(r.date));
      const firstCeasefire = Math.min(...ceasefires);
      return {
        id,
        name: first.ppName,
        agreements: list.length,
        firstStage: first.stage,
        firstDate: first.date,
        path: stagePath(agreements),
        ceasefire: ceasefires.length > 0,
        ceasefireRepeated: list.some(
          (r) => (r.stage === 'Cea' || r.stage === 'Ren') && dayOf(r.date) > firstCeasefire,
        ),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const latest = rows.reduce((m, r) => (dayOf(r.date) > dayOf(m) ? r.date : m), rows[0]?.date ?? '');
  return { file, agreements: rows.length, processes, rejected, latestDate: latest };
}

// ---------------------------------------------------------------------------------------------------
// Kaplan–Meier

export interface Spell {
  readonly time: number;
  /** True when the spell ended in the event; false when censored at `time`. */
  readonly event: boolean;
}

export interface SurvivalCurve {
  /** Event times in increasing order, and the survival just after each. */
  readonly times: readonly number[];
  readonly survival: readonly number[];
}

/** The Kaplan–Meier estimate (events before censorings at tied times). */
export function kaplanMeier(spells: readonly Spell[]): SurvivalCurve {
  const sorted = [...spells].sort((a, b) => a.time - b.time || Number(b.event) - Number(a.event));
  const times: number[] = [];
  const survival: number[] = [];
  let atRisk = sorted.length;
  let s = 1;
  for (let i = 0; i < sorted.length;) {
    const t = (sorted[i] as Spell).time;
    let events = 0;
    let all = 0;
    while (i < sorted.length && (sorted[i] as Spell).time === t) {
      if ((sorted[i] as Spell).event) events++;
      all++;
      i++;
    }
    if (events > 0) {
      s *= 1 - events / atRisk;
      times.push(t);
      survival.push(s);
    }
    atRisk -= all;
  }
  return { times, survival };
}

/** S(t): the share still waiting at time t. */
export function survivalAt(curve: SurvivalCurve, t: number): number {
  let s = 1;
  for (let i = 0; i < curve.times.length && (curve.times[i] as number) <= t; i++)
    s = curve.survival[i] as number;
  return s;
}

/** The time by which a share p has had the event (S ≤ 1 − p), or null when the curve never gets there. */
export function kmQuantile(curve: SurvivalCurve, p: number): number | null {
  for (let i = 0; i < curve.times.length; i++)
    if ((curve.survival[i] as number) <= 1 - p + 1e-12) return curve.times[i] as number;
  return null;
}

/** Quartiles of plain numbers (linear interpolation between order statistics), null when empty. */
export function quartiles(values: readonly number[]): [number, number, number] | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const x = q * (v.length - 1);
    const lo = Math.floor(x);
    const hi = Math.min(v.length - 1, lo + 1);
    return (v[lo] as number) + (x - lo) * ((v[hi] as number) - (v[lo] as number));
  };
  return [at(0.25), at(0.5), at(0.75)];
}

// ---------------------------------------------------------------------------------------------------
// PA-X targets

/** How processes move on from one stage to the next higher one. */
export interface TransitionFigures {
  readonly from: PathStep['stage'];
  readonly label: string;
  /** Spells at the stage: processes whose path has it. */
  readonly atRisk: number;
  /** Spells that ended by reaching a higher stage. */
  readonly advanced: number;
  /** Share that moved on within WINDOW_WEEKS (Kaplan–Meier): the fitted statistic. */
  readonly advanceWithin5y: number;
  /** Kaplan–Meier quartiles of the weeks to move on (null when fewer than that share ever do). */
  readonly kmQuartiles: readonly [number | null, number | null, number | null];
  /** Quartiles of the weeks among the spells that did end (descriptive; biased short by censoring). */
  readonly observedQuartiles: readonly [number, number, number] | null;
}

export interface PaxTargets {
  readonly processes: number;
  readonly agreements: number;
  /** Where the data end (censoring date). */
  readonly dataEnd: string;
  /** Processes by the stage their path starts at; "none" when no agreement marks a stage. */
  readonly entry: Readonly<Record<PathStage | 'none', number>>;
  /** Pre→Cea, Cea→SubPar, SubPar→SubComp, SubComp→Imp. */
  readonly transitions: readonly TransitionFigures[];
  /** Of the processes whose path starts at Pre: how many, and the share that reached Cea, SubPar, SubComp, Imp by the data's end. */
  readonly reach: { readonly fromPre: number; readonly shares: readonly number[] };
  /** Weeks from the first Pre agreement to the data's end, per process starting at Pre (for the simulated reach). */
  readonly followUpWeeks: readonly number[];
  /** A proxy for breakdown: processes with a ceasefire, and the share with a later ceasefire or renewal. */
  readonly ceasefireRepeat: {
    readonly withCeasefire: number;
    readonly repeated: number;
    readonly share: number;
  };
}

const TRANSITION_LABELS = ['Pre → Cea', 'Cea → SubPar', 'SubPar → SubComp', 'SubComp → Imp'];

/**
 * The first passage through every stage from the path's first: a stage skipped is passed on the date of
 * the record that skips it (the engine's `reached` has every stage from the start on).
 */
export function firstPassage(path: readonly PathStep[]): PathStep[] {
  const out: PathStep[] = [];
  for (const step of path) {
    const from = out.length === 0 ? step.stage : (out[out.length - 1] as PathStep).stage + 1;
    for (let k = from; k <= step.stage; k++) out.push({ ...step, stage: k });
  }
  return out;
}

/** Spells at each stage 0–3 from paths dated in any unit, censored at `endWeekOf(path index)`. */
export function stageSpells(
  paths: readonly (readonly { readonly stage: number; readonly week: number }[])[],
  endWeekOf: (i: number) => number,
): Spell[][] {
  const spells: Spell[][] = [[], [], [], []];
  paths.forEach((path, i) => {
    path.forEach((step, j) => {
      if (step.stage > 3) return;
      const next = path[j + 1];
      spells[step.stage]?.push(
        next
          ? { time: next.week - step.week, event: true }
          : { time: endWeekOf(i) - step.week, event: false },
      );
    });
  });
  return spells;
}

/** Figures of one transition from its spells. */
export function transitionFigures(from: number, spells: readonly Spell[]): TransitionFigures {
  const curve = kaplanMeier(spells);
  const done = spells.filter((s) => s.event).map((s) => s.time);
  return {
    from,
    label: TRANSITION_LABELS[from] ?? `${from} → ${from + 1}`,
    atRisk: spells.length,
    advanced: done.length,
    advanceWithin5y: 1 - survivalAt(curve, WINDOW_WEEKS),
    kmQuartiles: [kmQuantile(curve, 0.25), kmQuantile(curve, 0.5), kmQuantile(curve, 0.75)],
    observedQuartiles: quartiles(done),
  };
}

/** The PA-X targets of `processes`, censored at `dataEnd` (default: the latest agreement of all processes read). */
export function paxTargets(
  reading: PaxReading,
  processes = reading.processes,
  dataEnd = reading.latestDate,
): PaxTargets {
  const end = dayOf(dataEnd);
  const paths = processes.map((p) =>
    firstPassage(p.path).map((s) => ({ stage: s.stage, week: dayOf(s.date) })),
  );
  const spells = stageSpells(paths, () => end).map((list) =>
    list.map((s) => ({ time: s.time / 7, event: s.event })),
  );
  const entry = { Pre: 0, Cea: 0, SubPar: 0, SubComp: 0, Imp: 0, none: 0 };
  for (const p of processes) {
    const first = p.path[0];
    if (first === undefined) entry.none++;
    else entry[PATH_STAGES[first.stage] as PathStage]++;
  }
  const fromPre = processes.filter((p) => p.path[0]?.stage === 0);
  const shares = [1, 2, 3, 4].map((k) =>
    fromPre.length === 0
      ? 0
      : fromPre.filter((p) => p.path.some((s) => s.stage >= k)).length / fromPre.length,
  );
  const withCeasefire = processes.filter((p) => p.ceasefire).length;
  const repeated = processes.filter((p) => p.ceasefireRepeated).length;
  return {
    processes: processes.length,
    agreements: processes.reduce((n, p) => n + p.agreements, 0),
    dataEnd,
    entry,
    transitions: spells.map((s, k) => transitionFigures(k, s)),
    reach: { fromPre: fromPre.length, shares },
    followUpWeeks: fromPre.map((p) => (end - dayOf((p.path[0] as PathStep).date)) / 7),
    ceasefireRepeat: { withCeasefire, repeated, share: withCeasefire === 0 ? 0 : repeated / withCeasefire },
  };
}

// ---------------------------------------------------------------------------------------------------
// Halves for the held-out check

/** A 32-bit FNV-1a hash of a text, scrambled (rng.ts). */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return scramble(h) >>> 0;
}

/** The half (0 or 1) an id falls in: the lowest bit of its stable hash. */
export function halfOf(id: string): 0 | 1 {
  return (stableHash(id) & 1) as 0 | 1;
}

// ---------------------------------------------------------------------------------------------------
// UCDP conflict episodes and recurrence

export interface ConflictEpisode {
  readonly conflict: string;
  readonly firstYear: number;
  readonly lastYear: number;
  /** Highest intensity in the episode (2: 1,000+ battle-related deaths in a year). */
  readonly peakIntensity: 1 | 2;
  /** First active year of the conflict's next episode, if any. */
  readonly nextStart?: number;
}

export interface RecurrenceFigures {
  readonly windowYears: number;
  /** Ended episodes the data follow for the whole window (last active year + window ≤ the data's last year). */
  readonly eligible: number;
  /** Of those, how many had the conflict active again within the window. */
  readonly recurred: number;
  readonly share: number;
}

export interface UcdpTargets {
  readonly file: string;
  readonly conflicts: number;
  readonly conflictYears: number;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly episodes: number;
  /** Episodes that ended before the data's last year. */
  readonly ended: number;
  readonly recurrence5: RecurrenceFigures;
  readonly recurrence10: RecurrenceFigures;
  /** Recurrence within 5 years of the episodes that reached war intensity (2), and of those that never did. */
  readonly recurrence5War: RecurrenceFigures;
  readonly recurrence5Minor: RecurrenceFigures;
}

export interface UcdpConflictYears {
  readonly id: string;
  readonly years: readonly { readonly year: number; readonly intensity: 1 | 2 }[];
}

export interface UcdpReading {
  readonly file: string;
  readonly conflicts: readonly UcdpConflictYears[];
  readonly rejected: readonly RowProblem[];
}

/** Reads the UCDP/PRIO ACD conflict-years; missing columns and malformed CSV are errors naming the file. */
export function readUcdpAcd(text: string, file: string): UcdpReading {
  const { conflicts, report } = readUcdpConflicts(text, { file });
  if (report.error) throw new CalibrationDataError(`${file}:${report.error.row}: ${report.error.reason}`);
  if (conflicts.length === 0)
    throw new CalibrationDataError(
      `${file}: no UCDP/PRIO conflict-year could be read (${report.rejected.length} row(s) rejected)`,
    );
  return {
    file,
    conflicts: conflicts.map((c) => ({
      id: c.id,
      years: c.years.map((y) => ({ year: y.year, intensity: y.intensity })),
    })),
    rejected: report.rejected,
  };
}

/** Episodes: runs of consecutive active years of a conflict. */
export function conflictEpisodes(conflicts: readonly UcdpConflictYears[]): ConflictEpisode[] {
  const out: ConflictEpisode[] = [];
  for (const c of conflicts) {
    const years = [...c.years].sort((a, b) => a.year - b.year);
    const runs: { first: number; last: number; peak: 1 | 2 }[] = [];
    for (const y of years) {
      const run = runs[runs.length - 1];
      if (run && y.year === run.last + 1) {
        run.last = y.year;
        if (y.intensity === 2) run.peak = 2;
      } else runs.push({ first: y.year, last: y.year, peak: y.intensity });
    }
    runs.forEach((r, i) => {
      const next = runs[i + 1];
      out.push({
        conflict: c.id,
        firstYear: r.first,
        lastYear: r.last,
        peakIntensity: r.peak,
        ...(next ? { nextStart: next.first } : {}),
      });
    });
  }
  return out;
}

export function recurrence(
  episodes: readonly ConflictEpisode[],
  lastYear: number,
  windowYears: number,
): RecurrenceFigures {
  const eligible = episodes.filter((e) => e.lastYear < lastYear && e.lastYear + windowYears <= lastYear);
  const recurred = eligible.filter(
    (e) => e.nextStart !== undefined && e.nextStart - e.lastYear <= windowYears,
  );
  return {
    windowYears,
    eligible: eligible.length,
    recurred: recurred.length,
    share: eligible.length === 0 ? 0 : recurred.length / eligible.length,
  };
}

/** UCDP targets of `conflicts` (default all read), with the data's last year from all conflicts read. */
export function ucdpTargets(reading: UcdpReading, conflicts = reading.conflicts): UcdpTargets {
  const allYears = reading.conflicts.flatMap((c) => c.years.map((y) => y.year));
  const firstYear = Math.min(...allYears);
  const lastYear = Math.max(...allYears);
  const episodes = conflictEpisodes(conflicts);
  return {
    file: reading.file,
    conflicts: conflicts.length,
    conflictYears: conflicts.reduce((n, c) => n + c.years.length, 0),
    firstYear,
    lastYear,
    episodes: episodes.length,
    ended: episodes.filter((e) => e.lastYear < lastYear).length,
    recurrence5: recurrence(episodes, lastYear, 5),
    recurrence10: recurrence(episodes, lastYear, 10),
    recurrence5War: recurrence(
      episodes.filter((e) => e.peakIntensity === 2),
      lastYear,
      5,
    ),
    recurrence5Minor: recurrence(
      episodes.filter((e) => e.peakIntensity === 1),
      lastYear,
      5,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------
// UCDP peace agreements: ended

export interface AgreementEndings {
  readonly file: string;
  readonly agreements: number;
  /** `ended` true (or 1): the conflict ended with the agreement (UCDP's coding). */
  readonly ended: number;
  readonly share: number;
}

/** The share of UCDP peace agreements coded `ended` (true/1); blank and false/0 count as not ended. */
export function agreementEndings(text: string, file: string): AgreementEndings {
  const sheet = readSheet(text);
  const header = sheet.header.map((h) => h.trim().toLowerCase());
  const paid = header.indexOf('paid');
  const ended = header.indexOf('ended');
  const missing = [paid < 0 ? 'paid' : '', ended < 0 ? 'ended' : ''].filter((s) => s !== '');
  if (missing.length > 0)
    throw new CalibrationDataError(
      `${file}: not a UCDP Peace Agreement file: missing column(s) ${missing.join(', ')} (expected paid, one row an agreement, and ended, true/1 when the conflict ended)`,
    );
  if (sheet.error) throw new CalibrationDataError(`${file}:${sheet.error.row}: ${sheet.error.message}`);
  const rows = sheet.rows.filter((r) => (r.cells[paid] ?? '').trim() !== '');
  const yes = rows.filter((r) => /^(?:true|1)$/i.test((r.cells[ended] ?? '').trim())).length;
  return { file, agreements: rows.length, ended: yes, share: rows.length === 0 ? 0 : yes / rows.length };
}
