// The end of every run, whatever happened: the failure told the way a workflow author reads it (the message, the
// input, what to do, the diagnosis in its own log group), then every output and the job summary.
import * as runner from '../runner.js';
import { printForeign, type Outbound } from '../secrets/index.js';
import { describeFailure, type RunOutcome } from './outcome.js';
import { publishOutputs } from './outputs.js';
import { writeSummary } from './summary.js';

export async function recordFailure(outcome: RunOutcome, error: unknown): Promise<void> {
  const failure = outcome.failed(error);
  // Pod events and logs: text that is not ours.
  if (failure.diagnosis) await runner.group('Diagnosis', async () => printForeign(failure.diagnosis!));
  runner.setFailed(
    [failure.message, failure.input && `Input: \`${failure.input}\``, failure.hint && `What to do: ${failure.hint}`]
      .filter(Boolean)
      .join('\n'),
  );
}

export async function publishReport(outcome: RunOutcome, outbound: Outbound): Promise<void> {
  const current = outcome.current;
  publishOutputs(current, outbound);
  await writeSummary(current, outbound).catch((error: unknown) =>
    runner.warning(`Could not write the job summary: ${describeFailure(error).message}`),
  );
}
