// A stand-in for Azure Resource Manager's AKS managed cluster:
//   GET  /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}
//   POST …/managedClusters/{name}/listClusterUserCredential | listClusterAdminCredential ?api-version=…
//   POST …/managedClusters/{name}/runCommand, GET …/commandResults/{id} (arm-run-command.ts)
// It checks the bearer token with the Entra stand-in, and answers `{kubeconfigs:[{name, value: <base64>}]}` built
// from the kubeconfig the test supplies (usually the Kubernetes stand-in's). For an Entra ID cluster the user
// credentials come back the way AKS returns them with `format=exec`: a kubelogin exec plugin instead of a token. A
// private cluster's kubeconfig names its private endpoint, which the runner cannot reach (a loopback port that drops
// every connection), while runCommand still reaches the cluster. Errors use ARM's shape `{error:{code,message}}`;
// switches script 401/403/404/429/5xx, local accounts disabled and a cluster the identity may not read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { startRunCommand, type RunCommandOptions, type RunCommandService } from './arm-run-command.js';
import { AKS_SERVER_APP_ID } from './entra.js';
import type { TestCertificate } from './tls.js';

export interface ArmOptions {
  tls: Pick<TestCertificate, 'cert' | 'key'>;
  /** Checks bearer tokens; the Entra stand-in. */
  entra: { isValidToken(token: string, audience: string): boolean };
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
  /** The cluster's kubeconfig in plain token form (YAML), e.g. the Kubernetes stand-in's `kubeconfig()`. */
  kubeconfig: string | (() => string);
  /** An Entra ID (AAD) cluster: user credentials carry a kubelogin exec user. */
  entraId?: boolean;
  /** Admin credentials refused with 400, as on clusters with `disableLocalAccounts`. */
  localAccountsDisabled?: boolean;
  tenantId?: string;
  /** `apiServerAccessProfile.enablePrivateCluster`; the runner reaches its endpoint only with `reachableFromRunner`. */
  privateCluster?: { reachableFromRunner?: boolean };
  /** How runCommand's pod runs commands (its helm, its start time, its output limit). */
  runCommand?: Omit<RunCommandOptions, 'kubeconfig' | 'entraId'>;
}

export interface ArmRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorized: boolean;
  /** The `command` of a runCommand request: what a log of ARM requests would show. */
  command?: string;
}

export interface Arm {
  url: string;
  requests: ArmRequest[];
  /** The next `times` credential requests fail with `status` (and `Retry-After: retryAfter` seconds when given). */
  failNext(status: number, times?: number, retryAfter?: number): void;
  localAccountsDisabled: boolean;
  /** The identity may not read the managed cluster (no Microsoft.ContainerService/managedClusters/read). */
  denyClusterRead: boolean;
  runCommand: RunCommandService;
  close(): Promise<void>;
}

const ARM_ERRORS: Record<number, { code: string; message: string }> = {
  401: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' },
  403: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform this action.' },
  404: { code: 'ResourceNotFound', message: 'The Resource was not found.' },
  429: { code: 'TooManyRequests', message: 'The request is being throttled.' },
  500: { code: 'InternalServerError', message: 'An internal error occurred.' },
  502: { code: 'BadGateway', message: 'The gateway did not receive a response.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' },
};

/** The command of a runCommand body; its context and clusterToken are never recorded. */
function commandOf(body: string): string {
  try {
    return String((JSON.parse(body) as { command?: unknown }).command ?? '');
  } catch {
    return '';
  }
}

/** Swaps the current user's credentials for a kubelogin exec plugin, the `format=exec` shape of an Entra cluster. */
function toKubeloginExec(kubeconfig: string, tenantId: string): string {
  const doc = parse(kubeconfig) as {
    'current-context'?: string;
    contexts?: { name: string; context: { user: string } }[];
    users?: { name: string; user: unknown }[];
  };
  const context = doc.contexts?.find((c) => c.name === doc['current-context']) ?? doc.contexts?.[0];
  for (const user of doc.users ?? []) {
    if (user.name !== context?.context.user) continue;
    user.user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: [
          'get-token',
          '--environment',
          'AzureCloud',
          '--server-id',
          AKS_SERVER_APP_ID,
          '--client-id',
          '80faf920-1908-4b52-b5ef-a8e7bedfc67a',
          '--tenant-id',
          tenantId,
          '--login',
          'devicecode',
        ],
        env: null,
        installHint: 'kubelogin is not installed which is required to connect to AAD enabled cluster.',
        provideClusterInfo: false,
        interactiveMode: 'IfAvailable',
      },
    };
  }
  return stringify(doc);
}

