// The table of contents: read the inputs, then run one stage after another, each in its own log group.
// Stages decide nothing here; this file only passes each stage's output to the next and keeps the outcome.
import * as core from '@actions/core';
import { connectToCluster } from './azure/index.js';
import type { ActionConfig } from './config.js';
import { getConfig } from './context.js';
import {
  deployRelease,
  readHistory,
  recoverFailedRelease,
  uninstallRelease,
  type ReleaseInfo,
} from './deploy/index.js';
import { ActionError } from './errors.js';
import { trackGitHubDeployment } from './github/index.js';
import { SECRET_INPUTS } from './inputs/defaults.js';
import { privateHelmEnv, type ClusterTools } from './kube/cluster-tools.js';
import { renderChart } from './render.js';
import { describeFailure, publishOutputs, StageTimer, writeSummary, type DeployOutcome } from './report/index.js';
import { realSeams, type Seams } from './seams.js';
import { markMainStarted, saveWorkDir, workDir } from './state-helper.js';
import { installTools } from './tools/index.js';
import { planValues, writeValues, type ValuesPlan } from './values/index.js';
import { runSmokeTest, waitForAddress, waitForRollout, type RolloutReport } from './verify/index.js';
import { createWorkspace, removeWorkspace, type Workspace } from './workspace.js';

interface Run {
  config: ActionConfig;
  workspace: Workspace;
  outcome: DeployOutcome;
  timer: StageTimer;
  /** Aborted when the workflow is cancelled: helm gets SIGINT and can leave the release in a clean state. */
  cancelled: AbortSignal;
  seams: Seams;
}

/** A stage: timed for the summary and wrapped in its own log group. */
function stage<T>(run: Pick<Run, 'timer'>, name: string, fn: () => Promise<T>): Promise<T> {
  return run.timer.time(name, () => core.group(name, fn));
}

function reportWarnings(run: Run, warnings: string[]): void {
  for (const warning of warnings) {
    core.warning(warning);
    run.outcome.warnings.push(warning);
  }
}

async function planAndWriteValues(run: Run): Promise<{ plan: ValuesPlan; valuesPath: string }> {
  const plan = await stage(run, 'Merge values', async () => {
    const merged = await planValues(run.config);
    core.info(merged.redactedYaml);
    return merged;
  });
  reportWarnings(run, plan.warnings);
  return { plan, valuesPath: await writeValues(plan, run.workspace) };
}

async function render(run: Run): Promise<void> {
  const { plan, valuesPath } = await planAndWriteValues(run);
  const { helm } = await stage(run, 'Install helm', () => installTools(run.config.tools, ['helm'], run.seams));
  run.outcome.tools = { helm };
  await stage(run, 'Render the chart', () =>
    renderChart(
      { chart: run.config.chart, helmPath: helm.path, valuesPath, plan, env: privateHelmEnv(run.workspace.dir) },
      run.seams,
    ),
  );
}

/** Signs in and installs the tools side by side: neither needs the other, and both wait on the network. */
async function connect(run: Run): Promise<ClusterTools> {
  const { config, seams } = run;
  const [connection, tools] = await stage(run, 'Connect to the cluster and install helm and kubectl', () =>
    Promise.all([
      connectToCluster(config.azure, config.cluster, run.workspace, seams),
      installTools(config.tools, ['helm', 'kubectl'], seams),
    ]),
  );
  run.outcome.tools = tools;
  run.outcome.kubeconfigPath = connection.kubeconfigPath;
  run.outcome.cluster = { ...run.outcome.cluster, server: connection.server };
  return {
    ...tools,
    kubeconfigPath: connection.kubeconfigPath,
    refreshCredentials: () => connection.refreshCredentials(),
    env: privateHelmEnv(run.workspace.dir),
  };
}

/**
 * The watcher owns the `timeout` budget because at its deadline it can say which pod is not ready and why; helm's own
 * --timeout, a little longer, is only the backstop (helm alone would just say "context deadline exceeded").
 */
const HELM_TIMEOUT_MARGIN_SECONDS = 30;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * helm upgrade --wait and the rollout watcher run side by side: helm applies and waits its own way, the watcher spots a
 * pod that can never start within seconds. Whichever fails first stops the other.
 */
