/** Jest in ESM mode: the @actions/* packages are ESM-only. */
export default {
  preset: 'ts-jest/presets/default-esm',
  // Node's environment, holding back what the code under test prints until a test fails (see the file).
  testEnvironment: '<rootDir>/jest.quiet-environment.js',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // The real-cluster tier has its own config (jest.real-cluster.config.js) and needs a real control plane.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/real-cluster/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  // End-to-end suites spawn the bundle, helm and kubectl: keep the 2-core machine from thrashing.
  maxWorkers: 2,
  testSequencer: '<rootDir>/jest.sequencer.js',
  testTimeout: 60000,
};
