// Pure decisions about the canary workload: the Deployment derived from the new revision's gateway Deployment, and how
// many of its pods each step runs beside the stable ones. The canary sits behind the same Service (its pods keep the
// labels the Service selects on) and is told apart by one more label the Service does not select on.
import { parseAllDocuments } from 'yaml';
import { ActionError } from '../errors.js';

/** The label only canary pods carry: the Service ignores it, the analysis reads it to tell the two versions apart. */
export const TRACK_LABEL = 'portkey-azure-deploy/track';
export const CANARY_TRACK = 'canary';
const CANARY_SUFFIX = '-canary';

/** The canary Deployment's name beside the gateway Deployment `name`. */
export const canaryName = (name: string) => `${name.slice(0, 63 - CANARY_SUFFIX.length)}${CANARY_SUFFIX}`;

interface Container {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number }[];
  readinessProbe?: { httpGet?: { path?: string } };
  livenessProbe?: { httpGet?: { path?: string } };
  startupProbe?: { httpGet?: { path?: string } };
}

export interface DeploymentObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    replicas?: number;
    selector: { matchLabels?: Record<string, string> };
    template: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Container[] } };
  };
}

/** What the analysis needs to know of the canary: its object, and where its pods' metrics are. */
export interface CanaryWorkload {
  object: DeploymentObject;
  name: string;
  /** The stable Deployment's own selector: every gateway pod, stable or canary. */
  selector: Record<string, string>;
  /** The container port named `gateway` (else the first): where `/metrics` is served. */
  metricsPort: number;
  /** The image tag the canary runs. */
  version: string;
  /** The kubelet's probe paths: its requests are not the gateway's clients, so the analysis leaves them out. */
  probePaths: string[];
}

const tagOf = (image: string) => {
  const bare = image.split('@')[0];
  const colon = bare.lastIndexOf(':');
  return colon > bare.lastIndexOf('/') ? bare.slice(colon + 1) : 'latest';
};

/** The version a gateway Deployment runs: its first container's image tag. */
export const deploymentVersion = (deployment: Pick<DeploymentObject, 'spec'>): string =>
  tagOf(deployment.spec.template.spec?.containers?.[0]?.image ?? '');

/**
 * The canary Deployment, from the gateway Deployment `name` in the manifest helm would apply: the same pod template
 * with the track label added to the pods and the selector, no helm ownership (helm must neither adopt nor delete it),
 * `replicas` set by the step.
 */
export function deriveCanary(manifest: string, name: string, namespace: string): CanaryWorkload {
  const deployment = parseAllDocuments(manifest)
    .map((doc) => doc.toJS() as DeploymentObject | null)
    .find((o) => o?.kind === 'Deployment' && o.metadata?.name === name);
  if (!deployment) {
    throw new ActionError(`The chart rendered no Deployment ${name}, which a canary would copy.`, {
      input: 'strategy',
      hint: 'Use `strategy: rolling`, or check the release name and `fullnameOverride`.',
    });
  }
  const selector = deployment.spec.selector.matchLabels ?? {};
  const containers = deployment.spec.template.spec?.containers ?? [];
  const ports = containers.flatMap((c) => c.ports ?? []);
  const port = ports.find((p) => p.name === 'gateway') ?? ports[0];
  const withTrack = (labels: Record<string, string> = {}) => ({ ...labels, [TRACK_LABEL]: CANARY_TRACK });
  const annotations = Object.fromEntries(
    Object.entries(deployment.metadata.annotations ?? {}).filter(([key]) => !key.startsWith('meta.helm.sh/')),
  );
  const object: DeploymentObject = {
    apiVersion: deployment.apiVersion ?? 'apps/v1',
    kind: 'Deployment',
    metadata: { name: canaryName(name), namespace, labels: withTrack(deployment.metadata.labels), annotations },
    spec: {
      ...deployment.spec,
      selector: { matchLabels: withTrack(selector) },
      template: {
        ...deployment.spec.template,
        metadata: {
          ...deployment.spec.template.metadata,
          labels: withTrack(deployment.spec.template.metadata?.labels),
        },
      },
    },
  };
  const probePaths = containers.flatMap((c) =>
    [c.readinessProbe, c.livenessProbe, c.startupProbe].flatMap((p) => (p?.httpGet?.path ? [p.httpGet.path] : [])),
  );
  return {
    object,
    name: canaryName(name),
    selector,
    metricsPort: port?.containerPort ?? 8787,
    version: deploymentVersion(deployment),
    probePaths: [...new Set(probePaths)],
  };
}

/** The canary object with the replicas of a step. */
export const withReplicas = (object: DeploymentObject, replicas: number): DeploymentObject => ({
  ...object,
  spec: { ...object.spec, replicas },
});

export interface StepShape {
  /** The share asked for (`canary-steps`), in percent. */
  percent: number;
  canaryReplicas: number;
  stableReplicas: number;
  /** The share the replicas give, in percent: what the Service's even spread over pods sends the canary. */
  share: number;
}

/**
 * The canary's replicas for each step: the Service spreads requests over ready pods, so a share is a ratio of pods,
 * canary / (stable + canary), rounded to the nearest and never below one pod. With few stable pods the shares are
 * coarse (2 stable pods: 10 % becomes 1 pod, a third of the traffic); `share` says what each step really gives.
 */
export function stepShapes(percents: number[], stableReplicas: number): StepShape[] {
  return percents.map((percent) => {
    const canaryReplicas = Math.max(1, Math.round((percent * stableReplicas) / (100 - percent)));
    const share = Math.round((canaryReplicas / (stableReplicas + canaryReplicas)) * 1000) / 10;
    return { percent, canaryReplicas, stableReplicas, share };
  });
}

/** `10 % (1 canary pod beside 2 stable, 33.3 % of the traffic)`, for the plan and the log. */
export const describeStep = (step: StepShape): string =>
  `${step.percent} % (${step.canaryReplicas} canary pod${step.canaryReplicas === 1 ? '' : 's'} beside ` +
  `${step.stableReplicas} stable, ${step.share} % of the traffic)`;
