// Prints the plain closing line CI reads: "tests: N passed, N failed, N skipped".
//   test-summary.mjs REPORT.json                      one vitest JSON report
//   test-summary.mjs --merge OUT.json A.json B.json   several reports (unit and e2e run side by
//                                                     side), written together as OUT.json first
// A report that is missing or unreadable counts as one failed test.
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const merge = args[0] === '--merge';
const out = merge ? args[1] : undefined;
const files = merge ? args.slice(2) : args.slice(0, 1);

const COUNTS = ['numTotalTestSuites', 'numPassedTestSuites', 'numFailedTestSuites', 'numPendingTestSuites', 'numTotalTests', 'numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'];
const total = Object.fromEntries(COUNTS.map((k) => [k, 0]));
let unreadable = 0;
let startTime = Infinity;
let success = true;
const testResults = [];
for (const file of files) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    for (const k of COUNTS) total[k] += r[k] ?? 0;
    startTime = Math.min(startTime, r.startTime ?? Infinity);
    success &&= r.success !== false;
    testResults.push(...(r.testResults ?? []));
  } catch (err) {
    unreadable++;
    success = false;
    console.error(`could not read ${file}: ${err.message}`);
  }
}
if (out) writeFileSync(out, JSON.stringify({ ...total, startTime: Number.isFinite(startTime) ? startTime : Date.now(), success, testResults }));
console.log(`tests: ${total.numPassedTests} passed, ${total.numFailedTests + unreadable} failed, ${total.numPendingTests + total.numTodoTests} skipped`);
