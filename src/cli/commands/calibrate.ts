/**
 * `multitrack calibrate`: fits the stage machine's base hazards to the PA-X peace processes and the UCDP
 * conflict episodes (sim/system/calibration.ts) and prints the targets, the fitted values against those
 * stored in parameters.ts, the fit table and the held-out check. Given another PA-X file, it checks the
 * calibration on other peace processes.
 */
import type { Command } from '@commander-js/extra-typings';
import { readTextFile } from '../../ingest/text-file.js';
import {
  CalibrationDataError,
  type AgreementEndings,
  type PaxReading,
  type PaxTargets,
  type UcdpReading,
  type UcdpTargets,
  agreementEndings,
  readPaxProcesses,
  readUcdpAcd,
} from '../../sim/system/calibration-data.js';
import {
  DEFAULT_RUNS,
  DEFAULT_SEED,
  type CalibrationReport,
  type FitResult,
  type FitRow,
  type FittedValue,
  calibrate,
} from '../../sim/system/calibration.js';
import { PARAMETERS } from '../../sim/system/parameters.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { line, printJson } from '../io.js';
import { integer } from '../options.js';
import { table } from '../table.js';

export const DEFAULT_PAX = '../shared/data/pax/pax-agreements-dev.csv';
export const DEFAULT_UCDP_ACD = '../shared/data/ucdp/ucdp-prio-acd-251.csv';
export const DEFAULT_UCDP_PA = '../shared/data/ucdp/ucdp-peace-agreements-221.csv';

const MAX_DATA_BYTES = 256 * 1024 * 1024;

const CREDITS =
  'Data: PA-X Peace Agreements Database, PeaceRep, University of Edinburgh (CC BY-NC-SA 4.0); ' +
  'UCDP/PRIO Armed Conflict Dataset and UCDP Peace Agreement Dataset, Uppsala Conflict Data Program (CC BY 4.0).';

async function readData(file: string, flag: string, what: string, isDefault: boolean): Promise<string> {
  const read = await readTextFile(file, { maxBytes: MAX_DATA_BYTES, what });
  if ('problem' in read)
    throw new UserError(
      `${file}: ${read.problem}${isDefault ? ` (the default ${what}, relative to the current directory; give ${flag} FILE)` : ''}`,
    );
  return read.text;
}

function parse<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof CalibrationDataError) throw new UserError(error.message);
    throw error;
  }
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '-' : `${(100 * v).toFixed(1)}%`;
const wk = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v.toFixed(0));
const n = (v: number) => v.toLocaleString('en');

function storedValue(name: string): number | undefined {
  return PARAMETERS.find((p) => p.name === name)?.value;
}

function sweepText(fit: FitResult): string {
  const sweeps = `${fit.sweeps} sweep${fit.sweeps === 1 ? '' : 's'}`;
  const change = `${(100 * fit.lastChange).toFixed(1)}%`;
  return fit.settled
    ? `settled after ${sweeps}, last change ${change}`
    : `stopped after ${sweeps}, last change ${change}`;
}

function valuesTable(values: readonly FittedValue[]): string {
  const bound = values.some((v) => v.atBound || !v.fitted);
  return table(
    ['parameter', 'fitted (1/week)', 'stored', 'range', ...(bound ? ['note'] : [])],
    values.map((v) => [
      v.name,
      v.value.toPrecision(3),
      storedValue(v.name)?.toPrecision(3) ?? '-',
      `${v.min}–${v.max}`,
      ...(bound
        ? [!v.fitted ? 'no data to fit: stored value kept' : v.atBound ? 'at the end of its range' : '']
        : []),
    ]),
  );
}

function rowsTable(rows: readonly FitRow[]): string {
  return table(
    ['statistic', 'data', 'target', 'simulated', 'fitted to'],
    rows.map((r) => {
      const weeks = r.statistic.includes('weeks');
      const f = weeks ? wk : pct;
      return [r.statistic, r.source, f(r.target), f(r.simulated), r.fitted ?? r.note ?? 'check'];
    }),
  );
}

