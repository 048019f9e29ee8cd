/**
 * An interaction: event data (GDELT, PLOVER) about one actor pair in one month, kept as sums so that files
 * add up — event count, mentions, Goldstein scores, tone, and events by CAMEO quad class.
 */
export interface Interaction {
  readonly source: string;
  readonly target: string;
  /** YYYY-MM */
  readonly month: string;
  readonly sourceTrack: string | null;
  readonly targetTrack: string | null;
  readonly events: number;
  readonly mentions: number;
  readonly goldsteinSum: number;
  readonly goldsteinCount: number;
  readonly toneSum: number;
  readonly toneCount: number;
  /** Events by QuadClass 1–4 (verbal and material cooperation, verbal and material conflict). */
  readonly quad: readonly [number, number, number, number];
}
