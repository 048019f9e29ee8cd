/**
 * Negotiation benchmark: expected-utility model runs per second (8 rounds, preset scholz2011) on the
 * 10-actor emission-standards case and over all DEU issues, next to a public Python implementation of
 * the same model run in the same benchmark: jmckib/bdm-scholz-expected-utility-model (Python 2), which
 * its author describes as replicating Scholz et al.'s results. Its code is fetched into the mirror
 * (/work/.mirror, or MULTITRACK_BDM_REFERENCE=<git dir>), copied to a temporary directory for the run
 * and never kept. The Python side gets a time budget (MULTITRACK_BENCH_PYTHON_SECONDS, default 120 per
 * data set); when no run finishes in it, runs/s is extrapolated from the rounds that did, and says so.
 * Run alone: `npx tsx bench/negotiation.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EU_PRESETS } from '../src/sim/negotiation/eu-options.js';
import { expectedUtility } from '../src/sim/negotiation/expected-utility.js';
import type { Issue } from '../src/sim/negotiation/issue.js';
import { readIssuesText } from '../src/sim/negotiation/read.js';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');
const ROUNDS = 8;
const REFERENCE_GIT =
  process.env.MULTITRACK_BDM_REFERENCE ?? '/work/.mirror/jmckib+bdm-scholz-expected-utility-model/repo/.git';
const PYTHON_BUDGET = Number(process.env.MULTITRACK_BENCH_PYTHON_SECONDS ?? 120);

export interface Rate {
  readonly runs: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
  /** True when no run finished and the rate comes from the rounds that did. */
  readonly extrapolated?: boolean;
  readonly note?: string;
}

export interface NegotiationBenchRow {
  readonly data: string;
  readonly actors: string;
  readonly ours: Rate;
  readonly python: Rate | { readonly error: string };
  /** Our runs/s ÷ the reference's, on the same issues (the reference's finished subset). */
  readonly ratio?: number;
  /** Largest |median after round 8, ours − reference| over the issues both finished. */
  readonly agreement?: number;
}

export interface NegotiationBench {
  readonly reference: string;
  readonly python?: string;
  readonly rows: readonly NegotiationBenchRow[];
}

/** Our rate: repeat runs over `issues` for at least `minSeconds`. */
function ours(issues: readonly Issue[], minSeconds = 2): Rate {
  let runs = 0;
  const start = performance.now();
  let sink = 0;
  do {
    for (const issue of issues) {
      sink += expectedUtility(issue, EU_PRESETS.scholz2011, ROUNDS).forecast;
      runs++;
    }
  } while ((performance.now() - start) / 1000 < minSeconds);
  const seconds = (performance.now() - start) / 1000;
  if (Number.isNaN(sink)) throw new Error('a run gave NaN');
  return { runs, seconds, runsPerSecond: runs / seconds };
}

// The driver is ours: it imports the reference module unchanged and times its rounds.
const DRIVER = String.raw`
import sys, os, json, time
real = sys.stdout
sys.stdout = open(os.devnull, 'w')
import bdm_scholz_model as ref
spec = json.load(open(sys.argv[1]))
budget, rounds, repeat = float(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == 'repeat'
done, medians, round_times, failed = [], {}, [], 0
t0 = time.time()
queue = list(spec)
while queue:
    issue = queue.pop(0)
    if repeat and not queue and time.time() - t0 < budget: queue = list(spec)
    if time.time() - t0 > budget and (done or round_times): break
    try:
        start = time.time()
        m = ref.BDMScholzModel(issue['actors'])
        finished = True
        for r in range(rounds):
            rs = time.time()
            m.update_risk_aversions(); m.update_positions()
            round_times.append(time.time() - rs)
            if time.time() - t0 > budget and r < rounds - 1:
                finished = False; break
        if finished:
            done.append(time.time() - start)
            medians[issue['id']] = m.median_position()
    except ZeroDivisionError:
        failed += 1
real.write(json.dumps({'done': done, 'medians': medians, 'round_times': round_times, 'failed': failed}))
`;

