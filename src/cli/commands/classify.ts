/**
 * `multitrack classify --participant SECTOR:CAPACITY ...`: the track of a meeting from who takes part.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { CLASSIFY_SOURCES, ClassifyError, type Participant, classify } from '../../domain/rules/classify.js';
import { CAPACITIES, SECTORS, SECTOR_IDS, isSectorId } from '../../domain/sector.js';
import { createActorClassifier } from '../../ingest/actor-classifier.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { line, printJson } from '../io.js';

export function parseParticipant(text: string): Participant {
  const [sector, capacity, ...rest] = text.split(':').map((s) => s.trim().toLowerCase());
  if (!sector || !capacity || rest.length > 0) {
    throw new UserError(
      `--participant "${text}": expected SECTOR:CAPACITY, e.g. government:official or ngo:personal`,
    );
  }
  if (!isSectorId(sector)) {
    throw new UserError(
      `--participant "${text}": unknown sector "${sector}"; expected one of: ${SECTOR_IDS.join(', ')}`,
    );
  }
  if (capacity !== 'official' && capacity !== 'personal') {
    throw new UserError(
      `--participant "${text}": unknown capacity "${capacity}"; expected official or personal`,
    );
  }
  return { sector, capacity };
}

export function registerClassify(program: Command, ctx: CommandContext): void {
  program
    .command('classify')
    .description('the track of a meeting from its participants’ sectors and capacities')
    .addOption(
      new Option(
        '-p, --participant <sector:capacity>',
        'a participant, e.g. government:official (repeat for each)',
      ).argParser((value, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .option(
      '--actor <text>',
      'classify an actor as an agreement text names it, e.g. "Pour les NATIONS-UNIES"',
    )
    .option(
      '--json',
      'print {"track", "reason", "rule", "source"}; with --actor {"track", "sector", "status", "reason"}',
    )
    .addHelpText(
      'after',
      `
Sectors: ${SECTORS.map((s) => s.id).join(', ')}
Capacities: ${CAPACITIES.join(', ')} (official only for government, military, legislature, judiciary, igo, armed-group)

Rules:
  all officials acting officially                → Track 1
  officials acting officially with non-officials → Track 1.5
  any official in a personal capacity            → Track 1.5
  no officials                                   → the track of the participants' sectors
                                                   (mixed: the track most of them work on; ties go to the lower track, so Track 2)

Examples:
  multitrack classify --actor "EGLISE CATHOLIQUE: Mgr Nzapalainga" --json    # an actor's text → Track 7
  multitrack classify -p government:official -p government:official            # Track 1
  multitrack classify -p government:personal -p think-tank:personal -p academic:personal   # Track 1.5
  multitrack classify -p ngo:personal -p religious:personal --json               # Track 2`,
    )
    .action((options) => {
      if (options.actor !== undefined) {
        if (options.participant) throw new UsageError('give either --actor or --participant, not both');
        const result = createActorClassifier().classify(options.actor);
        if (options.json) printJson(ctx.io, result);
        else
          line(
            ctx.io,
            `${result.track === null ? `no track (${result.status})` : `Track ${result.track}`}: ${result.reason}`,
          );
        return;
      }
      const raw = options.participant ?? [];
      if (raw.length === 0) {
        throw new UsageError(
          'classify needs at least one --participant SECTOR:CAPACITY (see multitrack classify --help)',
        );
      }
      const participants = raw.map(parseParticipant);
      let result;
      try {
        result = classify(participants);
      } catch (error) {
        if (error instanceof ClassifyError) throw new UserError(error.message);
        throw error;
      }
      const source = CLASSIFY_SOURCES[result.rule];
      if (options.json)
        printJson(ctx.io, { track: result.track, reason: result.reason, rule: result.rule, source });
      else {
        line(ctx.io, `Track ${result.track}: ${result.reason}`);
        line(ctx.io, `Source: ${source}`);
      }
    });
}
