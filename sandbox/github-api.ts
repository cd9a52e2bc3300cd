// A stand-in for the part of GitHub's REST API that records deployments (the runner points GITHUB_API_URL here):
//   POST /repos/{owner}/{repo}/deployments                      create a deployment of a ref (201)
//   GET  /repos/{owner}/{repo}/deployments?environment=&sha=…   list them, newest first
//   GET  /repos/{owner}/{repo}/deployments/{id}
//   POST /repos/{owner}/{repo}/deployments/{id}/statuses        add a status (201)
//   GET  /repos/{owner}/{repo}/deployments/{id}/statuses        list them, newest first
// Objects have GitHub's shapes (API version 2022-11-28) and errors its bodies and codes: 401 "Bad credentials" for an
// unknown token, 403 "Resource not accessible by integration" for a job token without `deployments: write` (or
// `read` to list), 404 "Not Found" for another repository or an unknown deployment, 422 for a ref the repository does
// not have or an invalid status. A success status makes earlier non-transient, non-production deployments of the same
// environment inactive unless `auto_inactive: false`, as GitHub does. `setOutage(503)` makes every request fail.
// And the issue comments a plan is posted as, on a pull request (its number is its issue number):
//   GET   /repos/{owner}/{repo}/issues/{number}/comments                list them, oldest first
//   POST  /repos/{owner}/{repo}/issues/{number}/comments                create one (201)
//   PATCH /repos/{owner}/{repo}/issues/comments/{id}                   change its body
// A token's permission stands for `deployments` and `pull-requests` alike. Who a token is:
//   POST  /graphql  `query { viewer { login } }`                         every token's login
//   GET   /user                                                         a user's token only: 403 for an app's
// Each token acts as `github-actions[bot]` (the job's token) unless `logins` names it otherwise, and writes its
// comments under that login; `addComment` plants one by anybody, as a pull request's author or reviewer can.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './tls.js';

export type Permission = 'none' | 'read' | 'write';

export interface GitHubApiOptions {
  tls: Pick<TestCertificate, 'cert' | 'key'>;
  /** `owner/name` of the one repository served. */
  repository: string;
  /** Commit SHAs the repository has; a deployment of any other ref is refused with 422. */
  commits: string[];
  /** Each known token and its `deployments` permission (what `permissions:` gives the job's token). */
  tokens: Record<string, Permission>;
  /** The login a token acts as, when it is not the job's own `github-actions[bot]` (a user's token, another app's). */
  logins?: Record<string, string>;
}

export interface Deployment {
  url: string;
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: typeof CREATOR;
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
  performed_via_github_app: null;
}

export interface DeploymentStatus {
  url: string;
  id: number;
  node_id: string;
  state: string;
  creator: typeof CREATOR;
  description: string;
  environment: string;
  target_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  environment_url: string;
  log_url: string;
  performed_via_github_app: null;
}

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: Account;
  created_at: string;
  updated_at: string;
}

export interface GitHubApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body, parsed. */
  body?: Record<string, unknown>;
  /** The token sent, as `Authorization: Bearer …` or `token …`; empty when none. */
  token: string;
  headers: Record<string, string | string[] | undefined>;
  /** The status code answered. */
  status: number;
}

export interface GitHubApi {
  /** What the runner gives the job as GITHUB_API_URL. */
  url: string;
  requests: GitHubApiRequest[];
  /** Every deployment, oldest first. */
  deployments(): Deployment[];
  /** A deployment's statuses, oldest first. */
  statuses(deploymentId: number): DeploymentStatus[];
  /** The comments of an issue or pull request, oldest first. */
  comments(issue: number): IssueComment[];
  /** A comment written by `login` (anybody who may comment), as if through GitHub's web page. */
  addComment(issue: number, body: string, login: string): IssueComment;
  /** Answers every request with this status (a GitHub outage) until called with undefined. */
  setOutage(status: number | undefined): void;
  close(): Promise<void>;
}

const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
interface Account {
  login: string;
  id: number;
  type: 'Bot' | 'User';
  site_admin: false;
}
// The job's token acts as the GitHub Actions app's bot.
const CREATOR: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot', site_admin: false };
const account = (login: string): Account =>
  login === CREATOR.login
    ? CREATOR
    : {
        login,
        id: 1000 + [...login].reduce((sum, c) => sum + c.charCodeAt(0), 0),
        type: login.endsWith('[bot]') ? 'Bot' : 'User',
        site_admin: false,
      };
