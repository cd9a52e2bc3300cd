// The table of contents: read the inputs, then run one stage after another, each in its own log group, passing each
// stage's output to the next and keeping the outcome. The stages decide; this file only wires them, the way helm's
// CLI wires its pkg/action verbs, and turns the runner's signals into a cancelled run.
import * as core from '@actions/core';
import { openSession, privateHelmEnv, type ClusterSession } from './cluster/session.js';
import { deployRelease, revertRelease, uninstallRelease } from './deploy/index.js';
import { cancelOnSignals } from './cancellation.js';
import type { ActionConfig } from './inputs/config.js';
import { commentPlan, commentsPlan, trackGitHubDeployment } from './github/index.js';
import { getConfig } from './inputs/read-inputs.js';
import {
  planSection,
  publishReport,
  recordFailure,
  StageTimer,
  startOutcome,
  type DeployOutcome,
} from './report/index.js';
import { realSeams, type Seams } from './seams.js';
import { SecretSet } from './secrets.js';
import { markMainStarted, saveWorkDir } from './state-helper.js';
import {
  driftError,
  planBeforeDeploy,
  planRelease,
  writePlanFile,
  type PlanInput,
  type ReleasePlan,
} from './plan/index.js';
import { planValues, writeValues } from './values/index.js';
import {
  addressInputFor,
  runSmokeTest,
  smokeTestError,
  smokeTestRoute,
  waitForAddress,
  waitForRollout,
} from './verify/index.js';
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
  const { connection, tools, session } = await stage(
    run,
    'Connect to the cluster and install helm and kubectl',
    async () => {
      const [connection, tools] = await Promise.all([
        connectToCluster(config.azure, config.cluster, run.workspace, seams, {
          secrets: run.secrets,
          signal: run.cancelled,
        }),
        installTools(config.tools, ['helm', 'kubectl'], seams),
      ]);
      const parts = { ...connection, tools, clusterName: config.cluster.clusterName };
      return { connection, tools, session: await openSession(parts, run.workspace, seams) };
    },
  );
  Object.assign(run.outcome, { tools, kubeconfigPath: connection.kubeconfigPath || undefined });
  const reach = { ...connection.reach, through: session.remote?.description };
  run.outcome.cluster = { ...run.outcome.cluster, server: connection.server, reach };
  return session;
}

/** The chart as the session's helm reaches it: a remote cluster's helm gets it packaged, to send with the command. */
const chartFor = async (run: Run, session: ClusterSession) =>
  session.remote ? stage(run, 'Package the chart', () => session.remote!.chart(run.config.chart)) : run.config.chart;

/** What a deploy would change, in the log, the summary, the outputs and the plan file. */
async function planChanges<P extends ReleasePlan | undefined>(
  run: Run,
  session: ClusterSession,
  values: Omit<PlanInput, 'secrets'>,
  planner: (input: PlanInput, session: ClusterSession, seams: Seams) => Promise<P>,
): Promise<P> {
  const input = { ...values, secrets: run.secrets };
  const changes = await stage(run, 'Plan the changes', () => planner(input, session, run.seams));
  if (changes) Object.assign(run.outcome, { plan: changes, planFile: await writePlanFile(changes) });
  return changes;
}

async function plan(run: Run): Promise<void> {
  const { config, outcome } = run;
  const values = await planAndWriteValues(run);
  const session = await connect(run);
  const changes = await planChanges(run, session, { ...values, chart: await chartFor(run, session) }, planRelease);
  if (commentsPlan(config.github.planComment)) {
    const { warning } = await stage(run, 'Comment the plan on the pull request', () =>
      commentPlan({
        release: changes.release,
        markdown: planSection(changes),
        token: config.github.token,
        seams: run.seams,
      }),
    );
    if (warning) outcome.warnings.push(warning);
  }
  if (config.failOnChanges && changes.hasChanges) throw driftError(changes);
}

async function deploy(run: Run): Promise<void> {
  const { config, outcome, seams, cancelled: signal } = run;
  const { plan, valuesPath } = await planAndWriteValues(run);
  const session = await connect(run);
  const chart = await chartFor(run, session);
  await planChanges(run, session, { plan, valuesPath, chart }, planBeforeDeploy);
  const { release, rollout } = await stage(run, `helm upgrade --install ${config.chart.releaseName}`, () =>
    deployRelease(
      {
        chart,
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
    const route = smokeTestRoute(config.smokeTest, address, release.namespace, session, seams);
    outcome.warnings.push(...route.warnings);
    const result = await stage(run, 'Smoke test', () =>
      runSmokeTest(route.config, route.url, { secrets: run.secrets, signal }, route.seams),
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
    await trackGitHubDeployment({ config, outcome, seams, stage: (name, fn) => stage(current, name, fn) }, () =>
      ({ deploy, plan, render, uninstall })[config.command](current),
    );
    outcome.succeeded = true;
  } catch (error) {
    await recordFailure(outcome, error);
  } finally {
    cancellation.stop();
    await publishReport(outcome, secrets);
  }
}
