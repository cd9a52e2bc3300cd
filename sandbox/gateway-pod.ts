// A gateway "pod" inside a network namespace (see ../shared/real-cluster/netns.sh): the real open-source gateway on a
// private port, and the front of gateway-front.ts on the pod's gateway and MCP ports at the namespace's pod IP
// (`--listen`), where the API server's service proxy reaches it at the pod IP the node agent reports; serving pods
// (real-cluster/serving-pod.ts) listen on the same ports at their own IPs and pass requests on to it. Started by
// gateway.ts as `ip netns exec NS node --import tsx sandbox/gateway-pod.ts --listen=IP --port=8787 --mcp-port=8788
// --gateway-port=18787 --upstream=HOST:PORT`; prints `gateway-pod ready` once `GET /` answers through the front, and
// stops with its process group. The open-source gateway refuses a private-IP custom host (`Invalid custom host`) but
// takes loopback, so the OpenAI-shaped upstream, which lives on the host's end of the link, is relayed to the pod's
// own 127.0.0.1:UPSTREAM_RELAY_PORT.
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFront, UPSTREAM_RELAY_PORT } from './gateway-front.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const gatewayScript = path.join(here, '..', 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const flag = (name: string, fallback: number) => Number(option(name) ?? fallback);

const port = flag('port', 8787);
const mcpPort = flag('mcp-port', 8788);
const gatewayPort = flag('gateway-port', 18787);
const upstream = option('upstream');
const listen = option('listen') ?? '127.0.0.1';

if (upstream) {
  const [host, port] = [
    upstream.slice(0, upstream.lastIndexOf(':')),
    Number(upstream.slice(upstream.lastIndexOf(':') + 1)),
  ];
  const relay = createServer((socket) => {
    const out = connect(port, host);
    socket.pipe(out).pipe(socket);
    const drop = () => {
      socket.destroy();
      out.destroy();
    };
    socket.on('error', drop);
    out.on('error', drop);
  });
  await new Promise<void>((resolve) => relay.listen(UPSTREAM_RELAY_PORT, '127.0.0.1', resolve));
}

const gateway = spawn(process.execPath, [gatewayScript, '--headless', `--port=${gatewayPort}`], {
  // Its banner and spinner would garble the `ready` line: only its errors are kept.
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
});
gateway.on('exit', (code, signal) => {
  console.error(`the gateway exited (${code ?? signal})`);
  process.exit(1);
});

const front = await startFront({
  listen,
  port,
  mcpPort,
  gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
});

const deadline = Date.now() + 20000;
for (;;) {
  try {
    const response = await fetch(`http://${listen}:${front.port}/`, { signal: AbortSignal.timeout(1000) });
    if (response.status === 200) break;
  } catch {
    // Not listening yet.
  }
  if (Date.now() > deadline) {
    console.error('the gateway did not answer GET / within 20 s');
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
}
console.log('\ngateway-pod ready');

const stop = () => {
  gateway.removeAllListeners('exit');
  gateway.kill('SIGTERM');
  void front.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