async function deployAndWatch(
  run: Run,
  tools: ClusterTools,
  valuesPath: string,
  progress: { upgradeStarted: boolean },
): Promise<{ release: ReleaseInfo; rollout?: RolloutReport }> {
  const { config, seams } = run;
  const ref = { name: config.chart.releaseName, namespace: config.chart.namespace };
  const deadline = seams.now() + config.deploy.timeoutSeconds * 1000;
  const stopHelm = new AbortController();
  const stopWatch = new AbortController();
  const onCancel = () => {
    stopHelm.abort(run.cancelled.reason);
    stopWatch.abort(run.cancelled.reason);
  };
  run.cancelled.addEventListener('abort', onCancel, { once: true });

  let startWatch: (sinceRevision: number | undefined) => void = () => {};
  const watchFrom = new Promise<number | undefined>((resolve) => (startWatch = resolve));
  const helm = settle(
    deployRelease(
      {
        chart: config.chart,
        deploy: { ...config.deploy, timeoutSeconds: config.deploy.timeoutSeconds + HELM_TIMEOUT_MARGIN_SECONDS },
        valuesPath,
        signal: stopHelm.signal,
        // Judge only the revision this run creates, never the healthy one it replaces.
        beforeUpgrade: async () => {
          progress.upgradeStarted = true;
          startWatch((await readHistory(ref, tools, seams)).at(-1)?.revision ?? 0);
        },
      },
      tools,
      seams,
    ).finally(() => startWatch(undefined)),
  );
  const watch = settle(
    watchFrom.then((sinceRevision) =>
      sinceRevision === undefined
        ? undefined
        : waitForRollout(
            {
              releaseName: ref.name,
              namespace: ref.namespace,
              deadline,
              sinceRevision,
              signal: stopWatch.signal,
              wake: helm,
            },
            tools,
            seams,
          ),
    ),
  );

  try {
    const first = await Promise.race([
      helm.then((r) => ({ ...r, who: 'helm' })),
      watch.then((r) => ({ ...r, who: 'watch' })),
    ]);
    if (!first.ok) {
      (first.who === 'helm' ? stopWatch : stopHelm).abort(first.error);
      await Promise.all([helm, watch]);
      throw first.error;
    }
    const [helmResult, watchResult] = await Promise.all([helm, watch]);
    if (!helmResult.ok) throw helmResult.error;
    if (!watchResult.ok) throw watchResult.error;
    return { release: helmResult.value, rollout: watchResult.value };
  } finally {
    run.cancelled.removeEventListener('abort', onCancel);
  }
}

/** After a failed rollout or smoke test: back to the previous revision, when the user wants that. */
async function recover(run: Run, tools: ClusterTools, previousRevision: number | undefined): Promise<void> {
  const { config } = run;
  if (!config.deploy.rollbackOnFailure) return;
  await stage(run, 'Roll back', async () => {
    const what = await recoverFailedRelease(
      {
        name: config.chart.releaseName,
        namespace: config.chart.namespace,
        previousRevision,
        timeoutSeconds: config.deploy.timeoutSeconds,
      },
      tools,
      run.seams,
    );
    run.outcome.release.rolledBackTo = what.restoredRevision;
    core.warning(`Release ${config.chart.releaseName}: ${what.summary}.`);
  });
}