function printTargets(ctx: CommandContext, pax: PaxTargets, ucdp: UcdpTargets): void {
  const e = pax.entry;
  line(
    ctx.io,
    `PA-X targets (${n(pax.processes)} processes, ${n(pax.agreements)} agreements, censored at ${pax.dataEnd})`,
  );
  line(
    ctx.io,
    `  paths start at: Pre ${e.Pre}, Cea ${e.Cea}, SubPar ${e.SubPar}, SubComp ${e.SubComp}, Imp ${e.Imp}, no stage ${e.none}`,
  );
  line(
    ctx.io,
    table(
      [
        'transition',
        'at risk',
        'moved on',
        'within 5 years',
        'KM quartiles (weeks)',
        'observed quartiles (weeks)',
      ],
      pax.transitions.map((t) => [
        t.label,
        t.atRisk,
        t.advanced,
        pct(t.advanceWithin5y),
        t.kmQuartiles.map(wk).join(' / '),
        t.observedQuartiles ? t.observedQuartiles.map(wk).join(' / ') : '-',
      ]),
    )
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  line(
    ctx.io,
    `  of ${pax.reach.fromPre} processes starting at Pre, reached by the data's end: ${[
      'Cea',
      'SubPar',
      'SubComp',
      'Imp',
    ]
      .map((s, k) => `${s} ${pct(pax.reach.shares[k])}`)
      .join(', ')}`,
  );
  const c = pax.ceasefireRepeat;
  line(
    ctx.io,
    `  processes with a ceasefire followed by another ceasefire or a renewal: ${c.repeated} of ${c.withCeasefire} (${pct(c.share)})`,
  );
  line(ctx.io);
  line(
    ctx.io,
    `UCDP targets (${n(ucdp.conflicts)} conflicts, ${n(ucdp.conflictYears)} conflict-years, ${ucdp.firstYear}–${ucdp.lastYear})`,
  );
  line(
    ctx.io,
    `  episodes (consecutive active years): ${n(ucdp.episodes)}, ended before ${ucdp.lastYear}: ${n(ucdp.ended)}`,
  );
  for (const [label, r] of [
    ['recurring within 5 years', ucdp.recurrence5],
    ['recurring within 10 years', ucdp.recurrence10],
    ['recurring within 5 years, episodes at war intensity', ucdp.recurrence5War],
    ['recurring within 5 years, episodes below it', ucdp.recurrence5Minor],
  ] as const)
    line(ctx.io, `  ${label}: ${r.recurred} of ${r.eligible} followed long enough (${pct(r.share)})`);
}

export function registerCalibrate(program: Command, ctx: CommandContext): void {
  program
    .command('calibrate')
    .description(
      'fit the stage machine to the PA-X peace processes and UCDP conflict recurrence, and report the fit',
    )
    .option('--pax <file>', `PA-X agreements CSV (default ${DEFAULT_PAX})`)
    .option('--ucdp-acd <file>', `UCDP/PRIO Armed Conflict Dataset CSV (default ${DEFAULT_UCDP_ACD})`)
    .option(
      '--ucdp-pa <file>',
      `UCDP Peace Agreement Dataset CSV, for the share of agreements that ended their conflict (default ${DEFAULT_UCDP_PA}, when it exists)`,
    )
    .option('--runs <n>', `simulated runs per trial (default ${DEFAULT_RUNS})`)
    .option('--seed <s>', `seed of the simulated runs (default ${DEFAULT_SEED})`)
    .option('--no-held-out', 'skip the held-out check (fit on one half of the processes, check on the other)')
    .option('--json', 'print one JSON document: the targets, fitted values, fit table and held-out check')
    .addHelpText(
      'after',
      `
Fits advancePre, advanceCeasefire, advancePartial, advanceComprehensive and relapseBase on a reference
scenario (docs/model.md, Calibration) and compares them with the values in parameters.ts. With a PA-X file
of other peace processes, it checks the calibration on them. Takes about a minute with the defaults.

${CREDITS}

Examples:
  multitrack calibrate
  multitrack calibrate --pax other-processes.csv --runs 200 --json`,
    )
    .action(async (opts) => {
      const runs = integer('--runs', opts.runs, 20, 100_000) ?? DEFAULT_RUNS;
      const seed = integer('--seed', opts.seed, -2_147_483_648, 2_147_483_647) ?? DEFAULT_SEED;
      const paxFile = opts.pax ?? DEFAULT_PAX;
      const acdFile = opts.ucdpAcd ?? DEFAULT_UCDP_ACD;
      const paText = await readData(paxFile, '--pax', 'PA-X agreements file', opts.pax === undefined);
      const acdText = await readData(
        acdFile,
        '--ucdp-acd',
        'UCDP/PRIO conflict file',
        opts.ucdpAcd === undefined,
      );
      const pax: PaxReading = parse(() => readPaxProcesses(paText, paxFile));
      const ucdp: UcdpReading = parse(() => readUcdpAcd(acdText, acdFile));
      let endings: AgreementEndings | undefined;
      const paFile = opts.ucdpPa ?? DEFAULT_UCDP_PA;
      const paRead = await readTextFile(paFile, {
        maxBytes: MAX_DATA_BYTES,
        what: 'UCDP peace agreement file',
      });
      if ('text' in paRead) endings = parse(() => agreementEndings(paRead.text, paFile));
      else if (opts.ucdpPa !== undefined) throw new UserError(`${paFile}: ${paRead.problem}`);
      for (const r of pax.rejected) ctx.io.err(`${paxFile}:${r.row}: ${r.reason} (left out)\n`);
      for (const r of ucdp.rejected) ctx.io.err(`${acdFile}:${r.row}: ${r.reason} (left out)\n`);

      ctx.io.progress(`calibrating: ${runs} runs per trial, seed ${seed}…`);
      const report: CalibrationReport = calibrate(pax, ucdp, {
        runs,
        seed,
        heldOut: opts.heldOut !== false,
        progress: (s) =>
          ctx.io.progress(`  ${s.fit}, sweep ${s.sweep}: ${s.name} = ${s.value.toPrecision(3)}`),
      });
      const data = {
        pax: {
          file: paxFile,
          agreements: pax.agreements,
          processes: pax.processes.length,
          rejected: pax.rejected.length,
        },
        ucdpAcd: { file: acdFile, conflicts: ucdp.conflicts.length, rejected: ucdp.rejected.length },
        ...(endings ? { ucdpAgreements: endings } : {}),
        credits: CREDITS,
      };
      if (opts.json) {
        printJson(ctx.io, {
          data,
          ...report,
          stored: Object.fromEntries(report.fit.values.map((v) => [v.name, storedValue(v.name)])),
        });
        return;
      }
      line(ctx.io, 'Calibration of the stage machine (docs/model.md, Calibration)');
      line(ctx.io);
      printTargets(ctx, report.targets.pax, report.targets.ucdp);
      if (endings)
        line(
          ctx.io,
          `  UCDP peace agreements coded as ending their conflict: ${endings.ended} of ${endings.agreements} (${pct(endings.share)})`,
        );
      line(ctx.io);
      const fit = report.fit;
      line(
        ctx.io,
        `Fitted values (${fit.runs} runs per trial, seed ${fit.seed}, ${n(fit.weeks)} weeks; ${sweepText(fit)})`,
      );
      line(ctx.io, valuesTable(fit.values));
      line(ctx.io);
      line(ctx.io, 'Fit: target against simulated (rows marked "check" were not fitted)');
      line(ctx.io, rowsTable(report.table));
      line(ctx.io);
      line(ctx.io, 'The values stored in parameters.ts on these data (same runs and seed):');
      line(ctx.io, rowsTable(report.storedTable));
      const h = report.heldOut;
      if (h) {
        line(ctx.io);
        line(
          ctx.io,
          `Held-out check: fitted on half 0 (${h.fitOn.processes} processes, ${h.fitOn.conflicts} conflicts; ${sweepText(h.fit)}), checked on half 1 (${h.checkOn.processes} processes, ${h.checkOn.conflicts} conflicts)`,
        );
        line(ctx.io, valuesTable(h.fit.values));
        line(ctx.io);
        line(ctx.io, 'Half-0 values on half 1:');
        line(ctx.io, rowsTable(h.checkTable));
      }
      line(ctx.io);
      line(ctx.io, CREDITS);
    });
}
