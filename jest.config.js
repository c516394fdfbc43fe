// Unit and integration tests run in parallel; browser tests (*.e2e.test.ts) share one local stack
// and one Chromium, so they run one file at a time (see the "test:e2e" script).
const common = {
  transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
  testEnvironment: 'node',
  // cornerstone ships ES modules only; the mode tests drive its real request pool, so babel compiles it.
  transformIgnorePatterns: ['/node_modules/(?!@cornerstonejs/core/)'],
  // Its package exports hide the request pool module.
  moduleNameMapper: {
    '^@cornerstonejs/core/requestPoolManager$':
      '<rootDir>/node_modules/@cornerstonejs/core/dist/esm/requestPool/requestPoolManager.js',
  },
  modulePathIgnorePatterns: [
    '<rootDir>/.cache/',
    '<rootDir>/.data/',
    '/dist/',
    '<rootDir>/extension/runtime/',
    '<rootDir>/mode/runtime/',
    '/cdk.out/',
  ],
};

module.exports = {
  // The summary file feeds the plain "tests: N passed, N failed" line the test command ends with.
  reporters: ['default', '<rootDir>/tools/testSummaryReporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
