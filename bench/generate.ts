/**
 * A generated system of a given size, for benchmarks and the crash test: N actors across the tracks'
 * sectors, a handful of initiatives with engagements, and M links between actors (member-of, funds,
 * reports-to, related). Deterministic: the same sizes and seed give the same bytes.
 */
import { SECTOR_IDS } from '../src/domain/sector.js';
import type { SystemInput } from '../src/domain/system.js';

/** A small seeded generator (mulberry32), enough to spread links; not for statistics. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINK_TYPES = ['member-of', 'funds', 'reports-to', 'related'] as const;
const SECTORS = SECTOR_IDS.filter((s) => s !== 'unclassified' && s !== 'armed-group');

export function generateSystem(id: string, actors: number, links: number, seed = 1): SystemInput {
  const random = rng(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const actorList = Array.from({ length: actors }, (_, i) => ({
    id: `a${i}`,
    name: `Actor ${i}`,
    kind: i % 3 === 0 ? 'person' : 'organisation',
    sector: SECTORS[i % SECTORS.length],
    ...(i % 5 === 0 ? { description: `Works on issue ${i % 97} in region ${i % 13}` } : {}),
  }));
  const initiatives = Array.from({ length: Math.max(1, Math.floor(actors / 1000)) }, (_, i) => ({
    id: `i${i}`,
    name: `Initiative ${i}`,
    track: i % 2 === 0 ? 'Track 2' : 'Track 1',
    mechanism: i % 2 === 0 ? 'problem-solving-workshop' : 'treaty-negotiation',
    scope: 'bilateral',
    start: '2000',
  }));
  const seen = new Set<string>();
  const linkList = [];
  while (linkList.length < links) {
    const from = pick(actors);
    const to = pick(actors);
    const type = LINK_TYPES[pick(LINK_TYPES.length)] as string;
    const key = `a${from}--${type}--a${to}`;
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    linkList.push({
      type,
      from: `a${from}`,
      to: `a${to}`,
      ...(type === 'related' ? { label: 'knows' } : {}),
    });
  }
  return {
    multitrack: 1,
    id,
    name: `Generated system ${id}`,
    conflict: {
      id: `${id}-conflict`,
      name: 'Generated conflict',
      parties: ['p1'],
      stages: [{ stage: 'latent', from: '2000' }],
    },
    parties: [{ id: 'p1', name: 'Party one', kind: 'community' }],
    actors: actorList,
    initiatives,
    links: linkList,
  } as unknown as SystemInput;
}