async function deploy(run: Run): Promise<void> {
  const { config, outcome, seams } = run;
  const { plan, valuesPath } = await planAndWriteValues(run);
  const tools = await connect(run);

  let release: ReleaseInfo;
  // A release refused by the preflight (stuck, and no opt-in) was not touched by this run and must stay as it is.
  const progress = { upgradeStarted: false };
  try {
    const deployed = await stage(run, `helm upgrade --install ${config.chart.releaseName}`, () =>
      deployAndWatch(run, tools, valuesPath, progress),
    );
    release = deployed.release;
    outcome.workloads = deployed.rollout?.workloads;
  } catch (error) {
    if (progress.upgradeStarted) {
      await recover(run, tools, undefined).catch((recoveryError: unknown) =>
        core.error(describeFailure(recoveryError).message),
      );
    }
    throw error;
  }
  Object.assign(outcome.release, {
    revision: release.revision,
    status: release.status,
    chartVersion: release.chartVersion,
    appVersion: release.appVersion,
  });

  const address = await stage(run, 'Wait for the gateway address', () =>
    waitForAddress(
      {
        releaseName: release.name,
        namespace: release.namespace,
        manifest: release.manifest,
        values: plan.values,
        timeoutSeconds: config.addressTimeoutSeconds,
        ingressHost: config.portkey.ingressHost || undefined,
        mcpHost: config.portkey.mcpHost || undefined,
        portForward: !config.smokeTest.url,
        signal: run.cancelled,
      },
      tools,
      seams,
    ),
  );
  outcome.address = address;

  try {
    if (!config.smokeTest.enabled) return;
    const result = await stage(run, 'Smoke test', () =>
      runSmokeTest(config.smokeTest, config.smokeTest.url || address.url, seams),
    );
    outcome.smokeTest = result;
    if (result.status === 'failed') {
      await recover(run, tools, release.previousRevision);
      throw new ActionError(`The smoke test failed: ${result.message}`, {
        input: 'smoke-test-path',
        hint: "Check the gateway pods' logs, or adjust smoke-test-path / smoke-test-expected-status / smoke-test-url.",
      });
    }
  } finally {
    await address.close();
  }
}

async function uninstall(run: Run): Promise<void> {
  const tools = await connect(run);
  const { config } = run;
  const removed = await stage(run, `helm uninstall ${config.chart.releaseName}`, () =>
    uninstallRelease({ name: config.chart.releaseName, namespace: config.chart.namespace }, tools, run.seams),
  );
  run.outcome.release.status = removed.found ? 'uninstalled' : 'not-found';
}

/** Every secret value of the run, removed once more from the summary in case a message carried one. */
function secretsOf(config: ActionConfig | undefined, getInput = core.getInput): string[] {
  const inputs = SECRET_INPUTS.map((name) => getInput(name)).filter(Boolean);
  return config ? [...inputs, ...Object.values(config.portkey.secretEnv)] : inputs;
}

function failureText(error: NonNullable<DeployOutcome['error']>): string {
  return [error.message, error.input ? `Input: \`${error.input}\`` : '', error.hint ? `What to do: ${error.hint}` : '']
    .filter(Boolean)
    .join('\n');
}

export async function run(seams: Seams = realSeams): Promise<void> {
  markMainStarted();
  const timer = new StageTimer(seams.now);
  const outcome: DeployOutcome = {
    command: 'deploy',
    succeeded: false,
    release: { name: '', namespace: '' },
    stages: timer.stages,
    warnings: [],
  };
  const cancel = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`Received ${signal}: the workflow was cancelled. Stopping helm cleanly.`);
    cancel.abort(new ActionError(`The workflow was cancelled (${signal}).`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let config: ActionConfig | undefined;
  try {
    config = await stage({ timer }, 'Read inputs', async () => getConfig());
    outcome.command = config.command;
    outcome.release = { name: config.chart.releaseName, namespace: config.chart.namespace };
    outcome.cluster = { name: config.cluster.clusterName, resourceGroup: config.cluster.resourceGroup };
    const workspace = await createWorkspace();
    saveWorkDir(workspace.dir);
    const current: Run = { config, workspace, outcome, timer, cancelled: cancel.signal, seams };
    const commands = { deploy, render, uninstall };
    await trackGitHubDeployment({ config, outcome, seams, stage: (name, fn) => stage(current, name, fn) }, () =>
      commands[current.config.command](current),
    );
    outcome.succeeded = true;
  } catch (error) {
    outcome.error = describeFailure(error);
    if (outcome.error.diagnosis) {
      await core.group('Diagnosis', async () => core.info(outcome.error?.diagnosis ?? ''));
    }
    core.setFailed(failureText(outcome.error));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    publishOutputs(outcome);
    await writeSummary(outcome, { secrets: secretsOf(config) }).catch((error: unknown) =>
      core.warning(`Could not write the job summary: ${describeFailure(error).message}`),
    );
  }
}

/** The post step: runs even when main failed or was cancelled, and removes every file the action wrote. */
export async function post(): Promise<void> {
  if (!workDir) return;
  await removeWorkspace(workDir);
  core.info(`Removed ${workDir}: the kubeconfig, the values file and helm's configuration are gone.`);
}
