/**
 * Negotiation benchmark: expected-utility model runs per second (8 rounds, preset scholz2011) on the
 * 10-actor emission-standards case, on a fixed sample of DEU issues and over all DEU issues, next to a
 * public Python implementation of the same model run in the same benchmark:
 * jmckib/bdm-scholz-expected-utility-model (Python 2.7), which its author describes as replicating
 * Scholz et al.'s results. The bench obtains it itself, at a pinned commit (REFERENCE_COMMIT):
 * MULTITRACK_BDM_REFERENCE=<path> (a checkout holding bdm_scholz_model.py, or a git directory: repo/.git
 * or a bare clone) if set; else a bare clone from GitHub cached outside the repository
 * (~/.cache/multitrack, or $XDG_CACHE_HOME/multitrack); if GitHub cannot be reached, the session mirror
 * (/work/.mirror/jmckib+bdm-scholz-expected-utility-model, repo/.git or bare), saying so. The module is
 * copied to a temporary directory for the run and never kept. The Python side needs a Python 2.7
 * interpreter (MULTITRACK_PYTHON2, python2, python2.7, or pyenv's 2.7.18) and gets a time budget per data
 * set (MULTITRACK_BENCH_PYTHON_SECONDS, default 120; 300 for the DEU sample); when no run finishes in
 * it, runs/s is extrapolated from the rounds that did, and says so.
 * Run alone: `npx tsx bench/negotiation.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EU_PRESETS } from '../src/sim/negotiation/eu-options.js';
import { expectedUtility } from '../src/sim/negotiation/expected-utility.js';
import type { Issue } from '../src/sim/negotiation/issue.js';
import { readIssuesText } from '../src/sim/negotiation/read.js';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');
const ROUNDS = 8;
const REFERENCE_URL = 'https://github.com/jmckib/bdm-scholz-expected-utility-model';
/**
 * "Perfect replication of bdm-scholz results up to 10 rounds" (2014-09-24), the commit that gave
 * bdm_scholz_model.py its replicating form; the only later commit (55f63e9f) adds docstrings and a
 * command line, no change to the computation.
 */
export const REFERENCE_COMMIT = 'e9d86feb1d37253dd42d66a091e6bc42c2c4ed1a';
const REFERENCE_FILE = 'bdm_scholz_model.py';
const MIRROR = '/work/.mirror/jmckib+bdm-scholz-expected-utility-model';
/** The DEU sample timed on both sides: every issue with at most this many actors (file order). */
const DEU_SAMPLE_MAX_ACTORS = Number(process.env.MULTITRACK_BENCH_DEU_MAX_ACTORS ?? 12);
const PYTHON_BUDGET = Number(process.env.MULTITRACK_BENCH_PYTHON_SECONDS ?? 120);

/** Where the reference's code came from, and the code itself. */
export interface ReferenceSource {
  readonly code: string;
  /** How it was obtained, for the bench's output. */
  readonly how: string;
}

