// `command: plan`, and the plan every deploy shows: what a deploy would change, in the log, the summary, the outputs,
// the plan file and, on a pull request, a comment.
import type { ClusterSession } from '../cluster/port.js';
import { schemaWarnings } from '../kubernetes-schema/index.js';
import { commentPlan, commentsPlan } from '../github/index.js';
import { driftError, planRelease, writePlanFile, type PlanInput, type ReleasePlan } from '../plan/index.js';
import type { Seams } from '../seams.js';
import type { ChartConfig } from '../inputs/config.js';
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
  if (commentsPlan(config.github.planComment)) {
    const { outbound, secrets, seams } = run;
    const { warning } = await stage(run, 'Comment the plan on the pull request', () =>
      commentPlan({ plan: changes, notes: values.merged.notes, outbound, secrets, token: config.github.token, seams }),
    );
    if (warning) outcome.record({ warnings: [warning] });
  }
  if (config.failOnChanges && changes.hasChanges) throw driftError(changes);
}
