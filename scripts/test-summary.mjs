// Adds up the JSON reports that `npm test` asks Vitest (per project) and Playwright to write, and prints one
// closing line: "Tests: N passed, N failed, N skipped". Exits 1 when a report is missing or anything failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const reports = [];
for (const group of ['apps', 'libs']) {
  for (const name of readdirSync(group)) reports.push(join(group, name, '.test-results', 'vitest.json'));
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
const e2eFile = join('e2e', 'test-results', 'report.json');
if (existsSync(e2eFile)) {
  const stats = JSON.parse(readFileSync(e2eFile, 'utf8')).stats;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
} else if (process.argv.includes('--require-e2e')) {
  console.error('test-summary: the e2e report is missing');
  failed += 1;
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
