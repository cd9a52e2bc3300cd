// The table of contents: read the inputs, then run one stage after another, each in its own log group, passing each
// stage's output to the next and keeping the outcome. The stages decide; this file only wires them, the way helm's
// CLI wires its pkg/action verbs, and turns the runner's signals into a cancelled run.
import * as core from '@actions/core';
import { privateHelmEnv, type ClusterSession } from './cluster/session.js';
import { deployRelease, revertRelease, uninstallRelease } from './deploy/index.js';
import { cancelOnSignals } from './cancellation.js';
import type { ActionConfig } from './inputs/config.js';
import { getConfig } from './inputs/read-inputs.js';
import { publishReport, recordFailure, StageTimer, startOutcome, type DeployOutcome } from './report/index.js';
import { realSeams, type Seams } from './seams.js';
import { redactStandardStreams, SecretSet } from './secrets.js';
import { markMainStarted, saveWorkDir } from './state-helper.js';
import { planValues, writeValues } from './values/index.js';
import { addressInputFor, runSmokeTest, smokeTestError, waitForAddress, waitForRollout } from './verify/index.js';
import { createWorkspace, type Workspace } from './workspace.js';

/** One run: `cancelled` is aborted when the workflow is cancelled. */
interface Run {
  config: ActionConfig;
  workspace: Workspace;
  outcome: DeployOutcome;
  timer: StageTimer;
  secrets: SecretSet;
  cancelled: AbortSignal;
  seams: Seams;
}

/** A stage: timed for the summary, in its own log group. */
const stage = <T>(run: Pick<Run, 'timer'>, name: string, fn: () => Promise<T>) =>
  run.timer.time(name, () => core.group(name, fn));

async function planAndWriteValues(run: Run) {
  const plan = await stage(run, 'Merge values', async () => {
    const merged = await planValues(run.config, run.secrets);
    core.info(merged.redactedYaml);
    for (const warning of merged.warnings) core.warning(warning);
    return merged;
  });
  run.outcome.warnings.push(...plan.warnings);
  return { plan, valuesPath: await writeValues(plan, run.workspace) };
}

/**
 * Loaded once the first stage is under way, by the commands that use them: @actions/tool-cache and the Azure SDK
 * are most of the bundle's start-up time, and `render` never signs in to Azure.
 */
const installTools: typeof import('./tools/index.js').installTools = async (...args) =>
  (await import('./tools/index.js')).installTools(...args);

async function render(run: Run): Promise<void> {
  const { valuesPath } = await planAndWriteValues(run);
  const { helm } = await stage(run, 'Install helm', () => installTools(run.config.tools, ['helm'], run.seams));
  run.outcome.tools = { helm };
  const { renderChart } = await import('./render/index.js');
  const session = { helm, env: privateHelmEnv(run.workspace.dir) };
  await stage(run, 'Render the chart', () =>
    renderChart({ chart: run.config.chart, session, valuesPath, secrets: run.secrets }, run.seams),
  );
}

/** Signs in and installs the tools side by side: neither needs the other, and both wait on the network. */
async function connect(run: Run): Promise<ClusterSession> {
  const { config, seams } = run;
  const { connectToCluster } = await import('./azure/index.js');
  const [connection, tools] = await stage(run, 'Connect to the cluster and install helm and kubectl', () =>
    Promise.all([
      connectToCluster(config.azure, config.cluster, run.workspace, seams, {
        secrets: run.secrets,
        signal: run.cancelled,
      }),
      installTools(config.tools, ['helm', 'kubectl'], seams),
    ]),
  );
  Object.assign(run.outcome, { tools, kubeconfigPath: connection.kubeconfigPath });
  run.outcome.cluster = { ...run.outcome.cluster, server: connection.server };
  return { ...tools, ...connection, env: privateHelmEnv(run.workspace.dir, connection.kubeconfigPath) };
}

async function deploy(run: Run): Promise<void> {
  const { config, outcome, seams, cancelled: signal } = run;
  const { plan, valuesPath } = await planAndWriteValues(run);
  const session = await connect(run);
  const { release, rollout } = await stage(run, `helm upgrade --install ${config.chart.releaseName}`, () =>
    deployRelease(
      {
        chart: config.chart,
        deploy: config.deploy,
        valuesPath,
        signal,
        watch: (request) => waitForRollout(request, session, seams),
      },
      session,
      seams,
    ),
  );
  outcome.workloads = rollout?.workloads;
  const { name, namespace, revision, status, chartVersion, appVersion } = release;
  Object.assign(outcome.release, { name, namespace, revision, status, chartVersion, appVersion });

  const address = await stage(run, 'Wait for the gateway address', () =>
    waitForAddress(addressInputFor(config, release, plan.values, signal), session, seams),
  );
  outcome.address = address;
  try {
    if (!config.smokeTest.enabled) return;
    const result = await stage(run, 'Smoke test', () =>
      runSmokeTest(config.smokeTest, config.smokeTest.url || address.url, { secrets: run.secrets, signal }, seams),
    );
    outcome.smokeTest = result;
    if (result.status === 'failed') {
      const revert = { release, previousRevision: release.previousRevision, deploy: config.deploy };
      throw await stage(run, 'Roll back', () => revertRelease(smokeTestError(result), revert, session, seams));
    }
  } finally {
    await address.close();
  }
}

async function uninstall(run: Run): Promise<void> {
  const session = await connect(run);
  const { chart, deploy: settings } = run.config;
  const request = { name: chart.releaseName, namespace: chart.namespace, timeoutSeconds: settings.timeoutSeconds };
  const removed = await stage(run, `helm uninstall ${chart.releaseName}`, () =>
    uninstallRelease(request, session, run.seams),
  );
  run.outcome.release.status = removed.found ? 'uninstalled' : 'not-found';
}

export async function run(seams: Seams = realSeams): Promise<void> {
  markMainStarted();
  const timer = new StageTimer(seams.now);
  const secrets = new SecretSet();
  redactStandardStreams(secrets);
  const outcome = startOutcome(timer.stages);
  const cancellation = cancelOnSignals();
  try {
    const config = await stage({ timer }, 'Read inputs', async () => getConfig(undefined, undefined, secrets));
    outcome.command = config.command;
    outcome.release = { name: config.chart.releaseName, namespace: config.chart.namespace };
    outcome.cluster = { name: config.cluster.clusterName, resourceGroup: config.cluster.resourceGroup };
    const workspace = await createWorkspace();
    saveWorkDir(workspace.dir);
    const current: Run = { config, workspace, outcome, timer, secrets, cancelled: cancellation.signal, seams };
    await { deploy, render, uninstall }[config.command](current);
    outcome.succeeded = true;
  } catch (error) {
    await recordFailure(outcome, error);
  } finally {
    cancellation.stop();
    await publishReport(outcome, secrets);
  }
}
