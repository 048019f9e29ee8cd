/**
 * `multitrack tracks`: the canonical taxonomy, the sectors, the modalities and the other conventions
 * the sources use; `--label TEXT` says what a label means.
 */
import type { Command } from '@commander-js/extra-typings';
import { MECHANISMS } from '../../domain/mechanism.js';
import { SECTORS } from '../../domain/sector.js';
import {
  CONVENTIONS,
  CONVENTION_IDS,
  type ConventionId,
  MODALITIES,
  NAMED_LABELS,
  TRACKS,
  TrackLabelError,
  parseTrackLabel,
} from '../../domain/track.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { table } from '../table.js';

function isConvention(value: string): value is ConventionId {
  return (CONVENTION_IDS as readonly string[]).includes(value);
}

export function registerTracks(program: Command, ctx: CommandContext): void {
  program
    .command('tracks')
    .description('the track taxonomy, sectors, modalities and labelling conventions')
    .option('--label <text>', 'say what a track label means, e.g. "Track II" or "T1.5"')
    .option(
      '--convention <id>',
      `convention the label is written in: ${CONVENTION_IDS.join(', ')}`,
      'canonical',
    )
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
Examples:
  multitrack tracks
  multitrack tracks --label "track two"
  multitrack tracks --label "Track 3" --convention three-level   # people-to-people → canonical Track 4`,
    )
    .action((options) => {
      if (!isConvention(options.convention)) {
        throw new UserError(
          `unknown convention "${options.convention}"; expected one of: ${CONVENTION_IDS.join(', ')}`,
        );
      }
      if (options.label !== undefined) {
        let meaning;
        try {
          meaning = parseTrackLabel(options.label, options.convention);
        } catch (error) {
          if (error instanceof TrackLabelError) throw new UserError(error.message);
          throw error;
        }
        if (options.json)
          printJson(ctx.io, { label: options.label, convention: options.convention, ...meaning });
        else
          line(
            ctx.io,
            meaning.kind === 'track'
              ? `"${options.label}" (${options.convention}) is canonical Track ${meaning.track}: ${TRACKS.find((t) => t.id === meaning.track)?.name}`
              : `"${options.label}" (${options.convention}) names the multi-track approach as a whole, not one track`,
          );
        return;
      }
      if (options.json) {
        printJson(ctx.io, {
          tracks: TRACKS,
          sectors: SECTORS,
          modalities: MODALITIES,
          mechanisms: MECHANISMS,
          conventions: CONVENTIONS,
          namedLabels: NAMED_LABELS,
        });
        return;
      }
      line(ctx.io, 'Tracks (canonical: the nine tracks of Diamond and McDonald, plus Track 1.5)');
      line(
        ctx.io,
        table(
          ['Track', 'Name', 'Peacemaking through', 'Typical outputs'],
          TRACKS.map((t) => [t.id, t.name, t.peacemakingThrough, t.typicalOutputs.join('; ')]),
        ),
      );
      line(ctx.io);
      line(ctx.io, 'Sectors');
      line(
        ctx.io,
        table(
          ['Sector', 'Official', 'Home track', 'Who'],
          SECTORS.map((s) => [s.id, s.official ? 'yes' : 'no', s.homeTrack ?? '-', s.description]),
        ),
      );
      line(ctx.io);
      line(ctx.io, `Modalities (on any track): ${MODALITIES.join(', ')}`);
      line(ctx.io);
      line(ctx.io, 'Conventions (set `convention:` in a system file)');
      for (const c of CONVENTIONS) line(ctx.io, `  ${c.id}: ${c.description} [${c.source}]`);
      line(ctx.io);
      line(
        ctx.io,
        `Free-text labels also accepted: Track II, track two, T1.5, ${Object.keys(NAMED_LABELS).join(', ')}`,
      );
    });
}
