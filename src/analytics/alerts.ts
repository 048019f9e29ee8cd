/**
 * Alerts for coordination, each with a reason and the records involved: initiatives on the same parties
 * and issues at the same time with no tie between them (no link, no shared people); one broker carrying
 * all the flow from Track 2 to Track 1; official channels closed at the war stage with no open Track 1.5
 * or Track 2 channel; Track 8 funding concentrated on one initiative; initiatives with no engagement for
 * N months. "Now" is `on`, or else the latest date the system records (never the wall clock).
 */
import { actorHomeTrack } from '../domain/actor.js';
import { compareDates, earliest, latest } from '../domain/date.js';
import type { SystemIndex } from '../domain/system-index.js';
import { type Network, existedOn } from './network.js';
import { flowGraph } from './pathways.js';

export type AlertKind =
  'uncoordinated-overlap' | 'single-broker' | 'no-open-channel' | 'funding-concentrated' | 'dormant';

export interface Alert {
  readonly kind: AlertKind;
  readonly reason: string;
  readonly records: readonly string[];
}

export interface AlertOptions {
  readonly on?: string;
  /** Months without an engagement after which an ongoing initiative is dormant (default 6). */
  readonly dormantMonths?: number;
  /** Share of Track 8 funding ties on one initiative that counts as concentrated (default 0.75). */
  readonly fundingShare?: number;
}

/** The day the analysis stands on: `on`, or the latest date recorded in the system. */
export function referenceDay(index: SystemIndex, on?: string): string {
  if (on !== undefined) return latest(on);
  const { system } = index;
  const dates = [
    ...system.initiatives.flatMap((i) => [i.start, ...(i.end ? [i.end] : [])]),
    ...system.engagements.map((e) => e.date),
    ...system.outcomes.map((o) => o.date),
    ...system.links.flatMap((l) => (l.date ? [l.date] : [])),
    ...system.conflict.stages.map((s) => s.from),
  ];
  return dates.length === 0 ? '9999-12-31' : latest(dates.sort(compareDates)[dates.length - 1] as string);
}

