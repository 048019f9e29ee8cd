// The compiler on the case library: what a strategy changes, how the clock and the initial state are
// read from the system, and the clear errors for strategies that name what the system does not have.
import { describe, expect, it } from 'vitest';
import { readCase } from '../../ingest/case-library.js';
import { ScenarioError, compileScenario } from './compile.js';
import { TRACK_INDEX } from './model.js';
import { ScenarioSchema } from './scenario.js';

async function oslo() {
  const system = (await readCase('oslo-1993'))?.system;
  if (!system) throw new Error('oslo-1993 case missing');
  return system;
}

const scenario = (strategies: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ScenarioSchema.parse({
    'multitrack-scenario': 1,
    name: 'compile',
    system: 'cases/oslo-1993.yaml',
    start: '1992-06-01',
    horizon: 200,
    strategies,
    ...extra,
  });

describe('compileScenario', () => {
  it('places the Oslo initiatives on the weekly clock with their tracks and bridges', async () => {
    const model = compileScenario(scenario({}), await oslo(), 'as-is');
    const byId = new Map(model.initiatives.map((i) => [i.id, i]));
    const backchannel = byId.get('oslo-backchannel');
    expect(backchannel?.track).toBe(TRACK_INDEX['2']);
    expect(backchannel?.bridge).toBe(1); // it feeds into the official negotiations
    expect(backchannel?.startWeek).toBe(26); // December 1992, 26 weeks after 1 June 1992
    expect(byId.get('oslo-official-negotiations')?.track).toBe(TRACK_INDEX['1']);
    expect(model.initial.conflictStage).toBe(1); // escalation since the First Intifada
    expect(model.parties.map((p) => p.id)).toEqual(['israel', 'plo']);
  });

  it('applies a strategy: removes, adds, funds and closes', async () => {
    const model = compileScenario(
      scenario({
        s: {
          remove: ['oslo-backchannel'],
          add: [{ id: 'media', track: 9, start: '1993-01', parties: ['israel'], participants: 48 }],
          fund: [{ initiative: 'media', factor: 3 }],
          close: [{ from: '1993-01-01', until: '1993-03-01' }],
        },
      }),
      await oslo(),
      's',
    );
    const ids = model.initiatives.map((i) => i.id);
    expect(ids).not.toContain('oslo-backchannel');
    const media = model.initiatives.find((i) => i.id === 'media');
    expect(media?.added).toBe(true);
    expect(media?.parties).toEqual([0]);
    expect(media?.scale).toBeCloseTo(3 * 2, 10); // funded ×3, 48 participants: reach √(48/12) = 2
    expect(model.closures).toHaveLength(1);
    expect(model.closures[0]?.fromWeek).toBeLessThan(model.closures[0]?.untilWeek ?? 0);
  });

  it.each([
    [{ remove: ['no-such-initiative'] }, /removes "no-such-initiative", which is not an initiative/],
    [{ add: [{ id: 'x', track: 2, start: '1993', actors: ['nobody'] }] }, /"nobody" is not an actor/],
    [{ add: [{ id: 'x', track: 2, start: '1993', parties: ['mars'] }] }, /"mars" is not a party/],
    [{ add: [{ id: 'oslo-backchannel', track: 2, start: '1993' }] }, /an id the system already uses/],
    [{ fund: [{ initiative: 'ghost' }] }, /funds "ghost", which is not an initiative/],
  ])('refuses a strategy that names what the system lacks (%#)', async (strategy, message) => {
    const system = await oslo();
    expect(() => compileScenario(scenario({ s: strategy }), system, 's')).toThrow(ScenarioError);
    expect(() => compileScenario(scenario({ s: strategy }), system, 's')).toThrow(message);
  });

  it('names the strategies there are when asked for another', async () => {
    const system = await oslo();
    expect(() => compileScenario(scenario({ a: {} }), system, 'b')).toThrow(
      'no strategy "b"; the scenario defines: as-is, a',
    );
  });

  it('refuses parameters out of range, naming the range', async () => {
    const system = await oslo();
    const s = scenario({}, { parameters: { spoilerRate: 5 } });
    expect(() => compileScenario(s, system, 'as-is')).toThrow(/spoilerRate = 5 is outside its range/);
  });
});
