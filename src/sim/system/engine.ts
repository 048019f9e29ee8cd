/**
 * The living-system engine: one run of a compiled scenario, week by week, as a pure function of
 * (model, seed, run). State lives in typed arrays; each week actors spend and regain their means,
 * initiatives act through the effectiveness table, ideas, money and opinion flow along the links
 * between tracks, shocks strike, and the negotiation stage machine moves (docs/model.md, Details).
 */
import { compromise } from '../negotiation/spatial.js';
import type { Issue } from '../negotiation/issue.js';
import { type Stream, stream } from '../rng.js';
import { type CompiledModel, type RunResult, SERIES, TRACK_INDEX } from './model.js';
import { type Plan, planOf } from './plan.js';

const T1 = TRACK_INDEX['1'];
const T15 = TRACK_INDEX['1.5'];
const T2 = TRACK_INDEX['2'];
const T3 = TRACK_INDEX['3'];
const T4 = TRACK_INDEX['4'];
const T5 = TRACK_INDEX['5'];
const T6 = TRACK_INDEX['6'];
const T7 = TRACK_INDEX['7'];
const T9 = TRACK_INDEX['9'];

/** Conflict stages in domain order. */
const LATENT = 0;
const ESCALATION = 1;
const WAR = 2;
const DE_ESCALATION = 3;
const POST_CONFLICT = 4;

const CEASEFIRE = 1;
const COMPREHENSIVE = 3;
const IMPLEMENTATION = 4;

