// Finds where the deployed gateway answers: the load balancer's (or Ingress's) published address, and the Services the
// in-cluster smoke test reaches through the API server. A Service with no external address needs no wait at all, and
// nothing is opened: the smoke test's in-cluster path goes through the API server (see service-proxy.ts).
import * as runner from '../runner.js';
import { ActionError } from '../errors.js';
import type { ActionConfig } from '../inputs/config.js';
import type { ClusterSession } from '../cluster/port.js';
import { poll } from '../poll.js';
import type { Seams } from '../seams.js';
import { formatEvents, readEvents, readObjects, section } from './cluster-reads.js';
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
  /** The values the release was deployed with (MergedValues.values). */
  values: Record<string, unknown>;
  timeoutSeconds: number;
  ingressHost?: string;
  mcpHost?: string;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/** The address wait for a deployed release, from the run's own settings. */
export function addressInputFor(
  config: Pick<ActionConfig, 'addressTimeoutSeconds' | 'portkey'>,
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
    signal,
  };
}

export type AddressSource = 'load-balancer' | 'ingress' | 'cluster-ip';

/** A Service port inside the cluster, as the API server's service proxy names it. */
export interface ServicePortRef {
  name: string;
  port: number;
}

export interface GatewayAddress {
  ip?: string;
  hostname?: string;
  port: number;
  /** Where the gateway answers: its public or internal address, or its in-cluster URL for a ClusterIP Service. */
  url: string;
  mcpUrl?: string;
  internal: boolean;
  via: AddressSource;
  serviceName: string;
  /** `http://<service>.<namespace>.svc.cluster.local:<port>`, for callers inside the cluster. */
  inClusterUrl: string;
  /** The gateway's Service port, for the in-cluster smoke test. */
  service: ServicePortRef;
  /** The MCP gateway's Service port (on the gateway Service or its own), when SERVER_MODE runs it. */
  mcpService?: ServicePortRef;
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
  runner.info(`${describeAddress(address)} (${ADDRESS_SOURCE[address.via]})`);
  return address;
}

const ADDRESS_SOURCE: Record<AddressSource, string> = {
  'load-balancer': 'the load balancer of its Service',
  ingress: 'its Ingress',
  'cluster-ip': 'its in-cluster address: the Service has no external address',
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
    service: { name: fullname, port: target.port },
    mcpService: wantsMcp ? mcpServicePort(target) : undefined,
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
  return { ...common, url: common.inClusterUrl, mcpUrl, via: 'cluster-ip' };
}

/** The MCP gateway's own Service when mcp-service made one (that is where its users go), else its port beside the gateway's. */
function mcpServicePort(target: GatewayTarget): ServicePortRef | undefined {
  if (target.mcpService) return target.mcpService;
  return target.mcpPort ? { name: target.serviceName, port: target.mcpPort } : undefined;
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
  runner.info(
    `Waiting up to ${input.timeoutSeconds} s for ${kind} ${name} in ${input.namespace} to get an IP address or hostname.`,
  );
  let lastError: string | undefined;
  const found = await poll(
    { deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal },
    seams,
    async () => {
      const read = await readObjects<{ status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } } }>(
        tools,
        seams,
        { resource: kind, names: [name], namespace: input.namespace },
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
