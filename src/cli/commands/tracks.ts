/**
 * `multitrack tracks`: the canonical taxonomy, the sectors, the modalities and the other conventions
 * the sources use; `--label TEXT` says what a label means; `--track ID` shows one track in full (sector,
 * typical actors, mechanisms and outputs, the sectors and mechanism ids that belong to it, its labels).
 */
import type { Command } from '@commander-js/extra-typings';
import { MECHANISMS, MECHANISM_IDS, type Mechanism } from '../../domain/mechanism.js';
import { SECTORS, type Sector } from '../../domain/sector.js';
import {
  CONVENTIONS,
  CONVENTION_IDS,
  type ConventionId,
  MODALITIES,
  NAMED_LABELS,
  TRACKS,
  type Track,
  TrackLabelError,
  type TrackLabelMeaning,
  parseTrackLabel,
  trackById,
} from '../../domain/track.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { type Io, line, printJson } from '../io.js';
import { table } from '../table.js';

function isConvention(value: string): value is ConventionId {
  return (CONVENTION_IDS as readonly string[]).includes(value);
}

/**
 * What a label means under a convention. A bare number or numeral ("1.5", "II", "two") reads as
 * "Track …"; an unknown label is a user error listing what is accepted.
 */
function meaningOf(label: string, convention: ConventionId): TrackLabelMeaning {
  const attempts = /^(track\b|t\d)/i.test(label.trim()) ? [label] : [label, `Track ${label.trim()}`];
  let failure: TrackLabelError | undefined;
  for (const attempt of attempts) {
    try {
      return parseTrackLabel(attempt, convention);
    } catch (error) {
      if (!(error instanceof TrackLabelError)) throw error;
      failure ??= error; // the message about what the user wrote
    }
  }
  throw new UserError(failure?.message ?? `unknown track "${label}"`);
}

/** One track in full: the taxonomy's row, and what of the rest of the model belongs to it. */
export interface TrackDetail {
  readonly track: Track;
  /** Sectors whose home track this is. */
  readonly sectors: readonly Sector[];
  /** Mechanism ids (as written in a system file) typical of this track. */
  readonly mechanisms: readonly Mechanism[];
  /** How each convention numbers this track. */
  readonly labels: readonly { readonly convention: ConventionId; readonly label: string }[];
  /** Free-text labels that mean this track. */
  readonly namedLabels: readonly string[];
}

export function trackDetail(track: Track): TrackDetail {
  const means = (m: TrackLabelMeaning) => m.kind === 'track' && m.track === track.id;
  return {
    track,
    sectors: SECTORS.filter((s) => s.homeTrack === track.id),
    mechanisms: MECHANISM_IDS.filter((m) => MECHANISMS[m] === track.id),
    labels: CONVENTIONS.flatMap((c) =>
      Object.entries(c.numbers)
        .filter(([, m]) => means(m))
        .map(([n]) => ({ convention: c.id, label: `Track ${n}` })),
    ),
    namedLabels: Object.entries(NAMED_LABELS)
      .filter(([, v]) => means(v.meaning))
      .map(([k]) => k),
  };
}

function renderTrackDetail(io: Io, d: TrackDetail): void {
  const t = d.track;
  const list = (title: string, items: readonly string[]) => {
    line(io, `${title}:`);
    for (const item of items) line(io, `  - ${item}`);
  };
  line(io, `Track ${t.id} — ${t.name}`);
  line(io, `Sector: ${t.sector}`);
  line(io, `Peacemaking through: ${t.peacemakingThrough}`);
  line(io, `Can bind states: ${t.canBind ? 'yes' : 'no (only Track 1 creates binding commitments)'}`);
  list('Typical actors', t.typicalActors);
  list('Typical mechanisms', t.typicalMechanisms);
  list('Typical outputs', t.typicalOutputs);
  if (d.sectors.length > 0)
    list(
      'Sectors on this track (actor sector ids)',
      d.sectors.map((s) => `${s.id}${s.official ? ' (official)' : ''}: ${s.description}`),
    );
  else line(io, 'Sectors on this track: none; the track follows from who takes part and in what capacity');
  line(io, `Mechanism ids for system files: ${d.mechanisms.join(', ') || '(none)'}`);
  line(io, `Labels: ${d.labels.map((l) => `${l.label} (${l.convention})`).join(', ')}`);
  if (d.namedLabels.length > 0) line(io, `Also read from: ${d.namedLabels.map((l) => `"${l}"`).join(', ')}`);
}

export function registerTracks(program: Command, ctx: CommandContext): void {
  program
    .command('tracks')
    .description('the track taxonomy, sectors, modalities and labelling conventions')
    .option('--label <text>', 'say what a track label means, e.g. "Track II" or "T1.5"')
    .option('--track <id>', 'show one track in full: an id (1, 1.5, 2 … 9) or a label ("Track II")')
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
  multitrack tracks --track 1.5                                  # sector, typical actors, mechanisms
  multitrack tracks --label "track two"
  multitrack tracks --label "Track 3" --convention three-level   # people-to-people → canonical Track 4`,
    )
    .action((options) => {
      if (!isConvention(options.convention)) {
        throw new UserError(
          `unknown convention "${options.convention}"; expected one of: ${CONVENTION_IDS.join(', ')}`,
        );
      }
      if (options.label !== undefined && options.track !== undefined)
        throw new UsageError('give either --label or --track, not both');
      if (options.track !== undefined) {
        const meaning = meaningOf(options.track, options.convention);
        if (meaning.kind !== 'track')
          throw new UserError(
            `"${options.track}" (${options.convention}) names the multi-track approach as a whole, not one track; expected one of: ${TRACKS.map((t) => t.id).join(', ')}`,
          );
        const detail = trackDetail(trackById(meaning.track));
        if (options.json) printJson(ctx.io, detail);
        else renderTrackDetail(ctx.io, detail);
        return;
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
          ['Track', 'Name', 'Sector', 'Peacemaking through', 'Typical outputs'],
          TRACKS.map((t) => [t.id, t.name, t.sector, t.peacemakingThrough, t.typicalOutputs.join('; ')]),
        ),
      );
      line(ctx.io, 'Typical actors and mechanisms of a track: multitrack tracks --track ID');
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
