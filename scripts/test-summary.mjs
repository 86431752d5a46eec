// Prints vitest's totals as one closing line, "N passed, N failed[, N skipped]", from its JSON report.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
const tail = skipped > 0 ? `, ${skipped} skipped` : "";
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${tail}`);
if (report.numTotalTests === 0) {
  console.error("test-summary: no test ran");
  process.exit(1);
}