const DOCS = 'https://docs.github.com/rest/deployments';

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

const fail = (status: number, message: string, documentation: string, extra: Record<string, unknown> = {}) =>
  new ApiError(status, { message, ...extra, documentation_url: documentation, status: String(status) });

export async function startGitHubApi(options: GitHubApiOptions): Promise<GitHubApi> {
  const requests: GitHubApiRequest[] = [];
  const deployments: Deployment[] = [];
  const statuses = new Map<number, DeploymentStatus[]>();
  const comments: (IssueComment & { issue: number })[] = [];
  const commentsOf = (issue: number): IssueComment[] =>
    comments.filter((c) => c.issue === issue).map(({ issue: _issue, ...comment }) => comment);
  let nextId = 1_000_000_001;
  const loginOf = (token: string) => options.logins?.[token] ?? CREATOR.login;
  let outage: number | undefined;
  let base = '';
  const repoPath = `/repos/${options.repository}`;

  const newest = <T>(items: T[], query: Record<string, string>): T[] => {
    const perPage = Math.min(Number(query.per_page ?? 30) || 30, 100);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    return [...items].reverse().slice((page - 1) * perPage, page * perPage);
  };

  function authorize(token: string, needs: Exclude<Permission, 'none'>, documentation: string) {
    const permission = options.tokens[token];
    if (permission === undefined) throw fail(401, 'Bad credentials', 'https://docs.github.com/rest');
    if (permission === 'none' || (needs === 'write' && permission !== 'write')) {
      throw fail(403, 'Resource not accessible by integration', documentation);
    }
  }

  function findDeployment(id: string, documentation: string): Deployment {
    const found = deployments.find((d) => String(d.id) === id);
    if (!found) throw fail(404, 'Not Found', documentation);
    return found;
  }

  function createDeployment(body: Record<string, unknown>): Deployment {
    const documentation = `${DOCS}/deployments#create-a-deployment`;
    if (typeof body.ref !== 'string' || !body.ref) {
      throw fail(422, 'Invalid request.\n\n"ref" wasn\'t supplied.', documentation);
    }
    const sha = options.commits.find(
      (commit) => commit === body.ref || ((body.ref as string).length >= 7 && commit.startsWith(body.ref as string)),
    );
    if (!sha) throw fail(422, `No ref found for: ${body.ref}`, documentation);
    const environment = typeof body.environment === 'string' ? body.environment : 'production';
    const id = nextId++;
    const now = new Date().toISOString();
    const deployment: Deployment = {
      url: `${base}${repoPath}/deployments/${id}`,
      id,
      node_id: Buffer.from(`Deployment${id}`).toString('base64'),
      sha,
      ref: body.ref,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      payload: body.payload ?? {},
      original_environment: environment,
      environment,
      description: typeof body.description === 'string' ? body.description : null,
      creator: CREATOR,
      created_at: now,
      updated_at: now,
      statuses_url: `${base}${repoPath}/deployments/${id}/statuses`,
      repository_url: `${base}${repoPath}`,
      transient_environment: body.transient_environment === true,
      production_environment:
        typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
      performed_via_github_app: null,
    };
    deployments.push(deployment);
    statuses.set(id, []);
    return deployment;
  }

  function addStatus(deployment: Deployment, body: Record<string, unknown>, autoInactive = true): DeploymentStatus {
    const documentation = `${DOCS}/statuses#create-a-deployment-status`;
    const invalid = (field: string, code: string, message?: string) =>
      fail(422, 'Validation Failed', documentation, {
        errors: [{ resource: 'DeploymentStatus', code, field, ...(message && { message }) }],
      });
    if (typeof body.state !== 'string' || !STATES.includes(body.state)) throw invalid('state', 'invalid');
    const description = typeof body.description === 'string' ? body.description : '';
    if (description.length > 140) {
      throw invalid('description', 'custom', 'description is too long (maximum is 140 characters)');
    }
    const list = statuses.get(deployment.id) ?? [];
    const id = deployment.id * 10 + list.length + 1;
    const now = new Date().toISOString();
    const logUrl =
      typeof body.log_url === 'string' ? body.log_url : typeof body.target_url === 'string' ? body.target_url : '';
    const status: DeploymentStatus = {
      url: `${deployment.url}/statuses/${id}`,
      id,
      node_id: Buffer.from(`DeploymentStatus${id}`).toString('base64'),
      state: body.state,
      creator: CREATOR,
      description,
      environment: typeof body.environment === 'string' ? body.environment : deployment.environment,
      target_url: logUrl,
      created_at: now,
      updated_at: now,
      deployment_url: deployment.url,
      repository_url: deployment.repository_url,
      environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
      log_url: logUrl,
      performed_via_github_app: null,
    };
    list.push(status);
    deployment.updated_at = now;
    if (status.state === 'success' && autoInactive && body.auto_inactive !== false) {
      for (const earlier of deployments) {
        const latest = statuses.get(earlier.id)?.at(-1);
        const replaced =
          earlier.id !== deployment.id &&
          earlier.environment === deployment.environment &&
          !earlier.transient_environment &&
          !earlier.production_environment &&
          latest?.state === 'success';
        if (replaced) addStatus(earlier, { state: 'inactive', log_url: latest.log_url }, false);
      }
    }
    return status;
  }

  function route(
    method: string,
    path: string,
    query: Record<string, string>,
    token: string,
    body: Record<string, unknown>,
  ) {
    if (outage !== undefined)
      throw fail(outage, outage === 503 ? 'Service Unavailable' : 'Server Error', 'https://docs.github.com/rest');
    if (path === '/graphql' || path === '/user') return identityRoute(method, path, token, body);
    const issue = /^\/repos\/([^/]+\/[^/]+)\/issues\/(?:(\d+)\/comments|comments\/(\d+))\/?$/.exec(path);
    if (issue) return commentRoute(method, issue[1], Number(issue[2]), issue[3], query, token, body);
    const match = /^\/repos\/([^/]+\/[^/]+)\/deployments(?:\/(\d+)(\/statuses)?)?\/?$/.exec(path);
    if (!match) throw fail(404, 'Not Found', 'https://docs.github.com/rest');
    const [, repository, id, isStatuses] = match;
    const documentation = `${DOCS}/${isStatuses ? 'statuses' : 'deployments'}`;
    // GitHub hides a repository a token cannot see behind the same 404 as one that does not exist.
    if (repository.toLowerCase() !== options.repository.toLowerCase()) {
      if (options.tokens[token] === undefined) throw fail(401, 'Bad credentials', 'https://docs.github.com/rest');
      throw fail(404, 'Not Found', documentation);
    }
    if (method === 'POST' && !id) {
      authorize(token, 'write', `${documentation}#create-a-deployment`);
      return { status: 201, body: createDeployment(body) };
    }
    if (method === 'GET' && !id) {
      authorize(token, 'read', `${documentation}#list-deployments`);
      const matching = deployments.filter(
        (d) =>
          (!query.environment || d.environment === query.environment) &&
          (!query.sha || d.sha === query.sha) &&
          (!query.ref || d.ref === query.ref) &&
          (!query.task || d.task === query.task),
      );
      return { status: 200, body: newest(matching, query) };
    }
    if (method === 'GET' && !isStatuses) {
      authorize(token, 'read', `${documentation}#get-a-deployment`);
      return { status: 200, body: findDeployment(id, `${documentation}#get-a-deployment`) };
    }
    if (method === 'POST' && isStatuses) {
      authorize(token, 'write', `${documentation}#create-a-deployment-status`);
      return { status: 201, body: addStatus(findDeployment(id, `${documentation}#create-a-deployment-status`), body) };
    }
    if (method === 'GET' && isStatuses) {
      authorize(token, 'read', `${documentation}#list-deployment-statuses`);
      const deployment = findDeployment(id, `${documentation}#list-deployment-statuses`);
      return { status: 200, body: newest(statuses.get(deployment.id) ?? [], query) };
    }
    throw fail(404, 'Not Found', 'https://docs.github.com/rest');
  }

  function identityRoute(method: string, path: string, token: string, body: Record<string, unknown>) {
    if (options.tokens[token] === undefined) throw fail(401, 'Bad credentials', 'https://docs.github.com/rest');
    const login = loginOf(token);
    if (path === '/user' && method === 'GET') {
      // An app's token (the job's included) is no user: GitHub refuses it here.
      if (account(login).type === 'Bot') {
        throw fail(403, 'Resource not accessible by integration', 'https://docs.github.com/rest/users/users');
      }
      return { status: 200, body: account(login) };
    }
    if (path === '/graphql' && method === 'POST' && /\bviewer\s*\{\s*login\s*\}/.test(String(body.query))) {
      return { status: 200, body: { data: { viewer: { login } } } };
    }
    throw fail(404, 'Not Found', 'https://docs.github.com/graphql');
  }

  function newComment(issue: number, text: string, login: string) {
    const id = nextId++;
    const now = new Date().toISOString();
    const comment = {
      id,
      node_id: Buffer.from(`IssueComment${id}`).toString('base64'),
      url: `${base}${repoPath}/issues/comments/${id}`,
      html_url: `https://github.com/${options.repository}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${base}${repoPath}/issues/${issue}`,
      body: text,
      user: account(login),
      created_at: now,
      updated_at: now,
    };
    comments.push({ ...comment, issue });
    return comment;
  }

  function commentRoute(
    method: string,
    repository: string,
    issue: number,
    commentId: string | undefined,
    query: Record<string, string>,
    token: string,
    body: Record<string, unknown>,
  ) {
    const documentation = 'https://docs.github.com/rest/issues/comments';
    if (repository.toLowerCase() !== options.repository.toLowerCase()) throw fail(404, 'Not Found', documentation);
    if (method === 'GET' && !commentId) {
      authorize(token, 'read', `${documentation}#list-issue-comments`);
      const perPage = Math.min(Number(query.per_page ?? 30) || 30, 100);
      const page = Math.max(Number(query.page ?? 1) || 1, 1);
      return { status: 200, body: commentsOf(issue).slice((page - 1) * perPage, page * perPage) };
    }
    const text = typeof body.body === 'string' ? body.body : undefined;
    if (method !== 'GET' && (text === undefined || text.length > 65536)) {
      throw fail(422, 'Validation Failed', documentation, {
        errors: [{ resource: 'IssueComment', code: text === undefined ? 'missing_field' : 'custom', field: 'body' }],
      });
    }
    if (method === 'POST' && !commentId) {
      authorize(token, 'write', `${documentation}#create-an-issue-comment`);
      return { status: 201, body: newComment(issue, text!, loginOf(token)) };
    }
    if (method === 'PATCH' && commentId) {
      authorize(token, 'write', `${documentation}#update-an-issue-comment`);
      const comment = comments.find((c) => String(c.id) === commentId);
      if (!comment) throw fail(404, 'Not Found', documentation);
      Object.assign(comment, { body: text!, updated_at: new Date().toISOString() });
      return { status: 200, body: commentsOf(comment.issue).find((c) => c.id === comment.id) };
    }
    throw fail(404, 'Not Found', documentation);
  }

  async function answer(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const parsed = new URL(req.url ?? '/', 'https://localhost');
    const token = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const query = Object.fromEntries(parsed.searchParams);
    const request: GitHubApiRequest = {
      method: req.method ?? '',
      path: parsed.pathname,
      query,
      token,
      headers: req.headers,
      status: 0,
    };
    requests.push(request);
    let status: number;
    let body: unknown;
    try {
      let json: Record<string, unknown> = {};
      if (raw) {
        try {
          json = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          throw fail(400, 'Problems parsing JSON', 'https://docs.github.com/rest');
        }
      }
      request.body = raw ? json : undefined;
      ({ status, body } = route(request.method, request.path, query, token, json));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ({ status, body } = error);
    }
    request.status = status;
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
    });
    res.end(JSON.stringify(body));
  }

  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    deployments: () => [...deployments],
    statuses: (deploymentId) => [...(statuses.get(deploymentId) ?? [])],
    comments: commentsOf,
    addComment: (issue, body, login) => newComment(issue, body, login),
    setOutage(status) {
      outage = status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
