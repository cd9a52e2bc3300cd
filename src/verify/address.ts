// Finds where the deployed gateway answers: the load balancer's (or Ingress's) published address, or, for a
// Service with no external address, a `kubectl port-forward` that lives until `close()`.
import * as core from '@actions/core';
import { ActionError } from '../errors.js';
import type { ActionConfig } from '../inputs/config.js';
import { runKubectl, type ClusterSession } from '../cluster/session.js';
import { poll } from '../poll.js';
import type { RunResult, Seams } from '../seams.js';
import { formatEvents, readEvents, section, tryKubectlJson } from './cluster-reads.js';
import {
  baseUrl,
  findGatewayTarget,
  gatewayFullname,
  inClusterUrl,
  loadBalancerAddress,
  servesMcp,
  type GatewayTarget,
  type LoadBalancerIngress,
} from './gateway-service.js';
import { parseManifest } from './workloads.js';

export interface AddressInput {
  releaseName: string;
  namespace: string;
  /** The release's rendered manifest (ReleaseInfo.manifest). */
  manifest: string;
  /** The values the release was deployed with (ValuesPlan.values). */
  values: Record<string, unknown>;
  timeoutSeconds: number;
  ingressHost?: string;
  mcpHost?: string;
  /** Open a port-forward when the Service has no external address (default true; false when smoke-test-url is set). */
  portForward?: boolean;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/** The address wait for a deployed release, from the run's own settings. */
export function addressInputFor(
  config: Pick<ActionConfig, 'addressTimeoutSeconds' | 'portkey' | 'smokeTest'>,
  release: { name: string; namespace: string; manifest: string },
  values: Record<string, unknown>,
  signal?: AbortSignal,
): AddressInput {
  return {
    releaseName: release.name,
    namespace: release.namespace,
    manifest: release.manifest,
    values,
    timeoutSeconds: config.addressTimeoutSeconds,
    ingressHost: config.portkey.ingressHost || undefined,
    mcpHost: config.portkey.mcpHost || undefined,
    // A port-forward only serves the smoke test, and only when no smoke-test-url says where to go instead.
    portForward: config.smokeTest.enabled && !config.smokeTest.url,
    signal,
  };
}

export type AddressSource = 'load-balancer' | 'ingress' | 'port-forward' | 'cluster-ip';

export interface GatewayAddress {
  ip?: string;
  hostname?: string;
  port: number;
  /** Where the gateway answers from here: public/internal address, or the local end of the port-forward. */
  url: string;
  mcpUrl?: string;
  internal: boolean;
  via: AddressSource;
  serviceName: string;
  /** `http://<service>.<namespace>.svc.cluster.local:<port>`, for callers inside the cluster. */
  inClusterUrl: string;
  /** Stops the port-forward, if one was started. */
  close(): Promise<void>;
}

type Published = { ip?: string; hostname?: string };

/** Where the gateway answers, as the log shows it (`npm run bench` times the action by this line). */
function describeAddress(address: Pick<GatewayAddress, 'url' | 'mcpUrl'>): string {
  return `Gateway: ${address.url}${address.mcpUrl ? `, MCP gateway: ${address.mcpUrl}` : ''}`;
}

export async function waitForAddress(
  input: AddressInput,
  tools: ClusterSession,
  seams: Seams,
): Promise<GatewayAddress> {
  const address = await findAddress(input, tools, seams);
  core.info(`${describeAddress(address)} (${ADDRESS_SOURCE[address.via]})`);
  return address;
}

const ADDRESS_SOURCE: Record<AddressSource, string> = {
  'load-balancer': 'the load balancer of its Service',
  ingress: 'its Ingress',
  'port-forward': 'kubectl port-forward: the Service has no external address',
  'cluster-ip': 'its in-cluster address: the Service has no external address the runner could use',
};

async function findAddress(input: AddressInput, tools: ClusterSession, seams: Seams): Promise<GatewayAddress> {
  const fullname = gatewayFullname(input.releaseName, input.values);
  const target = findGatewayTarget(parseManifest(input.manifest), fullname);
  if (!target) {
    throw new ActionError(`The release's manifest has no gateway Service named ${fullname} with a port.`, {
      input: 'server-mode',
      hint:
        'The chart names it after fullnameOverride or the release name; with SERVER_MODE `mcp` the gateway ' +
        'Service has no port. Check values that rename or disable the Service.',
    });
  }
  const wantsMcp = servesMcp(input.values);
  const common = {
    port: target.port,
    internal: target.internal,
    serviceName: fullname,
    inClusterUrl: inClusterUrl(fullname, input.namespace, target.port),
    close: async () => {},
  };

  if (target.ingress) {
    const found = await waitForPublished('ingress', target.ingress.name, input, tools, seams);
    const scheme = (host: string) => (target.ingress!.tlsHosts.includes(host) ? 'https' : 'http');
    const host = input.ingressHost || found.ip || found.hostname!;
    return {
      ...common,
      ...found,
      port: scheme(host) === 'https' ? 443 : 80,
      url: baseUrl(host, scheme(host) === 'https' ? 443 : 80, scheme(host)),
      mcpUrl: wantsMcp
        ? input.mcpHost
          ? baseUrl(input.mcpHost, scheme(input.mcpHost) === 'https' ? 443 : 80, scheme(input.mcpHost))
          : mcpUrlOnService(target, host, input.namespace)
        : undefined,
      via: 'ingress',
    };
  }

  if (target.serviceType === 'LoadBalancer') {
    const found = await waitForPublished('service', fullname, input, tools, seams);
    const host = found.ip ?? found.hostname!;
    return {
      ...common,
      ...found,
      url: baseUrl(host, target.port),
      mcpUrl: wantsMcp ? mcpUrlOnService(target, host, input.namespace) : undefined,
      via: 'load-balancer',
    };
  }

  const mcpUrl = wantsMcp
    ? mcpUrlOnService(target, `${fullname}.${input.namespace}.svc.cluster.local`, input.namespace)
    : undefined;
  // A remote cluster's runner cannot reach it at all: the smoke test goes through its API server instead.
  if (input.portForward === false || tools.remote)
    return { ...common, url: common.inClusterUrl, mcpUrl, via: 'cluster-ip' };
  const forward = await startPortForward(
    tools,
    seams,
    { namespace: input.namespace, service: fullname, port: target.port },
    input.signal,
  );
  return { ...common, url: baseUrl('127.0.0.1', forward.localPort), mcpUrl, via: 'port-forward', close: forward.close };
}

/** MCP on the gateway Service's own `mcp` port, else on the separate MCP Service (in-cluster only). */
function mcpUrlOnService(target: GatewayTarget, host: string, namespace: string): string | undefined {
  if (target.mcpPort) return baseUrl(host, target.mcpPort);
  if (target.mcpService) return inClusterUrl(target.mcpService.name, namespace, target.mcpService.port);
  return undefined;
}

async function waitForPublished(
  kind: 'service' | 'ingress',
  name: string,
  input: AddressInput,
  tools: ClusterSession,
  seams: Seams,
): Promise<Published> {
  const deadline = seams.now() + input.timeoutSeconds * 1000;
  core.info(
    `Waiting up to ${input.timeoutSeconds} s for ${kind} ${name} in ${input.namespace} to get an IP address or hostname.`,
  );
  let lastError: string | undefined;
  const found = await poll(
    { deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal },
    seams,
    async () => {
      const read = await tryKubectlJson<{ status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } } }>(
        tools,
        seams,
        ['get', kind, name, '-n', input.namespace],
        input.signal,
      );
      lastError = read.ok ? undefined : read.error;
      return (read.ok && read.value && loadBalancerAddress(read.value)) || undefined;
    },
  );
  if (found) return found;

  const events = await readEvents(tools, seams, input.namespace, name, input.signal);
  const diagnosis = [
    section(`Events of ${kind} ${name}`, events.ok ? { ok: true, value: formatEvents(events.value) } : events),
  ];
  if (lastError) diagnosis.push(`Last error while watching: ${lastError}`);
  const what = kind === 'service' ? `The load balancer of Service ${name}` : `The Ingress ${name}`;
  throw new ActionError(`${what} got no IP address or hostname within ${input.timeoutSeconds} s.`, {
    input: kind === 'service' ? 'address-timeout' : 'ingress-class',
    hint:
      kind === 'service'
        ? 'The events in the diagnosis name the cause: public IP quota reached, a static-ip-name that is in use or ' +
          'lives in another resource group (set static-ip-resource-group), a full subnet for an internal load ' +
          'balancer, or the cluster identity lacking rights on the resource group. If Azure is only slow, raise address-timeout.'
        : 'No ingress controller published an address: check that a controller for the ingress-class is installed ' +
          '(for example the application routing add-on) and read the events in the diagnosis.',
    diagnosis: diagnosis.join('\n\n'),
  });
}

