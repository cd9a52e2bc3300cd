// The in-memory object store: every object keyed by resource type, namespace and name, one resourceVersion counter
// for the whole cluster (as etcd's revision), and the watch fan-out. A short event history lets a client that
// lists and then watches "from" that list's resourceVersion see the changes made in between, as a real server does;
// without it `kubectl rollout status` could miss the update it waits for.
import { randomUUID } from 'node:crypto';
import { apiVersionOf, type ResourceType } from './resources.js';
import type { KubeObject, Predicate } from './selectors.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceType;
  object: KubeObject;
  resourceVersion: number;
}

/** An error the server turns into a Kubernetes Status body with this HTTP code. */
export class KubeError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function notFound(type: ResourceType, name: string): KubeError {
  const what = type.group ? `${type.resource}.${type.group}` : type.resource;
  return new KubeError(404, 'NotFound', `${what} "${name}" not found`, {
    name,
    group: type.group,
    kind: type.resource,
  });
}

const HISTORY_LIMIT = 5000;

export class ObjectStore {
  private revision = 1;
  private readonly objects = new Map<ResourceType, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  get resourceVersion(): string {
    return String(this.revision);
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    let bucket = this.objects.get(type);
    if (!bucket) this.objects.set(type, (bucket = new Map()));
    return bucket;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.bucket(type).get(`${namespace ?? ''}/${name}`);
    return found && structuredClone(found);
  }

  list(type: ResourceType, namespace?: string, predicate: Predicate = () => true): KubeObject[] {
    return [...this.bucket(type).values()]
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .filter(predicate)
      .map((o) => structuredClone(o));
  }

  create(type: ResourceType, input: KubeObject): KubeObject {
    const object = structuredClone(input);
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (this.bucket(type).has(key)) {
      const what = type.group ? `${type.resource}.${type.group}` : type.resource;
      throw new KubeError(409, 'AlreadyExists', `${what} "${object.metadata.name}" already exists`, {
        name: object.metadata.name,
        group: type.group,
        kind: type.resource,
      });
    }
    object.apiVersion = apiVersionOf(type);
    object.kind = type.kind;
    object.metadata.uid = randomUUID();
    object.metadata.generation = 1;
    object.metadata.creationTimestamp = new Date().toISOString();
    delete object.metadata.resourceVersion;
    return this.commit(type, key, object, 'ADDED');
  }

  /**
   * Replaces an object. A stale resourceVersion is a 409 Conflict, as optimistic concurrency demands. A change
   * outside metadata and status bumps `metadata.generation`; `subresource: 'status'` only takes the status.
   */
  update(type: ResourceType, input: KubeObject, subresource?: string): KubeObject {
    const key = `${input.metadata.namespace ?? ''}/${input.metadata.name}`;
    const current = this.bucket(type).get(key);
    if (!current) throw notFound(type, input.metadata.name);
    const wanted = input.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) {
      const what = type.group ? `${type.resource}.${type.group}` : type.resource;
      throw new KubeError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${what} "${input.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name: input.metadata.name, group: type.group, kind: type.resource },
      );
    }
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...structuredClone(current), status: structuredClone(input.status) };
    } else {
      next = structuredClone(input);
      next.status = structuredClone(current.status ?? input.status);
      if (next.status === undefined) delete next.status;
      const { uid, creationTimestamp, generation } = current.metadata;
      next.metadata = { ...next.metadata, uid, creationTimestamp, generation };
      if (JSON.stringify(specOf(next)) !== JSON.stringify(specOf(current)))
        next.metadata.generation = (generation ?? 1) + 1;
    }
    next.apiVersion = apiVersionOf(type);
    next.kind = type.kind;
    if (JSON.stringify(next) === JSON.stringify(current)) return structuredClone(current);
    return this.commit(type, key, next, 'MODIFIED');
  }

  /** Deletes an object and, like the garbage collector, everything it owns. */
  delete(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const key = `${namespace ?? ''}/${name}`;
    const current = this.bucket(type).get(key);
    if (!current) throw notFound(type, name);
    this.bucket(type).delete(key);
    const gone = this.record(type, current, 'DELETED');
    for (const [ownedType, bucket] of this.objects) {
      for (const owned of [...bucket.values()]) {
        const refs = (owned.metadata.ownerReferences ?? []) as { uid: string }[];
        const inDeletedNamespace = type.kind === 'Namespace' && owned.metadata.namespace === name;
        if (inDeletedNamespace || refs.some((ref) => ref.uid === current.metadata.uid)) {
          this.delete(ownedType, owned.metadata.namespace, owned.metadata.name);
        }
      }
    }
    return gone;
  }

  /** Calls `listener` for every change made from now on (the simulated controllers' informer). */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `resourceVersion`, or undefined when the history no longer reaches back that far (410 Gone). */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    if (this.history.length > 0 && this.history[0].resourceVersion > resourceVersion + 1) return undefined;
    return this.history.filter((e) => e.resourceVersion > resourceVersion);
  }

  private commit(type: ResourceType, key: string, object: KubeObject, eventType: WatchEventType): KubeObject {
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    this.bucket(type).set(key, object);
    return this.record(type, object, eventType, false);
  }

  private record(type: ResourceType, object: KubeObject, eventType: WatchEventType, bump = true): KubeObject {
    if (bump) {
      this.revision++;
      object = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.revision) } };
    }
    const event: StoreEvent = {
      type: eventType,
      resource: type,
      object: structuredClone(object),
      resourceVersion: this.revision,
    };
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    for (const listener of this.listeners) listener(event);
    return structuredClone(object);
  }
}

/** Everything that counts as the object's desired state, for the generation counter. */
function specOf(object: KubeObject): unknown {
  const rest: Record<string, unknown> = { ...object };
  delete rest.metadata;
  delete rest.status;
  return rest;
}
