// The simulated control loops, driven by the store's change feed like informers. Work is queued per object and run
// on the next turn of the event loop, so an API call answers before controllers react (as on a real cluster) and a
// burst of changes to one object is reconciled once.
import { LoadBalancerController } from './load-balancers.js';
import { PodSimulator } from './pods.js';
import { findByGroupResource } from './resources.js';
import type { ObjectStore, StoreEvent } from './store.js';
import { WorkloadController } from './workloads.js';
import type { KubeScenario } from './index.js';

const OWNER_KINDS = ['ReplicaSet', 'StatefulSet', 'DaemonSet'];

export class Controllers {
  readonly pods: PodSimulator;
  private readonly workloads: WorkloadController;
  private readonly loadBalancers: LoadBalancerController;
  private readonly queue = new Map<string, () => void>();
  private flushing?: NodeJS.Immediate;
  private readonly unsubscribe: () => void;

  constructor(store: ObjectStore, scenario: () => KubeScenario) {
    this.pods = new PodSimulator(store, scenario);
    this.workloads = new WorkloadController(store, this.pods);
    this.loadBalancers = new LoadBalancerController(store, scenario);
    this.unsubscribe = store.subscribe((event) => this.route(event));
  }

  private route({ type, resource, object }: StoreEvent): void {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name;
    const deleted = type === 'DELETED';
    switch (resource.kind) {
      case 'Deployment':
        if (!deleted)
          this.enqueue(`Deployment/${namespace}/${name}`, () => this.workloads.reconcileDeployment(namespace, name));
        break;
      case 'ReplicaSet':
        this.enqueue(`ReplicaSet/${namespace}/${name}`, () => this.workloads.reconcileReplicaSet(namespace, name));
        break;
      case 'StatefulSet':
      case 'DaemonSet':
        if (!deleted) this.enqueuePodSet(resource.kind, namespace, name);
        break;
      case 'Pod': {
        if (deleted) this.pods.forget(object.metadata.uid!);
        const refs = (object.metadata.ownerReferences ?? []) as { kind: string; name: string }[];
        const owner = refs.find((ref) => OWNER_KINDS.includes(ref.kind));
        if (owner?.kind === 'ReplicaSet') {
          this.enqueue(`ReplicaSet/${namespace}/${owner.name}`, () =>
            this.workloads.reconcileReplicaSet(namespace, owner.name),
          );
        } else if (owner) this.enqueuePodSet(owner.kind, namespace, owner.name);
        break;
      }
      case 'Service':
      case 'Ingress': {
        const kind = resource.kind;
        if (!deleted)
          this.enqueue(`${kind}/${namespace}/${name}`, () => this.loadBalancers.reconcile(kind, namespace, name));
        break;
      }
    }
  }

  private enqueuePodSet(kind: string, namespace: string, name: string): void {
    const type = findByGroupResource('apps', kind === 'StatefulSet' ? 'statefulsets' : 'daemonsets')!;
    this.enqueue(`${kind}/${namespace}/${name}`, () => this.workloads.reconcilePodSet(type, namespace, name));
  }

  private enqueue(key: string, work: () => void): void {
    this.queue.set(key, work);
    this.flushing ??= setImmediate(() => {
      this.flushing = undefined;
      const batch = [...this.queue.values()];
      this.queue.clear();
      for (const run of batch) {
        try {
          run();
        } catch (error) {
          // A controller losing a race with a client (object deleted meanwhile) retries on the next event.
          if (process.env.KUBE_API_DEBUG) console.error('kube-api controller:', error);
        }
      }
    });
  }

  onScenarioChange(): void {
    this.pods.onScenarioChange();
    this.loadBalancers.retryFailed();
  }

  stop(): void {
    this.unsubscribe();
    if (this.flushing) clearImmediate(this.flushing);
    this.queue.clear();
    this.pods.stop();
    this.loadBalancers.stop();
  }
}
