/**
 * What works when: a table of track × conflict stage × regime type × electoral proximity → qualitative
 * effect (strong | moderate | weak | counter-productive). Each cell carries the claims of the seeds it
 * rests on, and is marked as an assumption wherever the seeds are silent. Analytics and simulation read
 * this table; nothing else decides effectiveness.
 *
 * The table is built from a base (track × stage) and modifiers for regime and elections, so that every
 * claim lives in exactly one place below.
 */
import { REGIMES, type Regime, STAGES, type Stage } from '../conflict.js';
import { TRACK_IDS, type TrackId } from '../track.js';

export const EFFECTS = ['strong', 'moderate', 'weak', 'counter-productive'] as const;
export type Effect = (typeof EFFECTS)[number];

export const ELECTORAL = ['near', 'far'] as const;
/** near: a national election of a party within about a year; far: none that close. */
export type Electoral = (typeof ELECTORAL)[number];

export interface Claim {
  readonly source: string;
  readonly claim: string;
}

export interface EffectCell {
  readonly track: TrackId;
  readonly stage: Stage;
  readonly regime: Regime;
  readonly electoral: Electoral;
  readonly effect: Effect;
  /** The seeds' claims this cell rests on. */
  readonly claims: readonly Claim[];
  /** Where the seeds are silent, what was assumed instead; the cell is an assumption if any. */
  readonly assumptions: readonly string[];
  readonly assumption: boolean;
}

type Base = { effect: Effect; claim: Claim } | { effect: Effect; assume: string };

const c = (source: string, claim: string): Claim => ({ source, claim });

const TRACK2_PRE_POST = c(
  'seed 002',
  'Track II is effective both at the pre-violent conflict and post violent conflict stages',
);

