#!/usr/bin/env node
// Entry point of the `multitrack` command: runs the compiled CLI (built by `npm run build`, run on install).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
