// The end of every run, whatever happened: the failure told the way a workflow author reads it (the message, the
// input, what to do, the diagnosis in its own log group), then every output and the job summary.
import * as core from '@actions/core';
import type { SecretSet } from '../secrets.js';
import { describeFailure, type DeployOutcome, type StageTiming } from './outcome.js';
import { publishOutputs } from './outputs.js';
import { writeSummary } from './summary.js';

export function startOutcome(stages: StageTiming[]): DeployOutcome {
  return { command: 'deploy', succeeded: false, release: { name: '', namespace: '' }, stages, warnings: [] };
}

export async function recordFailure(outcome: DeployOutcome, error: unknown): Promise<void> {
  const failure = describeFailure(error);
  outcome.error = failure;
  outcome.release.rolledBackTo = failure.recovery?.restoredRevision;
  if (failure.diagnosis) await core.group('Diagnosis', async () => core.info(failure.diagnosis!));
  core.setFailed(
    [failure.message, failure.input && `Input: \`${failure.input}\``, failure.hint && `What to do: ${failure.hint}`]
      .filter(Boolean)
      .join('\n'),
  );
}

export async function publishReport(outcome: DeployOutcome, secrets: SecretSet): Promise<void> {
  publishOutputs(outcome, secrets);
  await writeSummary(outcome, { secrets }).catch((error: unknown) =>
    core.warning(`Could not write the job summary: ${describeFailure(error).message}`),
  );
}