function git(args: readonly string[], timeoutSeconds = 30) {
  return spawnSync('git', args, {
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The pinned file from a git directory (repo/.git, or a bare clone), or why not. */
function fromGitDir(gitDir: string): { code: string } | { error: string } {
  const show = git(['--git-dir', gitDir, 'show', `${REFERENCE_COMMIT}:${REFERENCE_FILE}`]);
  if (show.status === 0) return { code: show.stdout };
  return {
    error: `${gitDir} has no ${REFERENCE_FILE} at commit ${REFERENCE_COMMIT.slice(0, 8)}: ${(show.stderr || String(show.error ?? '')).trim()}`,
  };
}

/** The git directory at `path`: `path/.git`, `path` itself when bare, or `path/repo/.git` (the mirror). */
function gitDirOf(path: string): string | undefined {
  for (const candidate of [join(path, '.git'), path, join(path, 'repo', '.git'), join(path, 'repo')]) {
    if (!existsSync(candidate)) continue;
    const probe = git(['--git-dir', candidate, 'rev-parse', '--git-dir']);
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

export function referenceCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'multitrack', 'bdm-scholz-expected-utility-model.git');
}

/**
 * The reference's code at REFERENCE_COMMIT: from MULTITRACK_BDM_REFERENCE if set; else a bare clone
 * cached under ~/.cache/multitrack (cloned on first use); else, when GitHub cannot be reached, the
 * session mirror.
 */
export async function obtainReference(
  log: (line: string) => void,
): Promise<ReferenceSource | { error: string }> {
  const given = process.env.MULTITRACK_BDM_REFERENCE;
  if (given) {
    const file = join(given, REFERENCE_FILE);
    if (existsSync(file))
      return {
        code: await readFile(file, 'utf8'),
        how: `${file} (MULTITRACK_BDM_REFERENCE, a checkout: taken as it is, not checked against the pinned commit)`,
      };
    const gitDir = gitDirOf(given);
    if (!gitDir)
      return {
        error: `MULTITRACK_BDM_REFERENCE=${given} holds neither ${REFERENCE_FILE} nor a git directory`,
      };
    const got = fromGitDir(gitDir);
    return 'error' in got
      ? got
      : { code: got.code, how: `${gitDir} at ${REFERENCE_COMMIT.slice(0, 8)} (MULTITRACK_BDM_REFERENCE)` };
  }
  const cache = referenceCacheDir();
  let cloneError: string | undefined;
  if (!existsSync(cache) || 'error' in fromGitDir(cache)) {
    log(`negotiation: cloning ${REFERENCE_URL} into ${cache}…`);
    await rm(cache, { recursive: true, force: true });
    await mkdir(join(cache, '..'), { recursive: true });
    const clone = git(['clone', '--bare', '--quiet', REFERENCE_URL, cache], 120);
    if (clone.status !== 0) {
      cloneError = (clone.stderr || String(clone.error ?? `git exited ${clone.status}`))
        .trim()
        .split('\n')
        .pop();
      await rm(cache, { recursive: true, force: true });
    }
  }
  if (!cloneError) {
    const got = fromGitDir(cache);
    if ('code' in got)
      return {
        code: got.code,
        how: `${REFERENCE_URL} at ${REFERENCE_COMMIT.slice(0, 8)}, cached in ${cache}`,
      };
    cloneError = got.error;
  }
  const mirror = gitDirOf(MIRROR);
  if (!mirror)
    return {
      error: `cannot clone ${REFERENCE_URL} (${cloneError}) and no mirror at ${MIRROR}; set MULTITRACK_BDM_REFERENCE to a checkout or git directory of it`,
    };
  const got = fromGitDir(mirror);
  if ('error' in got) return got;
  log(`negotiation: GitHub unreachable (${cloneError}); using the mirror at ${mirror}`);
  return {
    code: got.code,
    how: `the mirror ${mirror} at ${REFERENCE_COMMIT.slice(0, 8)} (GitHub could not be reached from this machine: ${cloneError})`,
  };
}

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
  /**
   * Largest |median after round 8, ours − reference| over the issues both finished (near-ties in a
   * round can put the two a round apart on a few DEU issues; docs/negotiation.md names them).
   */
  readonly agreement?: number;
}

export interface NegotiationBench {
  readonly reference: string;
  /** Where the reference's code came from (clone, cache, mirror or MULTITRACK_BDM_REFERENCE). */
  readonly source?: string;
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
  budget: number,
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
      [join(dir, 'driver.py'), specFile, String(budget), String(ROUNDS), repeat ? 'repeat' : 'once'],
      {
        cwd: dir,
        env: py.env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: (budget + 3600) * 1000,
      },
    );
    if (r.status !== 0)
      return { error: `python exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}` };
    return JSON.parse(r.stdout) as DriverResult;
  })();
}

