/**
 * Runs the CLI from source (development: `npx tsx src/cli/bin.ts …`); the installed `multitrack`
 * command runs the same `run` from the build.
 */
import { stopQuietlyWhenStdoutCloses } from './io.js';
import { run } from './main.js';

stopQuietlyWhenStdoutCloses();
process.exitCode = await run(process.argv.slice(2));
