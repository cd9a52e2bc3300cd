// A kubelet and scheduler in miniature: each Pod lives out the fate of its pod template (healthy, crash-loop, image
// pull failure…), fixed by the scenario in force when that template was first seen, with the container statuses, conditions, Events and logs a real node would
// produce, so that failure detection in the action can be tested against the real kubectl.
import { randomBytes } from 'node:crypto';
import { recordEvent } from './events.js';
import { templateHash } from './workloads.js';
import { findByGroupResource, type ResourceType } from './resources.js';
import type { KubeObject } from './selectors.js';
import { KubeError, notFound, type ObjectStore } from './store.js';
import type { KubeScenario } from './index.js';

const PODS = findByGroupResource('', 'pods')!;
const NODE = 'aks-nodepool1-12345678-vmss000000';

type Stage =
  | 'creating'
  | 'ready'
  | 'not-ready'
  | 'crash-loop'
  | 'err-image-pull'
  | 'err-image-pull-refused'
  | 'image-pull-backoff'
  | 'config-error'
  | 'unschedulable';

interface PodLife {
  scenario: KubeScenario['pods'];
  template: string;
  stage: Stage;
  restarts: number;
  startedAt: string;
  timer?: NodeJS.Timeout;
}

/** What the gateway container prints; a crash-looping one ends with a fatal configuration error. */
export const HEALTHY_LOG = ['Starting Portkey AI Gateway', 'Your AI Gateway is now running on http://0.0.0.0:8787'];
export const CRASH_LOG = [
  'Starting Portkey AI Gateway',
  'FATAL: invalid configuration: PORTKEY_CLIENT_AUTH is not set',
  'Process exited with code 1',
];

/** containerd's words when the registry refuses the pull secret's credentials. */
const PULL_REFUSED = (image: string) =>
  `failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized`;

type Dict = Record<string, unknown>;
const containersOf = (pod: KubeObject) => ((pod.spec as Dict).containers as Dict[] | undefined) ?? [];

function waitingState(stage: Stage, pod: KubeObject, container: Dict): Dict | undefined {
  const image = String(container.image);
  const secret =
    ((container.envFrom as Dict[] | undefined) ?? [])
      .map((e) => (e.secretRef as Dict | undefined)?.name)
      .find(Boolean) ?? `${pod.metadata.name}-env`;
  const waiting: Partial<Record<Stage, Dict>> = {
    creating: { reason: 'ContainerCreating' },
    'crash-loop': {
      reason: 'CrashLoopBackOff',
      message: `back-off 10s restarting failed container=${container.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
    },
    'err-image-pull': {
      reason: 'ErrImagePull',
      message: `failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: authorization failed`,
    },
    'err-image-pull-refused': { reason: 'ErrImagePull', message: PULL_REFUSED(image) },
    'image-pull-backoff': { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` },
    'config-error': { reason: 'CreateContainerConfigError', message: `secret "${secret}" not found` },
  };
  return waiting[stage];
}

