// The model registry: every model runs on a plain issue, options parse against each model's list with
// messages that say what is allowed, and presets and overrides reach the expected-utility model.
import { describe, expect, it } from 'vitest';
import type { Issue } from './issue.js';
import {
  DEFAULT_MODEL,
  MODELS,
  ModelOptionError,
  modelByName,
  parseModelOptions,
  runModel,
} from './models.js';

const issue: Issue = {
  id: 'small',
  scale: { min: 0, max: 100 },
  stakeholders: [
    { id: 'a', name: 'A', position: 0, salience: 0.9, capability: 3 },
    { id: 'b', name: 'B', position: 60, salience: 0.5, capability: 1 },
    { id: 'c', name: 'C', position: 100, salience: 0.2, capability: 1 },
  ],
  engagements: [],
};

function get(name: string) {
  const m = modelByName(name);
  if (!m) throw new Error(name);
  return m;
}

describe('model registry', () => {
  it('lists compromise, weighted-median, expected-utility and multitrack; the default is one of them', () => {
    expect(MODELS.map((m) => m.name)).toEqual([
      'compromise',
      'weighted-median',
      'expected-utility',
      'multitrack',
    ]);
    expect(modelByName(DEFAULT_MODEL)).toBeDefined();
  });

  it('runs every model with its defaults; dynamic ones report each round', () => {
    for (const m of MODELS) {
      const run = runModel(m, issue);
      expect(Number.isFinite(run.forecast)).toBe(true);
      if (m.dynamic) expect(run.rounds).toHaveLength(m.defaultRounds ?? 0);
      else expect(run.rounds).toBeUndefined();
    }
    expect(runModel(get('expected-utility'), issue, {}, 3).rounds).toHaveLength(3);
  });

  it('parses options by kind and applies them', () => {
    const compromise = get('compromise');
    expect(parseModelOptions(compromise, ['capability=true'])).toEqual({ capability: true });
    expect(runModel(compromise, issue, { capability: true }).forecast).toBeCloseTo(
      (0 * 2.7 + 60 * 0.5 + 100 * 0.2) / 3.4,
      9,
    );
    const eu = get('expected-utility');
    expect(parseModelOptions(eu, ['preset=literal,q=0.5', 'forecast=mean'])).toEqual({
      preset: 'literal',
      q: 0.5,
      forecast: 'mean',
    });
    expect(parseModelOptions(get('multitrack'), ['track2.learning=0.1'])).toEqual({ 'track2.learning': 0.1 });
  });

  it('refuses unknown keys and bad values with what is allowed', () => {
    const eu = get('expected-utility');
    expect(() => parseModelOptions(eu, ['colour=red'])).toThrow(
      /no option "colour"; expected one of: preset, denominator/,
    );
    expect(() => parseModelOptions(eu, ['denominator=some'])).toThrow(
      /expected one of all-pairs, pair, got "some"/,
    );
    expect(() => parseModelOptions(eu, ['q=2'])).toThrow(/expected a number from 0 to 1/);
    expect(() => parseModelOptions(eu, ['q'])).toThrow(ModelOptionError);
    expect(() => parseModelOptions(get('compromise'), ['capability=yes'])).toThrow(/true or false/);
  });

  it('lets options override the preset of the expected-utility model', () => {
    const eu = get('expected-utility');
    const literal = runModel(eu, issue, { preset: 'literal' }).rounds;
    const overridden = runModel(eu, issue, {
      preset: 'literal',
      denominator: 'all-pairs',
      capitulation: 'never',
      offerChoice: 'scholz-code',
    }).rounds;
    expect(JSON.stringify(overridden)).toBe(JSON.stringify(runModel(eu, issue, {}).rounds));
    expect(literal).toHaveLength(8);
  });
});
