/**
 * The readings of the expected-utility model that Scholz, Calbert & Smith (2011) leave open, as named
 * options, and the presets built from them: `scholz2011` (the reading that reproduces their Table 2,
 * which is what their published code does) and `literal` (the printed equations taken at their word).
 */

export interface EuOptions {
  /**
   * The denominator of the probability that i prevails over j: the votes on this pair (`pair`, as
   * printed: P(i beats j) + P(j beats i) = 1) or the votes on every ordered pair of actors
   * (`all-pairs`, as the authors' code does; the published table needs it).
   */
  readonly denominator: 'pair' | 'all-pairs';
  /**
   * When j would gain from challenging i and i would lose from challenging j, i compromises by the
   * share |EU_ij|/EU_ji of the distance if that share is below 1; otherwise it capitulates, moving all
   * the way to j (`printed`), or makes no move (`never`: the authors' code tests EU_ji < |EU_ji|, which
   * is never true, so their table has no capitulations).
   */
  readonly capitulation: 'printed' | 'never';
  /**
   * Which offer an actor accepts: `least-move` (the paper: the offer that asks it to move least, of any
   * kind) or `scholz-code` (the code: confrontations first, then compromises ranked by the weighted
   * position (|EU_ij|x_i + |EU_ji|x_j)/(|EU_ij| + |EU_ji|), lowest first, then capitulations).
   */
  readonly offerChoice: 'least-move' | 'scholz-code';
  /**
   * What an actor's danger is compared with when setting its risk exponent: the dangers of all actors
   * (`actors`, the paper) or its own danger at each position held by someone (`positions`, Bueno de
   * Mesquita's stated intent).
   */
  readonly riskRange: 'actors' | 'positions';
  /** Distances are divided by the span of the initial positions (`initial`) or of the current ones. */
  readonly positionRange: 'initial' | 'current';
  /** Q: the probability that the status quo holds if no one challenges (Table 2 uses Q = 1). */
  readonly q: number;
  /** What the model forecasts: the median voter position after the last round, or the mean. */
  readonly forecast: 'median' | 'mean';
}

export const EU_PRESETS = Object.freeze({
  scholz2011: Object.freeze<EuOptions>({
    denominator: 'all-pairs',
    capitulation: 'never',
    offerChoice: 'scholz-code',
    riskRange: 'actors',
    positionRange: 'initial',
    q: 1,
    forecast: 'median',
  }),
  literal: Object.freeze<EuOptions>({
    denominator: 'pair',
    capitulation: 'printed',
    offerChoice: 'least-move',
    riskRange: 'actors',
    positionRange: 'initial',
    q: 1,
    forecast: 'median',
  }),
});

export type EuPreset = keyof typeof EU_PRESETS;

export function isEuPreset(name: string): name is EuPreset {
  return Object.hasOwn(EU_PRESETS, name);
}
