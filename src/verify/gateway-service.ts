// Pure facts about where the gateway is reachable: the chart's naming rule, the Service and Ingress it rendered,
// and the URL an address turns into.
import type { ManifestObject } from './workloads.js';

/** The chart's fullname: `fullnameOverride`, else the release name if it contains "gateway", else `<release>-gateway`. */
export function gatewayFullname(releaseName: string, values: Record<string, unknown>): string {
  const override = typeof values.fullnameOverride === 'string' ? values.fullnameOverride : '';
  const name = override || (releaseName.includes('gateway') ? releaseName : `${releaseName}-gateway`);
  return name.slice(0, 63).replace(/-+$/, '');
}

export interface ServicePort {
  name?: string;
  port: number;
}

export interface GatewayTarget {
  serviceName: string;
  serviceType: string;
  /** The gateway's port on the Service (the port named `gateway`, else the first). */
  port: number;
  /** The MCP port on the same Service, when SERVER_MODE `all` put one there. */
  mcpPort?: number;
  internal: boolean;
  /** Set when the chart rendered an Ingress: its address is the public one. */
  ingress?: { name: string; tlsHosts: string[] };
  /** The separate MCP Service (`mcpService.enabled`), reachable in the cluster only. */
  mcpService?: { name: string; port: number };
}

const INTERNAL_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';

function findObject(objects: ManifestObject[], kind: string, name: string): ManifestObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

function portsOf(service: ManifestObject): ServicePort[] {
  return ((service.spec?.ports as ServicePort[] | undefined) ?? []).filter((p) => typeof p.port === 'number');
}

/** Where to look for the gateway's address, from the rendered manifest; undefined when it has no gateway Service. */
export function findGatewayTarget(objects: ManifestObject[], fullname: string): GatewayTarget | undefined {
  const service = findObject(objects, 'Service', fullname);
  if (!service) return undefined;
  const ports = portsOf(service);
  const gatewayPort = ports.find((p) => p.name === 'gateway') ?? ports.find((p) => p.name !== 'mcp') ?? ports[0];
  if (!gatewayPort) return undefined;
  const ingress = findObject(objects, 'Ingress', fullname);
  const mcpServiceObject = findObject(objects, 'Service', `${fullname}-mcp`);
  const mcpServicePort = mcpServiceObject && portsOf(mcpServiceObject)[0];
  const tls = (ingress?.spec?.tls as { hosts?: string[] }[] | undefined) ?? [];
  return {
    serviceName: fullname,
    serviceType: (service.spec?.type as string | undefined) ?? 'ClusterIP',
    port: gatewayPort.port,
    mcpPort: ports.find((p) => p.name === 'mcp' && p !== gatewayPort)?.port,
    // String(): values written as a YAML boolean arrive here unquoted.
    internal: String(service.metadata?.annotations?.[INTERNAL_ANNOTATION]) === 'true',
    ingress: ingress ? { name: fullname, tlsHosts: tls.flatMap((t) => t.hosts ?? []) } : undefined,
    mcpService: mcpServicePort ? { name: `${fullname}-mcp`, port: mcpServicePort.port } : undefined,
  };
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** The first address Kubernetes published in `status.loadBalancer.ingress`, if any. */
export function loadBalancerAddress(object: { status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } } }) {
  const first = object.status?.loadBalancer?.ingress?.find((i) => i.ip || i.hostname);
  return first ? { ip: first.ip || undefined, hostname: first.hostname || undefined } : undefined;
}

/** `http://host[:port]`: the port left out when it is the scheme's default; IPv6 literals bracketed. */
export function baseUrl(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  const bracketed = host.includes(':') ? `[${host}]` : host;
  const isDefault = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  return `${scheme}://${bracketed}${isDefault ? '' : `:${port}`}`;
}

export function inClusterUrl(serviceName: string, namespace: string, port: number): string {
  return baseUrl(`${serviceName}.${namespace}.svc.cluster.local`, port);
}

/** SERVER_MODE as the chart reads it: the MCP gateway runs for `all` and `mcp`. */
export function servesMcp(values: Record<string, unknown>): boolean {
  const environment = values.environment as { data?: Record<string, unknown> } | undefined;
  const mode = String(environment?.data?.SERVER_MODE ?? '');
  return mode === 'all' || mode === 'mcp';
}