interface DriverResult {
  done: number[];
  medians: Record<string, number>;
  round_times: number[];
  failed: number;
}

function findPython(): { cmd: string; env: NodeJS.ProcessEnv; version: string } | { error: string } {
  const tried: string[] = [];
  const candidates: { cmd: string; env: NodeJS.ProcessEnv }[] = [
    ...(process.env.MULTITRACK_PYTHON2 ? [{ cmd: process.env.MULTITRACK_PYTHON2, env: process.env }] : []),
    { cmd: 'python2', env: process.env },
    { cmd: 'python2.7', env: process.env },
    { cmd: 'python2', env: { ...process.env, PYENV_VERSION: '2.7.18' } },
  ];
  for (const c of candidates) {
    const r = spawnSync(c.cmd, ['-c', 'import sys; sys.stdout.write(sys.version.split()[0])'], {
      env: c.env,
      encoding: 'utf8',
    });
    if (r.status === 0 && r.stdout.startsWith('2.')) return { ...c, version: `Python ${r.stdout}` };
    tried.push(c.cmd + (c.env.PYENV_VERSION ? ` (PYENV_VERSION=${c.env.PYENV_VERSION})` : ''));
  }
  return { error: `no Python 2 interpreter (the reference is Python 2 code); tried ${tried.join(', ')}` };
}

function python(
  dir: string,
  py: { cmd: string; env: NodeJS.ProcessEnv },
  name: string,
  issues: readonly Issue[],
  repeat: boolean,
): Promise<DriverResult | { error: string }> {
  return (async () => {
    const spec = issues.map((i) => ({
      id: i.id,
      actors: i.stakeholders.map((s) => ({
        Actor: s.id,
        Capability: s.capability,
        Position: s.position,
        Salience: s.salience,
      })),
    }));
    const specFile = join(dir, `${name}.json`);
    await writeFile(specFile, JSON.stringify(spec));
    const r = spawnSync(
      py.cmd,
      [
        join(dir, 'driver.py'),
        specFile,
        String(repeat ? Math.min(PYTHON_BUDGET, 30) : PYTHON_BUDGET),
        String(ROUNDS),
        repeat ? 'repeat' : 'once',
      ],
      {
        cwd: dir,
        env: py.env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: (PYTHON_BUDGET + 3600) * 1000,
      },
    );
    if (r.status !== 0)
      return { error: `python exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}` };
    return JSON.parse(r.stdout) as DriverResult;
  })();
}

function pythonRate(result: DriverResult): Rate {
  const seconds = result.done.reduce((a, b) => a + b, 0);
  if (result.done.length > 0)
    return { runs: result.done.length, seconds, runsPerSecond: result.done.length / seconds };
  const perRound = result.round_times.reduce((a, b) => a + b, 0) / Math.max(1, result.round_times.length);
  return {
    runs: 0,
    seconds: result.round_times.reduce((a, b) => a + b, 0),
    runsPerSecond: 1 / (perRound * ROUNDS),
    extrapolated: true,
    note: `no run finished in ${PYTHON_BUDGET} s; ${result.round_times.length} round(s) took ${perRound.toFixed(1)} s each`,
  };
}

async function load(file: string): Promise<readonly Issue[]> {
  const reading = readIssuesText(file, await readFile(file, 'utf8'));
  if (!reading.ok) throw new Error(`cannot read ${file}`);
  return reading.set.issues;
}

