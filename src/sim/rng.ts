/**
 * Seeded, splittable random streams for every random process of Multitrack (pure-rand's xoroshiro128+).
 * Small integer seeds are scrambled first (pure-rand's first draw is nearly the same across seeds 1, 2,
 * 3…). A stream is named by a seed and a path of keys — (seed, run), (seed, run, purpose) — so each run
 * and each purpose within a run draws from its own stream: results never depend on the order in which
 * runs execute, on which thread or worker, or on how many draws another purpose made.
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

/** The 32-bit seed of the stream named by `seed` and `keys`, each key folded in with its position. */
export function streamSeed(seed: number, ...keys: readonly number[]): number {
  let h = scramble(seed);
  for (let i = 0; i < keys.length; i++) h = scramble(h ^ scramble((keys[i] ?? 0) + 0x9e3779b9 * (i + 1)));
  return h;
}

export interface Stream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p (p outside [0, 1] is clamped). */
  chance(p: number): boolean;
}

/** The stream of run `run` under `seed`; further keys name sub-streams within the run. */
export function stream(seed: number, run = 0, ...keys: readonly number[]): Stream {
  const rng = xoroshiro128plus(keys.length === 0 ? legacySeed(seed, run) : streamSeed(seed, run, ...keys));
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
    chance(p: number) {
      return next() < p;
    },
  };
}

/** The seed of (seed, run) streams as the negotiation models have always drawn them (kept stable). */
function legacySeed(seed: number, run: number): number {
  return scramble(scramble(seed) ^ scramble(run + 0x9e3779b9));
}
