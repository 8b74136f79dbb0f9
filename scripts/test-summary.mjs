// Prints the plain closing line CI reads: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';
const file = process.argv[2];
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
} catch (err) {
  console.log(`tests: 0 passed, 1 failed`);
  console.error(`could not read ${file}: ${err.message}`);
}
