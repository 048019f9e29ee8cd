/**
 * Simulation benchmark (`npm run bench -- --only simulation`, or `npx tsx bench/simulation.ts`).
 *
 * 1. Actor-updates per second per core of the living-system engine (RunResult.actorUpdates ÷ seconds,
 *    one thread) on a generated system of many actors and initiatives, compiled like any scenario,
 *    next to our ceiling measured in the same run: a plain typed-array loop doing the actors' part of
 *    the week — per actor, read its means and count its active initiatives through a CSR index, update
 *    budget and activity with the engine's arithmetic, then sum activity into initiative strengths
 *    through the other CSR index — with nothing else of the model around it.
 * 2. Ensemble runs per second on the Oslo case (4,000 runs of 10 years), with finals only (`simulate`)
 *    and with weekly series kept (`simulate --out`): inline, on 1 and 2 worker threads, and through
 *    BullMQ with 2 in-process worker threads when a Redis answers (MULTITRACK_BENCH_REDIS, default
 *    redis://127.0.0.1:6379). Pools and workers are started and warmed before the clock starts; CPU
 *    seconds of the process are reported beside wall-clock time, since a busy machine blurs the latter.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type SystemInput, SystemSchema } from '../src/domain/system.js';
import { readCase } from '../src/ingest/case-library.js';
import { InlineRunner, ThreadsRunner, createRunner } from '../src/sim/runners/index.js';
import type { EnsembleJob, Runner } from '../src/sim/runners/runner.js';
import { compileScenario } from '../src/sim/system/compile.js';
import { runModel } from '../src/sim/system/engine.js';
import type { CompiledModel } from '../src/sim/system/model.js';
import { ScenarioSchema } from '../src/sim/system/scenario.js';
import { generateSystem } from './generate.js';

const REDIS = process.env.MULTITRACK_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const TRACK_LABELS = ['Track 1', 'Track 1.5', 'Track 2', 'Track 2', 'Track 3', 'Track 4', 'Track 9'];

/**
 * `generateSystem` (actors, one link each) with one initiative per 20 actors across the tracks, each
 * actor taking part in two of them (participates-in links): CSR lists of 40 actors per initiative.
 */
export function simulationSystem(actors: number): SystemInput {
  const input = generateSystem(`simulation-${actors}`, actors, actors) as unknown as {
    initiatives: unknown[];
    links: unknown[];
  };
  const count = Math.max(1, Math.floor(actors / 20));
  input.initiatives = Array.from({ length: count }, (_, i) => ({
    id: `i${i}`,
    name: `Initiative ${i}`,
    track: TRACK_LABELS[i % TRACK_LABELS.length],
    mechanism: 'problem-solving-workshop',
    scope: 'bilateral',
    parties: ['p1'],
    start: '2000',
  }));
  for (let a = 0; a < actors; a++)
    for (const i of new Set([a % count, (a * 7 + 3) % count]))
      input.links.push({ type: 'participates-in', from: `a${a}`, to: `i${i}` });
  return input as unknown as SystemInput;
}

export function simulationModel(actors: number, weeks: number): CompiledModel {
  const system = SystemSchema.parse(simulationSystem(actors));
  const scenario = ScenarioSchema.parse({
    'multitrack-scenario': 1,
    name: `generated ${actors}`,
    system: 'generated',
    start: '2000-01-01',
    horizon: weeks,
  });
  return compileScenario(scenario, system, 'as-is');
}

export interface EngineFigure {
  readonly actors: number;
  readonly initiatives: number;
  readonly weeks: number;
  readonly runs: number;
  /** Best wall-clock rate, and the rate per CPU-second of that repetition (the process's CPU time). */
  readonly engineUpdatesPerSecond: number;
  readonly engineUpdatesPerCpuSecond: number;
  readonly ceilingUpdatesPerSecond: number;
  readonly ceilingUpdatesPerCpuSecond: number;
}

/**
 * The ceiling: the actors' weekly work as one tight loop over typed arrays (the arithmetic of the
 * engine's updateActors and updateInitiatives), `weeks` weeks; returns a checksum so nothing is elided.
 */
