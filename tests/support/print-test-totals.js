const fs = require('node:fs');
const path = require('node:path');

/** Sums the jest runs of `npm test` (and the PHP suite's count, if recorded) into one closing line. */
const directory = path.join(__dirname, '..', 'artifacts', 'test-totals');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of fs.existsSync(directory) ? fs.readdirSync(directory) : []) {
  const counts = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += counts[key] || 0;
}
process.stdout.write(`all: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
