// A jest reporter beside the default one: at the end of a run it writes how many tests passed and failed to
// .cache/test-results/jest-<project>.json (e.g. jest-unit.json), for tools/printTestSummary.js.
const { mkdirSync, writeFileSync } = require('fs');
const path = require('path');

class TestSummaryReporter {
  onRunComplete(testContexts, results) {
    const projects = [...new Set([...testContexts].map(context => context.config.displayName?.name ?? 'all'))].sort();
    const folder = path.join(__dirname, '..', '.cache', 'test-results');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, `jest-${projects.join('+')}.json`),
      JSON.stringify({ numPassedTests: results.numPassedTests, numFailedTests: results.numFailedTests }),
    );
  }
}

module.exports = TestSummaryReporter;
