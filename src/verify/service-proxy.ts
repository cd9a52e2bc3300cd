// Reaches the gateway from inside the cluster: through the Kubernetes API server's service proxy
// (`/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`), over the kubeconfig's own authenticated TLS connection. The
// API server forwards to a ready pod of the Service, so the check works whatever the Service's type, the load
// balancer's allowed ranges or the runner's network. The credentials come from the kubeconfig the action wrote (a
// token, a client certificate, or the exec credential an Entra ID cluster uses), read in-process: kubectl's `--raw`
// cannot send the headers a chat completion needs. A private cluster's API server is out of the runner's reach: there
// the request is kubectl's `get --raw` in the runCommand pod, which sends plain GETs only (no chat completion).
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runKubectl, type ClusterSession } from '../cluster/session.js';
import { ActionError } from '../errors.js';
import type { SmokeTestConfig } from '../inputs/config.js';
import type { HttpResponse, HttpTls, Seams } from '../seams.js';
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

/** `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`, every piece escaped. */
export function proxyPath(target: ServiceTarget, gatewayPath: string): string {
  const rest = gatewayPath.startsWith('/') ? gatewayPath : `/${gatewayPath}`;
  const service = `${encodeURIComponent(target.name)}:${target.port}`;
  return `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/services/${service}/proxy${rest}`;
}

type Dict = Record<string, unknown>;

interface KubeconfigDoc {
  'current-context'?: string;
  clusters?: { name: string; cluster?: Dict }[];
  contexts?: { name: string; context?: { cluster?: string; user?: string } }[];
  users?: { name: string; user?: Dict }[];
}

interface ExecConfig {
  command?: string;
  args?: string[];
  env?: { name: string; value: string }[] | null;
  apiVersion?: string;
}

