// What every command shares: the run it works in, its stages (each timed, each in its own log group), the values
// every command starts with, and the cluster session the cluster commands work through.
import * as runner from '../runner.js';
import type { Cancellation } from '../cancellation.js';
import type { ClusterSession } from '../cluster/port.js';
import { openSession } from '../cluster/session.js';
import { ActionError, ValidationError } from '../errors.js';
import type { ActionConfig, ChartConfig } from '../inputs/config.js';
import type { HelmSession } from '../helm/client.js';
import { clashWithOwn, type KubernetesObject } from '../inputs/extra-objects.js';
import type { RunOutcome, StageTimer } from '../report/index.js';
import type { Seams } from '../seams.js';
import { printForeign, type Outbound, type SecretSet } from '../secrets/index.js';
import { disruptionBudgetApi, writePostRenderer } from '../helm/post-renderer.js';
import { installTools } from '../tools/index.js';
import { gatewayFullname } from '../verify/gateway-service.js';
import { disruptionBudget, gatewaySelector, type DisruptionBudgetApi } from '../values/zero-downtime.js';
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
  merged: MergedValues;
  /** The 0600 file helm reads. */
  valuesPath: string;
}

export async function prepareAndWriteValues(run: Run): Promise<PreparedValues> {
  const merged = await stage(run, 'Merge values', async () => {
    const values = prepareValues(run.config, run.secrets);
    printForeign(values.redactedYaml);
    for (const warning of values.warnings) runner.warning(warning);
    for (const note of values.notes) runner.info(note);
    return values;
  });
  run.outcome.record({ warnings: merged.warnings, notes: merged.notes });
  return { merged, valuesPath: await writeValues(merged, run.workspace) };
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
      const parts = { route: connection.route, tools, clusterName: config.cluster.clusterName };
      return { connection, tools, session: await openSession(parts, run.workspace, seams, run.cancellation.signal) };
    },
  );
  const { access } = session;
  const reach = { ...connection.reach, through: access.via === 'run-command' ? access.cluster.description : undefined };
  run.outcome.record({
    tools,
    kubeconfigPath: access.via === 'kubeconfig' ? access.kubeconfigPath : undefined,
    cluster: { server: connection.server, reach },
  });
  return session;
}

/** The chart as the session's helm reaches it: a remote cluster's helm gets it packaged, to send with the command. */
export const chartFor = async (run: Run, { access }: ClusterSession): Promise<ChartConfig> =>
  access.via === 'run-command'
    ? stage(run, 'Package the chart', () => access.cluster.chart(run.config.chart))
    : run.config.chart;

/**
 * What is added to the chart's objects: zero-downtime's PodDisruptionBudget (in `budgetApi`) and the user's
 * `extra-objects`, refused together when they share a name.
 */
export function addedObjects(
  config: ActionConfig,
  values: MergedValues,
  budgetApi: DisruptionBudgetApi,
): KubernetesObject[] {
  const { releaseName, namespace } = config.chart;
  const own: KubernetesObject[] = [];
  if (config.zeroDowntime.enabled) {
    const selector = gatewaySelector(releaseName, values.values.nameOverride);
    const name = gatewayFullname(releaseName, values.values);
    own.push(disruptionBudget(budgetApi, name, namespace, selector));
  }
  const extra = config.values.extraObjects;
  const clash = clashWithOwn(own, extra);
  if (clash) throw new ValidationError([clash]);
  return [...own, ...extra];
}

/** The chart with a post-renderer that appends `objects` after its own; the chart as it is when there are none. */
export async function withObjects(chart: ChartConfig, objects: KubernetesObject[], session: HelmSession) {
  return objects.length > 0 ? { ...chart, postRenderer: await writePostRenderer(objects, session) } : chart;
}

/**
 * The chart with what is added to it (addedObjects) for the plan and the deploy, the budget in the API version the
 * cluster serves. Not through runCommand: the command pod gets the chart, not a program for its helm to run.
 */
export async function withAddedObjects(run: Run, session: ClusterSession, values: PreparedValues, chart: ChartConfig) {
  if (session.access.via === 'run-command') {
    if (run.config.values.extraObjects.length > 0) {
      throw new ActionError(
        '`extra-objects` cannot be added through runCommand: its command pod runs helm without post-renderers.',
        {
          input: 'extra-objects',
          hint: 'Deploy from a runner that reaches the API server (a self-hosted runner in the VNet, with `private-cluster: false`), or create these objects beside the release.',
        },
      );
    }
    if (run.config.zeroDowntime.enabled) {
      runner.info(
        'No PodDisruptionBudget is added through runCommand: the command pod runs helm without post-renderers.',
      );
    }
    return chart;
  }
  const budgetApi = run.config.zeroDowntime.enabled ? await disruptionBudgetApi(session, run.seams) : 'policy/v1';
  return withObjects(chart, addedObjects(run.config, values.merged, budgetApi), session);
}