function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function alerts(index: SystemIndex, network: Network, options: AlertOptions = {}): Alert[] {
  const { on } = options;
  const today = referenceDay(index, on);
  const initiatives = index.system.initiatives.filter((i) => network.hasNode(i.id));
  const track = (id: string) => network.getNodeAttribute(id, 'track');
  const openOn = (i: (typeof initiatives)[number]) =>
    earliest(i.start) <= today && (i.end === undefined || latest(i.end) >= today);
  const out: Alert[] = [];

  // 1. same parties and issues, same time, no tie
  const people = new Map(
    initiatives.map((i) => [
      i.id,
      new Set(network.neighbors(i.id).filter((n) => network.getNodeAttribute(n, 'kind') !== 'initiative')),
    ]),
  );
  for (let x = 0; x < initiatives.length; x++) {
    for (let y = x + 1; y < initiatives.length; y++) {
      const a = initiatives[x] as (typeof initiatives)[number];
      const b = initiatives[y] as (typeof initiatives)[number];
      const parties = a.parties.filter((p) => b.parties.includes(p));
      const issues = a.issues.filter((s) => b.issues.includes(s));
      if (parties.length === 0 || issues.length === 0) continue;
      const overlap =
        (a.end === undefined || earliest(b.start) <= latest(a.end)) &&
        (b.end === undefined || earliest(a.start) <= latest(b.end));
      if (!overlap || network.hasEdge(a.id, b.id)) continue;
      const pa = people.get(a.id) as Set<string>;
      if ([...(people.get(b.id) as Set<string>)].some((p) => pa.has(p))) continue;
      out.push({
        kind: 'uncoordinated-overlap',
        reason: `${a.name} and ${b.name} work on ${parties.join(', ')} and ${issues.join(', ')} at the same time, with no link and no one in common`,
        records: [a.id, b.id],
      });
    }
  }

  // 2. one broker carrying all the flow from Track 2 to Track 1
  const flow = flowGraph(network);
  const track2: string[] = initiatives.filter((i) => track(i.id) === '2').map((i) => i.id);
  const track1 = new Set<string>(initiatives.filter((i) => track(i.id) === '1').map((i) => i.id));
  /** A chain from some Track 2 initiative to some Track 1 initiative avoiding `removed`, or undefined. */
  const chain = (removed?: string): string[] | undefined => {
    const parent = new Map<string, string | null>(track2.filter((s) => s !== removed).map((s) => [s, null]));
    const queue = [...parent.keys()];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head] as string;
      if (track1.has(v)) {
        const path = [v];
        for (let p = parent.get(v); p; p = parent.get(p)) path.unshift(p);
        return path;
      }
      for (const w of flow.outNeighbors(v)) {
        if (w === removed || parent.has(w)) continue;
        parent.set(w, v);
        queue.push(w);
      }
    }
    return undefined;
  };
  const found = track2.length > 0 ? chain() : undefined;
  if (found) {
    // a node on every chain is on this one: only its inner nodes are candidates
    const endpoints = new Set([...track2, ...track1]);
    const brokers = found.slice(1, -1).filter((n) => !endpoints.has(n) && chain(n) === undefined);
    for (const broker of brokers) {
      out.push({
        kind: 'single-broker',
        reason: `all the flow from Track 2 to Track 1 runs through ${network.getNodeAttribute(broker, 'label')}: without it no Track 2 initiative reaches Track 1`,
        records: [broker],
      });
    }
  }

  // 3. war, official channels closed, no open 1.5 or 2 channel
  const stages = index.system.conflict.stages
    .filter((s) => existedOn(s.from, today))
    .sort((a, b) => compareDates(a.from, b.from));
  if (stages[stages.length - 1]?.stage === 'war') {
    const open = initiatives.filter(openOn);
    const official = open.filter((i) => track(i.id) === '1');
    const unofficial = open.filter((i) => track(i.id) === '1.5' || track(i.id) === '2');
    if (official.length === 0 && unofficial.length === 0) {
      const closed = initiatives.filter((i) => track(i.id) === '1').map((i) => i.id);
      out.push({
        kind: 'no-open-channel',
        reason: `the conflict is at war on ${today}, no official channel is open and no Track 1.5 or Track 2 channel is either (seed 002: missions close at the peak of conflict)`,
        records: closed,
      });
    }
  }

  // 4. Track 8 funding concentrated on one initiative
  const share = options.fundingShare ?? 0.75;
  const funded = new Map<string, string[]>();
  network.forEachEdge((_e, { relations }) => {
    for (const r of relations) {
      if (r.type !== 'funds' || network.getNodeAttribute(r.to, 'kind') !== 'initiative') continue;
      const funder = index.actor(r.from);
      if (!funder || actorHomeTrack(funder) !== '8') continue;
      funded.set(r.to, [...new Set([...(funded.get(r.to) ?? []), r.from])]);
    }
  });
  const ties = [...funded.values()].reduce((n, f) => n + f.length, 0);
  for (const [initiative, funders] of funded) {
    if (ties >= 2 && funders.length / ties >= share && initiatives.length > 1) {
      out.push({
        kind: 'funding-concentrated',
        reason: `${funders.length} of ${ties} Track 8 funding ties go to ${network.getNodeAttribute(initiative, 'label')}`,
        records: [initiative, ...funders],
      });
    }
  }

  // 5. no engagement for N months
  const months = options.dormantMonths ?? 6;
  const cutoff = monthsBefore(today, months);
  for (const i of initiatives) {
    if (!openOn(i)) continue;
    const dates = (index.engagementsOf.get(i.id) ?? [])
      .map((e) => e.date)
      .filter((d) => existedOn(d, today))
      .map((d) => latest(d));
    const last = dates.length > 0 ? (dates.sort()[dates.length - 1] as string) : latest(i.start);
    if (last < cutoff) {
      out.push({
        kind: 'dormant',
        reason: `${i.name} is ongoing but has had no engagement since ${last} (more than ${months} months before ${today})`,
        records: [i.id],
      });
    }
  }
  return out;
}
