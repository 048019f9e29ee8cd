/**
 * Where the CLI writes: stdout for results (one JSON document under --json), stderr for problems and
 * progress. Injected so that tests run the very same commands in-process.
 */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stdout is a terminal (progress bars and colour only then). */
  readonly isTTY: boolean;
  /** Progress of long work, on stderr: shown on a terminal, or when MULTITRACK_PROGRESS is set. */
  readonly progress: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => {
    stopQuietlyWhenStdoutCloses();
    process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  progress: (text) => {
    if (process.stderr.isTTY || process.env.MULTITRACK_PROGRESS) process.stderr.write(`${text}\n`);
  },
};

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

export function line(io: Io, text = ''): void {
  io.out(`${text}\n`);
}

/** The EPIPE handler is installed once: by the entry point, or by the first write through processIo. */
let watchingStdout = false;

/**
 * A reader that stops early (`multitrack history | head -1`) closes the pipe: stop quietly, as Unix
 * tools do, instead of failing with EPIPE.
 */
export function stopQuietlyWhenStdoutCloses(): void {
  if (watchingStdout) return;
  watchingStdout = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
