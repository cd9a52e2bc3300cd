// Kubernetes Events the simulated controllers record, the way kubelet and the cloud controller do: one Event per
// object, reason and message (the event correlator's key), its `count` growing on repeats, so a pull's "Failed to pull
// image …: 401 Unauthorized" stays beside the "Error: ImagePullBackOff" that follows it. `kubectl get events --field-selector involvedObject.name=…`
// and `kubectl describe` read them.
import { randomBytes } from 'node:crypto';
import { findByGroupResource } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { ObjectStore } from './store.js';

const EVENTS = findByGroupResource('', 'events')!;

export type EventType = 'Normal' | 'Warning';

export function recordEvent(
  store: ObjectStore,
  about: KubeObject,
  type: EventType,
  reason: string,
  message: string,
  component = 'kubelet',
): void {
  const namespace = about.metadata.namespace ?? 'default';
  const now = new Date().toISOString();
  const existing = store
    .list(EVENTS, namespace)
    .find(
      (e) =>
        (e.involvedObject as { uid?: string }).uid === about.metadata.uid &&
        e.reason === reason &&
        e.message === message,
    );
  if (existing) {
    store.update(EVENTS, { ...existing, count: ((existing.count as number) ?? 1) + 1, lastTimestamp: now });
    return;
  }
  store.create(EVENTS, {
    metadata: { name: `${about.metadata.name}.${randomBytes(8).toString('hex')}`, namespace },
    involvedObject: {
      apiVersion: about.apiVersion,
      kind: about.kind,
      name: about.metadata.name,
      namespace,
      uid: about.metadata.uid,
      resourceVersion: about.metadata.resourceVersion,
    },
    type,
    reason,
    message,
    source: { component },
    reportingComponent: component,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  });
}
