// The helm stage's public face for main.ts.
export { deployRelease, readReleaseInfo, type DeployInput } from './deploy-release.js';
export { recoverFailedRelease, type RecoverRequest, type Recovery } from './recover.js';
export { uninstallRelease, type UninstallRequest, type UninstallResult } from './uninstall-release.js';
export { readHistory, type HistoryEntry, type ReleaseInfo, type ReleaseRef } from './helm-release.js';
