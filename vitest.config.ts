// Test runner configuration: node environment, and a closing summary line that CI reads.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    // a registry's beforeAll loads the case library: slow on a loaded machine, never a reason to skip
    hookTimeout: 120_000,
  },
});