/** The conflict stage the state amounts to (what the effectiveness table is read at). */
export function conflictStageOf(tension: number, violence: number, negotiation: number): number {
  if (violence >= 0.45) return WAR;
  if (negotiation >= COMPREHENSIVE && violence < 0.25) return POST_CONFLICT;
  if (negotiation >= CEASEFIRE) return DE_ESCALATION;
  if (tension >= 0.5) return ESCALATION;
  return LATENT;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Mutable state of one run. */
interface State {
  tension: number;
  violence: number;
  eliteTrust: number;
  societalTrust: number;
  legitimacy: number;
  /** What officials have learned from other tracks (0–1). */
  ideas: number;
  /** Ideas and relationships built in Track 2 circles, not yet taken up by officials (0–1). */
  ideasTrack2: number;
  official: boolean;
  negotiation: number;
  support: Float64Array;
  /** Actors' budgets (resources carried over) and activity this week. */
  budget: Float64Array;
  activity: Float64Array;
  /** Initiative strength this week (0 when inactive). */
  strength: Float64Array;
}

function initialState(model: CompiledModel, plan: Plan): State {
  const i = model.initial;
  const support = new Float64Array(model.parties.length).fill(i.support);
  const budget = new Float64Array(plan.actorCount);
  for (let a = 0; a < plan.actorCount; a++) budget[a] = plan.actorResources[a] ?? 0;
  return {
    tension: i.tension,
    violence: i.violence,
    eliteTrust: i.eliteTrust,
    societalTrust: i.societalTrust,
    legitimacy: i.legitimacy,
    ideas: 0,
    ideasTrack2: 0,
    official: i.officialChannel,
    negotiation: i.negotiationStage,
    support,
    budget,
    activity: new Float64Array(plan.actorCount),
    strength: new Float64Array(plan.initiativeCount),
  };
}

/** Weekly actor update: income, spending on the active initiatives it works in, activity. */
function updateActors(plan: Plan, s: State, week: number, cost: number): void {
  const { actorInitOffsets, actorInits, initStart, initEnd, actorResources, actorOfficial } = plan;
  const fatigue = 1 - 0.5 * s.violence;
  for (let a = 0; a < plan.actorCount; a++) {
    let load = 0;
    for (let k = actorInitOffsets[a] ?? 0, end = actorInitOffsets[a + 1] ?? 0; k < end; k++) {
      const i = actorInits[k] ?? 0;
      if (week >= (initStart[i] ?? 0) && week < (initEnd[i] ?? 0)) load++;
    }
    const income = actorResources[a] ?? 0;
    const need = cost * load;
    const available = (s.budget[a] ?? 0) + income;
    const spent = need < available ? need : available;
    const remaining = available - spent;
    s.budget[a] = remaining > 4 ? 4 : remaining;
    const covered = need > 0 ? spent / need : 1;
    s.activity[a] = actorOfficial[a] === 1 ? covered : covered * fatigue;
  }
}

/** Weekly initiative strength: active × scale × money × the activity of the actors who carry it. */
function updateInitiatives(model: CompiledModel, plan: Plan, s: State, week: number): void {
  const { initActorOffsets, initActors, actorReach, initStart, initEnd, initScale, initFunded } = plan;
  const floor = model.params.volunteerFloor;
  for (let i = 0; i < plan.initiativeCount; i++) {
    if (week < (initStart[i] ?? 0) || week >= (initEnd[i] ?? 0)) {
      s.strength[i] = 0;
      continue;
    }
    let reach = 0;
    let active = 0;
    const from = initActorOffsets[i] ?? 0;
    const to = initActorOffsets[i + 1] ?? 0;
    for (let k = from; k < to; k++) {
      const a = initActors[k] ?? 0;
      const r = actorReach[a] ?? 1;
      reach += r;
      active += r * (s.activity[a] ?? 0);
    }
    const carried = to > from && reach > 0 ? active / reach : 1 - 0.5 * s.violence;
    const money = initFunded[i] === 1 || plan.fundedAt(i, week) ? 1 : floor;
    const amplified = plan.amplifiedAt(i, week) ? 1.25 : 1;
    s.strength[i] = (initScale[i] ?? 1) * carried * money * amplified;
  }
}

/** The negotiation model at a Track 1 round: do all parties accept the compromise forecast? */
function talksAgree(model: CompiledModel, s: State): boolean {
  const p = model.params;
  const parties = model.parties;
  let wsum = 0;
  let centre = 0;
  for (const party of parties) {
    wsum += party.salience;
    centre += party.salience * party.position;
  }
  centre = wsum > 0 ? centre / wsum : 50;
  const move = p.concession * s.eliteTrust;
  const issue: Issue = {
    id: 'conflict',
    scale: { min: 0, max: 100 },
    engagements: [],
    stakeholders: parties.map((party) => ({
      id: party.id,
      name: party.name,
      position: party.position + move * (centre - party.position),
      salience: party.salience,
      capability: party.capability,
    })),
  };
  const forecast = compromise(issue, { capability: true });
  return issue.stakeholders.every(
    (st, k) => Math.abs(forecast - st.position) <= p.acceptBase + p.acceptSupport * (s.support[k] ?? 0),
  );
}

/** Runs the model once; `keepSeries` false leaves the weekly series empty (finals and events only). */
export function runModel(model: CompiledModel, seed: number, run: number, keepSeries = true): RunResult {
  const plan = planOf(model);
  const p = model.params;
  const weeks = model.weeks;
  const rng: Stream = stream(seed, run, 1);
  const s = initialState(model, plan);
  const init = model.initial;
  const nParties = model.parties.length;
  const series = new Float64Array(keepSeries ? SERIES.length * weeks : 0);
  const reached = new Int32Array(5).fill(-1);
  for (let k = 0; k <= s.negotiation; k++) reached[k] = 0;
  const advance = [p.advancePre, p.advanceCeasefire, p.advancePartial, p.advanceComprehensive];
  const trackSum = new Float64Array(10);
  let relapses = 0;
  let relapsedAfterAgreement = false;
  let peakTension = s.tension;
  let peakViolence = s.violence;
  let weeksAtWar = 0;
  const restTension = init.tension;

  for (let w = 0; w < weeks; w++) {
    const stage = conflictStageOf(s.tension, s.violence, s.negotiation);
    if (stage === WAR) weeksAtWar++;
    updateActors(plan, s, w, p.programmeCost);
    updateInitiatives(model, plan, s, w);

    // What each track contributes this week, read against the effectiveness table per party concerned.
    trackSum.fill(0);
    let bridged = 0;
    let bridgedContact = 0;
    let track1Open = false;
    let track15Open = false;
    let track2Open = false;
    const anyTrack15 = plan.anyActive(T15, w);
    let handover = false;
    for (let i = 0; i < plan.initiativeCount; i++) {
      const strength = s.strength[i] ?? 0;
      // A backchannel that feeds Track 1 hands its work over when it ends (it becomes the official talks).
      if (w === plan.initEnd[i] && plan.initTrack[i] === T2 && plan.initBridge[i] === 1) handover = true;
      if (strength === 0) continue;
      const track = plan.initTrack[i] ?? 0;
      const factor = plan.effectFor(i, stage, w);
      const c = strength * factor;
      trackSum[track] = (trackSum[track] ?? 0) + c;
      if (track === T1) track1Open = true;
      else if (track === T15 && factor > 0) track15Open = true;
      else if (track === T2 && factor > 0) track2Open = true;
      if (track === T2 || track === T5) {
        const b = plan.initBridge[i] ?? 0;
        bridged += c * (anyTrack15 && b < 0.5 ? 0.5 : b);
        if (track === T2) bridgedContact += c * b;
      }
    }
    const c15 = trackSum[T15] ?? 0;
    const c2 = (trackSum[T2] ?? 0) + 0.5 * (trackSum[T5] ?? 0);
    const grass = (trackSum[T3] ?? 0) + (trackSum[T4] ?? 0) + (trackSum[T7] ?? 0);
    const activism = trackSum[T6] ?? 0;
    const media = (trackSum[T9] ?? 0) + plan.mediaReachAt(w, s.activity);
    const talks = s.official && track1Open && !plan.closedAt(w);

    // Ideas: built in Track 2 circles, taken up by officials through bridges and Track 1.5.
    s.ideasTrack2 = clamp01(
      s.ideasTrack2 + p.gainTrack2 * c2 * (1 - s.ideasTrack2) - p.staleness * s.ideasTrack2,
    );
    const uptake =
      (handover ? s.ideasTrack2 : p.bridgeTransfer * Math.min(1, bridged) * s.ideasTrack2) +
      p.gainTrack15 * c15;
    s.ideas = clamp01(s.ideas + uptake * (1 - s.ideas) - p.staleness * s.ideas);

    // Trust between elites (1.5 contact, talks themselves) and between societies (grassroots work).
    s.eliteTrust = clamp01(
      s.eliteTrust +
        p.gainTrack15 * (c15 + 0.25 * bridgedContact + (talks ? 0.5 : 0)) * (1 - s.eliteTrust) -
        p.decay * (s.eliteTrust - init.eliteTrust),
    );
    s.societalTrust = clamp01(
      s.societalTrust +
        p.gainGrassroots * grass * (1 - s.societalTrust) -
        p.decay * (s.societalTrust - init.societalTrust) -
        0.02 * s.violence * s.societalTrust,
    );
    s.legitimacy = clamp01(
      s.legitimacy +
        (p.gainGrassroots * grass + p.gainActivism * activism) * (1 - s.legitimacy) -
        p.decay * (s.legitimacy - init.legitimacy),
    );
    let supportMin = 1;
    let supportSum = 0;
    for (let k = 0; k < nParties; k++) {
      const u = s.support[k] ?? 0;
      const target = clamp01(
        init.support +
          0.5 * (s.societalTrust - init.societalTrust) +
          0.3 * (s.legitimacy - init.legitimacy) -
          0.3 * (s.violence - init.violence),
      );
      const next = clamp01(
        u + p.decay * (target - u) + (p.mediaSway * media + 0.5 * p.gainActivism * activism) * (1 - u),
      );
      s.support[k] = next;
      supportSum += next;
      if (next < supportMin) supportMin = next;
    }

    // Tension: pulled towards what its drivers set; silence between the parties drives it up.
    const comm = (talks ? 1 : 0) + (track15Open ? 0.7 : 0) + (track2Open ? 0.5 : 0);
    const silence = comm >= 1 ? 0 : 1 - comm;
    const agreed = s.negotiation < COMPREHENSIVE ? s.negotiation : COMPREHENSIVE;
    const driven = clamp01(
      restTension +
        p.silenceEscalation * silence -
        p.agreementCalm * agreed -
        0.2 * (s.eliteTrust - init.eliteTrust),
    );
    s.tension = clamp01(s.tension + p.tensionPull * (driven - s.tension));
    const violenceTarget = s.tension * s.tension * (s.negotiation >= CEASEFIRE ? 0.5 : 1);
    s.violence = clamp01(s.violence + 0.1 * (violenceTarget - s.violence));

    // Shocks: spoiler violence, and elections that may bring a hard line.
    const spoilerChance = p.spoilerRate * (0.5 + s.tension) * (s.negotiation >= CEASEFIRE ? 1.5 : 1);
    if (rng.chance(spoilerChance)) {
      s.violence = clamp01(s.violence + p.spoilerHit);
      s.eliteTrust = clamp01(s.eliteTrust * (1 - 0.5 * p.spoilerHit));
      for (let k = 0; k < nParties; k++)
        s.support[k] = clamp01((s.support[k] ?? 0) * (1 - 0.5 * p.spoilerHit));
    }
    for (let k = 0; k < nParties; k++) {
      if (!plan.electionAt(k, w)) continue;
      if (rng.chance(p.electionHardline * (1 - (s.support[k] ?? 0)))) {
        s.eliteTrust = clamp01(s.eliteTrust * 0.8);
        s.official = false;
      }
    }
    if (!s.official && !plan.closedAt(w) && rng.chance(p.channelReopen * (0.5 + s.eliteTrust + s.ideas)))
      s.official = true;

    // The stage machine: Track 1 talks move the process forward; a weak base lets it fall back.
    if (talks && s.negotiation < IMPLEMENTATION) {
      const hazard =
        (advance[s.negotiation] ?? 0) *
        Math.exp(
          p.trustEffect * (s.eliteTrust - 0.5) +
            p.supportEffect * (supportMin - 0.5) +
            p.ideasEffect * s.ideas -
            p.violenceDrag * s.violence,
        );
      if (rng.chance(hazard)) {
        if (s.negotiation >= COMPREHENSIVE || talksAgree(model, s)) {
          s.negotiation++;
          if ((reached[s.negotiation] ?? -1) < 0) reached[s.negotiation] = w;
        } else s.eliteTrust = clamp01(s.eliteTrust - 0.02);
      }
    }
    if (s.negotiation >= CEASEFIRE) {
      const base = (s.legitimacy - 0.5 + (s.societalTrust - 0.5)) / 2;
      const relapse =
        p.relapseBase *
        Math.exp(-p.legitimacyShield * base + p.violenceDrag * s.violence) *
        (s.negotiation === CEASEFIRE ? p.ceasefireFragility : 1);
      if (rng.chance(relapse)) {
        if (s.negotiation >= COMPREHENSIVE) relapsedAfterAgreement = true;
        s.negotiation = 0;
        relapses++;
        s.violence = clamp01(s.violence + 0.3);
        s.tension = clamp01(s.tension + 0.2);
        s.eliteTrust = clamp01(s.eliteTrust * 0.7);
      }
    }

    if (s.tension > peakTension) peakTension = s.tension;
    if (s.violence > peakViolence) peakViolence = s.violence;
    if (keepSeries) {
      series[w] = s.tension;
      series[weeks + w] = s.violence;
      series[2 * weeks + w] = s.eliteTrust;
      series[3 * weeks + w] = s.societalTrust;
      series[4 * weeks + w] = nParties > 0 ? supportSum / nParties : 0;
      series[5 * weeks + w] = s.legitimacy;
      series[6 * weeks + w] = s.ideas;
      series[7 * weeks + w] = s.negotiation;
      series[8 * weeks + w] = talks ? 1 : 0;
    }
  }

  return {
    run,
    series,
    reached,
    relapses,
    relapsedAfterAgreement,
    finalTension: s.tension,
    peakTension,
    peakViolence,
    weeksAtWar,
    actorUpdates: plan.actorCount * weeks,
  };
}
