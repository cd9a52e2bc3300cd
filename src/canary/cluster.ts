// Every call the canary makes to the cluster, in one place: the stable Deployment read, the canary Deployment applied
// and deleted, its readiness, the gateway pods listed and each pod's `/metrics` read through the API server's pod
// proxy (`/api/v1/namespaces/NS/pods/NAME:PORT/proxy/metrics`): with the kubeconfig module's client here, with
// kubectl's `get --raw` in a private cluster's command pod or through a kubeconfig's proxy-url, as the smoke test does.
import { runKubectl, type ClusterSession } from '../cluster/session.js';
import { ActionError } from '../errors.js';
import { apiServerClientFor, type ApiServerClient } from '../kubeconfig/index.js';
import type { Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
import type { Workspace } from '../workspace.js';
import type { DeploymentObject } from './workload.js';

interface DeploymentStatus {
  metadata: { generation?: number };
  spec: DeploymentObject['spec'];
  status?: { observedGeneration?: number; readyReplicas?: number; updatedReplicas?: number; replicas?: number };
}

export interface GatewayPod {
  name: string;
  labels: Record<string, string>;
  ready: boolean;
}

export interface CanaryCluster {
  /** A Deployment as the cluster holds it now; undefined when there is none. */
  deployment(name: string, signal?: AbortSignal): Promise<DeploymentStatus | undefined>;
  apply(object: DeploymentObject, signal?: AbortSignal): Promise<void>;
  /** Deletes the canary Deployment (its pods follow); nothing when it is gone already. */
  remove(name: string, signal?: AbortSignal): Promise<void>;
  pods(selector: Record<string, string>, signal?: AbortSignal): Promise<GatewayPod[]>;
  /** A pod's `/metrics` text. */
  metrics(pod: string, port: number, signal?: AbortSignal): Promise<string>;
}

const failed = (what: string, stderr: string, exitCode: number) =>
  new ActionError(`${what} failed: ${stderr.trim().split('\n').at(-1) || `kubectl exited with ${exitCode}`}`, {
    input: 'strategy',
    hint:
      'The canary needs `create`, `patch` and `delete` on deployments, `list` on pods and `get` on `pods/proxy` in ' +
      "the release's namespace (Kubernetes' built-in `edit` ClusterRole grants them), or `strategy: rolling`.",
  });

export function canaryCluster(
  namespace: string,
  session: ClusterSession,
  workspace: Pick<Workspace, 'writePrivateFile'>,
  secrets: SecretSet,
  seams: Seams,
): CanaryCluster {
  const kubectl = async (what: string, args: string[], signal?: AbortSignal) => {
    const result = await runKubectl(session, seams, [...args, '--namespace', namespace], { signal });
    if (result.exitCode !== 0) throw failed(what, result.stderr, result.exitCode);
    return result.stdout;
  };
  const kubectlJson = async <T>(what: string, args: string[], signal?: AbortSignal) => {
    const out = await kubectl(what, [...args, '-o', 'json'], signal);
    return out.trim() ? (JSON.parse(out) as T) : undefined;
  };
  // Made at the first read, not before: a kubeconfig the client cannot use fails the analysis, inside its stage.
  let client: ApiServerClient | undefined;
  const directClient = () => {
    if (session.remote || !session.kubeconfigPath) return undefined;
    const { env, refreshCredentials } = session;
    client ??= apiServerClientFor(session.kubeconfigPath, { env, refreshCredentials, secrets }, seams);
    return client.proxyUrl ? undefined : client;
  };
  return {
    deployment: (name, signal) =>
      kubectlJson<DeploymentStatus>(
        `Reading Deployment ${namespace}/${name}`,
        ['get', 'deployment', name, '--ignore-not-found'],
        signal,
      ),
    async apply(object, signal) {
      const file = await workspace.writePrivateFile('canary.json', JSON.stringify(object));
      const args = ['apply', '--server-side', '--force-conflicts', '--field-manager=portkey-azure-deploy', '-f', file];
      await kubectl(`Applying the canary Deployment ${object.metadata.name}`, args, signal);
    },
    async remove(name, signal) {
      await kubectl(
        `Deleting the canary Deployment ${name}`,
        ['delete', 'deployment', name, '--ignore-not-found'],
        signal,
      );
    },
    async pods(selector, signal) {
      const labels = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const list = await kubectlJson<{ items?: PodObject[] }>(
        'Listing the gateway pods',
        ['get', 'pods', '--selector', labels],
        signal,
      );
      return (list?.items ?? [])
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => ({
          name: p.metadata.name,
          labels: p.metadata.labels ?? {},
          ready: (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
        }));
    },
    async metrics(pod, port, signal) {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}:${port}/proxy/metrics`;
      const direct = directClient();
      if (direct) {
        const response = await direct.send({ method: 'GET', path, signal });
        if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${path}`);
        return response.body;
      }
      const result = await runKubectl(session, seams, ['get', '--raw', path], { signal });
      if (result.exitCode !== 0) throw new Error(result.stderr.trim().split('\n').at(-1) || `exit ${result.exitCode}`);
      return result.stdout;
    },
  };
}

interface PodObject {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status?: { conditions?: { type: string; status: string }[] };
}
