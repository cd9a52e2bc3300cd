// The GitHub API calls the action makes (deployments, a pull request's comments, and who the token is), through
// `seams.http`. The client is one of the run's writers: built with its SecretSet, it redacts every string of every
// body it sends, and cuts a description to GitHub's limit only after that (a cut secret is no longer recognised).
// Every non-2xx answer becomes a GitHubApiError carrying GitHub's own message, so the caller can say what went wrong
// in its words.
import type { Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
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

/** GitHub refuses a deployment or status description longer than this (422). */
const DESCRIPTION_LIMIT = 140;

/** One line of at most `limit` characters, cut with an ellipsis. */
export function shorten(text: string, limit = DESCRIPTION_LIMIT): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}

/** The API as one token reaches it: the run's repository, its secrets, and where to send. */
export interface GitHubClient {
  run: WorkflowRun;
  token: string;
  seams: Seams;
  /** What the client redacts from every body it sends. */
  secrets: SecretSet;
  /** Aborts every call in flight: the end of a cancelled run's time for GitHub. */
  stop?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PATCH';

/** A call to `url` with the token, its body redacted; GitHub's error answers become GitHubApiErrors. */
async function send<T>(
  { token, seams, secrets, stop }: GitHubClient,
  method: Method,
  url: string,
  body?: object,
): Promise<T> {
  const response = await seams.http({
    url,
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'portkey-azure-deploy',
      ...(body && { 'content-type': 'application/json' }),
    },
    // Each string redacted before it is encoded: the JSON stays valid whatever a secret holds.
    body: body && JSON.stringify(secrets.redactDeep(body)),
    signal: stop ? AbortSignal.any([AbortSignal.timeout(30_000), stop]) : AbortSignal.timeout(30_000),
  });
  if (response.status < 200 || response.status > 299)
    throw new GitHubApiError(response.status, reasonOf(response.body));
  return JSON.parse(response.body) as T;
}

/** A call to `/repos/{owner}/{repo}<path>`. */
const repositoryCall = <T>(client: GitHubClient, method: Method, path: string, body?: object) =>
  send<T>(client, method, `${client.run.apiUrl}/repos/${client.run.repository}${path}`, body);

/** A description redacted, then cut to GitHub's limit. */
const description = (client: GitHubClient, text: string) => shorten(client.secrets.redact(text));

export function deploymentsApi(client: GitHubClient): DeploymentsApi {
  return {
    create: (deployment) =>
      repositoryCall<{ id: number }>(client, 'POST', '/deployments', {
        ...deployment,
        description: description(client, deployment.description),
      }),
    addStatus: async (id, status) => {
      await repositoryCall(client, 'POST', `/deployments/${id}/statuses`, {
        ...status,
        description: description(client, status.description),
      });
    },
    list: (environment) =>
      repositoryCall<DeploymentSummary[]>(
        client,
        'GET',
        `/deployments?environment=${encodeURIComponent(environment)}&per_page=100`,
      ),
    latestState: async (id) =>
      (await repositoryCall<{ state: string }[]>(client, 'GET', `/deployments/${id}/statuses?per_page=1`))[0]?.state,
  };
}

export interface IssueComment {
  id: number;
  body: string;
  html_url: string;
  /** Who wrote it: the login of a user, or `<app>[bot]` (`github-actions[bot]` for the job's own token). */
  user?: { login?: string } | null;
}

export interface IssueCommentsApi {
  /** The first 100 comments, oldest first: the plan's own comment is among the first ones. */
  list(issue: number): Promise<IssueComment[]>;
  create(issue: number, body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
}

export function issueCommentsApi(client: GitHubClient): IssueCommentsApi {
  return {
    list: (issue) => repositoryCall<IssueComment[]>(client, 'GET', `/issues/${issue}/comments?per_page=100`),
    create: (issue, body) => repositoryCall<IssueComment>(client, 'POST', `/issues/${issue}/comments`, { body }),
    update: (id, body) => repositoryCall<IssueComment>(client, 'PATCH', `/issues/comments/${id}`, { body }),
  };
}

/**
 * The login the token acts as, which is the author of every comment it writes. GraphQL's `viewer` answers for every
 * kind of token: a user's, a GitHub App installation's (`<app>[bot]`), the job's own (`github-actions[bot]`). REST's
 * `GET /user` is asked when GraphQL cannot be (it answers for a user's token only).
 */
export async function tokenLogin(client: GitHubClient): Promise<string> {
  try {
    const answer = await send<{ data?: { viewer?: { login?: string } } }>(client, 'POST', client.run.graphqlUrl, {
      query: 'query { viewer { login } }',
    });
    const login = answer.data?.viewer?.login;
    if (login) return login;
  } catch {
    // GraphQL unreachable or refused: REST may still answer.
  }
  const user = await send<{ login?: string }>(client, 'GET', `${client.run.apiUrl}/user`);
  if (!user.login) throw new GitHubApiError(200, 'no login in the answer to GET /user');
  return user.login;
}