export function ceilingLoop(model: CompiledModel, weeks: number): number {
  const nA = model.actors.length;
  const nI = model.initiatives.length;
  const resources = Float64Array.from(model.actors, (a) => a.resources);
  const reachOf = Float64Array.from(model.actors, (a) => a.reach);
  const official = Uint8Array.from(model.actors, (a) => (a.track === 0 ? 1 : 0));
  const start = Int32Array.from(model.initiatives, (i) => i.startWeek);
  const end = Int32Array.from(model.initiatives, (i) => i.endWeek);
  const scale = Float64Array.from(model.initiatives, (i) => i.scale);
  // CSR both ways: initiative → actors and actor → initiatives.
  const initOffsets = new Int32Array(nI + 1);
  model.initiatives.forEach(
    (init, i) => (initOffsets[i + 1] = (initOffsets[i] as number) + init.actors.length),
  );
  const initActors = new Int32Array(initOffsets[nI] as number);
  model.initiatives.forEach((init, i) => initActors.set(init.actors, initOffsets[i]));
  const actorOffsets = new Int32Array(nA + 1);
  for (const a of initActors) actorOffsets[a + 1] = (actorOffsets[a + 1] as number) + 1;
  for (let a = 0; a < nA; a++)
    actorOffsets[a + 1] = (actorOffsets[a + 1] as number) + (actorOffsets[a] as number);
  const actorInits = new Int32Array(initActors.length);
  const fill = actorOffsets.slice(0, nA);
  for (let i = 0; i < nI; i++)
    for (let k = initOffsets[i] as number; k < (initOffsets[i + 1] as number); k++) {
      const a = initActors[k] as number;
      actorInits[(fill[a] as number)++] = i;
    }

  const budget = Float64Array.from(resources);
  const activity = new Float64Array(nA);
  const strength = new Float64Array(nI);
  const cost = model.params.programmeCost;
  let violence = 0.25;
  let checksum = 0;
  for (let w = 0; w < weeks; w++) {
    const fatigue = 1 - 0.5 * violence;
    for (let a = 0; a < nA; a++) {
      let load = 0;
      for (let k = actorOffsets[a] as number, e = actorOffsets[a + 1] as number; k < e; k++) {
        const i = actorInits[k] as number;
        if (w >= (start[i] as number) && w < (end[i] as number)) load++;
      }
      const need = cost * load;
      const available = (budget[a] as number) + (resources[a] as number);
      const spent = need < available ? need : available;
      const remaining = available - spent;
      budget[a] = remaining > 4 ? 4 : remaining;
      const covered = need > 0 ? spent / need : 1;
      activity[a] = official[a] === 1 ? covered : covered * fatigue;
    }
    let total = 0;
    for (let i = 0; i < nI; i++) {
      let reach = 0;
      let active = 0;
      for (let k = initOffsets[i] as number, e = initOffsets[i + 1] as number; k < e; k++) {
        const a = initActors[k] as number;
        const r = reachOf[a] as number;
        reach += r;
        active += r * (activity[a] as number);
      }
      const s = (scale[i] as number) * (reach > 0 ? active / reach : 1 - 0.5 * violence);
      strength[i] = s;
      total += s;
    }
    violence = 0.2 + 0.1 * (total / (nI || 1) - Math.floor(total / (nI || 1)));
    checksum += total;
  }
  return checksum;
}

interface Timing {
  /** Best wall-clock seconds per call, and the process CPU seconds per call of that repetition. */
  wall: number;
  cpu: number;
}

/** Times `f` by repetition for at least `minSeconds`; keeps the fastest of the repetitions seen. */
function timeCalls(f: () => number, best: Timing, minSeconds: number): number {
  let calls = 0;
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  do {
    sink += f();
    calls++;
  } while ((performance.now() - t) / 1000 < minSeconds);
  const wall = (performance.now() - t) / 1000 / calls;
  const used = process.cpuUsage(cpu0);
  if (wall < best.wall) {
    best.wall = wall;
    best.cpu = (used.user + used.system) / 1e6 / calls;
  }
  if (Number.isNaN(sink)) throw new Error('a benchmark run gave NaN');
  return calls;
}

