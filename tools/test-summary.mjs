#!/usr/bin/env node
// Adds up vitest JSON reports and prints the closing line CI reads: "N passed, M failed[, K skipped]".
// --failed-checks N adds failures of checks run outside vitest.
// Exits 1 when anything failed, a report is missing, or no test ran.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let failed = 0;
const checksFlag = args.indexOf('--failed-checks');
if (checksFlag !== -1) {
  failed += Number(args[checksFlag + 1] ?? 0);
  args.splice(checksFlag, 2);
}
const reports = args;
let passed = 0;
let skipped = 0;
for (const path of reports) {
  if (!existsSync(path)) {
    console.error(`missing test report: ${path}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no failed test, only a failed suite: count it too.
  for (const file of report.testResults) {
    if (file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed')) {
      console.error(`test file failed: ${file.name}: ${file.message ?? ''}`);
      failed += 1;
    }
  }
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