/** Base effect of each track at each stage, for a democracy with no election near. */
const BASE: Record<TrackId, Record<Stage, Base>> = {
  '1': {
    latent: {
      effect: 'moderate',
      claim: c(
        'seed 002',
        'diplomacy habitually strives to preserve peace and build an order conducive to the nonviolent resolution of disputes',
      ),
    },
    escalation: {
      effect: 'strong',
      claim: c('seed 003', 'in crises, official communication channels are crucial for de-escalation'),
    },
    war: {
      effect: 'moderate',
      claim: c(
        'seed 002',
        'diplomacy is useful even during war, but missions are closed at the peak of conflicts, reducing communication when it is needed most',
      ),
    },
    'de-escalation': {
      effect: 'strong',
      claim: c(
        'seed 000',
        'Track 1 is a requirement for official peace negotiations; seed 001: necessary for finalising agreements',
      ),
    },
    'post-conflict': {
      effect: 'moderate',
      claim: c(
        'seed 002',
        'state power can suppress the issues of weaker parties and undermine the sustainability of a peace agreement; seed 004: institutional peacebuilding is a Track 1 function',
      ),
    },
  },
  '1.5': {
    latent: {
      effect: 'strong',
      claim: c(
        'seed 000',
        'Track 1.5 provides a secure space to experiment with policy proposals; seed 004: the China–US nuclear dialogue ran 2004–2019',
      ),
    },
    escalation: {
      effect: 'moderate',
      claim: c(
        'seed 004',
        'Track 1.5 is particularly useful when official diplomatic ties are strained or broken',
      ),
    },
    war: {
      effect: 'weak',
      assume:
        'seeds are silent on Track 1.5 at war; taken as weak by analogy with Track 2 at the war stage (seed 002)',
    },
    'de-escalation': {
      effect: 'strong',
      claim: c(
        'seed 000',
        'unofficial meetings before the 2018 US–North Korea summit created the groundwork for negotiations; Track 1.5 is a testing ground for official policy shifts',
      ),
    },
    'post-conflict': {
      effect: 'moderate',
      assume: 'seeds are silent on Track 1.5 after a conflict; taken as moderate',
    },
  },
  '2': {
    latent: { effect: 'strong', claim: TRACK2_PRE_POST },
    escalation: {
      effect: 'moderate',
      claim: c(
        'seed 004',
        'unofficial diplomacy offers dialogue even when official diplomatic ties are strained or broken; seed 001: useful when official talks break down',
      ),
    },
    war: {
      effect: 'weak',
      claim: c('seed 002', 'Track II has limited ability to influence change at the war stage of a conflict'),
    },
    'de-escalation': {
      effect: 'moderate',
      claim: c(
        'seed 004',
        'Track Two can prepare an environment that will welcome positive change carried out by Track One (Oslo, 1993)',
      ),
    },
    'post-conflict': { effect: 'strong', claim: TRACK2_PRE_POST },
  },
  '3': {
    latent: {
      effect: 'moderate',
      claim: c(
        'seed 001',
        'by promoting economic interdependence and mutual benefits, businesses create incentives for peace and contribute to conflict prevention',
      ),
    },
    escalation: {
      effect: 'moderate',
      claim: c(
        'seed 001',
        'informal business channels are especially valuable when official diplomatic channels are strained or non-existent',
      ),
    },
    war: { effect: 'weak', assume: 'seeds are silent on business at the war stage; taken as weak' },
    'de-escalation': {
      effect: 'moderate',
      claim: c(
        'seed 001',
        'businesses can contribute to conflict resolution and support other peacemaking initiatives',
      ),
    },
    'post-conflict': {
      effect: 'strong',
      claim: c(
        'seed 001',
        'investment in communities affected by conflict helps rebuild infrastructure and create economic opportunities',
      ),
    },
  },
  '4': {
    latent: {
      effect: 'moderate',
      claim: c(
        'seed 000',
        'people-to-people work identifies the causes of conflict and lays the groundwork for peacebuilding',
      ),
    },
    escalation: {
      effect: 'weak',
      claim: c('seed 000', 'people-to-people (grassroots) work lacks political influence'),
    },
    war: {
      effect: 'weak',
      claim: c('seed 000', 'people-to-people (grassroots) work lacks political influence'),
    },
    'de-escalation': {
      effect: 'moderate',
      claim: c(
        'seed 000',
        'people-to-people initiatives can create public support that legitimises government action',
      ),
    },
    'post-conflict': {
      effect: 'strong',
      claim: c(
        'seed 000',
        'grassroots work is the most enduring form; village-level peace efforts in Rwanda instilled long-term healing',
      ),
    },
  },
  '5': {
    latent: {
      effect: 'moderate',
      assume:
        'seeds are silent on Track 5; research, training and education taken as building capacity before violence',
    },
    escalation: { effect: 'weak', assume: 'seeds are silent on Track 5 during escalation; taken as weak' },
    war: { effect: 'weak', assume: 'seeds are silent on Track 5 at war; taken as weak' },
    'de-escalation': {
      effect: 'weak',
      assume: 'seeds are silent on Track 5 during de-escalation; taken as weak',
    },
    'post-conflict': {
      effect: 'moderate',
      assume: 'seeds are silent on Track 5; peace education taken as moderate after a conflict',
    },
  },
  '6': {
    latent: {
      effect: 'moderate',
      assume: 'seeds are silent on Track 6; advocacy taken as moderate for agenda setting before violence',
    },
    escalation: {
      effect: 'moderate',
      assume: 'seeds are silent on Track 6 during escalation; public pressure taken as moderate',
    },
    war: { effect: 'weak', assume: 'seeds are silent on Track 6 at war; taken as weak' },
    'de-escalation': {
      effect: 'moderate',
      assume: 'seeds are silent on Track 6; public pressure for a settlement taken as moderate',
    },
    'post-conflict': {
      effect: 'moderate',
      assume: 'seeds are silent on Track 6 after a conflict; taken as moderate',
    },
  },
  '7': {
    latent: {
      effect: 'moderate',
      assume: 'seeds are silent on religion before violence; moral authority taken as moderate',
    },
    escalation: { effect: 'weak', assume: 'seeds are silent on religion during escalation; taken as weak' },
    war: { effect: 'weak', assume: 'seeds are silent on religion at war; taken as weak' },
    'de-escalation': {
      effect: 'moderate',
      assume: 'seeds are silent on religion during de-escalation; taken as moderate',
    },
    'post-conflict': {
      effect: 'strong',
      claim: c(
        'seed 000',
        'in Colombia, religious groups provided social reintegration and reconciliation after the Track 1 agreement',
      ),
    },
  },
  '8': {
    latent: {
      effect: 'moderate',
      claim: c(
        'seed 001',
        'funding enables conflict resolution programmes, peacebuilding projects and educational campaigns',
      ),
    },
    escalation: {
      effect: 'moderate',
      claim: c(
        'seed 001',
        'funding empowers organisations and individuals working towards conflict resolution',
      ),
    },
    war: {
      effect: 'weak',
      assume: 'seeds are silent on funding at war; taken as weak, as the work it funds is',
    },
    'de-escalation': {
      effect: 'moderate',
      claim: c('seed 001', 'funding enables conflict resolution programmes'),
    },
    'post-conflict': { effect: 'moderate', claim: c('seed 001', 'funding enables peacebuilding projects') },
  },
  '9': {
    latent: {
      effect: 'moderate',
      claim: c(
        'seed 000',
        'ministries and embassies use social media to build narratives and gain international visibility',
      ),
    },
    escalation: { effect: 'weak', assume: 'seeds are silent on media during escalation; taken as weak' },
    war: { effect: 'weak', assume: 'seeds are silent on media at war; taken as weak' },
    'de-escalation': {
      effect: 'moderate',
      claim: c('domain.md §5', 'Track 9 shapes what publics believe, and so what they accept'),
    },
    'post-conflict': {
      effect: 'moderate',
      assume: 'seeds are silent on media after a conflict; taken as moderate',
    },
  },
};

