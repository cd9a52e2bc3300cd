// What the GitHub Deployment of a deploy says, decided from the configuration and the run's outcome, and how a
// GitHub API failure is explained to the workflow author. No I/O here: index.ts sends what these functions return,
// through the REST client, which redacts the texts and cuts them to GitHub's limits.
import type { ActionConfig } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import { describeFailure, type DeployOutcome } from '../report/outcome.js';
import { lastingGatewayUrl } from '../report/outputs.js';
import { GitHubApiError, type DeploymentSummary, type NewDeployment, type NewStatus } from './rest.js';
import type { WorkflowRun } from './run.js';

/** The input names the environment; else the job's own (`environment:` of the job, the OIDC token's claim). */
export function chooseEnvironment(input: string, jobEnvironment: unknown): string | undefined {
  if (input) return input;
  return typeof jobEnvironment === 'string' && jobEnvironment ? jobEnvironment : undefined;
}

function target(config: ActionConfig): string {
  const { releaseName, namespace } = config.chart;
  const cluster = config.cluster.clusterName ? ` on ${config.cluster.clusterName}` : '';
  return `${releaseName} in ${namespace}${cluster}`;
}

export function newDeployment(config: ActionConfig, run: WorkflowRun, environment: string): NewDeployment {
  return {
    ref: run.sha,
    environment,
    description: `Portkey AI Gateway: ${target(config)}`,
    task: 'deploy',
    auto_merge: false,
    required_contexts: [],
    transient_environment: false,
    payload: releasePayload(config),
  };
}

/** Which release a deployment is of: what later runs find their own deployments by. */
function releasePayload(config: ActionConfig): Record<string, string> {
  return {
    release: config.chart.releaseName,
    namespace: config.chart.namespace,
    ...(config.cluster.clusterName && { cluster: config.cluster.clusterName }),
    ...(config.cluster.resourceGroup && { resourceGroup: config.cluster.resourceGroup }),
  };
}

export function startedStatus(config: ActionConfig, run: WorkflowRun): NewStatus {
  return { state: 'in_progress', description: `Deploying ${target(config)}`, log_url: run.url };
}

/**
 * `success` with the gateway's lasting URL, else `failure` with the reason: the Deployment opens only once the run
 * reached the cluster and is about to change it, so whatever fails after that is the release's own failure. A
 * cancelled run is `error`: nothing was wrong with the release, the run was stopped.
 */
export function finishedStatus(
  outcome: DeployOutcome,
  run: WorkflowRun,
  failure?: { error: unknown; cancelled: boolean },
): NewStatus {
  if (!failure) {
    const r = outcome.release;
    const smoke = outcome.smokeTest ? `smoke test ${outcome.smokeTest.status}` : 'smoke test skipped';
    return {
      state: 'success',
      description: `${r.name} revision ${r.revision ?? '?'} deployed, ${smoke}`,
      log_url: run.url,
      environment_url: lastingGatewayUrl(outcome.address) || undefined,
    };
  }
  const description = describeFailure(failure.error).message;
  return { state: failure.cancelled ? 'error' : 'failure', description, log_url: run.url };
}

/** The environment's deployments of this release (its name, namespace and cluster in the payload), newest first. */
export function deploymentsOfRelease(config: ActionConfig, listed: DeploymentSummary[]): DeploymentSummary[] {
  const mine = releasePayload(config);
  const same = (payload: unknown) =>
    !!payload &&
    typeof payload === 'object' &&
    Object.entries(mine).every(([key, value]) => (payload as Record<string, unknown>)[key] === value);
  return listed.filter((d) => same(d.payload)).sort((a, b) => b.id - a.id);
}

export function uninstalledStatus(config: ActionConfig, run: WorkflowRun): NewStatus {
  return { state: 'inactive', description: `Uninstalled: ${target(config)}`, log_url: run.url };
}

/** The environment's deployments older than ours, newest first: the ones this deploy replaces. */
export function replacedBy(ourId: number, listed: DeploymentSummary[]): DeploymentSummary[] {
  return listed.filter((d) => d.id !== ourId && d.id < ourId).sort((a, b) => b.id - a.id);
}

/**
 * A GitHub API failure in the workflow author's terms: what failed, which input, what to do. `doing` is what the
 * action was doing, e.g. "create the GitHub Deployment".
 */
export function explainApiFailure(error: unknown, run: WorkflowRun, doing: string): ActionError {
  const skip = 'or set `github-deployment: false` to stop recording deployments.';
  const lead = `Could not ${doing}`;
  if (!(error instanceof GitHubApiError)) {
    const reason = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message ?? String(error);
    return new ActionError(`${lead}: GitHub's API at ${run.apiUrl} did not answer (${reason}).`, {
      input: 'github-deployment',
      hint: `Check GITHUB_API_URL and githubstatus.com; the deploy itself does not depend on it, ${skip}`,
    });
  }
  const said = `GitHub answered ${error.status} ${error.reason}`;
  if (error.status === 401) {
    return new ActionError(`${lead}: GitHub refused the token in \`github-token\` (${said}).`, {
      input: 'github-token',
      hint: `Leave \`github-token\` at its default (the job's own token) or give a valid token, ${skip}`,
    });
  }
  if (error.status === 403 && /not accessible by integration/i.test(error.reason)) {
    return new ActionError(`${lead}: the token in \`github-token\` may not write deployments (${said}).`, {
      input: 'github-token',
      hint: `Add \`deployments: write\` to the job's \`permissions:\` (next to \`id-token: write\`), ${skip}`,
    });
  }
  if (error.status === 404) {
    return new ActionError(`${lead}: ${said} for repository ${run.repository} at ${run.apiUrl}.`, {
      input: 'github-token',
      hint: `The token cannot see this repository (a token of another repository or app?), or GITHUB_API_URL is not this repository's GitHub; ${skip}`,
    });
  }
  if (error.status === 422 && /no ref found/i.test(error.reason)) {
    return new ActionError(`${lead}: ${said}: commit ${run.sha} is not in ${run.repository}.`, {
      input: 'github-deployment',
      hint: `A deployment records a commit of this repository (a run for a commit of a fork has none here), ${skip}`,
    });
  }
  return new ActionError(`${lead}: ${said}.`, {
    input: 'github-deployment',
    hint:
      error.status >= 500 || error.status === 429
        ? `GitHub is having trouble: re-run later, ${skip}`
        : `Read GitHub's message above, ${skip}`,
  });
}
