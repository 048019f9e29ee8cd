// The scenario reader on good and broken scenario files: every problem at its line and column, with
// the field and what was expected; `system:` resolved from the scenario file's folder or the registry.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ScenarioProblem,
  formatScenarioProblem,
  readScenarioFile,
  readScenarioText,
} from './scenario-file.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'scenarios');
const FILE = join(FIXTURES, 'example.yaml');

const GOOD = `multitrack-scenario: 1
name: Oslo (test)
system: ../../../cases/oslo-1993.yaml
start: 1992-06
horizon: 104
strategy: workshops
strategies:
  track-1-alone:
    remove: [oslo-backchannel]
  workshops:
    add:
      - id: workshop-series
        track: 2
        start: 1992-09
`;

function problems(text: string): readonly ScenarioProblem[] {
  const reading = readScenarioText(FILE, text);
  if (reading.ok) throw new Error('expected problems');
  return reading.problems;
}

describe('readScenarioText', () => {
  it('reads a scenario and resolves the system file from the scenario file’s folder', () => {
    const reading = readScenarioText(FILE, GOOD);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.scenario.horizon).toBe(104);
    expect(reading.scenario.strategies.workshops?.add[0]?.track).toBe('2');
    expect(reading.system).toEqual({
      kind: 'file',
      path: resolve(FIXTURES, '../../../cases/oslo-1993.yaml'),
      written: '../../../cases/oslo-1993.yaml',
    });
    expect(reading.systemAt).toEqual({ line: 3, col: 9 });
  });

  it('takes registry:SYSTEM-ID as a system of the registry', () => {
    const reading = readScenarioText(FILE, GOOD.replace(/system: .*/, 'system: registry:oslo-1993'));
    expect(reading.ok && reading.system).toEqual({
      kind: 'registry',
      id: 'oslo-1993',
      written: 'registry:oslo-1993',
    });
  });

  it('reads the same scenario from JSON', () => {
    const json = JSON.stringify({
      'multitrack-scenario': 1,
      name: 'Oslo (test)',
      system: 'registry:oslo-1993',
      start: '1992-06',
      horizon: 52,
    });
    const reading = readScenarioText(join(FIXTURES, 'example.json'), json);
    expect(reading.ok && reading.scenario.strategies).toEqual({});
  });

  it('places an unknown default strategy at its line and lists the strategies', () => {
    const [p, ...rest] = problems(GOOD.replace('strategy: workshops', 'strategy: workshop'));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ line: 6, col: 11, field: 'strategy' });
    expect(p?.message).toBe('no strategy "workshop"; the scenario defines: as-is, track-1-alone, workshops');
  });

  it('places a bad track at its line and says which tracks there are', () => {
    const [p] = problems(GOOD.replace('track: 2', 'track: 2.5'));
    expect(p).toMatchObject({ line: 13, col: 16, field: 'strategies.workshops.add[0].track' });
    expect(p?.message).toBe('track must be one of 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9');
  });

  it('says a horizon in words is not a number of weeks, once', () => {
    const [p] = problems(GOOD.replace('horizon: 104', 'horizon: two years'));
    expect(p).toMatchObject({ line: 5, col: 10, field: 'horizon', message: 'expected a number of weeks' });
    expect(formatScenarioProblem(p as ScenarioProblem)).toBe(
      `${FILE}:5:10: horizon: expected a number of weeks`,
    );
  });

  it('reports broken YAML at the line where it breaks', () => {
    const [p] = problems(GOOD.replace('horizon: 104', 'horizon: 104\n  weeks: 3'));
    expect(p).toMatchObject({ line: 5, col: 10, field: '' });
    expect(p?.message).toBe('invalid YAML: Nested mappings are not allowed in compact mappings');
  });

  it('reports an unknown field at its key with the fields allowed there', () => {
    const [p] = problems(GOOD.replace('horizon: 104', 'horizon: 104\ncolour: red'));
    expect(p).toMatchObject({ line: 6, col: 1, field: 'colour' });
    expect(p?.message).toMatch(/^unknown field "colour"; expected one of: multitrack-scenario, name,/);
  });

  it('checks parameter names and ranges against the parameter table', () => {
    const found = problems(GOOD.replace('horizon: 104', 'horizon: 104\nparameters:\n  decay: 5\n  speed: 1'));
    expect(found.map((p) => [p.line, p.field])).toEqual([
      [7, 'parameters.decay'],
      [8, 'parameters.speed'],
    ]);
    expect(found[0]?.message).toBe('decay = 5 is outside its range [0.002, 0.03] (1/week)');
    expect(found[1]?.message).toMatch(/^unknown parameter "speed"; expected one of: advancePre,/);
  });

  it('finds an added initiative that ends before it starts', () => {
    const [p] = problems(GOOD.replace('start: 1992-09', 'start: 1992-09\n        end: 1992-01'));
    expect(p).toMatchObject({ line: 15, field: 'strategies.workshops.add[0].end' });
    expect(p?.message).toBe('end 1992-01 is before start 1992-09');
  });

  it('says an empty file is not a scenario', () => {
    const [p] = problems('');
    expect(p).toMatchObject({ line: 1, col: 1 });
    expect(p?.message).toMatch(/^expected a scenario/);
  });
});

describe('readScenarioFile', () => {
  it('reads the test scenario next to the case library', async () => {
    const reading = await readScenarioFile(join(FIXTURES, 'oslo-small.yaml'));
    expect(reading.ok).toBe(true);
  });

  it('reports a missing scenario file as a problem, not a throw', async () => {
    const reading = await readScenarioFile(join(FIXTURES, 'nowhere.yaml'));
    expect(!reading.ok && reading.problems[0]?.message).toBe('no such file');
  });
});
