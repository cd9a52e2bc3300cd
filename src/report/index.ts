// The report stage as main.ts sees it: outputs, job summary, and the outcome they are built from.
export { describeFailure, StageTimer, type DeployOutcome, type StageTiming } from './outcome.js';
export { publishOutputs } from './outputs.js';
export { writeSummary, formatSummary, type SummaryOptions } from './summary.js';
