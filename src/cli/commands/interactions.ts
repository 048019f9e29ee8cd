/**
 * `multitrack interactions SYSTEM`: the event data of a system month by month — per actor pair, per pair
 * of parties (the cooperation–conflict series), or per track pair — scoped to the viewer.
 */
import type { Command } from '@commander-js/extra-typings';
import { interactionSeries, type SeriesGrouping } from '../../analytics/interaction-series.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { globals, withRegistry } from '../registry-access.js';
import { table } from '../table.js';

const GROUPINGS: readonly SeriesGrouping[] = ['parties', 'tracks', 'actors'];

export function registerInteractions(program: Command, ctx: CommandContext): void {
  program
    .command('interactions')
    .description('event data month by month: per pair of parties, of tracks or of actors')
    .argument('<system>', 'a system built from event data (multitrack import gdelt/plover)')
    .option('--by <grouping>', `parties (the cooperation–conflict series), tracks or actors`, 'parties')
    .option('--from <month>', 'first month, YYYY-MM')
    .option('--to <month>', 'last month, YYYY-MM')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      '\nExample:\n  multitrack interactions georgia --by tracks --from 2011-08 --to 2011-12',
    )
    .action(async (systemId, options, command) => {
      const opts = globals(command);
      const by = options.by as SeriesGrouping;
      if (!GROUPINGS.includes(by))
        throw new UserError(`--by ${options.by}: expected one of ${GROUPINGS.join(', ')}`);
      await withRegistry(opts, async (registry, viewer) => {
        const rows = await registry.interactions(viewer, systemId, { from: options.from, to: options.to });
        const actors = by === 'parties' ? await registry.list(viewer, systemId, { type: 'actor' }) : [];
        const party = new Map(
          actors.flatMap((a) =>
            a.redacted || typeof a.data.party !== 'string' ? [] : [[a.id, a.data.party]],
          ),
        );
        const points = interactionSeries(rows, by, (id) => party.get(id));
        if (opts.json) {
          printJson(ctx.io, { system: systemId, by, points });
          return;
        }
        const f = (n: number | null) => (n === null ? '-' : n.toFixed(2));
        line(
          ctx.io,
          table(
            ['Month', 'From', 'To', 'Events', 'Mentions', 'Goldstein', 'Tone', 'Cooperative'],
            points.map((p) => [
              p.month,
              p.from,
              p.to,
              p.events,
              p.mentions,
              f(p.goldsteinMean),
              f(p.toneMean),
              `${Math.round(p.cooperativeShare * 100)}%`,
            ]),
          ),
        );
        line(
          ctx.io,
          'Source: event data as imported (GDELT Project, open with citation; PLOVER, CC BY-SA 4.0).',
        );
      });
    });
}
