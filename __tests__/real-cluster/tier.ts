// The real-cluster tier's harness: `startRealE2e`, the e2e harness pointed at the real control plane with Portkey's
// real chart and a node agent playing the kubelet, and reads of what the cluster really holds.
import { readFileSync } from 'node:fs';
import { AdminClient, API_URL, adminKubeconfig, type KubeObject } from '../../sandbox/real-cluster/control-plane.js';
import { decodeRelease, encodeRelease } from '../../sandbox/kube-api/helm-release.js';
import { startNodeAgent, type NodeAgent, type NodeAgentRules } from '../../sandbox/real-cluster/node-agent.js';
import type { ClusterEndpoint, SandboxOptions } from '../../sandbox/sandbox.js';
import type { TestCertificate } from '../../sandbox/tls.js';
import { startE2e, type E2e } from '../e2e/harness.js';
import { ENTRA_ADMIN_GROUP, TIER_POD_NETWORK, tierFiles, type TierFiles } from './tier-files.js';

export { TIER_POD_NETWORK };

function tierCertificate(files: TierFiles): TestCertificate {
  const cert = readFileSync(files.certFile, 'utf8');
  return { cert, key: readFileSync(files.keyFile, 'utf8'), caFile: files.certFile, dispose: () => undefined };
}

export const realCluster: ClusterEndpoint = { url: API_URL, kubeconfig: adminKubeconfig };

export interface RealE2e extends E2e<ClusterEndpoint> {
  client: AdminClient;
  agent: NodeAgent;
}

/**
 * The e2e harness on the real control plane and the real chart; `rules` steer the node agent, whose serving pods pass
 * on what they do not answer themselves to the sandbox's gateway in the pod network.
 */
export async function startRealE2e(
  options: Omit<SandboxOptions, 'chart' | 'tls' | 'tokenReview' | 'scenario' | 'podNetwork'> & {
    rules?: Partial<NodeAgentRules>;
  } = {},
): Promise<RealE2e> {
  const files = tierFiles();
  const client = new AdminClient();
  const e2e = await startE2e({
    ...options,
    cluster: realCluster,
    chart: 'real',
    podNetwork: TIER_POD_NETWORK,
    tls: tierCertificate(files),
    tokenReview: options.entraId ? { port: files.tokenReviewPort, groups: [ENTRA_ADMIN_GROUP] } : undefined,
  });
  try {
    const { gateway } = e2e.sandbox;
    const agent = await startNodeAgent(client, options.rules ?? {}, {
      network: TIER_POD_NETWORK,
      podIp: TIER_POD_NETWORK.podIp,
      backend: { host: TIER_POD_NETWORK.podIp, gatewayPort: gateway.port, mcpPort: gateway.mcpPort },
    });
    return {
      ...e2e,
      client,
      agent,
      async close() {
        // Pods first: they talk to the sandbox's gateway.
        await agent.stop().finally(() => e2e.close());
      },
    };
  } catch (error) {
    await e2e.close().catch(() => undefined);
    throw error;
  }
}

/** The chart's env Secret (or ConfigMap), decoded: what the gateway's environment really is. */
export async function gatewayEnvironment(
  client: AdminClient,
  namespace: string,
  name: string,
): Promise<Record<string, string | null>> {
  const secret = await client.get(`/api/v1/namespaces/${namespace}/secrets/${name}`);
  if (!secret) throw new Error(`no Secret ${namespace}/${name}`);
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([key, value]) => [
      key,
      value === null ? null : Buffer.from(value, 'base64').toString('utf8'),
    ]),
  );
}

export async function names(client: AdminClient, collection: string): Promise<string[]> {
  return (await client.list(collection)).map((o: KubeObject) => o.metadata.name).sort();
}

/** The release's revisions as helm recorded them in its Secrets: `[[1, 'superseded'], [2, 'deployed']]`. */
export async function releaseRevisions(
  client: AdminClient,
  namespace: string,
  release: string,
): Promise<[number, string][]> {
  const records = await client.list(
    `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent(`owner=helm,name=${release}`)}`,
  );
  return records
    .map((r): [number, string] => [Number(r.metadata.labels?.version), String(r.metadata.labels?.status)])
    .sort((a, b) => a[0] - b[0]);
}

/** Leaves the newest revision of a release in `status` (e.g. 'pending-upgrade'), the way a killed helm run does. */
export async function markReleaseStatus(client: AdminClient, namespace: string, release: string, status: string) {
  const [newest] = (await releaseRevisions(client, namespace, release)).slice(-1);
  if (!newest) throw new Error(`no helm release ${release} in ${namespace}`);
  const path = `/api/v1/namespaces/${namespace}/secrets/sh.helm.release.v1.${release}.v${newest[0]}`;
  const secret = await client.get(path);
  const record = decodeRelease(secret?.data?.release ?? '');
  record.info = { ...(record.info as Record<string, unknown>), status };
  await client.send(
    'PATCH',
    path,
    { metadata: { labels: { status } }, data: { release: encodeRelease(record) } },
    'application/merge-patch+json',
  );
}

/** The image of the gateway Deployment's first container, as the cluster holds it now. */
export async function gatewayImage(client: AdminClient, namespace: string, name: string): Promise<string> {
  const deployment = await client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${name}`);
  const template = deployment?.spec?.template as { spec: { containers: { image: string }[] } } | undefined;
  return template?.spec.containers[0].image ?? '';
}

/** Polls `check` until it returns something, every 200 ms; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `http://ip:port` of a LoadBalancer Service (its first port), once the node agent has given it an address: by default
 * one that forwards to the Service's ready endpoints, the way clients reach the gateway.
 */
/**
 * The address of a LoadBalancer Service, once it forwards to a ready pod: the action returns when the pods are Ready,
 * a moment before the endpoints and the load balancer follow, and a probe started then counts that moment's resets.
 */
export async function loadBalancerUrl(client: AdminClient, namespace: string, name: string): Promise<string> {
  const url = await waitFor(`the address of ${namespace}/${name}`, async () => {
    const service = await client.get(`/api/v1/namespaces/${namespace}/services/${name}`);
    const ingress = (service?.status?.loadBalancer as { ingress?: { ip?: string }[] } | undefined)?.ingress?.[0];
    const port = (service?.spec?.ports as { port: number }[] | undefined)?.[0]?.port;
    return ingress?.ip ? `http://${ingress.ip}:${port}` : undefined;
  });
  await waitFor(`${url} to reach a ready pod of ${namespace}/${name}`, () =>
    // Any answer is a pod's (a pod that fails its clients answers 503); no ready endpoint is a reset.
    fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      () => undefined,
    ),
  );
  return url;
}
