// Every call the canary makes to the cluster, in one place: the stable Deployment read, the canary Deployment applied
// and deleted, its readiness, the gateway pods listed and each pod's `/metrics` read through the API server's pod
// proxy (`/api/v1/namespaces/NS/pods/NAME:PORT/proxy/metrics`): with the kubeconfig module's client here, with
// kubectl's `get --raw` in a private cluster's command pod or through a kubeconfig's proxy-url, as the smoke test does.
import { clusterPort } from '../cluster/local.js';
import type { ClusterChange, ClusterRead, ClusterSession } from '../cluster/port.js';
import { ActionError } from '../errors.js';
import { apiServerClientFor, type ApiServerClient } from '../kubeconfig/index.js';
import type { RunResult, Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
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
  /** Each pod's `/metrics` text, or why it could not be read; one runCommand invocation for them all. */
  metrics(pods: string[], port: number, signal?: AbortSignal): Promise<(string | Error)[]>;
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
  secrets: SecretSet,
  seams: Seams,
): CanaryCluster {
  const port = clusterPort(session, seams);
  const checked = async (what: string, answer: Promise<RunResult>) => {
    const result = await answer;
    if (result.exitCode !== 0) throw failed(what, result.stderr, result.exitCode);
    return result.stdout;
  };
  const read = async <T>(what: string, request: ClusterRead, signal?: AbortSignal) => {
    const out = await checked(what, port.read(request, signal));
    return out.trim() ? (JSON.parse(out) as T) : undefined;
  };
  const change = (what: string, request: ClusterChange, signal?: AbortSignal) =>
    checked(what, port.change(request, { stop: signal }));
  // Made at the first read, not before: a kubeconfig the client cannot use fails the analysis, inside its stage.
  let client: ApiServerClient | undefined;
  const directClient = () => {
    const { access, env } = session;
    if (access.via !== 'kubeconfig') return undefined;
    const { kubeconfigPath, refreshCredentials } = access;
    client ??= apiServerClientFor(kubeconfigPath, { env, refreshCredentials, secrets }, seams);
    return client.proxyUrl ? undefined : client;
  };
  return {
    deployment: (name, signal) =>
      read<DeploymentStatus>(
        `Reading Deployment ${namespace}/${name}`,
        { kind: 'objects', resource: 'deployment', names: [name], namespace, ignoreNotFound: true },
        signal,
      ),
    async apply(object, signal) {
      const placed = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        ...object,
        metadata: { ...object.metadata, namespace },
      };
      await change(`Applying the canary Deployment ${object.metadata.name}`, { kind: 'apply', object: placed }, signal);
    },
    async remove(name, signal) {
      const request = { kind: 'delete' as const, resource: 'deployment', name, namespace };
      await change(`Deleting the canary Deployment ${name}`, request, signal);
    },
    async pods(selector, signal) {
      const labels = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const list = await read<{ items?: PodObject[] }>(
        'Listing the gateway pods',
        { kind: 'objects', resource: 'pods', namespace, selector: labels },
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
    async metrics(pods, podPort, signal) {
      const pathOf = (pod: string) =>
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}:${podPort}/proxy/metrics`;
      const direct = directClient();
      if (direct) {
        return Promise.all(
          pods.map(async (pod) => {
            const response = await direct.send({ method: 'GET', path: pathOf(pod), signal }).catch((e: Error) => e);
            if (response instanceof Error) return response;
            return response.status === 200 ? response.body : new Error(`HTTP ${response.status} from ${pathOf(pod)}`);
          }),
        );
      }
      const answers = await port.readAll(
        pods.map((pod) => ({ kind: 'raw', path: pathOf(pod) })),
        signal,
      );
      return answers.map((result) =>
        result.exitCode === 0
          ? result.stdout
          : new Error(result.stderr.trim().split('\n').at(-1) || `exit ${result.exitCode}`),
      );
    },
  };
}

interface PodObject {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status?: { conditions?: { type: string; status: string }[] };
}