interface Modifier {
  readonly applies: (track: TrackId, stage: Stage, regime: Regime, electoral: Electoral) => boolean;
  readonly change: (effect: Effect, stage: Stage) => Effect;
  readonly claim?: Claim;
  readonly assume?: string;
}

const rank = (e: Effect) => EFFECTS.indexOf(e);
const atMost = (cap: Effect) => (e: Effect) => (rank(e) < rank(cap) ? cap : e);
const down = (steps: number) => (e: Effect) => EFFECTS[Math.min(rank(e) + steps, rank('weak'))] as Effect;
const same = (e: Effect) => e;
const bottomUp = new Set<TrackId>(['4', '5']);

const MODIFIERS: readonly Modifier[] = [
  {
    applies: (t, _s, r) => t === '2' && r === 'authoritarian',
    change: atMost('weak'),
    claim: c(
      'seed 002',
      'Track II is not effective in authoritarian regimes where leaders do not take advice from lower level leaders',
    ),
  },
  {
    applies: (t, _s, r) => bottomUp.has(t) && r === 'authoritarian',
    change: atMost('weak'),
    assume:
      'seed 002 says Track II is ineffective under authoritarian rule; taken to hold for other bottom-up tracks (4, 5) too',
  },
  {
    applies: (t, s, r) => t === '6' && r === 'authoritarian',
    change: (e, s) => (s === 'escalation' || s === 'war' ? 'counter-productive' : atMost('weak')(e)),
    assume:
      'seeds are silent on activism under authoritarian rule; protest during escalation or war taken as counter-productive (it invites repression), weak otherwise',
  },
  {
    applies: (t, _s, r) => (t === '2' || bottomUp.has(t) || t === '6') && r === 'hybrid',
    change: down(1),
    assume: 'hybrid regimes taken as half-way: bottom-up tracks one level weaker than under democracy',
  },
  {
    applies: (t, _s, r) => t === '1.5' && r === 'authoritarian',
    change: same,
    claim: c(
      'seed 004',
      'the China–US Strategic Nuclear Dynamics Dialogue ran as Track 1.5 from 2004 to 2019 with an authoritarian state',
    ),
  },
  {
    applies: (t, _s, _r, e) => t === '1' && e === 'near',
    change: down(1),
    claim: c('seed 002', 'Track One Diplomacy is affected by electoral cycles'),
  },
  {
    applies: (t, _s, _r, e) => t === '2' && e === 'near',
    change: same,
    claim: c('seed 002', 'Track II is not affected by electoral cycles'),
  },
  {
    applies: (t, _s, _r, e) => t !== '1' && t !== '2' && e === 'near',
    change: same,
    assume: 'seeds name electoral cycles only for Tracks 1 and 2; other tracks taken as unaffected',
  },
];

function buildCell(track: TrackId, stage: Stage, regime: Regime, electoral: Electoral): EffectCell {
  const base = BASE[track][stage];
  let effect = base.effect;
  const claims: Claim[] = 'claim' in base ? [base.claim] : [];
  const assumptions: string[] = 'assume' in base ? [base.assume] : [];
  for (const m of MODIFIERS) {
    if (!m.applies(track, stage, regime, electoral)) continue;
    effect = m.change(effect, stage);
    if (m.claim) claims.push(m.claim);
    if (m.assume) assumptions.push(m.assume);
  }
  return Object.freeze({
    track,
    stage,
    regime,
    electoral,
    effect,
    claims,
    assumptions,
    assumption: assumptions.length > 0,
  });
}

/** Every cell of the table: 10 tracks × 5 stages × 3 regimes × 2 electoral settings. */
export const EFFECTIVENESS_TABLE: readonly EffectCell[] = Object.freeze(
  TRACK_IDS.flatMap((t) =>
    STAGES.flatMap((s) => REGIMES.flatMap((r) => ELECTORAL.map((e) => buildCell(t, s, r, e)))),
  ),
);

export function effectiveness(
  track: TrackId,
  stage: Stage,
  regime: Regime,
  electoral: Electoral,
): EffectCell {
  const cell = EFFECTIVENESS_TABLE.find(
    (x) => x.track === track && x.stage === stage && x.regime === regime && x.electoral === electoral,
  );
  if (!cell) throw new Error(`no effectiveness cell for ${track}/${stage}/${regime}/${electoral}`);
  return cell;
}
