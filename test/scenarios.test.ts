// The scenario library: every file in scenarios/ reads without a problem, names a system that loads,
// and every one of its strategies compiles and runs.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSystemFile } from '../src/ingest/system-file.js';
import { compileScenario } from '../src/sim/system/compile.js';
import { runModel } from '../src/sim/system/engine.js';
import { AS_IS } from '../src/sim/system/scenario.js';
import { formatScenarioProblem, readScenarioFile } from '../src/sim/system/scenario-file.js';

const DIR = join(import.meta.dirname, '..', 'scenarios');
const files = (await readdir(DIR)).filter((f) => f.endsWith('.yaml')).sort();

describe('the scenario library', () => {
  it('has the scenarios the docs name', () => {
    expect(files).toEqual(expect.arrayContaining(['oslo-backchannel.yaml', 'colombia-implementation.yaml']));
  });

  it.each(files)('%s reads, and every strategy compiles and runs', async (file) => {
    const reading = await readScenarioFile(join(DIR, file));
    if (!reading.ok) throw new Error(reading.problems.map(formatScenarioProblem).join('\n'));
    expect(reading.system.kind).toBe('file');
    if (reading.system.kind !== 'file') return;
    const system = await readSystemFile(reading.system.path);
    expect(system.valid).toBe(true);
    if (!system.system) return;
    for (const strategy of [AS_IS, ...Object.keys(reading.scenario.strategies)]) {
      const model = compileScenario(reading.scenario, system.system, strategy);
      expect(model.notes).toEqual([]);
      const run = runModel(model, 1, 0);
      expect(run.series.length).toBeGreaterThan(0);
    }
  });
});
