// The verify stage as main.ts sees it: watch the rollout, find the address, smoke-test it.
export { waitForRollout } from './rollout.js';
export type { RolloutInput, RolloutReport } from './rollout-types.js';
export {
  addressInputFor,
  waitForAddress,
  type AddressInput,
  type GatewayAddress,
  type AddressSource,
} from './address.js';
export { runSmokeTest, smokeTestError, type SmokeTestResult, type ChatResult } from './smoke-test.js';
export { checkProxyAccess } from './service-proxy.js';
export {
  availabilityError,
  availabilityLine,
  startAvailability,
  type AvailabilityReport,
} from './availability/index.js';
