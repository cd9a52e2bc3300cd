// Reaches the gateway from inside the cluster: through the Kubernetes API server's service proxy
// (`/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`), over the kubeconfig's own authenticated TLS connection. The
// API server forwards to a ready pod of the Service, so the check works whatever the Service's type, the load
// balancer's allowed ranges or the runner's network. The request goes through the kubeconfig module's client for the
// API server, authenticated as helm and kubectl are with the kubeconfig the action wrote: kubectl's `--raw` cannot
// send the headers a chat completion needs. A private cluster's API server is out of the runner's reach: there
// the request is kubectl's `get --raw` in the runCommand pod, which sends plain GETs only (no chat completion). So it
// is, here, for a kubeconfig whose cluster is reached through a proxy-url, which only kubectl can use.
import * as runner from '../runner.js';
import { clusterPort } from '../cluster/local.js';
import type { ClusterPort, ClusterSession } from '../cluster/port.js';
import { ActionError } from '../errors.js';
import type { SmokeTestConfig } from '../inputs/config.js';
import { apiServerClientFor, ApiServerCredentialError, type ApiServerClient } from '../kubeconfig/index.js';
import type { HttpResponse, Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';

/** A Service port the API server proxies to: the gateway's, or the MCP gateway's. */
export interface ServiceTarget {
  namespace: string;
  name: string;
  port: number;
}

export interface ProxyRequest {
  method: 'GET' | 'POST';
  /** The gateway's own path, query included: `/v1/health`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface ServiceProxy {
  /** API server URL, for messages. */
  server: string;
  /** True when the API server is reached over https: only then may credentials travel through it. */
  secure: boolean;
  /** False when only plain GETs without headers of their own can go (kubectl in a runCommand pod). */
  carriesHeaders: boolean;
  send(target: ServiceTarget, request: ProxyRequest): Promise<HttpResponse>;
}

/**
 * `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`, every piece escaped. The gateway's path may not climb out
 * of the proxy (`..`, `.`, their percent-encoded forms, an encoded slash or a backslash): the API server would
 * answer for whatever the path then names, the namespace's Secrets included.
 */
export function proxyPath(target: ServiceTarget, gatewayPath: string): string {
  const rest = gatewayPath.startsWith('/') ? gatewayPath : `/${gatewayPath}`;
  const route = rest.split(/[?#]/)[0];
  const climbing = route.split('/').find((segment) => /^\.{1,2}$|%2e|%2f|%5c|\\/i.test(segment));
  if (climbing !== undefined || rest.includes('#')) {
    throw new ActionError(
      `The smoke test path ${JSON.stringify(gatewayPath)} has a segment that would leave the gateway's service proxy (${JSON.stringify(climbing ?? '#')}).`,
      { input: 'smoke-test-path', hint: 'Give the path of a page the gateway serves, like `/v1/health`.' },
    );
  }
  const service = `${encodeURIComponent(target.name)}:${target.port}`;
  return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/services/${service}/proxy${rest}`;
}

function credentialProblem(message: string): ActionError {
  return new ActionError(`The smoke test cannot talk to the API server: ${message}`, {
    input: 'smoke-test-from',
    hint:
      'The in-cluster check reads the credentials of the kubeconfig the action uses. Set `smoke-test-from: runner` ' +
      'to check from the runner instead.',
  });
}

/** Builds the proxy client for a cluster session; secrets it comes to hold are added to `secrets`. */
export function serviceProxy(session: ClusterSession, seams: Seams, secrets: SecretSet): ServiceProxy {
  const { access } = session;
  if (access.via === 'run-command') {
    return kubectlServiceProxy(access.cluster, `the API server, from ${access.cluster.description}`);
  }
  const client = apiServerClientOf(access, session.env, seams, secrets);
  // kubectl goes through the kubeconfig's proxy-url, as helm did; the in-process client cannot.
  if (client.proxyUrl) {
    return kubectlServiceProxy(clusterPort(session, seams), "the API server, through the kubeconfig's proxy-url");
  }
  return directServiceProxy(client);
}

/**
 * The status of the last response kubectl logged at -v=6: `"Response" verb="GET" … status="503 Service Unavailable"`
 * (kubectl 1.27 and newer) or `GET https://… 503 Service Unavailable in 3 milliseconds` (older).
 */
export function loggedStatus(stderr: string): number | undefined {
  const found = [...stderr.matchAll(/status="(\d{3})|\b(?:GET|POST) \S+ (\d{3}) .* in \d+ milliseconds/g)].at(-1);
  return found ? Number(found[1] ?? found[2]) : undefined;
}

/**
 * kubectl's own sentence about a refused request: `Error from server (Forbidden): message`. A refusal (401, 403) is
 * given back as the API server's Status, which it is, so that it is explained rather than waited on.
 */
function kubectlErrorBody(stderr: string, status: number): string {
  const line = stderr.split('\n').find((l) => l.startsWith('Error from server')) ?? '';
  if (status !== 401 && status !== 403) return line;
  const [, reason, message] = /^Error from server \(([^)]*)\): (.*)$/.exec(line) ?? [];
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', code: status, reason, message: message ?? line });
}

function kubectlServiceProxy(cluster: ClusterPort, server: string): ServiceProxy {
  return {
    server,
    secure: true,
    carriesHeaders: false,
    async send(target, request) {
      if (request.method !== 'GET' || Object.keys(request.headers ?? {}).length > 0) {
        throw new Error('only a plain GET goes through the service proxy with kubectl');
      }
      const result = await cluster.read({ kind: 'raw', path: proxyPath(target, request.path) }, request.signal);
      const status = loggedStatus(result.stderr) ?? (result.exitCode === 0 ? 200 : 0);
      if (status === 0) {
        throw new Error(`kubectl exited with ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`);
      }
      const body = result.exitCode === 0 ? result.stdout : kubectlErrorBody(result.stderr, status);
      return { status, headers: {}, body };
    },
  };
}

/** The kubeconfig module's client for the API server turns an authentication it cannot make into the smoke test's error. */
function asCredentialProblem(error: unknown): unknown {
  return error instanceof ApiServerCredentialError ? credentialProblem(error.message) : error;
}

function apiServerClientOf(
  access: Extract<ClusterSession['access'], { via: 'kubeconfig' }>,
  env: NodeJS.ProcessEnv,
  seams: Seams,
  secrets: SecretSet,
): ApiServerClient {
  try {
    const { refreshCredentials } = access;
    return apiServerClientFor(access.kubeconfigPath, { env, refreshCredentials, secrets }, seams);
  } catch (error) {
    throw asCredentialProblem(error);
  }
}

function directServiceProxy(client: ApiServerClient): ServiceProxy {
  return {
    server: client.server,
    secure: client.secure,
    carriesHeaders: true,
    async send(target, request) {
      const path = proxyPath(target, request.path);
      try {
        return await client.send({ ...request, path });
      } catch (error) {
        throw asCredentialProblem(error);
      }
    },
  };
}

export interface ApiServerStatus {
  code?: number;
  reason?: string;
  message?: string;
}

/** The API server's own answer (a Status object), as opposed to the gateway's, which the proxy passes through. */
export function apiServerStatus(response: HttpResponse): ApiServerStatus | undefined {
  if (!response.body.includes('"Status"')) return undefined;
  try {
    const body = JSON.parse(response.body) as { kind?: string; apiVersion?: string } & ApiServerStatus;
    return body.kind === 'Status' && body.apiVersion === 'v1' ? body : undefined;
  } catch {
    return undefined;
  }
}

/** RBAC's verb for a proxied request: GET → get, POST → create. */
export function proxyVerb(method: ProxyRequest['method']): 'get' | 'create' {
  return method === 'GET' ? 'get' : 'create';
}

/**
 * The error for an API server that refused the proxied request itself (401, 403): not the gateway's fault, and
 * waiting does not fix it. Says which permission is missing, which role grants it, and what else to do.
 */
export function proxyRefusal(
  target: ServiceTarget,
  request: Pick<ProxyRequest, 'method'>,
  status: ApiServerStatus,
  httpCode: number,
): ActionError {
  const said = status.message ? `: ${status.message}` : '';
  if (httpCode === 401) {
    return new ActionError(
      `The API server did not accept the action's credentials for the in-cluster smoke test${said}`,
      {
        input: 'smoke-test-from',
        hint:
          'The same credentials deployed the release, so they probably expired meanwhile. Run again, or set ' +
          '`smoke-test-from: runner` to check from the runner instead.',
      },
    );
  }
  const verb = proxyVerb(request.method);
  return missingProxyPermission(
    `The API server refused the in-cluster smoke test: the deploying identity may not \`${verb}\` ` +
      `\`services/proxy\` in namespace ${target.namespace}${said}`,
    target.namespace,
  );
}

/** Which permission is missing, which role grants it, and the way around it. */
function missingProxyPermission(message: string, namespace: string): ActionError {
  return new ActionError(message, {
    input: 'smoke-test-from',
    hint:
      `The in-cluster check goes through the API server's service proxy, which needs \`get\` on \`services/proxy\` ` +
      `(and \`create\`, for the chat completion) in namespace ${namespace}. Kubernetes' built-in \`edit\` ` +
      `and \`admin\` ClusterRoles grant it: \`kubectl create rolebinding portkey-deployer-proxy --namespace ` +
      `${namespace} --clusterrole edit --user <principal id>\`; with Azure RBAC for Kubernetes, a role on the ` +
      'namespace whose data actions cover services/proxy (see docs/azure-setup.md; `kubectl auth can-i get ' +
      `services --subresource=proxy -n ${namespace}\` tells). The fallback is to check from the runner: ` +
      '`smoke-test-from: runner` (the load balancer must let the runner in), or `smoke-test: false`.',
  });
}

/**
 * The service proxy verbs the smoke test will use from inside the cluster: `get` for the health checks, `create` for
 * a chat completion (a POST) when the route can carry one. None when it does not check from the cluster.
 */
export function proxyVerbsNeeded(config: SmokeTestConfig, carriesHeaders: boolean): ('get' | 'create')[] {
  if (!config.enabled || config.from === 'runner') return [];
  return config.chat.model && carriesHeaders ? ['get', 'create'] : ['get'];
}

/**
 * Before anything is deployed: may the deploying identity use the service proxy the smoke test needs? Asked with
 * `kubectl auth can-i`, so an upgrade is not rolled out only to be rolled back when the smoke test is refused. An
 * answer that is neither yes nor no (an API server that cannot say) lets the deploy go on: the smoke test still tells.
 * Throws the refusal.
 */
export async function checkProxyAccess(
  config: SmokeTestConfig,
  namespace: string,
  session: ClusterSession,
  seams: Seams,
  signal?: AbortSignal,
): Promise<void> {
  // A run-command session's service proxy is kubectl's in the command pod, which sends no chat completion.
  const verbs = proxyVerbsNeeded(config, session.access.via === 'kubeconfig');
  if (verbs.length === 0) runner.info('The smoke test checks from the runner only: it needs no service proxy access.');
  for (const verb of verbs) {
    const read = { kind: 'can-i', verb, resource: 'services', subresource: 'proxy', namespace } as const;
    const result = await clusterPort(session, seams).read(read, signal);
    const answer = result.stdout.trim().split(/\s/)[0];
    if (answer !== 'yes' && answer !== 'no') {
      const why = result.stderr.trim().split('\n').at(-1) || `kubectl exited with ${result.exitCode}`;
      runner.info(
        `Could not ask whether the deploying identity may ${verb} services/proxy (${why}): the smoke test will tell.`,
      );
      return;
    }
    runner.info(`May the deploying identity ${verb} services/proxy in namespace ${namespace}? ${answer}`);
    if (answer === 'yes') continue;
    throw missingProxyPermission(
      `The deploying identity may not \`${verb}\` \`services/proxy\` in namespace ${namespace}, which the smoke ` +
        'test from inside the cluster needs (kubectl auth can-i said no). Nothing was deployed.',
      namespace,
    );
  }
}