interface PortForward {
  localPort: number;
  close(): Promise<void>;
}

const FORWARDING = /Forwarding from 127\.0\.0\.1:(\d+)/;

/** `kubectl port-forward svc/<name> :<port>`: kubectl picks a free local port and prints it. */
async function startPortForward(
  tools: ClusterSession,
  seams: Seams,
  target: { namespace: string; service: string; port: number },
  signal?: AbortSignal,
  readyWithinMs = 20000,
): Promise<PortForward> {
  const controller = new AbortController();
  let localPort: number | undefined;
  let exit: RunResult | Error | undefined;
  const running = runKubectl(
    tools,
    seams,
    ['port-forward', `svc/${target.service}`, `:${target.port}`, '-n', target.namespace, '--address', '127.0.0.1'],
    {
      signal: controller.signal,
      onLine: (line) => {
        localPort ??= Number(FORWARDING.exec(line)?.[1]) || undefined;
      },
    },
  ).then(
    (result) => (exit = result),
    (error: Error) => (exit = error),
  );
  const close = async () => {
    controller.abort();
    await running;
  };

  const deadline = seams.now() + readyWithinMs;
  await poll({ deadline, intervalMs: 100, signal }, seams, async () =>
    localPort !== undefined || exit !== undefined ? true : undefined,
  ).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  if (localPort !== undefined && exit === undefined) return { localPort, close };

  await close();
  const why =
    exit instanceof Error
      ? exit.message
      : exit
        ? `kubectl exited with ${exit.exitCode}: ${(exit.stderr || exit.stdout).trim()}`
        : `no "Forwarding from" line within ${readyWithinMs / 1000} s`;
  throw new ActionError(`Could not port-forward to Service ${target.service} for the smoke test: ${why}`, {
    input: 'smoke-test-url',
    hint: 'Set smoke-test-url to an address the runner can reach, or smoke-test: false to skip the smoke test.',
  });
}
