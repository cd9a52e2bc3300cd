// The GitHub REST API calls the action makes (deployments, and a pull request's comments), through `seams.http`. Every non-2xx answer
// becomes a GitHubApiError carrying GitHub's own message, so the caller can say what went wrong in its words.
import type { Seams } from '../seams.js';
import type { WorkflowRun } from './run.js';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

export interface NewDeployment {
  ref: string;
  environment: string;
  description: string;
  task: string;
  /** Deploy this commit as it is: no merge of the default branch into it. */
  auto_merge: false;
  /** The run is itself one of the commit's checks and still pending: checking contexts would refuse the deploy. */
  required_contexts: [];
  transient_environment: false;
  payload: Record<string, string>;
}

export interface NewStatus {
  state: DeploymentState;
  description: string;
  log_url?: string;
  environment_url?: string;
}

export interface DeploymentSummary {
  id: number;
  environment: string;
  created_at: string;
  /** What the deployment was of: the action's own deployments carry release, namespace and cluster. */
  payload?: unknown;
}

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    /** GitHub's `message`, with the `errors` of a 422 appended. */
    readonly reason: string,
  ) {
    super(`GitHub answered ${status} ${reason}`);
    this.name = 'GitHubApiError';
  }
}

/** GitHub's error body: `{message, errors?: [{field, code, message?}], documentation_url}`. */
function reasonOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      message?: string;
      errors?: { field?: string; code?: string; message?: string }[];
    };
    const details = (parsed.errors ?? []).map((e) => e.message ?? `${e.field} ${e.code}`).join('; ');
    return [parsed.message?.replace(/\s+/g, ' ').trim(), details].filter(Boolean).join(': ') || body.slice(0, 200);
  } catch {
    return body.slice(0, 200) || '(empty answer)';
  }
}

export interface DeploymentsApi {
  create(deployment: NewDeployment): Promise<{ id: number }>;
  addStatus(id: number, status: NewStatus): Promise<void>;
  /** The environment's deployments, newest first (one page of 100: older ones are long inactive). */
  list(environment: string): Promise<DeploymentSummary[]>;
  latestState(id: number): Promise<string | undefined>;
}

/** A call to `/repos/{owner}/{repo}<path>` with the token; GitHub's error answers become GitHubApiErrors. */
export type RepositoryCall = <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: object) => Promise<T>;

export function repositoryApi(run: WorkflowRun, token: string, seams: Seams): RepositoryCall {
  const base = `${run.apiUrl}/repos/${run.repository}`;
  return async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: object): Promise<T> => {
    const response = await seams.http({
      url: `${base}${path}`,
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'portkey-azure-deploy',
        ...(body && { 'content-type': 'application/json' }),
      },
      body: body && JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status < 200 || response.status > 299)
      throw new GitHubApiError(response.status, reasonOf(response.body));
    return JSON.parse(response.body) as T;
  };
}

export function deploymentsApi(run: WorkflowRun, token: string, seams: Seams): DeploymentsApi {
  const call = repositoryApi(run, token, seams);
  return {
    create: (deployment) => call<{ id: number }>('POST', '/deployments', deployment),
    addStatus: async (id, status) => {
      await call('POST', `/deployments/${id}/statuses`, status);
    },
    list: (environment) =>
      call<DeploymentSummary[]>('GET', `/deployments?environment=${encodeURIComponent(environment)}&per_page=100`),
    latestState: async (id) =>
      (await call<{ state: string }[]>('GET', `/deployments/${id}/statuses?per_page=1`))[0]?.state,
  };
}

export interface IssueComment {
  id: number;
  body: string;
  html_url: string;
}

export interface IssueCommentsApi {
  /** The first 100 comments, oldest first: the plan's own comment is among the first ones. */
  list(issue: number): Promise<IssueComment[]>;
  create(issue: number, body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

export function issueCommentsApi(run: WorkflowRun, token: string, seams: Seams): IssueCommentsApi {
  const call = repositoryApi(run, token, seams);
  return {
    list: (issue) => call<IssueComment[]>('GET', `/issues/${issue}/comments?per_page=100`),
    create: (issue, body) => call<IssueComment>('POST', `/issues/${issue}/comments`, { body }),
    update: (id, body) => call<IssueComment>('PATCH', `/issues/comments/${id}`, { body }),
  };
}
