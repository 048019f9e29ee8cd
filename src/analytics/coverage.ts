/**
 * Coverage: which tracks work with which party at which stage of the conflict, read against the
 * effectiveness table (rules/effectiveness.ts). An initiative is active at a stage when its span
 * overlaps the stage's period. A cell whose work the table rates weak or counter-productive is flagged
 * (Track 2 at war, seed 002); a track the table rates strong at a stage the conflict reached, with no work
 * on it, is a gap (after a conflict: Tracks 2, 3, 4 and 7). Regimes are read per party; a party with no
 * regime period is read as a democracy, and every cell assumes no election is near.
 */
import { type Stage } from '../domain/conflict.js';
import { compareDates, earliest, latest } from '../domain/date.js';
import { type Effect, effectiveness } from '../domain/rules/effectiveness.js';
import type { SystemIndex } from '../domain/system-index.js';
import { TRACK_IDS, type TrackId } from '../domain/track.js';
import { existedOn } from './network.js';

export interface CoverageCell {
  readonly track: TrackId;
  /** A party the initiatives name, or null for initiatives that name none. */
  readonly party: string | null;
  readonly stage: Stage;
  readonly initiatives: readonly string[];
  readonly effect: Effect;
  /** True when the party's regime is not recorded and the cell reads it as a democracy. */
  readonly regimeAssumed: boolean;
}

export interface CoverageGap {
  readonly track: TrackId;
  readonly stage: Stage;
  readonly reason: string;
}

export interface Coverage {
  /** The stages the conflict has been through (up to `on`), with their periods. */
  readonly stages: readonly { readonly stage: Stage; readonly from: string; readonly until: string | null }[];
  readonly cells: readonly CoverageCell[];
  /** Cells with activity the table rates weak or counter-productive. */
  readonly weak: readonly CoverageCell[];
  readonly gaps: readonly CoverageGap[];
}

export function coverage(index: SystemIndex, on?: string): Coverage {
  const { conflict } = index.system;
  const stages = [...conflict.stages]
    .sort((a, b) => compareDates(a.from, b.from))
    .filter((s) => existedOn(s.from, on))
    .map((s, i, all) => ({ stage: s.stage, from: s.from, until: all[i + 1]?.from ?? null }));

  const regimeOf = (party: string, from: string) =>
    conflict.regimes.find(
      (r) =>
        r.party === party &&
        (r.from === undefined || earliest(r.from) <= earliest(from)) &&
        (r.until === undefined || latest(r.until) >= earliest(from)),
    )?.regime;

  const cells = new Map<string, CoverageCell & { initiatives: string[] }>();
  for (const initiative of index.system.initiatives) {
    if (!existedOn(initiative.start, on)) continue;
    const track = index.initiativeTrack(initiative).effective;
    if (track === undefined || track === 'multi-track') continue;
    const start = earliest(initiative.start);
    const end = initiative.end === undefined ? undefined : latest(initiative.end);
    for (const period of stages) {
      const overlaps =
        (period.until === null || start < earliest(period.until)) &&
        (end === undefined || end >= earliest(period.from));
      if (!overlaps) continue;
      const parties = initiative.parties.length > 0 ? initiative.parties : [null];
      for (const party of parties) {
        const key = `${track}|${party}|${period.stage}`;
        let cell = cells.get(key);
        if (!cell) {
          const regime = party === null ? undefined : regimeOf(party, period.from);
          cell = {
            track,
            party,
            stage: period.stage,
            initiatives: [],
            effect: effectiveness(track, period.stage, regime ?? 'democracy', 'far').effect,
            regimeAssumed: regime === undefined,
          };
          cells.set(key, cell);
        }
        if (!cell.initiatives.includes(initiative.id)) cell.initiatives.push(initiative.id);
      }
    }
  }
  const list = [...cells.values()].sort(
    (a, b) =>
      TRACK_IDS.indexOf(a.track) - TRACK_IDS.indexOf(b.track) ||
      (a.party ?? '').localeCompare(b.party ?? '') ||
      stages.findIndex((s) => s.stage === a.stage) - stages.findIndex((s) => s.stage === b.stage),
  );

  const gaps: CoverageGap[] = [];
  for (const stage of new Set(stages.map((s) => s.stage))) {
    for (const track of TRACK_IDS) {
      const cell = effectiveness(track, stage, 'democracy', 'far');
      if (cell.effect !== 'strong') continue;
      if (list.some((c) => c.track === track && c.stage === stage)) continue;
      const source = cell.claims[0] ? ` (${cell.claims[0].source})` : cell.assumption ? ' (assumption)' : '';
      gaps.push({
        track,
        stage,
        reason: `Track ${track} is strong at the ${stage} stage${source}, and no initiative on it was active then`,
      });
    }
  }
  return {
    stages,
    cells: list,
    weak: list.filter((c) => c.effect === 'weak' || c.effect === 'counter-productive'),
    gaps,
  };
}
