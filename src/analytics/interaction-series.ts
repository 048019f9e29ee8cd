/**
 * Event interactions summed along a chosen grouping — by actor pair, by pair of parties (the actors'
 * countries or sides), or by track pair — month by month, with mean Goldstein score, mean tone and the
 * cooperative and conflictual shares (CAMEO quad classes 1–2 and 3–4).
 */
import type { Interaction } from '../domain/interaction.js';

export type SeriesGrouping = 'actors' | 'parties' | 'tracks';

export interface SeriesPoint {
  readonly from: string;
  readonly to: string;
  readonly month: string;
  readonly events: number;
  readonly mentions: number;
  readonly goldsteinMean: number | null;
  readonly toneMean: number | null;
  readonly cooperative: number;
  readonly conflictual: number;
  readonly cooperativeShare: number;
}

/** Groups interactions; `partyOf` names an actor's party (actors without one are left out by parties). */
export function interactionSeries(
  interactions: readonly Interaction[],
  by: SeriesGrouping,
  partyOf: (actor: string) => string | undefined = () => undefined,
): SeriesPoint[] {
  const groups = new Map<string, { from: string; to: string; month: string; sums: number[] }>();
  for (const i of interactions) {
    const ends =
      by === 'actors'
        ? [i.source, i.target]
        : by === 'tracks'
          ? [i.sourceTrack ?? 'none', i.targetTrack ?? 'none']
          : [partyOf(i.source), partyOf(i.target)];
    const [from, to] = ends;
    if (from === undefined || to === undefined) continue;
    const key = `${from}\u0000${to}\u0000${i.month}`;
    const g = groups.get(key) ?? { from, to, month: i.month, sums: [0, 0, 0, 0, 0, 0, 0, 0] };
    const add = [
      i.events,
      i.mentions,
      i.goldsteinSum,
      i.goldsteinCount,
      i.toneSum,
      i.toneCount,
      i.quad[0] + i.quad[1],
      i.quad[2] + i.quad[3],
    ];
    add.forEach((v, k) => (g.sums[k] = (g.sums[k] ?? 0) + v));
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort(
      (a, b) => a.month.localeCompare(b.month) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    )
    .map(({ from, to, month, sums }) => {
      const [events = 0, mentions = 0, gSum = 0, gN = 0, tSum = 0, tN = 0, coop = 0, conf = 0] = sums;
      return {
        from,
        to,
        month,
        events,
        mentions,
        goldsteinMean: gN > 0 ? gSum / gN : null,
        toneMean: tN > 0 ? tSum / tN : null,
        cooperative: coop,
        conflictual: conf,
        cooperativeShare: coop + conf > 0 ? coop / (coop + conf) : 0,
      };
    });
}