export function benchEngine(actors: number, weeks: number, log: (s: string) => void): EngineFigure {
  const model = simulationModel(actors, weeks);
  log(`simulation engine on ${actors} actors, ${model.initiatives.length} initiatives, ${weeks} weeks`);
  let run = 0;
  let updates = 0;
  const engine: Timing = { wall: Infinity, cpu: Infinity };
  const ceiling: Timing = { wall: Infinity, cpu: Infinity };
  let runs = 0;
  // Engine and ceiling alternate, so that a busy moment of the machine falls on both alike.
  for (let r = 0; r < 5; r++) {
    runs += timeCalls(
      () => {
        const result = runModel(model, 1, run++, false);
        updates = result.actorUpdates;
        return result.finalTension;
      },
      engine,
      0.4,
    );
    timeCalls(() => ceilingLoop(model, weeks), ceiling, 0.4);
  }
  const figure: EngineFigure = {
    actors,
    initiatives: model.initiatives.length,
    weeks,
    runs,
    engineUpdatesPerSecond: updates / engine.wall,
    engineUpdatesPerCpuSecond: updates / engine.cpu,
    ceilingUpdatesPerSecond: (actors * weeks) / ceiling.wall,
    ceilingUpdatesPerCpuSecond: (actors * weeks) / ceiling.cpu,
  };
  log(
    `  engine ${(figure.engineUpdatesPerSecond / 1e6).toFixed(1)}M actor-updates/s, ceiling ${(figure.ceilingUpdatesPerSecond / 1e6).toFixed(1)}M`,
  );
  return figure;
}

export interface EnsembleFigure {
  readonly runner: string;
  /** Weekly series kept (simulate --out) or finals and events only (simulate without --out). */
  readonly keepSeries: boolean;
  readonly runs: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
  /** CPU seconds of the whole process (all its threads) during the timed run. */
  readonly cpuSeconds: number;
}

async function oslo(weeks: number): Promise<CompiledModel> {
  const system = (await readCase('oslo-1993'))?.system;
  if (!system) throw new Error('the oslo-1993 case is missing');
  const scenario = ScenarioSchema.parse({
    'multitrack-scenario': 1,
    name: 'oslo bench',
    system: 'cases/oslo-1993.yaml',
    start: '1992-06-01',
    horizon: weeks,
  });
  return compileScenario(scenario, system, 'as-is');
}

