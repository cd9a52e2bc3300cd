// The report stage as main.ts sees it: outputs, job summary, and the outcome they are built from.
export { RunOutcome, StageTimer, type DeployOutcome, type Found, type StageTiming } from './outcome.js';
export { publishReport, recordFailure } from './finish.js';
export { formatSummary, type SummaryOptions } from './summary.js';
export { planSection } from './plan-section.js';
