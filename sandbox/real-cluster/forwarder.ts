// The tier's load balancers, as one process in the pod network (started by load-balancer.ts through programs.ts): each
// listens on a load balancer's address and port and forwards every TCP connection to one of the backends it was last
// given, in turn. It knows nothing of Kubernetes: load-balancer.ts tells it the Service's ready endpoints, at most
// once a second, as kube-proxy does, so a pod told to stop keeps getting new connections until the next sync. A
// connection whose backend refuses it, or that has no backend, is reset, as a client of kube-proxy sees it.
// Commands arrive on stdin as JSON lines (ForwarderCommand); each is answered on stdout by its id.
// Only node: imports and types: it runs compiled, without a loader.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { ForwarderCommand } from './load-balancer.js';

interface Listener {
  server: Server;
  backends: { host: string; port: number }[];
  next: number;
}
const listeners = new Map<string, Listener>();

function forward(client: Socket, listener: Listener) {
  const backend = listener.backends[listener.next++ % Math.max(listener.backends.length, 1)];
  if (!backend) return client.resetAndDestroy();
  const upstream = connect({ host: backend.host, port: backend.port });
  client.pipe(upstream).pipe(client);
  upstream.on('error', () => client.resetAndDestroy());
  client.on('error', () => upstream.resetAndDestroy());
}

async function apply(command: ForwarderCommand): Promise<void> {
  const key = `${command.address}:${command.port}`;
  const existing = listeners.get(key);
  if (command.backends === null) {
    listeners.delete(key);
    if (existing) await new Promise<void>((resolve) => existing.server.close(() => resolve()));
    return;
  }
  const backends = command.backends.map((b) => ({
    host: b.slice(0, b.lastIndexOf(':')),
    port: Number(b.slice(b.lastIndexOf(':') + 1)),
  }));
  if (existing) {
    existing.backends = backends;
    return;
  }
  const listener: Listener = { server: createServer((client) => forward(client, listener)), backends, next: 0 };
  await new Promise<void>((resolve, reject) => {
    listener.server.once('error', reject);
    listener.server.listen(command.port, command.address, () => resolve());
  });
  listeners.set(key, listener);
}

// One command at a time, in the order sent: a close and a listen on the same address never race.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as ForwarderCommand;
  queue = queue.then(() =>
    apply(command).then(
      () => console.log(JSON.stringify({ id: command.id })),
      (error: Error) => console.log(JSON.stringify({ id: command.id, error: error.message })),
    ),
  );
});
// The node agent is gone: so are its load balancers.
process.stdin.on('end', () => process.exit(0));
