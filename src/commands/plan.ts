// `command: plan`, and the plan every deploy shows: what a deploy would change, in the log, the summary, the outputs,
// the plan file and, on a pull request, a comment.
import type { ClusterSession } from '../cluster/session.js';
import { commentPlan, commentsPlan } from '../github/index.js';
import { driftError, planRelease, writePlanFile, type PlanInput, type ReleasePlan } from '../plan/index.js';
import { planSection } from '../report/index.js';
import type { Seams } from '../seams.js';
import type { ChartConfig } from '../inputs/config.js';
import { chartFor, connect, prepareAndWriteValues, type PreparedValues, type Run } from './run.js';
import { stage } from '../stage.js';

export async function planChanges<P extends ReleasePlan | undefined>(
  run: Run,
  session: ClusterSession,
  values: PreparedValues & { chart: ChartConfig },
  planner: (input: PlanInput, session: ClusterSession, seams: Seams) => Promise<P>,
): Promise<P> {
  const input = { ...values, secrets: run.secrets };
  const changes = await stage(run, 'Plan the changes', () => planner(input, session, run.seams));
  if (changes) Object.assign(run.outcome, { plan: changes, planFile: await writePlanFile(changes) });
  return changes;
}

export async function plan(run: Run): Promise<void> {
  const { config, outcome } = run;
  const values = await prepareAndWriteValues(run);
  const session = await connect(run);
  const changes = await planChanges(run, session, { ...values, chart: await chartFor(run, session) }, planRelease);
  if (commentsPlan(config.github.planComment)) {
    // Redacted as the summary is: the comment is as public as the pull request.
    const markdown = run.secrets.redact(planSection(changes));
    const { warning } = await stage(run, 'Comment the plan on the pull request', () =>
      commentPlan({ release: changes.release, markdown, token: config.github.token, seams: run.seams }),
    );
    if (warning) outcome.warnings.push(warning);
  }
  if (config.failOnChanges && changes.hasChanges) throw driftError(changes);
}
