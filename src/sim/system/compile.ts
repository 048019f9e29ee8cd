/**
 * From a scenario to what the engine runs: the system's parties, actors, initiatives and links, changed
 * by a strategy (initiatives added, removed, funded; official channels closed), placed on a weekly clock
 * from the scenario's start, with the initial state read from the conflict's stage at that date.
 */
import { type Actor, actorHomeTrack } from '../../domain/actor.js';
import { REGIMES, STAGES, type Regime, type Stage } from '../../domain/conflict.js';
import { compareDates, earliest } from '../../domain/date.js';
import { SystemIndex } from '../../domain/system-index.js';
import type { System } from '../../domain/system.js';
import type { TrackId } from '../../domain/track.js';
import {
  type CompiledActor,
  type CompiledFlow,
  type CompiledInitiative,
  type CompiledModel,
  type CompiledParty,
  type InitialState,
  NEGOTIATION_STAGES,
  TRACK_INDEX,
} from './model.js';
import { withOverrides } from './parameters.js';
import { type Scenario, type Strategy, strategyOf } from './scenario.js';

export class ScenarioError extends Error {}

const DAY = 86_400_000;

function dayOf(date: string): number {
  const [y, m, d] = earliest(date).split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY;
}

/** Starting state for each conflict stage (docs/model.md, Initialisation). */
const STAGE_START: Record<Stage, { tension: number; violence: number; negotiation: number }> = {
  latent: { tension: 0.3, violence: 0.05, negotiation: 0 },
  escalation: { tension: 0.6, violence: 0.25, negotiation: 0 },
  war: { tension: 0.85, violence: 0.6, negotiation: 0 },
  'de-escalation': { tension: 0.5, violence: 0.15, negotiation: 1 },
  'post-conflict': { tension: 0.3, violence: 0.05, negotiation: 4 },
};

function regimeAt(system: System, scenario: Scenario, party: string, start: string): Regime {
  const periods = system.conflict.regimes.filter(
    (r) =>
      r.party === party &&
      (r.from === undefined || compareDates(r.from, start) <= 0) &&
      (r.until === undefined || compareDates(r.until, start) >= 0),
  );
  return periods.at(-1)?.regime ?? scenario.regimes[party] ?? 'democracy';
}

function stageAt(system: System, start: string): Stage | undefined {
  return system.conflict.stages.filter((s) => compareDates(s.from, start) <= 0).at(-1)?.stage;
}

function actorReach(actor: Actor, track: number): number {
  if (actor.kind === 'person') return 1;
  return track === TRACK_INDEX['9'] ? 10 : 3;
}

export interface CompileOptions {
  readonly horizon?: number;
  readonly parameters?: Readonly<Record<string, number>>;
}