/** What one request carries to authenticate: TLS material and an Authorization header. */
interface Credential {
  tls: HttpTls;
  authorization?: string;
  /** Epoch ms after which an exec credential must be asked again. */
  expiresAtMs?: number;
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function credentialProblem(message: string): ActionError {
  return new ActionError(`The smoke test cannot talk to the API server: ${message}`, {
    input: 'smoke-test-from',
    hint:
      'The in-cluster check reads the credentials of the kubeconfig the action uses. Set `smoke-test-from: runner` ' +
      'to check from the runner instead.',
  });
}

/** The cluster and user of the kubeconfig's current context. */
function currentEntries(doc: KubeconfigDoc): { cluster: Dict; user: Dict } {
  const context = (doc.contexts ?? []).find((c) => c.name === doc['current-context']) ?? doc.contexts?.[0];
  const cluster =
    (doc.clusters ?? []).find((c) => c.name === context?.context?.cluster)?.cluster ?? doc.clusters?.[0]?.cluster;
  const user = (doc.users ?? []).find((u) => u.name === context?.context?.user)?.user ?? {};
  if (!cluster || !str(cluster.server)) throw credentialProblem('the kubeconfig names no cluster server.');
  return { cluster, user };
}

/** Builds the proxy client for a cluster session; secrets it comes to hold are added to `secrets`. */
export function serviceProxy(session: ClusterSession, seams: Seams, secrets: SecretSet): ServiceProxy {
  return session.remote ? kubectlServiceProxy(session, seams) : directServiceProxy(session, seams, secrets);
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

function kubectlServiceProxy(session: ClusterSession, seams: Seams): ServiceProxy {
  return {
    server: `the API server, from ${session.remote!.description}`,
    secure: true,
    carriesHeaders: false,
    async send(target, request) {
      if (request.method !== 'GET' || Object.keys(request.headers ?? {}).length > 0) {
        throw new Error('only a plain GET goes through the service proxy with kubectl');
      }
      const args = ['get', '--raw', proxyPath(target, request.path), '-v=6'];
      const result = await runKubectl(session, seams, args, { signal: request.signal });
      const status = loggedStatus(result.stderr) ?? (result.exitCode === 0 ? 200 : 0);
      if (status === 0) {
        throw new Error(`kubectl exited with ${result.exitCode}: ${result.stderr.trim().split('\n').at(-1)}`);
      }
      const body = result.exitCode === 0 ? result.stdout : kubectlErrorBody(result.stderr, status);
      return { status, headers: {}, body };
    },
  };
}

function directServiceProxy(session: ClusterSession, seams: Seams, secrets: SecretSet): ServiceProxy {
  let cached: Credential | undefined;
  const dir = path.dirname(session.kubeconfigPath);
  const resolveFile = (file: string) => (path.isAbsolute(file) ? file : path.join(dir, file));
  let entries: { cluster: Dict; user: Dict };
  try {
    entries = currentEntries(parse(readFileSync(session.kubeconfigPath, 'utf8')) as KubeconfigDoc);
  } catch (error) {
    if (error instanceof ActionError) throw error;
    throw credentialProblem(`the kubeconfig could not be read: ${(error as Error).message}`);
  }
  const server = String(entries.cluster.server).replace(/\/+$/, '');

  /** `<field>-data` (base64) or `<field>` (a file path, relative to the kubeconfig). */
  async function pem(entry: Dict, field: string): Promise<string | undefined> {
    const data = str(entry[`${field}-data`]);
    if (data) return Buffer.from(data, 'base64').toString('utf8');
    const file = str(entry[field]);
    return file ? readFile(resolveFile(file), 'utf8') : undefined;
  }

  async function runExec(exec: ExecConfig, signal?: AbortSignal): Promise<Omit<Credential, 'tls'> & Partial<HttpTls>> {
    if (!exec.command) throw credentialProblem('the kubeconfig user has an exec credential without a command.');
    const env: NodeJS.ProcessEnv = {
      ...session.env,
      ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])),
      KUBERNETES_EXEC_INFO: JSON.stringify({
        apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
        kind: 'ExecCredential',
        spec: { interactive: false },
      }),
    };
    const result = await seams.run(exec.command, exec.args ?? [], { env, signal });
    if (result.exitCode !== 0) {
      throw credentialProblem(
        `the kubeconfig's exec credential (${path.basename(exec.command)}) exited with ${result.exitCode}: ${secrets.redact(result.stderr.trim()).slice(0, 300)}`,
      );
    }
    let status: Dict | undefined;
    try {
      status = (JSON.parse(result.stdout) as { status?: Dict }).status;
    } catch {
      throw credentialProblem(`the kubeconfig's exec credential printed something that is not an ExecCredential.`);
    }
    const token = str(status?.token);
    const cert = str(status?.clientCertificateData);
    const key = str(status?.clientKeyData);
    secrets.add(token, key);
    const expires = str(status?.expirationTimestamp);
    return {
      authorization: token ? `Bearer ${token}` : undefined,
      cert,
      key,
      expiresAtMs: expires ? Date.parse(expires) : undefined,
    };
  }

  async function credential(signal?: AbortSignal): Promise<Credential> {
    // An Entra ID cluster's token file is renewed by the action; ask the session first, as kubectl does.
    await session.refreshCredentials();
    if (cached && (cached.expiresAtMs === undefined || cached.expiresAtMs > seams.now())) return cached;
    const { cluster, user } = entries;
    const tls: HttpTls = {
      ca: await pem(cluster, 'certificate-authority'),
      insecure: cluster['insecure-skip-tls-verify'] === true,
      servername: str(cluster['tls-server-name']),
      cert: await pem(user, 'client-certificate'),
      key: await pem(user, 'client-key'),
    };
    secrets.add(tls.key);
    let authorization: string | undefined;
    let expiresAtMs: number | undefined;
    const token =
      str(user.token) ?? (str(user.tokenFile) && (await readFile(resolveFile(str(user.tokenFile)!), 'utf8')).trim());
    if (token) {
      secrets.add(token);
      authorization = `Bearer ${token}`;
      // A token file may be rotated under us: read it again next time.
      if (!str(user.token)) expiresAtMs = seams.now();
    } else if (str(user.username) && typeof user.password === 'string') {
      const basic = Buffer.from(`${String(user.username)}:${user.password}`).toString('base64');
      secrets.add(user.password, basic);
      authorization = `Basic ${basic}`;
    } else if (user.exec) {
      const fromExec = await runExec(user.exec as ExecConfig, signal);
      authorization = fromExec.authorization;
      expiresAtMs = fromExec.expiresAtMs;
      tls.cert = fromExec.cert ?? tls.cert;
      tls.key = fromExec.key ?? tls.key;
    } else if (user['auth-provider']) {
      throw credentialProblem('the kubeconfig user uses an auth-provider, which the in-cluster check cannot run.');
    }
    const fresh: Credential = { tls, authorization, expiresAtMs };
    cached = fresh;
    return fresh;
  }

  return {
    server,
    secure: server.startsWith('https:'),
    carriesHeaders: true,
    async send(target, request) {
      const base = server;
      const auth = await credential(request.signal);
      const headers: Record<string, string> = { ...request.headers };
      if (auth.authorization) headers.authorization = auth.authorization;
      return seams.http({
        url: `${base}${proxyPath(target, request.path)}`,
        method: request.method,
        headers,
        body: request.body,
        signal: request.signal,
        ...(base.startsWith('https:') ? { tls: auth.tls } : {}),
      });
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
 */
export async function checkProxyAccess(
  config: SmokeTestConfig,
  namespace: string,
  session: ClusterSession,
  seams: Seams,
  signal?: AbortSignal,
): Promise<ActionError | undefined> {
  // A remote session's service proxy is kubectl's in the command pod, which sends no chat completion.
  const verbs = proxyVerbsNeeded(config, !session.remote);
  if (verbs.length === 0) core.info('The smoke test checks from the runner only: it needs no service proxy access.');
  for (const verb of verbs) {
    const args = ['auth', 'can-i', verb, 'services', '--subresource=proxy', '--namespace', namespace];
    const result = await runKubectl(session, seams, args, { signal });
    const answer = result.stdout.trim().split(/\s/)[0];
    if (answer !== 'yes' && answer !== 'no') {
      const why = result.stderr.trim().split('\n').at(-1) || `kubectl exited with ${result.exitCode}`;
      core.info(
        `Could not ask whether the deploying identity may ${verb} services/proxy (${why}): the smoke test will tell.`,
      );
      return undefined;
    }
    core.info(`May the deploying identity ${verb} services/proxy in namespace ${namespace}? ${answer}`);
    if (answer === 'yes') continue;
    return missingProxyPermission(
      `The deploying identity may not \`${verb}\` \`services/proxy\` in namespace ${namespace}, which the smoke ` +
        'test from inside the cluster needs (kubectl auth can-i said no). Nothing was deployed.',
      namespace,
    );
  }
  return undefined;
}
