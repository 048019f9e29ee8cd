/**
 * What every command gets: where to write, and a place to leave its exit code.
 */
import type { Io } from './io.js';

export interface CommandContext {
  readonly io: Io;
  exitCode: number;
}
