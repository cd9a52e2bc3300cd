// The deploy stage as main.ts sees it.
export { deployRelease, type DeployInput, type Deployed, type WatchRequest } from './deploy-release.js';
export { revertRelease } from './recover.js';
export { uninstallRelease } from './uninstall-release.js';
