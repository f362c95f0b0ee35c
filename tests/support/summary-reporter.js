const fs = require('node:fs');
const path = require('node:path');

/**
 * Prints a plain closing line, "N passed, N failed, N skipped", after jest's own summary, and keeps the
 * counts per npm script in tests/artifacts/test-totals/ so `npm test` can print one line for all runs
 * (tests/support/print-test-totals.js).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const totals = { passed: results.numPassedTests, failed: results.numFailedTests, skipped: results.numPendingTests };
    const directory = path.join(__dirname, '..', 'artifacts', 'test-totals');
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(path.join(directory, `${process.env.npm_lifecycle_event || 'jest'}.json`), JSON.stringify(totals));
    process.stdout.write(`\njest: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
