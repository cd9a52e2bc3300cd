// The cloud controller's part: a Service of type LoadBalancer, and an Ingress, get an address after the scenario's
// delay. With address 'none' the Service gets a Warning `SyncLoadBalancerFailed` instead, as on AKS when the public
// IP cannot be created; switching the scenario later retries such objects.
import { recordEvent } from './events.js';
import { findByGroupResource } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { ObjectStore } from './store.js';
import type { KubeScenario } from './index.js';

const SERVICES = findByGroupResource('', 'services')!;
const INGRESSES = findByGroupResource('networking.k8s.io', 'ingresses')!;

type Dict = Record<string, unknown>;

const FAILURE =
  'Error syncing load balancer: failed to ensure load balancer: PublicIPCountLimitReached: Cannot create more than 10 public IP addresses for this subscription in this region.';

function ingressOf(object: KubeObject): unknown[] {
  return (
    (((object.status as Dict | undefined)?.loadBalancer as Dict | undefined)?.ingress as unknown[] | undefined) ?? []
  );
}

export class LoadBalancerController {
  /** uid → pending timer, or 'failed' when the address was refused and no retry is due. */
  private readonly pending = new Map<string, NodeJS.Timeout | 'failed'>();

  constructor(
    private readonly store: ObjectStore,
    private readonly scenario: () => KubeScenario,
  ) {}

  reconcile(kind: 'Service' | 'Ingress', namespace: string, name: string): void {
    const type = kind === 'Service' ? SERVICES : INGRESSES;
    const object = this.store.get(type, namespace, name);
    if (!object) return;
    const wantsAddress = kind === 'Ingress' || (object.spec as Dict | undefined)?.type === 'LoadBalancer';
    const uid = object.metadata.uid!;
    if (!wantsAddress) {
      this.forget(uid);
      if (ingressOf(object).length > 0) this.store.update(type, { ...object, status: { loadBalancer: {} } }, 'status');
      return;
    }
    if (ingressOf(object).length > 0 || this.pending.has(uid)) return;
    const { after } = this.scenario().loadBalancer;
    if (kind === 'Service')
      recordEvent(this.store, object, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller');
    const timer = setTimeout(() => this.assign(kind, namespace, name, uid), after);
    timer.unref();
    this.pending.set(uid, timer);
  }

  private assign(kind: 'Service' | 'Ingress', namespace: string, name: string, uid: string): void {
    const type = kind === 'Service' ? SERVICES : INGRESSES;
    const object = this.store.get(type, namespace, name);
    if (!object || object.metadata.uid !== uid) return this.forget(uid);
    const { address } = this.scenario().loadBalancer;
    if (address === 'none') {
      this.pending.set(uid, 'failed');
      if (kind === 'Service')
        recordEvent(this.store, object, 'Warning', 'SyncLoadBalancerFailed', FAILURE, 'service-controller');
      return;
    }
    this.pending.delete(uid);
    const entry =
      'ip' in address
        ? { ip: address.ip, ...(kind === 'Service' ? { ipMode: 'VIP' } : {}) }
        : { hostname: address.hostname };
    this.store.update(type, { ...object, status: { loadBalancer: { ingress: [entry] } } }, 'status');
    if (kind === 'Service')
      recordEvent(this.store, object, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller');
  }

  /** After a scenario change: objects whose address was refused try again under the new scenario. */
  retryFailed(): void {
    for (const [uid, state] of this.pending) if (state === 'failed') this.pending.delete(uid);
    for (const type of [SERVICES, INGRESSES]) {
      for (const object of this.store.list(type)) {
        this.reconcile(type.kind as 'Service' | 'Ingress', object.metadata.namespace!, object.metadata.name);
      }
    }
  }

  private forget(uid: string): void {
    const state = this.pending.get(uid);
    if (state && state !== 'failed') clearTimeout(state);
    this.pending.delete(uid);
  }

  stop(): void {
    for (const uid of [...this.pending.keys()]) this.forget(uid);
  }
}
