// The deploy stage as the commands see it.
export { type Deployed, type WatchRequest } from './apply.js';
export { adviseOnKnownHelmFailure } from './failure-hints.js';
export { clusterJournal } from './journal.js';
export {
  runReleaseTransaction,
  type RunningCheck,
  type StepBeforeHelm,
  type TransactionInput,
  type VerificationStep,
} from './transaction.js';
export { uninstallRelease } from './uninstall-release.js';
