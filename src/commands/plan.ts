// `command: plan`, and the plan every deploy shows: what a deploy would change, in the log, the summary, the outputs,
// the plan file and, on a pull request, a comment.
import { canaryCluster, planCanary } from '../canary/index.js';
import type { ClusterSession } from '../cluster/port.js';
import { HelmClient } from '../helm/client.js';
import { schemaWarnings } from '../kubernetes-schema/index.js';
import { commentPlan, commentsPlan } from '../github/index.js';
import {
  driftError,
  dryRunManifest,
  planRelease,
  writePlanFile,
  type PlanInput,
  type ReleasePlan,
} from '../plan/index.js';
import type { Seams } from '../seams.js';
import type { ChartConfig } from '../inputs/config.js';
import { gatewayFullname } from '../verify/gateway-service.js';
import { chartFor, connect, prepareAndWriteValues, withAddedObjects, type PreparedValues, type Run } from './run.js';
import { stage } from '../stage.js';

export async function planChanges<P extends ReleasePlan | undefined>(
  run: Run,
  session: ClusterSession,
  values: PreparedValues & { chart: ChartConfig },
  planner: (input: PlanInput, session: ClusterSession, seams: Seams) => Promise<P>,
): Promise<P> {
  const input = { ...values, secrets: run.secrets };
  const changes = await stage(run, 'Plan the changes', () => planner(input, session, run.seams));
  if (changes) {
    const { schemaCheck } = changes;
    const planFile = await writePlanFile(changes, run.workspace, run.outbound);
    run.outcome.record({ plan: changes, planFile });
    if (schemaCheck) run.outcome.record({ schemaCheck, warnings: schemaWarnings(schemaCheck) });
  }
  return changes;
}

export async function plan(run: Run): Promise<void> {
  const { config, outcome } = run;
  const values = await prepareAndWriteValues(run);
  const session = await connect(run);
  const chart = await withAddedObjects(run, session, values, await chartFor(run, session));
  const changes = await planChanges(run, session, { ...values, chart }, planRelease);
  if (config.canary.strategy === 'canary') {
    const { secrets, seams, cancellation } = run;
    const namespace = config.chart.namespace;
    const planned = await stage(run, 'Plan the canary', async () => {
      const manifest = await dryRunManifest({ ...values, chart, secrets }, new HelmClient(session, seams));
      const deploymentName = gatewayFullname(config.chart.releaseName, values.merged.values);
      const request = { manifest, deploymentName, namespace, config: config.canary, signal: cancellation.signal };
      return planCanary(request, canaryCluster(namespace, session, secrets, seams));
    });
    outcome.record({ canary: planned.report });
  }
  if (commentsPlan(config.github.planComment)) {
    const { outbound, secrets, seams } = run;
    const { warning } = await stage(run, 'Comment the plan on the pull request', () =>
      commentPlan({ plan: changes, notes: values.merged.notes, outbound, secrets, token: config.github.token, seams }),
    );
    if (warning) outcome.record({ warnings: [warning] });
  }
  if (config.failOnChanges && changes.hasChanges) throw driftError(changes);
}
