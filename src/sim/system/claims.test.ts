// The seeds' claims about the living system, as tests on seeded Monte Carlo ensembles: each compares two
// strategies on the same runs (same seed and run index: common random numbers) and checks the direction
// and rough size the seeds give. Oslo, Colombia and Rwanda come from the case library.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Regime, Stage } from '../../domain/conflict.js';
import { SystemSchema, type System } from '../../domain/system.js';
import { readCase } from '../../ingest/case-library.js';
import { compileScenario } from './compile.js';
import { runModel } from './engine.js';
import type { CompiledModel, RunResult } from './model.js';
import { type Scenario, ScenarioSchema } from './scenario.js';

const RUNS = 600;
const SEED = 20_26;
const COMPREHENSIVE = 3;

function ensemble(model: CompiledModel, runs = RUNS): RunResult[] {
  return Array.from({ length: runs }, (_, run) => runModel(model, SEED, run, false));
}

const share = (results: readonly RunResult[], test: (r: RunResult) => boolean) =>
  results.filter(test).length / results.length;
const reached = (stage: number) => (r: RunResult) => (r.reached[stage] ?? -1) >= 0;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A two-party conflict with one official negotiation open through the horizon. */
function twoParties(stage: Stage, regime: Regime, talks = true): System {
  return SystemSchema.parse({
    multitrack: 1,
    id: `generic-${stage}-${regime}`,
    name: 'Generic two-party conflict',
    conflict: {
      id: 'conflict',
      name: 'Conflict',
      parties: ['north', 'south'],
      stages: [{ stage, from: '2000' }],
      regimes: [
        { party: 'north', regime },
        { party: 'south', regime },
      ],
    },
    parties: [
      { id: 'north', name: 'North', kind: 'state' },
      { id: 'south', name: 'South', kind: 'state' },
    ],
    initiatives: talks
      ? [
          {
            id: 'official-talks',
            name: 'Official talks',
            track: 'Track 1',
            mechanism: 'official-talks',
            scope: 'bilateral',
            parties: ['north', 'south'],
            start: '2000',
          },
        ]
      : [],
  });
}

function scenario(strategies: Record<string, unknown>, extra: Record<string, unknown> = {}): Scenario {
  return ScenarioSchema.parse({
    'multitrack-scenario': 1,
    name: 'claim',
    system: 'inline',
    start: '2001-01-01',
    horizon: 260,
    strategies,
    ...extra,
  });
}

const track2 = (id: string, start = '2001-01-01', end?: string) => ({
  id,
  track: '2',
  start,
  ...(end ? { end } : {}),
  parties: ['north', 'south'],
  feedsInto: ['official-talks'],
});

