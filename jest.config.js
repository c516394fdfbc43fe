// Unit and integration tests run in parallel; browser tests (*.e2e.test.ts) share one local stack
// and one Chromium, so they run one file at a time (see the "test" script).
const common = {
  transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/.data/', '/dist/', '/cdk.out/'],
};

module.exports = {
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
