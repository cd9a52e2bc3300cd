// The GitHub Deployment of a deploy: created for the commit and environment with an `in_progress` status when the
// deploy is about to change the cluster (inputs, values, sign-in and every other check passed: a run refused before
// that records nothing), then `success` with the gateway's URL (earlier deployments of the environment marked
// inactive) or `failure`/`error` with the reason. An uninstall marks the release's deployments inactive, so the
// environment stops pointing at a gateway that is gone. GitHub's answer never decides the deploy: an API failure is a
// warning, unless `github-deployment: strict`.
import * as runner from '../runner.js';
import type { Cancellation } from '../cancellation.js';
import { decodeJwtClaims } from '../azure/github-token.js';
import type { ActionConfig } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import type { RunOutcome } from '../report/outcome.js';
import type { Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
import {
  chooseEnvironment,
  deploymentsOfRelease,
  explainApiFailure,
  finishedStatus,
  newDeployment,
  replacedBy,
  startedStatus,
  uninstalledStatus,
} from './deployment-decisions.js';
import { deploymentsApi, type DeploymentsApi, type DeploymentSummary, type NewStatus } from './rest.js';
import { workflowRun, type WorkflowRun } from './run.js';

export interface DeploymentTracking {
  config: ActionConfig;
  /** Gets `deployment` and any warning. */
  outcome: RunOutcome;
  seams: Seams;
  /** The REST client cuts them from everything it tells GitHub. */
  secrets: SecretSet;
  /**
   * The run's cancellation: a cancelled deploy is `error`, not the release's `failure`; every call to GitHub gives up
   * at `reportOver`, before the runner kills the step, so the outputs and the summary still get written.
   */
  cancellation: Pick<Cancellation, 'signal' | 'reportOver'>;
  /** A timed log group (main.ts's stage). */
  stage: <S>(name: string, fn: () => Promise<S>) => Promise<S>;
  env?: NodeJS.ProcessEnv;
  getIDToken?: (audience?: string) => Promise<string>;
}

interface Recorder {
  run: WorkflowRun;
  api: DeploymentsApi;
  /** A GitHub API problem: thrown when strict, else a warning in the log and the summary. */
  problem(error: ActionError, strict?: boolean): void;
}

/**
 * Runs a command. A deploy gets `beforeChanges`, to call once its last check has passed and right before it changes
 * the cluster: the GitHub Deployment opens there, and is finished with the deploy's result if it opened. An uninstall
 * marks the release's deployments inactive after it; any other command, or `github-deployment: false`, runs as is.
 */
export async function trackGitHubDeployment<T>(
  tracking: DeploymentTracking,
  command: (beforeChanges: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const { config, outcome, stage } = tracking;
  const tracked = config.command === 'deploy' || config.command === 'uninstall';
  const nothing = async () => {};
  if (!tracked || !config.github.record) return command(nothing);
  const env = tracking.env ?? process.env;
  const run = workflowRun(env);
  const client = {
    run,
    token: config.github.token,
    seams: tracking.seams,
    secrets: tracking.secrets,
    stop: tracking.cancellation.reportOver,
  };
  const recorder: Recorder = {
    run,
    api: deploymentsApi(client),
    problem(error, strict = config.github.strict) {
      if (strict) throw error;
      const text = [error.message, error.details.hint].filter(Boolean).join(' ');
      runner.warning(text);
      outcome.record({ warnings: [text] });
    },
  };
  const getIDToken = tracking.getIDToken ?? runner.getIDToken;
  if (config.command === 'uninstall') {
    const result = await command(nothing);
    await stage('Mark the GitHub Deployments inactive', async () => {
      const environment = await environmentFor(tracking, recorder, env, getIDToken);
      if (environment) await inactivateUninstalled(config, environment, recorder);
    });
    return result;
  }
  let opened: Promise<number | undefined> | undefined;
  const beforeChanges = async () => {
    opened ??= stage('Record a GitHub Deployment', () => start(tracking, recorder, env, getIDToken));
    await opened;
  };
  /** Finishes the Deployment if one opened; a deploy that failed has its error in `failure`. */
  const finishOpened = async (failure?: { error: unknown; cancelled: boolean }) => {
    const id = await opened?.catch(() => undefined);
    if (id !== undefined) await stage('Update the GitHub Deployment', () => finish(id, tracking, recorder, failure));
  };
  let result: T;
  try {
    result = await command(beforeChanges);
  } catch (error) {
    // The run has failed already: a GitHub problem now is only worth a warning, never a second error.
    await finishOpened({ error, cancelled: tracking.cancellation.signal.aborted });
    throw error;
  }
  await finishOpened();
  return result;
}

/** The job's environment, from the `environment` claim of its OIDC token (GitHub sets no variable for it). */
async function jobEnvironment(
  env: NodeJS.ProcessEnv,
  recorder: Recorder,
  getIDToken: (audience?: string) => Promise<string>,
): Promise<unknown> {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) return undefined;
  try {
    return decodeJwtClaims(await getIDToken()).environment; // runner.getIDToken masks the token
  } catch (error) {
    recorder.problem(
      new ActionError(`Could not read the job's GitHub environment from its OIDC token: ${(error as Error).message}`, {
        input: 'github-deployment-environment',
        hint: 'Name the environment in `github-deployment-environment`, or set `github-deployment: false`.',
      }),
    );
    return undefined;
  }
}

/** The environment the deployments are in: the input, else the job's; undefined (and said why) when there is none. */
async function environmentFor(
  { config }: DeploymentTracking,
  recorder: Recorder,
  env: NodeJS.ProcessEnv,
  getIDToken: (audience?: string) => Promise<string>,
): Promise<string | undefined> {
  if (!config.github.token) {
    recorder.problem(
      new ActionError('Could not record the GitHub Deployment: `github-token` is empty.', {
        input: 'github-token',
        hint: "Leave `github-token` at its default (the job's own token), or set `github-deployment: false`.",
      }),
    );
    return undefined;
  }
  const fromJob = config.github.environment ? undefined : await jobEnvironment(env, recorder, getIDToken);
  const environment = chooseEnvironment(config.github.environment, fromJob);
  if (!environment) {
    const why =
      'No GitHub Deployment recorded: the job names no GitHub environment (`environment:`) and `github-deployment-environment` is empty.';
    if (config.github.strict) {
      throw new ActionError(why, {
        input: 'github-deployment-environment',
        hint: 'Give the job an `environment:` (with `permissions: id-token: write`, so the action can read it), or name one in `github-deployment-environment`.',
      });
    }
    runner.info(why);
  }
  return environment;
}

/** Creates the Deployment and marks it in progress: its id, or undefined when there is none to finish. */
async function start(
  tracking: DeploymentTracking,
  recorder: Recorder,
  env: NodeJS.ProcessEnv,
  getIDToken: (audience?: string) => Promise<string>,
): Promise<number | undefined> {
  const { config, outcome } = tracking;
  const { run, api } = recorder;
  const environment = await environmentFor(tracking, recorder, env, getIDToken);
  if (!environment) return undefined;
  runner.info(`Recording commit ${run.sha.slice(0, 12)} in GitHub environment ${environment} (API ${run.apiUrl}).`);
  let id: number;
  try {
    ({ id } = await api.create(newDeployment(config, run, environment)));
  } catch (error) {
    recorder.problem(explainApiFailure(error, run, 'create the GitHub Deployment'));
    return undefined;
  }
  outcome.record({ deployment: { id, environment, state: 'created' } });
  runner.info(`GitHub Deployment ${id} created.`);
  try {
    await api.addStatus(id, startedStatus(config, run));
    outcome.record({ deployment: { state: 'in_progress' } });
    runner.info(`GitHub Deployment ${id}: in_progress.`);
  } catch (error) {
    recorder.problem(explainApiFailure(error, run, `mark GitHub Deployment ${id} in progress`));
  }
  return id;
}

async function finish(
  id: number,
  { outcome }: DeploymentTracking,
  recorder: Recorder,
  failure?: { error: unknown; cancelled: boolean },
): Promise<void> {
  const { run, api } = recorder;
  const strict = failure ? false : undefined;
  const current = outcome.current;
  const status = finishedStatus(current, run, failure);
  try {
    await api.addStatus(id, status);
  } catch (caught) {
    recorder.problem(explainApiFailure(caught, run, `mark GitHub Deployment ${id} ${status.state}`), strict);
    return;
  }
  outcome.record({ deployment: { state: status.state } });
  const url = status.environment_url ? ` at ${status.environment_url}` : '';
  runner.info(`GitHub Deployment ${id}: ${status.state}${url}.`);
  if (status.state === 'success') await inactivateReplaced(id, current.deployment?.environment ?? '', recorder);
}

/**
 * The deployments this one replaces stop showing as active. GitHub does it by itself only for non-production
 * environments.
 */
async function inactivateReplaced(id: number, environment: string, recorder: Recorder): Promise<void> {
  await inactivate(environment, recorder, {
    what: `the earlier deployments of ${environment}`,
    which: (listed) => replacedBy(id, listed),
    status: { state: 'inactive', description: `Replaced by deployment ${id}`, log_url: recorder.run.url },
    why: `replaced by ${id}`,
  });
}

/** After an uninstall: the release's active deployments stop pointing at a gateway that is gone. */
async function inactivateUninstalled(config: ActionConfig, environment: string, recorder: Recorder): Promise<void> {
  const marked = await inactivate(environment, recorder, {
    what: `the deployments of ${environment}`,
    which: (listed) => deploymentsOfRelease(config, listed),
    status: uninstalledStatus(config, recorder.run),
    why: 'uninstalled',
  });
  if (marked === 0) runner.info(`No active GitHub Deployment of ${config.chart.releaseName} in ${environment}.`);
}

interface Marking {
  /** For the message when GitHub fails: `the deployments of prod`. */
  what: string;
  /** The deployments to mark, newest first. */
  which: (listed: DeploymentSummary[]) => DeploymentSummary[];
  status: NewStatus;
  /** For the log line of each: `uninstalled`. */
  why: string;
}

/**
 * Gives the marking's status to the deployments it picks while they are active; walking back stops at the first
 * inactive one, everything older was made inactive before it. How many it marked; undefined when GitHub failed,
 * which is the recorder's problem.
 */
async function inactivate(environment: string, recorder: Recorder, marking: Marking): Promise<number | undefined> {
  const { run, api } = recorder;
  let marked = 0;
  try {
    for (const deployment of marking.which(await api.list(environment))) {
      const state = await api.latestState(deployment.id);
      if (state === 'inactive') break;
      if (state !== 'success') continue;
      await api.addStatus(deployment.id, marking.status);
      runner.info(`GitHub Deployment ${deployment.id}: inactive (${marking.why}).`);
      marked++;
    }
  } catch (error) {
    recorder.problem(explainApiFailure(error, run, `mark ${marking.what} inactive`));
    return undefined;
  }
  return marked;
}

export { commentPlan, commentsPlan } from './plan-comment.js';
