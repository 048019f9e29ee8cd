/**
 * `multitrack describe FILE`: the system at a glance — tracks, initiatives and what they fed, the
 * track-to-track link matrix, and the rules' findings.
 */
import type { Command } from '@commander-js/extra-typings';
import { type SystemDescription, describeSystem } from '../../analytics/describe.js';
import { TRACK_IDS } from '../../domain/track.js';
import { type Problem, type SystemReading, formatProblem, readSystemFile } from '../../ingest/system-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import { type Io, line, printJson } from '../io.js';
import { table } from '../table.js';

const label = (t: string | null) => (t === null ? '?' : t === 'multi-track' ? 'multi' : t);

/**
 * What puts a record on a track in the per-track counts: the three columns use different bases, so the
 * same meeting can count on one track as an engagement and its initiative on another.
 */
export const TRACK_COUNT_BASIS = {
  actors: 'home track of each actor by sector',
  initiatives: 'declared track (the label in the file); derived from participants when none is declared',
  engagements: 'derived track, classified from the sectors and capacities of the participants',
} as const;

export function renderDescription(io: Io, d: SystemDescription, problems: readonly Problem[]): void {
  line(io, `${d.name}  [${d.id}]`);
  const now = d.conflict.stage
    ? `${d.conflict.stage} (since ${d.conflict.stageSince})`
    : 'unknown (no stage history)';
  line(io, `Conflict: ${d.conflict.name} — stage now: ${now}`);
  if (d.conflict.stages.length > 0)
    line(io, `Stages: ${d.conflict.stages.map((s) => `${s.stage} ${s.from}`).join(' → ')}`);
  const c = d.counts;
  line(
    io,
    `Records: ${c.parties} parties, ${c.actors} actors, ${c.initiatives} initiatives, ${c.engagements} engagements, ` +
      `${c.outcomes} outcomes, ${c.links} links, ${c.sources} sources`,
  );
  line(io);
  line(io, 'By track');
  line(io, `  actors: ${TRACK_COUNT_BASIS.actors}`);
  line(io, `  initiatives: ${TRACK_COUNT_BASIS.initiatives}`);
  line(io, `  engagements: ${TRACK_COUNT_BASIS.engagements}`);
  line(
    io,
    table(
      ['Track', 'Name', 'Actors (sector)', 'Initiatives (declared)', 'Engagements (derived)'],
      d.tracks
        .filter((t) => t.actors + t.initiatives + t.engagements > 0)
        .map((t) => [t.track, t.name, t.actors, t.initiatives, t.engagements]),
    ),
  );
  line(io);
  line(io, 'Initiatives');
  line(
    io,
    table(
      ['Track', 'Initiative', 'Span', 'Feeds into', 'Outcomes'],
      d.initiatives.map((n) => [
        label(n.track) +
          (n.derivedTrack && n.derivedTrack !== n.track ? ` (participants: ${n.derivedTrack})` : ''),
        `${n.name} [${n.id}]`,
        `${n.start} – ${n.end ?? 'ongoing'}`,
        n.feedsInto.join(', ') || '-',
        n.outcomes.map((o) => `${o.id}${o.binding ? ' (binding)' : ''}`).join(', ') || '-',
      ]),
    ),
  );
  line(io);
  line(io, 'Links between tracks (rows: from, columns: to)');
  const used = TRACK_IDS.filter(
    (t) => d.linkMatrix[t] !== undefined || Object.values(d.linkMatrix).some((row) => row[t] !== undefined),
  );
  const extra = d.linkMatrix['multi-track'] ? ['multi-track'] : [];
  const cols = [...used, ...extra];
  line(
    io,
    table(
      ['from \\ to', ...cols.map(label)],
      cols.map((from) => [label(from), ...cols.map((to) => d.linkMatrix[from]?.[to] ?? '.')]),
    ),
  );
  if (problems.length > 0) {
    line(io);
    line(io, 'Findings');
    for (const p of problems)
      line(io, `  ${p.severity}: ${p.field ? `${p.field}: ` : ''}${p.message} (line ${p.line})`);
  }
}

export function descriptionJson(reading: SystemReading) {
  if (!reading.index) return undefined;
  return {
    ...describeSystem(reading.index),
    trackCountBasis: TRACK_COUNT_BASIS,
    file: reading.file,
    valid: reading.valid,
    findings: reading.problems,
  };
}

export function registerDescribe(program: Command, ctx: CommandContext): void {
  program
    .command('describe')
    .description('the system at a glance: tracks, initiatives, inter-track links, rule findings')
    .argument('<file>', 'system file (YAML or JSON)')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      `
The track of each initiative is the one the file declares, or else the one its engagements'
participants give (see \`multitrack classify --help\`); an engagement's track is always the one its
participants give, and an actor's is the home track of its sector. The "By track" table says which
basis each column uses (--json: trackCountBasis). Exit 1 when the file has errors.

Example:
  multitrack describe cases/oslo-1993.yaml`,
    )
    .action(async (file, options) => {
      const reading = await readSystemFile(file);
      if (!reading.index) {
        for (const p of reading.problems) ctx.io.err(`${formatProblem(p)}\n`);
        if (options.json) printJson(ctx.io, { file, valid: false, findings: reading.problems });
        ctx.exitCode = EXIT.invalid;
        return;
      }
      if (options.json) printJson(ctx.io, descriptionJson(reading));
      else renderDescription(ctx.io, describeSystem(reading.index), reading.problems);
      if (!reading.valid) ctx.exitCode = EXIT.invalid;
    });
}