export async function benchNegotiation(
  log: (line: string) => void = () => undefined,
): Promise<NegotiationBench> {
  const emission = await load(join(DATA, 'scholz', 'emission-standards-actors.csv'));
  const deu = await load(join(DATA, 'deu', 'deu-issues-dev.tsv'));
  const sets = [
    {
      name: 'emission',
      data: 'emission standards (Scholz 2011 Table 1)',
      actors: '10',
      issues: emission,
      repeat: true,
    },
    {
      name: 'deu',
      data: `DEU dev file, all ${deu.length} issues`,
      actors: '2–30',
      issues: deu,
      repeat: false,
    },
  ];
  const reference = 'jmckib/bdm-scholz-expected-utility-model (Python 2, unmodified, 8 rounds)';
  const py = findPython();
  let dir: string | undefined;
  let referenceError = 'error' in py ? py.error : undefined;
  if (!referenceError && !existsSync(REFERENCE_GIT))
    referenceError = `reference not fetched: no git directory at ${REFERENCE_GIT} (fetch github:jmckib/bdm-scholz-expected-utility-model)`;
  if (!referenceError) {
    dir = await mkdtemp(join(tmpdir(), 'multitrack-bdm-'));
    const show = spawnSync('git', ['--git-dir', REFERENCE_GIT, 'show', 'HEAD:bdm_scholz_model.py'], {
      encoding: 'utf8',
    });
    if (show.status !== 0)
      referenceError = `cannot read the reference from ${REFERENCE_GIT}: ${show.stderr.trim()}`;
    else {
      await writeFile(join(dir, 'bdm_scholz_model.py'), show.stdout);
      await writeFile(join(dir, 'driver.py'), DRIVER);
    }
  }
  const rows: NegotiationBenchRow[] = [];
  try {
    for (const set of sets) {
      log(`negotiation: expected-utility on ${set.data} (ours)…`);
      const mine = ours(set.issues);
      if (referenceError || !dir || 'error' in py) {
        rows.push({
          data: set.data,
          actors: set.actors,
          ours: mine,
          python: { error: referenceError ?? 'no reference' },
        });
        continue;
      }
      log(
        `negotiation: the same on the Python reference (budget ${set.repeat ? Math.min(PYTHON_BUDGET, 30) : PYTHON_BUDGET} s)…`,
      );
      const result = await python(dir, py, set.name, set.issues, set.repeat);
      if ('error' in result) {
        rows.push({ data: set.data, actors: set.actors, ours: mine, python: result });
        continue;
      }
      const theirs = pythonRate(result);
      const finished = set.issues.filter((i) => result.medians[i.id] !== undefined);
      // The ratio compares like with like: the issues the reference finished, or the one it started on.
      const sameIssues = ours(finished.length > 0 ? finished : set.issues.slice(0, 1), 1);
      let agreement = 0;
      for (const issue of finished) {
        const median =
          expectedUtility(issue, EU_PRESETS.scholz2011, ROUNDS).rounds[ROUNDS - 1]?.median ?? NaN;
        agreement = Math.max(agreement, Math.abs(median - (result.medians[issue.id] ?? NaN)));
      }
      rows.push({
        data:
          finished.length > 0 && finished.length < set.issues.length
            ? `${set.data} (the first ${finished.length} for the ratio)`
            : set.data,
        actors: set.actors,
        ours: mine,
        python: theirs,
        ratio: sameIssues.runsPerSecond / theirs.runsPerSecond,
        ...(finished.length > 0 ? { agreement } : {}),
      });
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
  return { reference, ...('error' in py ? {} : { python: py.version }), rows };
}

/** The figures as a Markdown table. */
export function formatNegotiationBench(result: NegotiationBench): string {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toPrecision(3));
  const lines = [
    `Expected-utility model (scholz2011, ${ROUNDS} rounds): runs per second; reference ${result.reference}${result.python ? ` on ${result.python}` : ''}`,
    '',
    '| data | actors | Multitrack runs/s | Python reference runs/s | ratio | max median difference |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of result.rows) {
    const py =
      'error' in r.python
        ? `not run: ${r.python.error}`
        : `${fmt(r.python.runsPerSecond)}${r.python.extrapolated ? ` (extrapolated: ${r.python.note})` : ` (${r.python.runs} runs in ${r.python.seconds.toFixed(1)} s)`}`;
    lines.push(
      `| ${r.data} | ${r.actors} | ${fmt(r.ours.runsPerSecond)} | ${py} | ${r.ratio === undefined ? '-' : `${fmt(r.ratio)}×`} | ${r.agreement === undefined ? '-' : r.agreement.toExponential(1)} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchNegotiation((s) => process.stderr.write(`${s}\n`));
  console.log(formatNegotiationBench(result));
}
