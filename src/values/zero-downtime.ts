// The chart values that let a rolling upgrade drop no request (`zero-downtime`), through the chart's own keys. Portkey's
// chart ships one replica, `strategy: {}` (25% unavailable, which rounds to 0 pods of 2 but 1 of 4), no preStop hook
// and 30 s of grace: on a real API server an upgrade of 2 replicas with those cut 17 of 106 requests of 1.5 s, and
// none with these (docs/configurations.md). Pure; prepare.ts ranks the layer just above the chart's defaults, so any
// value the user gives wins.
import type { ZeroDowntimeConfig } from '../inputs/config.js';
import type { KubernetesObject } from '../inputs/extra-objects.js';
import type { Values } from './merge.js';

/**
 * How long a stopping pod keeps serving before it is sent SIGTERM: the Endpoints controller, every node's kube-proxy
 * and Azure's load balancer must stop sending it new connections first (a few seconds each on AKS; the tier's
 * kube-proxy syncs once a second).
 */
export const PRE_STOP_PAUSE_SECONDS = 10;

/** The chart's selector labels: its name (`nameOverride`, else `gateway`) and the release. */
export function gatewaySelector(releaseName: string, nameOverride: unknown): Record<string, string> {
  const name = (typeof nameOverride === 'string' && nameOverride) || 'gateway';
  return { 'app.kubernetes.io/name': name.slice(0, 63).replace(/-+$/, ''), 'app.kubernetes.io/instance': releaseName };
}

export function zeroDowntimeValues(
  config: ZeroDowntimeConfig,
  selector: Record<string, string>,
  replicasGiven: boolean,
): Values {
  if (!config.enabled) return {};
  const spread = (topologyKey: string) => ({
    maxSkew: 1,
    topologyKey,
    // A cluster with one node or one zone still schedules: spreading is a preference, availability is the PDB's job.
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selector },
  });
  return {
    // The `replicas` input, given, is the user's word, and ranks above this.
    ...(replicasGiven ? {} : { replicaCount: 2 }),
    // One new pod at a time, and no old one stopped before its replacement is Ready.
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    // Grace counts from the start of the preStop pause: what is left after it is for requests in flight.
    terminationGracePeriodSeconds: Math.max(config.gracePeriodSeconds, PRE_STOP_PAUSE_SECONDS + 5),
    extraContainerConfig: {
      lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_PAUSE_SECONDS)] } } },
    },
    topologySpreadConstraints: [spread('kubernetes.io/hostname'), spread('topology.kubernetes.io/zone')],
  };
}

/** A warning for a release left with one replica: every rollout and node drain then has a moment with no gateway. */
export function singleReplicaWarning(config: ZeroDowntimeConfig, values: Values): string | undefined {
  const autoscaled = (values.autoscaling as Values | undefined)?.enabled === true;
  if (!config.enabled || autoscaled || values.replicaCount !== 1) return undefined;
  return (
    'The gateway runs 1 replica: a node drain (every AKS node image upgrade) stops it with nothing to take over, ' +
    'and its PodDisruptionBudget cannot help. Set `replicas: 2` or more for a gateway that keeps serving.'
  );
}

/** The API versions a PodDisruptionBudget may be written in: v1 since Kubernetes 1.21, v1beta1 before (and until 1.25). */
export type DisruptionBudgetApi = 'policy/v1' | 'policy/v1beta1';

/**
 * The gateway's PodDisruptionBudget, which the chart has no template for. `maxUnavailable: 1`, not `minAvailable`: a
 * node drain may take one pod at a time and waits for its replacement to be Ready before the next, and a release of
 * one replica is never made undrainable (AKS would fail the node upgrade after its drain timeout).
 */
export function disruptionBudget(
  apiVersion: DisruptionBudgetApi,
  name: string,
  namespace: string,
  selector: Record<string, string>,
): KubernetesObject {
  return {
    apiVersion,
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace, labels: { ...selector, 'app.kubernetes.io/managed-by': 'Helm' } },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  };
}
