// The canary stage as the commands see it: plan it, run it before helm, remove it, say why it was not released.
export { canaryError, planCanary, runCanary, type CanaryReport, type CanaryStepReport } from './analysis.js';
export { canaryCluster, type CanaryCluster } from './cluster.js';
export { canaryName, describeStep } from './workload.js';
