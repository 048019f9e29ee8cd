// Vitest reporter that ends the run with the plain line CI reads: "N passed, N failed[, N skipped]".
// A module or suite that failed outside its tests (a failed beforeAll leaves its tests skipped, an
// import error leaves none) counts as one failure, and so does each unhandled error, so the line never
// says 0 failed when the run failed or was interrupted.
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1;
      }
      for (const suite of module.children.allSuites())
        if (suite.state() === 'failed' && ![...suite.children.allTests('failed')].length) failedHere += 1;
      if (failedHere === 0 && (module.state() === 'failed' || module.errors().length > 0)) failedHere = 1;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    // a run that failed or was interrupted (bail, Ctrl-C) for any reason not counted above is one failure
    if (reason !== 'passed' && failed === 0) failed = 1;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