/** A private endpoint as seen from outside its network: something at the address, but no API server answers. */
async function startUnreachableEndpoint() {
  const server = createTcpServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The few managed cluster properties the action reads, shaped as AKS returns them. */
function managedCluster(options: ArmOptions, clusterPath: string, disableRunCommand: boolean) {
  const dnsPrefix = `${options.clusterName}-dns`;
  const isPrivate = !!options.privateCluster;
  return {
    id: clusterPath,
    name: options.clusterName,
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    properties: {
      provisioningState: 'Succeeded',
      kubernetesVersion: '1.33.5',
      dnsPrefix,
      ...(isPrivate
        ? { privateFQDN: `${dnsPrefix}-4f2a9c1e.privatelink.westeurope.azmk8s.io` }
        : { fqdn: `${dnsPrefix}-4f2a9c1e.hcp.westeurope.azmk8s.io` }),
      apiServerAccessProfile: { enablePrivateCluster: isPrivate, disableRunCommand },
      ...(options.entraId
        ? { aadProfile: { managed: true, enableAzureRBAC: false, tenantID: options.tenantId ?? 'common' } }
        : {}),
      enableRBAC: true,
      disableLocalAccounts: options.localAccountsDisabled ?? false,
    },
  };
}

export async function startArm(options: ArmOptions): Promise<Arm> {
  const requests: ArmRequest[] = [];
  const failures: { status: number; retryAfter?: number }[] = [];
  const clusterPath =
    `/subscriptions/${options.subscriptionId}/resourceGroups/${options.resourceGroup}` +
    `/providers/Microsoft.ContainerService/managedClusters/${options.clusterName}`;
  let url = '';
  const unreachable =
    options.privateCluster && !options.privateCluster.reachableFromRunner
      ? await startUnreachableEndpoint()
      : undefined;
  const runCommand = startRunCommand(clusterPath, {
    ...options.runCommand,
    kubeconfig: () => (typeof options.kubeconfig === 'function' ? options.kubeconfig() : options.kubeconfig),
    entraId: options.entraId ?? false,
  });

  const arm: Arm = {
    url,
    requests,
    localAccountsDisabled: options.localAccountsDisabled ?? false,
    denyClusterRead: false,
    runCommand,
    failNext(status, times = 1, retryAfter) {
      for (let i = 0; i < times; i++) failures.push({ status, retryAfter });
    },
    close: async () => {
      await runCommand.close();
      await unreachable?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };

  /** The credentials as a private cluster's kubeconfig has them: the server is its private endpoint. */
  function atPrivateEndpoint(kubeconfig: string): string {
    if (!unreachable) return kubeconfig;
    const doc = parse(kubeconfig) as { clusters?: { cluster: { server?: string } }[] };
    for (const { cluster } of doc.clusters ?? []) cluster.server = unreachable.url;
    return stringify(doc);
  }

  /** ARM tells which part of the resource id is wrong; so must the emulator. */
  function notFound(path: string) {
    const [, , subscription, , group] = path.split('/');
    if (subscription !== options.subscriptionId) {
      return { code: 'SubscriptionNotFound', message: `The subscription '${subscription}' could not be found.` };
    }
    if (group?.toLowerCase() !== options.resourceGroup.toLowerCase()) {
      return { code: 'ResourceGroupNotFound', message: `Resource group '${group}' could not be found.` };
    }
    const name = path.split('/managedClusters/')[1]?.split('/')[0];
    return {
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.ContainerService/managedClusters/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    };
  }

  function answer(req: IncomingMessage, res: ServerResponse, body: string) {
    const parsed = new URL(req.url ?? '/', 'https://localhost');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const authorized = options.entra.isValidToken(token, url);
    const command = /\/runCommand$/i.test(parsed.pathname) ? commandOf(body) : undefined;
    requests.push({
      method: req.method ?? '',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      authorized,
      ...(command === undefined ? {} : { command }),
    });
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, error = ARM_ERRORS[status], headers: Record<string, string> = {}) =>
      reply(status, { error: error ?? { code: 'Error', message: `HTTP ${status}` } }, headers);

    if (!parsed.searchParams.get('api-version')) {
      return fail(400, { code: 'MissingApiVersionParameter', message: 'The api-version query parameter is required.' });
    }
    if (!authorized) return fail(401);
    const resource = parsed.pathname.toLowerCase();
    const ours = clusterPath.toLowerCase();
    if (resource !== ours && !resource.startsWith(`${ours}/`)) return fail(404, notFound(parsed.pathname));
    if (req.method === 'GET' && resource === ours) {
      if (arm.denyClusterRead) {
        return fail(403, {
          code: 'AuthorizationFailed',
          message: `The client does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '${clusterPath}' or the scope is invalid.`,
        });
      }
      return reply(200, managedCluster(options, clusterPath, runCommand.faults.disabled));
    }
    if (runCommand.handle(req, res, body, reply)) return;
    const action = /^(.*)\/(listClusterUserCredential|listClusterAdminCredential)$/i.exec(parsed.pathname);
    if (req.method !== 'POST' || !action) {
      return fail(404, { code: 'NoRegisteredProviderFound', message: `No route for ${req.method} ${parsed.pathname}` });
    }
    const scripted = failures.shift();
    if (scripted) {
      const headers: Record<string, string> =
        scripted.retryAfter === undefined ? {} : { 'retry-after': String(scripted.retryAfter) };
      return fail(scripted.status, scripted.status === 404 ? notFound(parsed.pathname) : undefined, headers);
    }
    if (action[1].toLowerCase() !== clusterPath.toLowerCase()) return fail(404, notFound(action[1]));

    const admin = action[2] === 'listClusterAdminCredential';
    if (admin && arm.localAccountsDisabled) {
      return fail(400, {
        code: 'BadRequest',
        message: 'Getting static credential is not allowed because this cluster is set to disable local accounts.',
      });
    }
    const plain = atPrivateEndpoint(
      typeof options.kubeconfig === 'function' ? options.kubeconfig() : options.kubeconfig,
    );
    const kubeconfig = options.entraId && !admin ? toKubeloginExec(plain, options.tenantId ?? 'common') : plain;
    reply(200, {
      kubeconfigs: [
        { name: admin ? 'clusterAdmin' : 'clusterUser', value: Buffer.from(kubeconfig).toString('base64') },
      ],
    });
  }

  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;
  arm.url = url;
  return arm;
}
