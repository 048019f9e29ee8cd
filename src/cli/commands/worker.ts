/**
 * `multitrack worker --redis URL`: a simulation worker for ensembles spread over several machines.
 * It serves the BullMQ queues of every ensemble that a `multitrack simulate … --redis URL` announces
 * in its queue family, runs their chunks of runs on its threads and returns the results, until stopped
 * with Ctrl-C or SIGTERM (it finishes the chunks in hand first).
 */
import { availableParallelism } from 'node:os';
import type { Command } from '@commander-js/extra-typings';
import { RunnerError, checkQueueName, checkRedisUrl, redactUrl } from '../../sim/runners/index.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { line, printJson } from '../io.js';

function whole(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max)
    throw new UsageError(`${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return value;
}

/** Resolves with the signal that asks the worker to stop; a second signal then ends it at once. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerWorker(program: Command, ctx: CommandContext): void {
  const cores = availableParallelism();
  program
    .command('worker')
    .description('serve simulation runs from a Redis queue, to spread ensembles over several machines')
    .requiredOption('--redis <url>', 'the Redis the coordinators use, e.g. redis://10.0.0.5:6379')
    .option('--concurrency <n>', `chunks run at once, one thread each (default ${cores}: one per core here)`)
    .option('--queue <name>', 'queue family to serve (default multitrack-sim; coordinators pass the same)')
    .option('--json', 'on exit, print one JSON document with what the worker did')
    .addHelpText(
      'after',
      `
What it is for:
  One machine runs an ensemble on its own cores (simulate --threads T). To go further, start workers
  on other machines that reach the same Redis, and run simulate with --redis URL: the ensemble is cut
  into chunks of runs, put on a queue, and every worker takes chunks as it frees up. The results are
  the same bits whatever the number of workers, because each run depends only on (scenario, seed, run).

  A worker serves every ensemble of its queue family as it is announced, and leaves it when it ends;
  keep it running between ensembles. Stop it with Ctrl-C or SIGTERM: it finishes the chunks in hand.

Examples:
  multitrack worker --redis redis://10.0.0.5:6379                  # on each extra machine
  multitrack worker --redis redis://10.0.0.5:6379 --concurrency 8 --queue team-a
  multitrack simulate my-scenario.yaml --runs 10000 --redis redis://10.0.0.5:6379   # the coordinator`,
    )
    .action(async (options) => {
      const concurrency =
        options.concurrency === undefined ? cores : whole('--concurrency', options.concurrency, 1, 1024);
      try {
        checkRedisUrl(options.redis);
        if (options.queue !== undefined) checkQueueName(options.queue);
      } catch (error) {
        if (error instanceof RunnerError) throw new UsageError(error.message);
        throw error;
      }
      // BullMQ takes a quarter of a second to load: only this command pays for it.
      const { DEFAULT_QUEUE, SimulationWorker } = await import('../../sim/runners/bullmq.js');
      const queue = options.queue ?? DEFAULT_QUEUE;
      const log = (text: string) => ctx.io.err(`${new Date().toISOString()} ${text}\n`);
      const started = performance.now();
      let worker;
      try {
        worker = await SimulationWorker.start({ redis: options.redis, queue, concurrency, log });
      } catch (error) {
        // Redis out of reach: bad input, not a crash.
        if (error instanceof RunnerError) throw new UserError(error.message);
        throw error;
      }
      log(
        `worker ready: queue family ${queue} on ${redactUrl(options.redis)}, ${concurrency} thread${concurrency === 1 ? '' : 's'}; Ctrl-C to stop`,
      );
      const signal = await stopSignal();
      log(`${signal}: finishing the chunks in hand`);
      await worker.close();
      const summary = {
        redis: redactUrl(options.redis),
        queue,
        concurrency,
        chunks: worker.chunks,
        runs: worker.runs,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      };
      if (options.json) printJson(ctx.io, summary);
      else
        line(
          ctx.io,
          `worker stopped after ${summary.seconds} s: ${summary.runs} runs in ${summary.chunks} chunks`,
        );
    });
}
