/**
 * `multitrack demo`: the main job for a first run — open the registry (embedded by default), load the
 * case library into it if needed, read every case back and describe it at a glance: which tracks it
 * spans, how its tracks fed one another, what bound the parties, and what the rules find; then a first
 * simulation: the Oslo scenario with and without its backchannel, paired on the same seeded runs.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '@commander-js/extra-typings';
import { describeSystem } from '../../analytics/describe.js';
import { formatProblem, readSystemText } from '../../ingest/system-file.js';
import type { StrategyComparison } from '../../sim/ensemble/compare.js';
import { compareStrategies } from '../../sim/ensemble/ensemble.js';
import { createRunner } from '../../sim/runners/index.js';
import { ADMIN } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';
import { table } from '../table.js';
import { loadCaseLibrary } from './init.js';
import { compileAt, loadScenario } from '../scenario-input.js';

/** `scenarios/` at the package root: three levels up from src/cli/commands or dist/cli/commands. */
const SCENARIOS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scenarios');
const DEMO_SCENARIO = join(SCENARIOS_DIR, 'oslo-backchannel.yaml');
const DEMO_RUNS = 500;

/** The Oslo scenario's recorded strategy against Track 1 alone, on the same 500 runs (seed 1). */
async function demoSimulation(command: { optsWithGlobals(): unknown }): Promise<StrategyComparison> {
  const { reading, system } = await loadScenario(DEMO_SCENARIO, command);
  const strategy = reading.scenario.strategy ?? 'as-is';
  const runner = createRunner({ threads: 1 });
  try {
    const { comparison } = await compareStrategies({
      model: compileAt(reading, system, strategy),
      against: compileAt(reading, system, 'track1-alone'),
      seed: 1,
      runs: DEMO_RUNS,
      runner,
      keepSeries: false,
    });
    return comparison;
  } finally {
    await runner.close();
  }
}

export function registerDemo(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description(
      'load the case library into the registry and describe every case (a first run of Multitrack)',
    )
    .option('--json', 'print one JSON document')
    .action(async (options, command) => {
      const opts = globals(command);
      const { readings, location, loaded } = await withRegistry(opts, async (registry) => {
        const load = await loadCaseLibrary(registry, ctx);
        const systems = await registry.systems(ADMIN);
        const readings = [];
        for (const s of systems) {
          const doc = await registry.exportSystem(ADMIN, s.id);
          readings.push(readSystemText(`${s.id} (registry)`, JSON.stringify(doc)));
        }
        return { readings, location: registry.location, loaded: load.loaded };
      });
      const summaries = readings.map((r) => {
        const d = r.index ? describeSystem(r.index) : undefined;
        const pathways = d
          ? d.initiatives.flatMap((n) =>
              n.feedsInto.map((to) => {
                const target = d.initiatives.find((x) => x.id === to);
                return {
                  from: n.id,
                  fromTrack: n.track,
                  to,
                  toTrack: target?.track ?? null,
                  bindingOutcomes: target?.outcomes.filter((o) => o.binding).map((o) => o.id) ?? [],
                };
              }),
            )
          : [];
        return {
          id: r.system?.id ?? r.file,
          name: r.system?.name ?? '(invalid)',
          valid: r.valid,
          errors: r.problems.filter((p) => p.severity === 'error').length,
          warnings: r.problems.filter((p) => p.severity === 'warning').length,
          stage: d?.conflict.stage ?? null,
          tracks: d?.tracksPresent ?? [],
          initiatives: d?.counts.initiatives ?? 0,
          engagements: d?.counts.engagements ?? 0,
          bindingOutcomes: d ? d.initiatives.flatMap((n) => n.outcomes.filter((o) => o.binding)).length : 0,
          crossTrackLinks: d?.crossTrackLinks.length ?? 0,
          pathways: pathways.filter((p) => p.fromTrack !== p.toTrack),
          problems: r.problems.filter((p) => p.severity === 'error'),
        };
      });
      const valid = summaries.filter((s) => s.valid).length;
      const simulation = await demoSimulation(command);
      const agreement = simulation.metrics.find((m) => m.metric === 'reached:comprehensive');
      if (options.json) {
        printJson(ctx.io, {
          registry: location,
          loaded,
          cases: summaries,
          valid,
          total: summaries.length,
          simulation: { scenario: DEMO_SCENARIO, ...simulation },
        });
      } else {
        line(
          ctx.io,
          `Multitrack registry at ${location}: ${summaries.length} systems (${loaded.length} loaded from the case library now)`,
        );
        line(ctx.io);
        line(
          ctx.io,
          table(
            [
              'Case',
              'Stage now',
              'Tracks',
              'Initiatives',
              'Engagements',
              'Binding',
              'Cross-track links',
              'Valid',
            ],
            summaries.map((s) => [
              s.id,
              s.stage ?? '-',
              s.tracks.join(' '),
              s.initiatives,
              s.engagements,
              s.bindingOutcomes,
              s.crossTrackLinks,
              s.valid ? (s.warnings ? `yes (${s.warnings} warnings)` : 'yes') : `NO (${s.errors} errors)`,
            ]),
          ),
        );
        line(ctx.io);
        line(ctx.io, 'How the tracks fed one another');
        for (const s of summaries) {
          for (const p of s.pathways) {
            const binding = p.bindingOutcomes.length ? ` → binding: ${p.bindingOutcomes.join(', ')}` : '';
            line(
              ctx.io,
              `  ${s.id}: ${p.from} (Track ${p.fromTrack ?? '?'}) feeds into ${p.to} (Track ${p.toTrack ?? '?'})${binding}`,
            );
          }
        }
        line(ctx.io);
        if (agreement) {
          const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
          const pts = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`;
          line(ctx.io);
          line(ctx.io, `A first simulation: ${simulation.strategy} against ${simulation.against}`);
          line(
            ctx.io,
            `  Oslo scenario, ${simulation.runs} runs paired on seed ${simulation.seed}: a comprehensive agreement within the horizon in ${pct(agreement.strategy)} of runs with the backchannel, ${pct(agreement.against)} without it (${pts(agreement.difference)} points, 95% interval ${pts(agreement.interval.low)} to ${pts(agreement.interval.high)}).`,
          );
          line(
            ctx.io,
            '  Calibration: PA-X Peace Agreements Database (PeaceRep); UCDP/PRIO Armed Conflict Dataset.',
          );
        }
        line(ctx.io);
        line(
          ctx.io,
          `${valid} of ${summaries.length} cases valid. Next: multitrack cases show oslo-1993, or multitrack simulate scenarios/oslo-backchannel.yaml --compare track1-alone`,
        );
        for (const s of summaries) for (const p of s.problems) ctx.io.err(`${formatProblem(p)}\n`);
      }
      if (valid < summaries.length) ctx.exitCode = EXIT.invalid;
    });
}
