/**
 * A progress bar for long work (simulations, screening), drawn on stderr only when stderr is this
 * process's terminal and the output is not JSON, so pipes, files and tests never see it.
 */
import cliProgress from 'cli-progress';
import type { CommandContext } from './context.js';
import { processIo } from './io.js';

export interface ProgressBar {
  /** Called with the work done so far and the total; absent when no bar is drawn. */
  readonly progress?: (done: number, total: number) => void;
  stop(): void;
}

/** `verb` names the work ("simulating"), `unit` what is counted ("runs"). */
export function progressBar(ctx: CommandContext, json: boolean, verb: string, unit: string): ProgressBar {
  if (json || !process.stderr.isTTY || ctx.io.err !== processIo.err) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${verb} [{bar}] {percentage}% | {value}/{total} ${unit} | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    progress: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
