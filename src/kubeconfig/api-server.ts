// An HTTP client for the API server of a kubeconfig, authenticated as client-go would authenticate helm and
// kubectl with it: the cluster's CA, server name and insecure flag; a bearer token (from `token`, a re-read
// `tokenFile`, or an exec credential asked again when it expires or the server refuses it), a client certificate,
// or a username and password; the user's impersonation headers. Every request goes through `seams.http`.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { HttpResponse, HttpTls, Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
import { parseKubeconfig, type ExecConfig, type Kubeconfig } from './kubeconfig.js';

/** The client cannot authenticate the way the kubeconfig says (not a network failure: trying again will not help). */
export class ApiServerCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiServerCredentialError';
  }
}

export interface ApiServerRequest {
  method: 'GET' | 'POST';
  /** Path on the API server, query included: `/api/v1/namespaces`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface ApiServerClient {
  /** The API server URL, for messages. */
  server: string;
  /** True when the API server is reached over https: only then may credentials travel to it. */
  secure: boolean;
  /** The kubeconfig's proxy-url, through which helm and kubectl reach the server and this client cannot: it refuses. */
  proxyUrl?: string;
  send(request: ApiServerRequest): Promise<HttpResponse>;
}

export interface ApiServerOptions {
  /** The environment a credential program runs with: the session's allow-listed one. */
  env: NodeJS.ProcessEnv;
  /** Asked before every request: an Entra ID cluster's token file is renewed by the action, as kubectl would see. */
  refreshCredentials?: () => Promise<void>;
  /** Every credential the client comes to hold is added here (and so masked). */
  secrets: SecretSet;
  /** Where relative file paths point from: the kubeconfig's own folder, as client-go resolves them. */
  baseDir?: string;
}

