// What every command shares: the run it works in, its stages (each timed, each in its own log group), the values
// every command starts with, and the cluster session the cluster commands work through.
import * as core from '@actions/core';
import type { Cancellation } from '../cancellation.js';
import { openSession, type ClusterSession } from '../cluster/session.js';
import type { ActionConfig, ChartConfig } from '../inputs/config.js';
import type { RunOutcome, StageTimer } from '../report/index.js';
import type { Seams } from '../seams.js';
import { printForeign, type Outbound, type SecretSet } from '../secrets/index.js';
import { disruptionBudgetApi, writePostRenderer } from '../helm/post-renderer.js';
import { installTools } from '../tools/index.js';
import { gatewayFullname } from '../verify/gateway-service.js';
import { disruptionBudget, gatewaySelector } from '../values/zero-downtime.js';
import { prepareValues, writeValues, type MergedValues } from '../values/index.js';
import { stage } from '../stage.js';
import type { Workspace } from '../workspace.js';

/** One run: `cancellation.signal` is aborted when the workflow is cancelled. */
export interface Run {
  config: ActionConfig;
  workspace: Workspace;
  /** Where the stages' findings are recorded (`outcome.record`). */
  outcome: RunOutcome;
  timer: StageTimer;
  /** Every secret of the run, for adding the ones a stage finds. */
  secrets: SecretSet;
  /** The writers of what leaves the process other than the log. */
  outbound: Outbound;
  /** The workflow's cancellation and the deadlines it sets within the runner's grace. */
  cancellation: Omit<Cancellation, 'stop'>;
  seams: Seams;
  /** Called once every check has passed, right before the first change to the cluster: the GitHub Deployment opens. */
  beforeChanges: () => Promise<void>;
}

export interface PreparedValues {
  plan: MergedValues;
  /** The 0600 file helm reads. */
  valuesPath: string;
}

export async function prepareAndWriteValues(run: Run): Promise<PreparedValues> {
  const plan = await stage(run, 'Merge values', async () => {
    const merged = prepareValues(run.config, run.secrets);
    printForeign(merged.redactedYaml);
    for (const warning of merged.warnings) core.warning(warning);
    for (const note of merged.notes) core.info(note);
    return merged;
  });
  run.outcome.record({ warnings: plan.warnings, notes: plan.notes });
  return { plan, valuesPath: await writeValues(plan, run.workspace) };
}

/**
 * Signs in and installs the tools side by side (neither needs the other, and both wait on the network), then opens
 * the session: helm and kubectl here, or, for a private cluster out of reach, in it through runCommand.
 */
export async function connect(run: Run): Promise<ClusterSession> {
  const { config, seams } = run;
  // The Azure SDK is most of the bundle: only the commands that reach a cluster load it.
  const { connectToCluster } = await import('../azure/index.js');
  const { connection, tools, session } = await stage(
    run,
    'Connect to the cluster and install helm and kubectl',
    async () => {
      const [connection, tools] = await Promise.all([
        connectToCluster(config.azure, config.cluster, run.workspace, seams, {
          secrets: run.secrets,
          signal: run.cancellation.signal,
        }),
        installTools(config.tools, run.workspace.dir, ['helm', 'kubectl'], seams),
      ]);
      const parts = { ...connection, tools, clusterName: config.cluster.clusterName };
      return { connection, tools, session: await openSession(parts, run.workspace, seams, run.cancellation.signal) };
    },
  );
  const reach = { ...connection.reach, through: session.remote?.description };
  run.outcome.record({
    tools,
    kubeconfigPath: connection.kubeconfigPath || undefined,
    cluster: { server: connection.server, reach },
  });
  return session;
}

/** The chart as the session's helm reaches it: a remote cluster's helm gets it packaged, to send with the command. */
export const chartFor = async (run: Run, session: ClusterSession): Promise<ChartConfig> =>
  session.remote ? stage(run, 'Package the chart', () => session.remote!.chart(run.config.chart)) : run.config.chart;

/**
 * The chart with what the action adds to it (zero-downtime's PodDisruptionBudget) for the plan and the deploy. Not
 * through runCommand: the command pod gets the chart, not a program for its helm to run.
 */
export async function withAddedObjects(run: Run, session: ClusterSession, values: PreparedValues, chart: ChartConfig) {
  const { releaseName, namespace } = run.config.chart;
  if (!run.config.zeroDowntime.enabled) return chart;
  if (session.remote) {
    core.info('No PodDisruptionBudget is added through runCommand: the command pod runs helm without post-renderers.');
    return chart;
  }
  const apiVersion = await disruptionBudgetApi(session, run.seams);
  const selector = gatewaySelector(releaseName, values.plan.values.nameOverride);
  const name = gatewayFullname(releaseName, values.plan.values);
  const budget = disruptionBudget(apiVersion, name, namespace, selector);
  return { ...chart, postRenderer: await writePostRenderer([budget], session) };
}
