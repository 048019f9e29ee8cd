// The engine as a pure function: same (model, seed, run) gives the same bytes, other seeds other runs;
// and invariants that hold for any scenario fast-check can draw: every state variable stays in [0, 1],
// stages are reached in order, nothing binds without Track 1, and dropping the series changes nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../domain/conflict.js';
import { SystemSchema } from '../../domain/system.js';
import { TRACK_IDS } from '../../domain/track.js';
import { compileScenario } from './compile.js';
import { conflictStageOf, runModel } from './engine.js';
import { SERIES, type RunResult } from './model.js';
import { ScenarioSchema } from './scenario.js';

function system(stage: (typeof STAGES)[number], withTalks: boolean) {
  return SystemSchema.parse({
    multitrack: 1,
    id: 'engine-test',
    name: 'Engine test',
    conflict: { id: 'c', name: 'C', parties: ['a', 'b'], stages: [{ stage, from: '2000' }] },
    parties: [
      { id: 'a', name: 'A', kind: 'state' },
      { id: 'b', name: 'B', kind: 'armed-group' },
    ],
    initiatives: withTalks
      ? [
          {
            id: 'talks',
            name: 'Talks',
            track: 'Track 1',
            mechanism: 'official-talks',
            scope: 'bilateral',
            parties: ['a', 'b'],
            start: '2000',
          },
        ]
      : [],
  });
}

const addedArb = fc.record({
  track: fc.constantFrom(...TRACK_IDS.filter((t) => t !== '1')),
  startWeek: fc.integer({ min: 0, max: 100 }),
  length: fc.integer({ min: 1, max: 150 }),
  scale: fc.double({ min: 0, max: 3, noNaN: true }),
  funded: fc.boolean(),
  participants: fc.integer({ min: 1, max: 500 }),
});

const scenarioArb = fc.record({
  stage: fc.constantFrom(...STAGES),
  talks: fc.boolean(),
  added: fc.array(addedArb, { maxLength: 6 }),
  closeFrom: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  seed: fc.integer(),
});

const dateOfWeek = (w: number) =>
  new Date(Date.UTC(2001, 0, 1) + w * 7 * 86_400_000).toISOString().slice(0, 10);

type Drawn = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(input: Drawn) {
  const scenario = ScenarioSchema.parse({
    'multitrack-scenario': 1,
    name: 'drawn',
    system: 'inline',
    start: '2001-01-01',
    horizon: 156,
    strategies: {
      drawn: {
        add: input.added.map((a, k) => ({
          id: `added-${k}`,
          track: a.track,
          start: dateOfWeek(a.startWeek),
          end: dateOfWeek(a.startWeek + a.length),
          scale: a.scale,
          funded: a.funded,
          participants: a.participants,
        })),
        close: input.closeFrom === undefined ? [] : [{ from: dateOfWeek(input.closeFrom) }],
      },
    },
  });
  return compileScenario(scenario, system(input.stage, input.talks), 'drawn');
}

const bytes = (r: RunResult) =>
  JSON.stringify({ ...r, series: Array.from(r.series), reached: Array.from(r.reached) });

describe('the engine', () => {
  it('is a pure function of (model, seed, run): same inputs, same bytes; another seed, another run', () => {
    const model = build({ stage: 'war', talks: true, added: [], closeFrom: undefined, seed: 0 });
    expect(bytes(runModel(model, 5, 3))).toBe(bytes(runModel(model, 5, 3)));
    const others = new Set(Array.from({ length: 20 }, (_, s) => bytes(runModel(model, s, 0))));
    expect(others.size).toBeGreaterThan(15);
  });

  it('keeps every state in range, reaches stages in order, and binds nothing without Track 1', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const model = build(input);
        const r = runModel(model, input.seed, 0);
        const weeks = model.weeks;
        for (let k = 0; k < SERIES.length; k++) {
          const name = SERIES[k];
          for (let w = 0; w < weeks; w++) {
            const v = r.series[k * weeks + w] ?? NaN;
            if (name === 'negotiationStage') expect(v >= 0 && v <= 4 && Number.isInteger(v)).toBe(true);
            else expect(v >= 0 && v <= 1).toBe(true);
          }
        }
        // A stage first reached is reached no earlier than the one before it.
        for (let s = 1; s < 5; s++) {
          const at = r.reached[s] ?? -1;
          if (at >= 0) expect(at).toBeGreaterThanOrEqual(r.reached[s - 1] ?? -1);
        }
        if (!input.talks && model.initial.negotiationStage === 0) expect(r.reached[1]).toBe(-1);
        expect(r.peakTension).toBeGreaterThanOrEqual(r.finalTension);
        expect(r.weeksAtWar).toBeLessThanOrEqual(weeks);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same events and finals whether or not it keeps the weekly series', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const model = build(input);
        const full = runModel(model, input.seed, 1, true);
        const lean = runModel(model, input.seed, 1, false);
        expect(lean.series.length).toBe(0);
        expect(bytes({ ...lean, series: new Float64Array() })).toBe(
          bytes({ ...full, series: new Float64Array() }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('reads the conflict stage from the state', () => {
    expect(STAGES[conflictStageOf(0.9, 0.6, 0)]).toBe('war');
    expect(STAGES[conflictStageOf(0.6, 0.2, 0)]).toBe('escalation');
    expect(STAGES[conflictStageOf(0.4, 0.1, 1)]).toBe('de-escalation');
    expect(STAGES[conflictStageOf(0.2, 0.05, 4)]).toBe('post-conflict');
    expect(STAGES[conflictStageOf(0.2, 0.05, 0)]).toBe('latent');
  });
});
