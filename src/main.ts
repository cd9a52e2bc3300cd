// The table of contents, the way helm's CLI wires its pkg/action verbs: read the inputs in the first stage, run the
// command's stages (src/commands/, one log group each), turn the runner's signals into a cancelled run, and always
// publish the outputs and the job summary. The stages decide; nothing here does.
import { cancelOnSignals } from './cancellation.js';
import { getConfig } from './inputs/read-inputs.js';
import { publishReport, recordFailure, RunOutcome, StageTimer } from './report/index.js';
import { realSeams, type Seams } from './seams.js';
import { Outbound, redactStandardStreams, SecretSet } from './secrets/index.js';
import { stage } from './stage.js';
import { markMainStarted, saveWorkDir } from './state-helper.js';
import { createWorkspace } from './workspace.js';

export async function run(seams: Seams = realSeams): Promise<void> {
  markMainStarted();
  const timer = new StageTimer(seams.now);
  const secrets = new SecretSet();
  redactStandardStreams(secrets);
  const outbound = new Outbound(secrets);
  const outcome = new RunOutcome(timer.stages);
  const cancellation = cancelOnSignals();
  try {
    const config = await stage({ timer }, 'Read inputs', async () => getConfig(undefined, undefined, secrets));
    outcome.record({
      command: config.command,
      release: { name: config.chart.releaseName, namespace: config.chart.namespace },
      cluster: { name: config.cluster.clusterName, resourceGroup: config.cluster.resourceGroup },
    });
    const workspace = await createWorkspace();
    saveWorkDir(workspace.dir);
    const [{ COMMANDS }, { trackGitHubDeployment }] = await Promise.all([
      import('./commands/index.js'),
      import('./github/index.js'),
    ]);
    const current = { config, workspace, outcome, timer, secrets, outbound, cancellation, seams };
    await trackGitHubDeployment(
      { config, outcome, seams, secrets, cancellation, stage: (name, fn) => stage(current, name, fn) },
      (beforeChanges) => COMMANDS[config.command]({ ...current, beforeChanges }),
    );
    outcome.succeeded();
  } catch (error) {
    await recordFailure(outcome, error);
  } finally {
    cancellation.stop();
    await publishReport(outcome, outbound);
  }
}