/** The status a kubelet would report for a pod at this stage of its life. Pure. */
export function podStatus(pod: KubeObject, life: Pick<PodLife, 'stage' | 'restarts' | 'startedAt'>): Dict {
  const { stage, restarts, startedAt } = life;
  const now = new Date().toISOString();
  const ready = stage === 'ready';
  const condition = (type: string, status: boolean, extra: Dict = {}) => ({
    type,
    status: status ? 'True' : 'False',
    lastTransitionTime: startedAt,
    ...extra,
  });
  if (stage === 'unschedulable') {
    return {
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [
        condition('PodScheduled', false, {
          reason: 'Unschedulable',
          message:
            '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        }),
      ],
    };
  }
  const unready = {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${containersOf(pod)
      .map((c) => c.name)
      .join(' ')}]`,
  };
  const running = stage === 'ready' || stage === 'not-ready';
  return {
    phase: running || stage === 'crash-loop' ? 'Running' : 'Pending',
    qosClass: 'BestEffort',
    hostIP: '10.224.0.4',
    podIP: `10.244.0.${(parseInt(pod.metadata.uid!.slice(0, 2), 16) % 250) + 2}`,
    startTime: startedAt,
    conditions: [
      condition('PodScheduled', true),
      condition('Initialized', true),
      condition('ContainersReady', ready, ready ? {} : unready),
      condition('Ready', ready, ready ? {} : unready),
    ],
    containerStatuses: containersOf(pod).map((container) => {
      const waiting = waitingState(stage, pod, container);
      return {
        name: container.name,
        image: container.image,
        imageID: running || stage === 'crash-loop' ? `${container.image}@sha256:${'0'.repeat(64)}` : '',
        ready,
        started: running,
        restartCount: restarts,
        state: waiting ? { waiting } : { running: { startedAt } },
        lastState:
          restarts > 0 ? { terminated: { exitCode: 1, reason: 'Error', startedAt: startedAt, finishedAt: now } } : {},
      };
    }),
  };
}

export class PodSimulator {
  private readonly lives = new Map<string, PodLife>();
  /**
   * A pod's fate belongs to its template, as on a real cluster where a crash comes from the image or the config: a
   * rollback to an earlier template brings back pods as healthy as they were, whatever the scenario is now.
   */
  private readonly fates = new Map<string, KubeScenario['pods']>();

  constructor(
    private readonly store: ObjectStore,
    private readonly scenario: () => KubeScenario,
  ) {}

  /** Creates a Pod from a workload's template, owned by it, and starts its life under the current scenario. */
  createPod(owner: KubeObject, ownerType: ResourceType, template: Dict, name?: string): void {
    const { readyAfterMs } = this.scenario();
    const meta = (template.metadata ?? {}) as Dict;
    const pods = this.fateOf(owner, template);
    const pod = this.store.create(PODS, {
      metadata: {
        name: name ?? `${owner.metadata.name}-${randomBytes(3).toString('hex').slice(0, 5)}`,
        namespace: owner.metadata.namespace,
        labels: meta.labels as Record<string, string>,
        annotations: meta.annotations as Record<string, string>,
        ownerReferences: [
          {
            apiVersion: owner.apiVersion,
            kind: ownerType.kind,
            name: owner.metadata.name,
            uid: owner.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { ...structuredClone(template.spec as Dict), ...(pods === 'unschedulable' ? {} : { nodeName: NODE }) },
    });
    const life: PodLife = {
      scenario: pods,
      template: this.templateKey(owner, template),
      stage: 'creating',
      restarts: 0,
      startedAt: new Date().toISOString(),
    };
    this.lives.set(pod.metadata.uid!, life);
    if (pods === 'unschedulable') {
      this.advance(pod, life, 'unschedulable');
      const message = String((podStatus(pod, life).conditions as Dict[])[0].message);
      return recordEvent(this.store, pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
    }
    const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
    recordEvent(
      this.store,
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${where} to ${NODE}`,
      'default-scheduler',
    );
    this.advance(pod, life, 'creating');
    life.timer = setTimeout(() => this.firstOutcome(pod, life), readyAfterMs);
  }

  private firstOutcome(pod: KubeObject, life: PodLife): void {
    const image = String(containersOf(pod)[0]?.image);
    const delay = Math.max(1000, this.scenario().readyAfterMs * 2);
    switch (life.scenario) {
      case 'healthy':
        recordEvent(this.store, pod, 'Normal', 'Started', `Started container ${containersOf(pod)[0]?.name}`);
        return this.advance(pod, life, 'ready');
      case 'never-ready':
        this.advance(pod, life, 'not-ready');
        return recordEvent(
          this.store,
          pod,
          'Warning',
          'Unhealthy',
          'Readiness probe failed: HTTP probe failed with statuscode: 503',
        );
      case 'config-error': {
        this.advance(pod, life, 'config-error');
        const status = this.store.get(PODS, pod.metadata.namespace, pod.metadata.name)?.status as Dict | undefined;
        const waiting = ((status?.containerStatuses as Dict[] | undefined)?.[0]?.state as Dict | undefined)?.waiting as
          Dict | undefined;
        return recordEvent(this.store, pod, 'Warning', 'Failed', `Error: ${waiting?.message}`);
      }
      case 'image-pull-error':
      case 'image-pull-refused': {
        const refused = life.scenario === 'image-pull-refused';
        this.advance(pod, life, refused ? 'err-image-pull-refused' : 'err-image-pull');
        const why = refused
          ? PULL_REFUSED(image)
          : 'pull access denied, repository does not exist or may require authorization';
        recordEvent(this.store, pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${why}`);
        life.timer = setTimeout(() => {
          this.advance(pod, life, 'image-pull-backoff');
          recordEvent(this.store, pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
          recordEvent(this.store, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        }, delay);
        return;
      }
      case 'crash-loop': {
        const crash = () => {
          life.restarts++;
          this.advance(pod, life, 'crash-loop');
          recordEvent(
            this.store,
            pod,
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${containersOf(pod)[0]?.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          );
          // Back-off doubles between restarts, as kubelet's does (capped lower than its five minutes).
          life.timer = setTimeout(crash, Math.min(10_000, delay * 2 ** (life.restarts - 1)));
          life.timer.unref();
        };
        return crash();
      }
    }
  }

  private advance(pod: KubeObject, life: PodLife, stage: Stage): void {
    life.stage = stage;
    const live = this.store.get(PODS, pod.metadata.namespace, pod.metadata.name);
    if (!live) return this.forget(pod.metadata.uid!);
    this.store.update(PODS, { ...live, status: podStatus(live, life) }, 'status');
  }

  /** The container's log as `kubectl logs` gets it, with the API server's errors for containers that never ran. */
  log(namespace: string, name: string, query: URLSearchParams): string {
    const pod = this.store.get(PODS, namespace, name);
    if (!pod) throw notFound(PODS, name);
    const life = this.lives.get(pod.metadata.uid!);
    const container = query.get('container') ?? String(containersOf(pod)[0]?.name);
    if (!containersOf(pod).some((c) => c.name === container)) {
      throw new KubeError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    }
    let lines: string[];
    if (query.get('previous') === 'true') {
      if (!life || life.restarts === 0) {
        throw new KubeError(
          400,
          'BadRequest',
          `previous terminated container "${container}" in pod "${name}" not found`,
        );
      }
      lines = CRASH_LOG;
    } else if (life?.stage === 'crash-loop') lines = CRASH_LOG;
    else if (life?.stage === 'ready' || life?.stage === 'not-ready') lines = HEALTHY_LOG;
    else {
      const reason =
        life?.stage === 'unschedulable'
          ? 'ContainerCreating'
          : waitingState(life?.stage ?? 'creating', pod, {})?.reason;
      throw new KubeError(
        400,
        'BadRequest',
        `container "${container}" in pod "${name}" is waiting to start: ${reason}`,
      );
    }
    const tail = query.get('tailLines');
    const shown = tail !== null ? lines.slice(Math.max(0, lines.length - Number(tail))) : lines;
    return shown.map((line) => `${line}\n`).join('');
  }

  private templateKey(owner: KubeObject, template: Dict): string {
    const labels = ((template.metadata ?? {}) as Dict).labels as Record<string, string> | undefined;
    return `${owner.metadata.namespace}/${labels?.['pod-template-hash'] ?? templateHash(template)}`;
  }

  private fateOf(owner: KubeObject, template: Dict): KubeScenario['pods'] {
    const key = this.templateKey(owner, template);
    const fate = this.fates.get(key) ?? this.scenario().pods;
    this.fates.set(key, fate);
    return fate;
  }

  /** A new scenario decides the fate of templates seen from now on; templates with live pods keep theirs. */
  onScenarioChange(): void {
    const live = new Set([...this.lives.values()].map((life) => life.template));
    for (const key of [...this.fates.keys()]) if (!live.has(key)) this.fates.delete(key);
  }

  forget(uid: string): void {
    clearTimeout(this.lives.get(uid)?.timer);
    this.lives.delete(uid);
  }

  stop(): void {
    for (const uid of [...this.lives.keys()]) this.forget(uid);
  }
}