describe('the seeds’ claims on ensembles', () => {
  it('a backchannel that feeds Track 1 raises the chance of agreement against Track 1 alone (Oslo)', () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'oslo-backchannel.yaml');
    const oslo = ScenarioSchema.parse(parse(readFileSync(file, 'utf8')));
    return readCase('oslo-1993').then((reading) => {
      const system = reading?.system;
      if (!system) throw new Error('oslo-1993 case missing');
      const withChannel = ensemble(compileScenario(oslo, system, 'with-official-follow-up'), 4000);
      const alone = ensemble(compileScenario(oslo, system, 'track1-alone'), 4000);
      // Paired on the same runs (common random numbers): runs the backchannel turns into a partial
      // agreement outnumber those it loses, beyond a sign test's two standard errors.
      let wins = 0;
      let losses = 0;
      withChannel.forEach((r, k) => {
        const other = alone[k];
        if (!other) return;
        if (reached(2)(r) && !reached(2)(other)) wins++;
        if (!reached(2)(r) && reached(2)(other)) losses++;
      });
      expect(wins - losses).toBeGreaterThan(2 * Math.sqrt(wins + losses));
      expect(share(withChannel, reached(1))).toBeGreaterThan(share(alone, reached(1)));
    });
  });

  it('Track 2 at the war stage changes little; the same programme at de-escalation changes more', () => {
    const effect = (stage: Stage) => {
      const s = scenario({ workshops: { add: [track2('workshops', '2001-01-01', '2002-12-31')] } });
      const system = twoParties(stage, 'democracy');
      const base = ensemble(compileScenario(s, system, 'as-is'));
      const with2 = ensemble(compileScenario(s, system, 'workshops'));
      return share(with2, reached(COMPREHENSIVE)) - share(base, reached(COMPREHENSIVE));
    };
    const atWar = effect('war');
    const atDeEscalation = effect('de-escalation');
    expect(Math.abs(atWar)).toBeLessThan(0.03);
    expect(atDeEscalation).toBeGreaterThan(3 * Math.abs(atWar));
  });

  it('an authoritarian regime blunts Track 2', () => {
    const effect = (regime: Regime) => {
      const s = scenario({ workshops: { add: [track2('workshops')] } });
      const system = twoParties('escalation', regime);
      const base = ensemble(compileScenario(s, system, 'as-is'));
      const with2 = ensemble(compileScenario(s, system, 'workshops'));
      return share(with2, reached(2)) - share(base, reached(2));
    };
    const democracy = effect('democracy');
    const authoritarian = effect('authoritarian');
    expect(democracy).toBeGreaterThan(0.03);
    expect(authoritarian).toBeLessThan(democracy / 2);
  });

  it.each(['colombia-farc-2016', 'rwanda-post-genocide'])(
    'grassroots work lowers relapse after an agreement (%s)',
    async (id) => {
      const system = (await readCase(id))?.system;
      if (!system) throw new Error(`${id} case missing`);
      const parties = system.conflict.parties;
      const grassroots = [
        { id: 'citizens', track: '4', start: '2017-01', parties, participants: 400 },
        { id: 'faith', track: '7', start: '2017-01', parties, participants: 200 },
        { id: 'business', track: '3', start: '2017-01', parties },
      ];
      const s = scenario(
        { grassroots: { add: grassroots } },
        { start: '2017-01-01', horizon: 520, initial: { conflictStage: 'post-conflict' } },
      );
      const base = ensemble(compileScenario(s, system, 'as-is'));
      const withWork = ensemble(compileScenario(s, system, 'grassroots'));
      const relapse = (rs: RunResult[]) => share(rs, (r) => r.relapses > 0);
      expect(relapse(base)).toBeGreaterThan(0.05);
      expect(relapse(withWork)).toBeLessThan(relapse(base) * 0.85);
    },
  );

  it('closing official channels at the peak raises escalation when no 1.5 or 2 channel is open', () => {
    const close = { close: [{ from: '2001-01-01', until: '2002-12-31' }] };
    const s = scenario({
      closed: close,
      'closed-with-track15': {
        ...close,
        add: [{ id: 'dialogue', track: '1.5', start: '2001-01-01', parties: ['north', 'south'] }],
      },
      open: {},
    });
    const system = twoParties('war', 'democracy');
    const peak = (strategy: string) =>
      mean(ensemble(compileScenario(s, system, strategy)).map((r) => r.peakTension));
    const open = peak('open');
    const closed = peak('closed');
    const closedWith15 = peak('closed-with-track15');
    expect(closed).toBeGreaterThan(open + 0.03);
    expect(closedWith15).toBeLessThan(closed);
  });

  it('no agreement is ever reached without a Track 1 process (only Track 1 binds)', () => {
    const s = scenario({
      everything: {
        add: [
          { ...track2('workshops'), feedsInto: [] },
          { id: 'media', track: '9', start: '2001' },
        ],
      },
    });
    const system = twoParties('latent', 'democracy', false);
    const results = ensemble(compileScenario(s, system, 'everything'), 100);
    expect(share(results, reached(1))).toBe(0);
    expect(share(results, reached(COMPREHENSIVE))).toBe(0);
  });
});
