// Whether the gateway kept serving through the rollout: the stream that measures it and the numbers it gives.
export { startAvailability, VERSION_HEADER, type AvailabilityRequest, type AvailabilityStream } from './stream.js';
export { availabilityError, availabilityLine, type AvailabilityReport } from './stats.js';
