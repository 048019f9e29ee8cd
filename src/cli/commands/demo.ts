/**
 * `multitrack demo`: the main job for a first run — open the registry (embedded by default), load the
 * case library into it if needed, read every case back and describe it at a glance: which tracks it
 * spans, how its tracks fed one another, what bound the parties, and what the rules find.
 */
import type { Command } from '@commander-js/extra-typings';
import { describeSystem } from '../../analytics/describe.js';
import { formatProblem, readSystemText } from '../../ingest/system-file.js';
import { ADMIN } from '../../store/port.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';
import { table } from '../table.js';
import { loadCaseLibrary } from './init.js';

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
      if (options.json) {
        printJson(ctx.io, { registry: location, loaded, cases: summaries, valid, total: summaries.length });
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
        line(ctx.io, `${valid} of ${summaries.length} cases valid. Next: multitrack cases show oslo-1993`);
        for (const s of summaries) for (const p of s.problems) ctx.io.err(`${formatProblem(p)}\n`);
      }
      if (valid < summaries.length) ctx.exitCode = EXIT.invalid;
    });
}