function pythonRate(result: DriverResult, budget: number): Rate {
  const seconds = result.done.reduce((a, b) => a + b, 0);
  if (result.done.length > 0)
    return { runs: result.done.length, seconds, runsPerSecond: result.done.length / seconds };
  const perRound = result.round_times.reduce((a, b) => a + b, 0) / Math.max(1, result.round_times.length);
  return {
    runs: 0,
    seconds: result.round_times.reduce((a, b) => a + b, 0),
    runsPerSecond: 1 / (perRound * ROUNDS),
    extrapolated: true,
    note: `no run finished in ${budget} s; ${result.round_times.length} round(s) took ${perRound.toFixed(1)} s each`,
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
  const sample = deu.filter((i) => i.stakeholders.length <= DEU_SAMPLE_MAX_ACTORS);
  const sizes = sample.map((i) => i.stakeholders.length);
  const first = deu.slice(0, 1);
  const sets: {
    name: string;
    data: string;
    actors: string;
    issues: readonly Issue[];
    repeat: boolean;
    /** Seconds for the Python side; 0: ours only. */
    budget: number;
  }[] = [
    {
      name: 'emission',
      data: 'emission standards (Scholz 2011 Table 1)',
      actors: '10',
      issues: emission,
      repeat: true,
      budget: Math.min(PYTHON_BUDGET, 30),
    },
    {
      name: 'deu-sample',
      data: `DEU sample: the ${sample.length} issues with ≤ ${DEU_SAMPLE_MAX_ACTORS} actors`,
      actors: `${Math.min(...sizes)}–${Math.max(...sizes)}`,
      issues: sample,
      repeat: false,
      budget: Math.max(PYTHON_BUDGET, 300),
    },
    {
      name: 'deu-first',
      data: `DEU: the first issue (${first[0]?.id ?? '?'})`,
      actors: String(first[0]?.stakeholders.length ?? '?'),
      issues: first,
      repeat: false,
      budget: PYTHON_BUDGET,
    },
    {
      name: 'deu',
      data: `DEU dev file, all ${deu.length} issues`,
      actors: '2–30',
      issues: deu,
      repeat: false,
      budget: 0,
    },
  ];
  const reference = `jmckib/bdm-scholz-expected-utility-model at ${REFERENCE_COMMIT.slice(0, 8)} (Python 2.7, unmodified, ${ROUNDS} rounds)`;
  const py = findPython();
  let dir: string | undefined;
  let referenceError = 'error' in py ? py.error : undefined;
  let source: string | undefined;
  if (!referenceError) {
    const got = await obtainReference(log);
    if ('error' in got) referenceError = got.error;
    else {
      source = got.how;
      log(`negotiation: reference from ${got.how}`);
      dir = await mkdtemp(join(tmpdir(), 'multitrack-bdm-'));
      await writeFile(join(dir, REFERENCE_FILE), got.code);
      await writeFile(join(dir, 'driver.py'), DRIVER);
    }
  }
  const rows: NegotiationBenchRow[] = [];
  try {
    for (const set of sets) {
      log(`negotiation: expected-utility on ${set.data} (ours)…`);
      const mine = ours(set.issues);
      if (set.budget === 0) {
        rows.push({
          data: set.data,
          actors: set.actors,
          ours: mine,
          python: { error: 'not timed (an estimated 59 hours)' },
        });
        continue;
      }
      if (referenceError || !dir || 'error' in py) {
        rows.push({
          data: set.data,
          actors: set.actors,
          ours: mine,
          python: { error: referenceError ?? 'no reference' },
        });
        continue;
      }
      log(`negotiation: the same on the Python reference (budget ${set.budget} s)…`);
      const result = await python(dir, py, set.name, set.issues, set.repeat, set.budget);
      if ('error' in result) {
        rows.push({ data: set.data, actors: set.actors, ours: mine, python: result });
        continue;
      }
      const theirs = pythonRate(result, set.budget);
      const finished = set.issues.filter((i) => result.medians[i.id] !== undefined);
      // The ratio compares like with like: the issues the reference finished, or the one it started on.
      const sameIssues =
        finished.length === set.issues.length
          ? mine
          : ours(finished.length > 0 ? finished : set.issues.slice(0, 1), 1);
      let agreement = 0;
      for (const issue of finished) {
        const median =
          expectedUtility(issue, EU_PRESETS.scholz2011, ROUNDS).rounds[ROUNDS - 1]?.median ?? NaN;
        agreement = Math.max(agreement, Math.abs(median - (result.medians[issue.id] ?? NaN)));
      }
      rows.push({
        data:
          result.failed > 0
            ? `${set.data} (ratio on the ${finished.length} the reference finished; ${result.failed} raised ZeroDivisionError in it)`
            : finished.length > 0 && finished.length < set.issues.length
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
  return {
    reference,
    ...(source ? { source } : {}),
    ...('error' in py ? {} : { python: py.version }),
    rows,
  };
}

/** The figures as a Markdown table. */
export function formatNegotiationBench(result: NegotiationBench): string {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toPrecision(3));
  const lines = [
    `Expected-utility model (scholz2011, ${ROUNDS} rounds): runs per second; reference ${result.reference}${result.python ? ` on ${result.python}` : ''}`,
    ...(result.source ? [`Reference code from ${result.source}.`] : []),
    `Load while measuring: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} (1, 5, 15 min averages) on ${cpus().length} cores.`,
    '',
    '| data | actors | Multitrack runs/s | Python reference runs/s | ratio | max median difference |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of result.rows) {
    const py =
      'error' in r.python
        ? `not run: ${r.python.error}`
        : `${fmt(r.python.runsPerSecond)}${r.python.extrapolated ? ` (extrapolated: ${r.python.note})` : ` (${r.python.runs} run${r.python.runs === 1 ? '' : 's'} in ${r.python.seconds.toFixed(1)} s)`}`;
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
