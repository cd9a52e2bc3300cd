// The plan stage as main.ts sees it: what a deploy would change, and the machine-readable file of it.
export {
  driftError,
  dryRunManifest,
  planBeforeDeploy,
  planRelease,
  type PlanInput,
  type ReleasePlan,
} from './plan-release.js';
export { writePlanFile } from './plan-file.js';