/** Times one timed ensemble on a warm runner. */
async function timeJob(runner: Runner, label: string, job: EnsembleJob): Promise<EnsembleFigure> {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  await runner.run([job]);
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    runner: label,
    keepSeries: job.keepSeries,
    runs: job.runs,
    seconds,
    runsPerSecond: job.runs / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** Starts and warms the runner, then times the ensemble with finals only and with weekly series. */
async function timeRunner(
  runner: Runner,
  label: string,
  job: EnsembleJob,
  log: (s: string) => void,
): Promise<EnsembleFigure[]> {
  try {
    await runner.run([{ ...job, runs: 1000 }]); // start the pool or workers, warm the code
    const figures: EnsembleFigure[] = [];
    for (const keepSeries of [false, true]) {
      const figure = await timeJob(runner, label, { ...job, keepSeries });
      log(
        `  ${label}, ${keepSeries ? 'weekly series kept' : 'finals only'}: ${figure.runsPerSecond.toFixed(0)} runs/s`,
      );
      figures.push(figure);
    }
    return figures;
  } finally {
    await runner.close();
  }
}

export async function benchEnsembles(
  runs: number,
  weeks: number,
  log: (s: string) => void,
): Promise<{ figures: EnsembleFigure[]; bullmqError?: string }> {
  const job: EnsembleJob = { model: await oslo(weeks), seed: 1, firstRun: 0, runs, keepSeries: false };
  const figures: EnsembleFigure[] = [];
  figures.push(...(await timeRunner(new InlineRunner(), 'inline', job, log)));
  figures.push(...(await timeRunner(new ThreadsRunner(1), '1 worker thread', job, log)));
  figures.push(...(await timeRunner(new ThreadsRunner(2), '2 worker threads', job, log)));
  try {
    const bullmq = createRunner({ redis: REDIS, threads: 2 });
    figures.push(...(await timeRunner(bullmq, 'BullMQ, 2 in-process worker threads', job, log)));
    return { figures };
  } catch (error) {
    return { figures, bullmqError: error instanceof Error ? error.message : String(error) };
  }
}

export interface SimulationBench {
  readonly machine: string;
  /** One-minute load average before and after: how busy the machine was with other work. */
  readonly load: readonly [number, number];
  readonly engine: readonly EngineFigure[];
  readonly ensembleRuns: number;
  readonly ensembleWeeks: number;
  readonly ensembles: readonly EnsembleFigure[];
  readonly bullmqError?: string;
}

export async function benchSimulation(
  log: (s: string) => void,
  options: { actors?: readonly number[]; weeks?: number; runs?: number } = {},
): Promise<SimulationBench> {
  const loadBefore = loadavg()[0] ?? 0;
  const weeks = options.weeks ?? 520;
  const engine = (options.actors ?? [1_000, 10_000]).map((n) => benchEngine(n, weeks, log));
  const runs = options.runs ?? 4_000;
  log(`ensembles: Oslo case, ${runs} runs of ${weeks} weeks`);
  const { figures, bullmqError } = await benchEnsembles(runs, weeks, log);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return {
    machine: `${availableParallelism()} cores (${cpu}), Node ${process.version}`,
    load: [loadBefore, loadavg()[0] ?? 0],
    engine,
    ensembleRuns: runs,
    ensembleWeeks: weeks,
    ensembles: figures,
    ...(bullmqError ? { bullmqError } : {}),
  };
}

export function formatSimulationBench(b: SimulationBench): string {
  const m = (n: number) => `${(n / 1e6).toFixed(1)}M`;
  const lines = [
    `Living-system simulation on ${b.machine}; load average ${b.load[0].toFixed(1)} before, ${b.load[1].toFixed(1)} after`,
    '',
    'Actor-updates per second on one core: best wall-clock rate, and per CPU-second of the process',
    '',
    '| system | initiatives | weeks | engine | engine per CPU-s | typed-array ceiling | ceiling per CPU-s | engine ÷ ceiling (CPU) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...b.engine.map(
      (e) =>
        `| generated, ${e.actors.toLocaleString('en-GB')} actors | ${e.initiatives.toLocaleString('en-GB')} | ${e.weeks} | ${m(e.engineUpdatesPerSecond)} | ${m(e.engineUpdatesPerCpuSecond)} | ${m(e.ceilingUpdatesPerSecond)} | ${m(e.ceilingUpdatesPerCpuSecond)} | ${((100 * e.engineUpdatesPerCpuSecond) / e.ceilingUpdatesPerCpuSecond).toFixed(0)}% |`,
    ),
    '',
    `Ensembles: Oslo case, ${b.ensembleRuns.toLocaleString('en-GB')} runs of ${b.ensembleWeeks} weeks (warm pools); CPU seconds of the whole process`,
    '',
    '| runner | finals only: runs/s | vs inline | CPU s | weekly series kept: runs/s | vs inline | CPU s |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const find = (runner: string, keepSeries: boolean) =>
    b.ensembles.find((f) => f.runner === runner && f.keepSeries === keepSeries);
  const runners = [...new Set(b.ensembles.map((f) => f.runner))];
  const cells = (runner: string, keepSeries: boolean) => {
    const f = find(runner, keepSeries);
    const inline = find(runners[0] ?? '', keepSeries)?.runsPerSecond ?? 1;
    if (!f) return '- | - | -';
    return `${Math.round(f.runsPerSecond).toLocaleString('en-GB')} | ${(f.runsPerSecond / inline).toFixed(2)}× | ${f.cpuSeconds.toFixed(2)}`;
  };
  for (const runner of runners)
    lines.push(`| ${runner} | ${cells(runner, false)} | ${cells(runner, true)} |`);
  if (b.bullmqError) lines.push('', `BullMQ not run: ${b.bullmqError}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchSimulation((s) => process.stderr.write(`${s}\n`));
  console.log(formatSimulationBench(result));
}
