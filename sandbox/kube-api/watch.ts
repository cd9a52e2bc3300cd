// `?watch=true`: a long response of JSON lines `{"type":"ADDED","object":{…}}`. Three starts, as on a real server:
// - `sendInitialEvents=true` (WatchList, used by client-go 1.35 informers): ADDED for every current object, then a
//   BOOKMARK annotated `k8s.io/initial-events-end: "true"` to say the initial state is complete;
// - `resourceVersion` unset or "0": the current objects as ADDED events, then changes;
// - `resourceVersion=N`: the changes after N, replayed from history, then live ones (410 Gone if too old).
// Headers are flushed at once (kubectl waits for them before it prints anything), and the watcher is dropped on the
// response's 'close', never the request's: on Node 20+ the request emits 'close' as soon as its body is read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiVersionOf, type ResourceType } from './resources.js';
import type { KubeObject } from './selectors.js';
import { KubeError, type ObjectStore, type StoreEvent } from './store.js';

export interface WatchRequest {
  store: ObjectStore;
  type: ResourceType;
  namespace?: string;
  matches: (object: KubeObject) => boolean;
  query: URLSearchParams;
  watches: Set<ServerResponse>;
}

export function serveWatch(_req: IncomingMessage, res: ServerResponse, watch: WatchRequest): void {
  const { store, type, namespace, matches, query } = watch;
  const relevant = (event: StoreEvent) =>
    event.resource === type &&
    (namespace === undefined || event.object.metadata.namespace === namespace) &&
    matches(event.object);
  const from = query.get('resourceVersion') ?? '';
  const initial = query.get('sendInitialEvents') === 'true';
  let backlog: StoreEvent[] | undefined = [];
  if (!initial && from !== '' && from !== '0') {
    backlog = store.eventsSince(Number(from));
    if (!backlog) throw new KubeError(410, 'Expired', `too old resource version: ${from} (${store.resourceVersion})`);
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const line = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);

  if (initial || from === '' || from === '0') {
    for (const object of store.list(type, namespace, matches)) line('ADDED', object);
  }
  if (initial) {
    line('BOOKMARK', {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: store.resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } },
    });
  }
  for (const event of backlog.filter(relevant)) line(event.type, event.object);

  const unsubscribe = store.subscribe((event) => {
    if (relevant(event)) line(event.type, event.object);
  });
  watch.watches.add(res);
  const timeout = Number(query.get('timeoutSeconds') ?? 0);
  const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
  res.on('close', () => {
    clearTimeout(timer);
    unsubscribe();
    watch.watches.delete(res);
  });
}
