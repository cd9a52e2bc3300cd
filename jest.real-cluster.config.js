/**
 * The real-cluster tier: the bundled action against a real kube-apiserver (../shared/real-cluster) and Portkey's real
 * chart (../shared/charts). One control plane per lane of files, started by __tests__/real-cluster/run-tier.ts
 * (`npm run test:real-cluster`), so a lane's files run one after another.
 */
import base from './jest.config.js';

export default {
  ...base,
  roots: ['<rootDir>/__tests__/real-cluster'],
  testPathIgnorePatterns: [],
  maxWorkers: 1,
  testTimeout: 300000,
};
