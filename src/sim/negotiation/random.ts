/**
 * Seeded random streams for the negotiation models (pure-rand's xoroshiro128+). Small integer seeds are
 * scrambled first (pure-rand's first draw is nearly the same across seeds 1, 2, 3…), and every run gets
 * its own stream derived from (seed, run index), so results never depend on the order runs execute in.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A 32-bit integer hash with full avalanche (the murmur3 finaliser). */
export function scramble(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export interface Stream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** The stream of run `run` under `seed`. */
export function stream(seed: number, run = 0): Stream {
  const rng = xoroshiro128plus(scramble(scramble(seed) ^ scramble(run + 0x9e3779b9)));
  let spare: number | undefined;
  const next = () => uniformFloat64(rng);
  return {
    next,
    normal() {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.min(n - 1, Math.floor(next() * n));
    },
  };
}
