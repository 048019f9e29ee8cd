/**
 * `multitrack effectiveness`: what works when — the track × stage × regime × elections table, each cell
 * with the seeds' claims behind it or marked as an assumption.
 */
import type { Command } from '@commander-js/extra-typings';
import { REGIMES, STAGES } from '../../domain/conflict.js';
import { EFFECTIVENESS_TABLE, ELECTORAL } from '../../domain/rules/effectiveness.js';
import { TRACK_IDS } from '../../domain/track.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { table } from '../table.js';

function oneOf(name: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value))
    throw new UserError(`unknown ${name} "${value}"; expected one of: ${allowed.join(', ')}`);
  return value;
}

export function registerEffectiveness(program: Command, ctx: CommandContext): void {
  program
    .command('effectiveness')
    .description('what works when: effect of each track by conflict stage, regime type and elections')
    .option('--track <id>', `one track: ${TRACK_IDS.join(', ')}`)
    .option('--stage <stage>', `one stage: ${STAGES.join(', ')}`)
    .option('--regime <type>', `one regime type: ${REGIMES.join(', ')}`)
    .option('--electoral <near|far>', 'whether a national election is near (within about a year)')
    .option('--json', 'print the cells as JSON, with their claims and assumptions')
    .addHelpText(
      'after',
      `
Examples:
  multitrack effectiveness --stage war --regime authoritarian --electoral far
  multitrack effectiveness --track 2 --json`,
    )
    .action((options) => {
      const track = oneOf('track', options.track, TRACK_IDS);
      const stage = oneOf('stage', options.stage, STAGES);
      const regime = oneOf('regime', options.regime, REGIMES);
      const electoral = oneOf('electoral', options.electoral, ELECTORAL);
      const cells = EFFECTIVENESS_TABLE.filter(
        (c) =>
          (track === undefined || c.track === track) &&
          (stage === undefined || c.stage === stage) &&
          (regime === undefined || c.regime === regime) &&
          (electoral === undefined || c.electoral === electoral),
      );
      if (options.json) {
        printJson(ctx.io, { cells });
        return;
      }
      line(
        ctx.io,
        table(
          ['Track', 'Stage', 'Regime', 'Election', 'Effect', 'Basis'],
          cells.map((c) => [
            c.track,
            c.stage,
            c.regime,
            c.electoral,
            c.effect,
            [
              ...c.claims.map((k) => `${k.source}: ${k.claim}`),
              ...c.assumptions.map((a) => `assumption: ${a}`),
            ].join(' | '),
          ]),
        ),
      );
    });
}
