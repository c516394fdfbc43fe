// Prints the plain closing line CI reads ("tests: N passed, N failed") from the JSON reports jest wrote for the
// unit and the browser test runs (see the test:unit and test:e2e scripts). Plain Node, no dependencies.
const { existsSync, readFileSync } = require('fs');
const path = require('path');

let passed = 0;
let failed = 0;
for (const name of ['jest-unit.json', 'jest-e2e.json']) {
  const file = path.join(__dirname, '..', '.cache', 'test-results', name);
  if (!existsSync(file)) {
    console.error(`${file} is missing: that test run did not finish`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
console.info(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