/** Compiles `scenario` on `system` under the strategy named `strategyName` ("as-is" for none). */
export function compileScenario(
  scenario: Scenario,
  system: System,
  strategyName: string,
  options: CompileOptions = {},
): CompiledModel {
  const strategy: Strategy | undefined = strategyOf(scenario, strategyName);
  if (!strategy)
    throw new ScenarioError(
      `no strategy "${strategyName}"; the scenario defines: ${['as-is', ...Object.keys(scenario.strategies)].join(', ')}`,
    );
  const index = new SystemIndex(system);
  const notes: string[] = [];
  const start = earliest(scenario.start);
  const weeks = options.horizon ?? scenario.horizon;
  const weekOf = (date: string) => Math.floor((dayOf(date) - dayOf(start)) / 7);
  const params = withOverrides({ ...scenario.parameters, ...options.parameters }, 'parameters');

  // Parties, with positions on the conflict's main issue for Track 1 talks.
  const partyIds = system.conflict.parties;
  const partyIndex = new Map<string, number>(partyIds.map((id, k) => [id, k]));
  const parties: CompiledParty[] = partyIds.map((id, k) => {
    const given = scenario.positions[id];
    const spread = partyIds.length === 1 ? 50 : 30 + (40 * k) / (partyIds.length - 1);
    return {
      id,
      name: system.parties.find((p) => p.id === id)?.name ?? id,
      regime: REGIMES.indexOf(regimeAt(system, scenario, id, start)),
      electionWeeks: system.conflict.elections
        .filter((e) => e.party === id)
        .map((e) => weekOf(e.date))
        .filter((w) => w >= 0 && w < weeks),
      position: given?.position ?? spread,
      salience: given?.salience ?? 1,
      capability: given?.capability ?? 1,
    };
  });
  for (const id of Object.keys(scenario.positions))
    if (!partyIndex.has(id))
      throw new ScenarioError(`positions: "${id}" is not a party of the conflict (${partyIds.join(', ')})`);

  // Actors, with their home track, means and reach; money received through funds links adds means.
  const actorIndex = new Map<string, number>();
  const fundedActors = new Map<string, number>();
  for (const link of system.links)
    if (link.type === 'funds' && index.typeOf(link.to) === 'actor')
      fundedActors.set(link.to, (fundedActors.get(link.to) ?? 0) + 1);
  const actors: CompiledActor[] = system.actors.map((actor, k) => {
    actorIndex.set(actor.id, k);
    const home: TrackId | undefined = actorHomeTrack(actor);
    const track = home === undefined ? TRACK_INDEX['4'] : TRACK_INDEX[home];
    const own = track === TRACK_INDEX['1'] ? 1.2 : track === TRACK_INDEX['8'] ? 2 : 0.4;
    return {
      id: actor.id,
      name: actor.name,
      track,
      resources: own + (fundedActors.get(actor.id) ?? 0),
      reach: actorReach(actor, track),
    };
  });
  const actorAt = (id: string, where: string): number => {
    const k = actorIndex.get(id);
    if (k === undefined) throw new ScenarioError(`${where}: "${id}" is not an actor of the system`);
    return k;
  };

  // Initiatives of the system (less those the strategy removes) and those it adds.
  for (const id of strategy.remove)
    if (!index.initiative(id))
      throw new ScenarioError(`strategy "${strategyName}" removes "${id}", which is not an initiative`);
  const kept = system.initiatives.filter((i) => !strategy.remove.includes(i.id));
  const track1 = new Set<string>();
  const trackOfInitiative = new Map<string, number>();
  for (const init of kept) {
    const effective = index.initiativeTrack(init).effective;
    let track: number;
    if (effective === undefined) {
      notes.push(`initiative ${init.id} has no track (declared or by its participants); taken as Track 2`);
      track = TRACK_INDEX['2'];
    } else if (effective === 'multi-track') track = TRACK_INDEX['1.5'];
    else track = TRACK_INDEX[effective];
    trackOfInitiative.set(init.id, track);
    if (track === TRACK_INDEX['1']) track1.add(init.id);
  }
  for (const added of strategy.add) {
    if (index.byId.has(added.id))
      throw new ScenarioError(`strategy "${strategyName}" adds "${added.id}", an id the system already uses`);
    trackOfInitiative.set(added.id, TRACK_INDEX[added.track]);
    if (added.track === '1') track1.add(added.id);
  }

  const membersOf = new Map<string, Set<number>>();
  const member = (init: string, actor: string) => {
    const k = actorIndex.get(actor);
    if (k === undefined) return;
    if (!membersOf.has(init)) membersOf.set(init, new Set());
    membersOf.get(init)?.add(k);
  };
  for (const e of system.engagements) for (const p of e.participants) member(e.initiative, p.actor);
  for (const init of kept) for (const c of init.conveners) member(init.id, c);
  for (const link of system.links)
    if (link.type === 'participates-in' || link.type === 'convenes') {
      const owner = index.owningInitiative(link.to);
      if (owner) member(owner, link.from);
    }
  const official = new Set<number>();
  for (const [init, members] of membersOf) {
    const t = trackOfInitiative.get(init);
    if (t === TRACK_INDEX['1'] || t === TRACK_INDEX['1.5']) for (const m of members) official.add(m);
  }

  const fundsLinks = system.links.filter((l) => l.type === 'funds' || l.type === 'amplifies');
  const flows: CompiledFlow[] = [];
  const initiatives: CompiledInitiative[] = [];
  const clampWeek = (w: number) => Math.max(0, Math.min(weeks, w));
  const partiesOf = (ids: readonly string[], where: string) =>
    ids.map((id) => {
      const k = partyIndex.get(id);
      if (k === undefined)
        throw new ScenarioError(`${where}: "${id}" is not a party of the conflict (${partyIds.join(', ')})`);
      return k;
    });
  const fundOf = (id: string) => strategy.fund.find((f) => f.initiative === id)?.factor ?? 1;
  for (const f of strategy.fund)
    if (!trackOfInitiative.has(f.initiative))
      throw new ScenarioError(
        `strategy "${strategyName}" funds "${f.initiative}", which is not an initiative`,
      );

  for (const init of kept) {
    const startWeek = clampWeek(weekOf(init.start));
    const endWeek = init.end === undefined ? weeks : clampWeek(weekOf(init.end) + 1);
    if (endWeek <= 0 || startWeek >= weeks || endWeek <= startWeek) continue;
    const track = trackOfInitiative.get(init.id) ?? TRACK_INDEX['2'];
    const members = [...(membersOf.get(init.id) ?? [])].sort((a, b) => a - b);
    const reachesTrack1 = [...index.feedsIntoClosure(init.id)].some((t) => track1.has(t));
    const sharesOfficial = members.some((m) => official.has(m));
    const k = initiatives.length;
    const hasFunder =
      init.funders.length > 0 || fundsLinks.some((l) => l.type === 'funds' && l.to === init.id);
    for (const link of fundsLinks) {
      if (index.owningInitiative(link.to) !== init.id) continue;
      const from = actorIndex.get(link.from);
      if (from === undefined) continue;
      flows.push({
        kind: link.type === 'funds' ? 'funds' : 'amplifies',
        from,
        to: k,
        startWeek: link.date === undefined ? startWeek : Math.max(startWeek, clampWeek(weekOf(link.date))),
        endWeek: link.until === undefined ? endWeek : clampWeek(weekOf(link.until) + 1),
      });
    }
    initiatives.push({
      id: init.id,
      name: init.name,
      track,
      startWeek,
      endWeek,
      parties: partiesOf(
        init.parties.filter((p) => partyIndex.has(p)),
        `initiative ${init.id}`,
      ),
      actors: members,
      bridge: track <= TRACK_INDEX['1.5'] || reachesTrack1 ? 1 : sharesOfficial ? 0.5 : 0,
      scale: fundOf(init.id),
      funded: track <= TRACK_INDEX['1.5'] || hasFunder || members.some((m) => official.has(m)),
      added: false,
    });
  }

  for (const added of strategy.add) {
    const where = `strategy "${strategyName}", initiative ${added.id}`;
    const startWeek = clampWeek(weekOf(added.start));
    const endWeek = added.end === undefined ? weeks : clampWeek(weekOf(added.end) + 1);
    const track = TRACK_INDEX[added.track];
    const named = added.actors.map((a) => actorAt(a, where));
    const k = initiatives.length;
    for (const f of added.fundedBy)
      flows.push({ kind: 'funds', from: actorAt(f, where), to: k, startWeek, endWeek });
    for (const f of added.amplifiedBy)
      flows.push({ kind: 'amplifies', from: actorAt(f, where), to: k, startWeek, endWeek });
    const reachesTrack1 = added.feedsInto.some((target) => {
      if (track1.has(target)) return true;
      const owner = index.owningInitiative(target);
      if (owner === undefined && !trackOfInitiative.has(target))
        throw new ScenarioError(
          `${where}: feedsInto "${target}" is not an initiative or outcome of the system`,
        );
      return (
        (owner !== undefined && track1.has(owner)) ||
        [...index.feedsIntoClosure(target)].some((t) => track1.has(t))
      );
    });
    initiatives.push({
      id: added.id,
      name: added.name ?? added.id,
      track,
      startWeek,
      endWeek,
      parties: partiesOf(added.parties, where),
      actors: named,
      bridge: track <= TRACK_INDEX['1.5'] || reachesTrack1 ? 1 : named.some((m) => official.has(m)) ? 0.5 : 0,
      scale:
        added.scale *
        fundOf(added.id) *
        (named.length === 0 ? Math.min(2, Math.sqrt(added.participants / 12)) : 1),
      funded: added.funded || track <= TRACK_INDEX['1.5'],
      added: true,
    });
  }

  const conflictStage =
    scenario.initial.conflictStage ??
    stageAt(system, start) ??
    (notes.push(`the conflict has no stage at ${start}; starting at escalation (set initial.conflictStage)`),
    'escalation');
  const base = STAGE_START[conflictStage];
  const initial: InitialState = {
    conflictStage: STAGES.indexOf(conflictStage),
    negotiationStage:
      scenario.initial.negotiation === undefined
        ? base.negotiation
        : NEGOTIATION_STAGES.indexOf(scenario.initial.negotiation),
    tension: scenario.initial.tension ?? base.tension,
    violence: scenario.initial.violence ?? base.violence,
    eliteTrust: scenario.initial.eliteTrust ?? 0.2,
    societalTrust: scenario.initial.societalTrust ?? 0.2,
    support: scenario.initial.support ?? 0.4,
    legitimacy: scenario.initial.legitimacy ?? 0.2,
    officialChannel: scenario.initial.officialChannel ?? true,
  };

  return {
    scenario: scenario.name,
    strategy: strategyName,
    start,
    weeks,
    parties,
    actors,
    initiatives,
    flows,
    closures: strategy.close.map((c) => ({
      fromWeek: clampWeek(weekOf(c.from)),
      untilWeek: c.until === undefined ? weeks : clampWeek(weekOf(c.until) + 1),
    })),
    initial,
    params,
    notes,
  };
}