/** What one request carries to authenticate: TLS material and headers. */
interface Credential {
  tls: HttpTls;
  headers: Record<string, string>;
  /** Epoch ms after which the credential must be made again; undefined: until the server refuses it. */
  expiresAtMs?: number;
  /** Made again after a 401, as client-go does for exec credentials and token files. */
  renewable: boolean;
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The headers client-go sends for the user's `as`, `as-uid`, `as-groups` and `as-user-extra`. */
function impersonationHeaders(kubeconfig: Kubeconfig): Record<string, string> {
  const { user } = kubeconfig;
  const headers: Record<string, string> = {};
  const single = (values: string[], what: string) => {
    if (values.length > 1) {
      throw new ApiServerCredentialError(
        `the kubeconfig user impersonates more than one ${what}, which it cannot send.`,
      );
    }
    return values[0];
  };
  if (user.as) headers['impersonate-user'] = user.as;
  if (user['as-uid']) headers['impersonate-uid'] = user['as-uid'];
  if (user['as-groups']?.length) headers['impersonate-group'] = single(user['as-groups'], 'group');
  for (const [key, values] of Object.entries(user['as-user-extra'] ?? {})) {
    if (values.length > 0) headers[`impersonate-extra-${encodeURIComponent(key)}`] = single(values, `${key} value`);
  }
  return headers;
}

export function apiServerClient(kubeconfig: Kubeconfig, options: ApiServerOptions, seams: Seams): ApiServerClient {
  const { cluster, user } = kubeconfig;
  const { secrets } = options;
  const server = cluster.server.replace(/\/+$/, '');
  const secure = server.startsWith('https:');
  const resolve = (file: string) => path.resolve(options.baseDir ?? '.', file);
  let cached: Credential | undefined;

  async function fileText(file: string, field: string): Promise<string> {
    try {
      return await readFile(resolve(file), 'utf8');
    } catch (error) {
      throw new ApiServerCredentialError(
        `the kubeconfig's ${field} ${file} could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
  }

  /** `<field>-data` (base64) or `<field>` (a file). */
  async function pem(entry: object, field: string): Promise<string | undefined> {
    const fields = entry as Record<string, string | undefined>;
    const data = fields[`${field}-data`];
    if (data) return Buffer.from(data, 'base64').toString('utf8');
    const file = fields[field];
    return file ? fileText(file, field) : undefined;
  }

  async function runExec(exec: ExecConfig, signal?: AbortSignal) {
    const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1';
    const clusterInfo = exec.provideClusterInfo
      ? {
          server: cluster.server,
          'tls-server-name': cluster['tls-server-name'],
          'insecure-skip-tls-verify': cluster['insecure-skip-tls-verify'],
          'certificate-authority-data': cluster['certificate-authority-data'],
          'proxy-url': cluster['proxy-url'],
        }
      : undefined;
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])),
      KUBERNETES_EXEC_INFO: JSON.stringify({
        apiVersion,
        kind: 'ExecCredential',
        spec: { interactive: false, ...(clusterInfo && { cluster: clusterInfo }) },
      }),
    };
    const command = /[\\/]/.test(exec.command) ? resolve(exec.command) : exec.command;
    const result = await seams.run(command, exec.args ?? [], { env, signal });
    if (result.exitCode !== 0) {
      throw new ApiServerCredentialError(
        `the kubeconfig's exec credential (${path.basename(exec.command)}) exited with ${result.exitCode}: ${secrets.redact(result.stderr.trim()).slice(0, 300)}`,
      );
    }
    let status: Record<string, unknown> | undefined;
    try {
      status = (JSON.parse(result.stdout) as { status?: Record<string, unknown> }).status;
    } catch {
      throw new ApiServerCredentialError(
        "the kubeconfig's exec credential printed something that is not an ExecCredential.",
      );
    }
    const token = str(status?.token);
    const cert = str(status?.clientCertificateData);
    const key = str(status?.clientKeyData);
    secrets.add(token, key);
    const expires = str(status?.expirationTimestamp);
    return { token, cert, key, expiresAtMs: expires ? Date.parse(expires) : undefined };
  }

  async function credential(signal?: AbortSignal): Promise<Credential> {
    await options.refreshCredentials?.();
    if (cached && (cached.expiresAtMs === undefined || cached.expiresAtMs > seams.now())) return cached;
    if (user['auth-provider']) {
      throw new ApiServerCredentialError(
        `the kubeconfig user uses the auth-provider \`${user['auth-provider'].name}\`, which this client cannot run.`,
      );
    }
    if (cluster['proxy-url']) {
      throw new ApiServerCredentialError(
        "the kubeconfig's cluster is reached through its proxy-url, which this client cannot use.",
      );
    }
    const tls: HttpTls = {
      ca: await pem(cluster, 'certificate-authority'),
      insecure: cluster['insecure-skip-tls-verify'] === true,
      servername: cluster['tls-server-name'],
      cert: await pem(user, 'client-certificate'),
      key: await pem(user, 'client-key'),
    };
    secrets.add(tls.key);
    const headers = impersonationHeaders(kubeconfig);
    let expiresAtMs: number | undefined;
    let renewable = false;
    // client-go: a tokenFile wins over token, and is read again (it may be rotated under us).
    const token = user.tokenFile ? (await fileText(user.tokenFile, 'tokenFile')).trim() : user.token;
    if (user.tokenFile) {
      expiresAtMs = seams.now();
      renewable = true;
    }
    if (token) {
      secrets.add(token);
      headers.authorization = `Bearer ${token}`;
    } else if (user.username || user.password) {
      const basic = Buffer.from(`${user.username ?? ''}:${user.password ?? ''}`).toString('base64');
      secrets.add(user.password, basic);
      headers.authorization = `Basic ${basic}`;
    } else if (user.exec) {
      const made = await runExec(user.exec, signal);
      if (made.token) headers.authorization = `Bearer ${made.token}`;
      tls.cert = made.cert ?? tls.cert;
      tls.key = made.key ?? tls.key;
      expiresAtMs = made.expiresAtMs;
      renewable = true;
    }
    cached = { tls, headers, expiresAtMs, renewable };
    return cached;
  }

  return {
    server,
    secure,
    proxyUrl: cluster['proxy-url'],
    async send(request) {
      const auth = await credential(request.signal);
      const response = await seams.http({
        url: `${server}${request.path.startsWith('/') ? '' : '/'}${request.path}`,
        method: request.method,
        headers: { ...request.headers, ...auth.headers },
        body: request.body,
        signal: request.signal,
        ...(secure ? { tls: auth.tls } : {}),
      });
      if (response.status === 401 && auth.renewable && cached === auth) cached = undefined;
      return response;
    },
  };
}

/** The client for the kubeconfig file helm and kubectl use (the one the action wrote). */
export function apiServerClientFor(kubeconfigPath: string, options: ApiServerOptions, seams: Seams): ApiServerClient {
  let kubeconfig: Kubeconfig;
  try {
    kubeconfig = parseKubeconfig(readFileSync(kubeconfigPath, 'utf8'));
  } catch (error) {
    throw new ApiServerCredentialError(`the kubeconfig could not be read: ${(error as Error).message}`);
  }
  return apiServerClient(kubeconfig, { baseDir: path.dirname(kubeconfigPath), ...options }, seams);
}
