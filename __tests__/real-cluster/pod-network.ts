// A gateway "pod" the real API server's service proxy can reach: the apiserver refuses loopback addresses in
// Endpoints, so a network namespace of this tier's own (../shared/real-cluster/netns.sh, root) gives the pod an
// address, and a tiny server listening there answers like the open-source gateway's `GET /`. The node agent gives
// the gateway's pods that address, and the Endpoints controller does the rest.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { GATEWAY_GREETING, node24 } from '../../sandbox/gateway.js';
import { KIT_DIR } from '../../sandbox/real-cluster/control-plane.js';

const execFileAsync = promisify(execFile);

/** Not the shared `pk-pods` (10.250.0.x) of other tiers: a name and subnet of this test's own. */
export const POD_NETWORK = { name: 'pk-runcmd', hostIp: '10.217.0.1', podIp: '10.217.0.2' };
/** The chart's default container port: inside the namespace nothing else listens. */
export const POD_PORT = 8787;

export interface GatewayPod {
  ip: string;
  port: number;
  /** Requests the pod answered: `GET /`. */
  requests(): string[];
  close(): Promise<void>;
}

const SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  process.stdout.write(req.method + ' ' + req.url + '\\n');
  if (req.url !== '/') { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(${JSON.stringify(GATEWAY_GREETING)});
}).listen(${POD_PORT}, '${POD_NETWORK.podIp}', () => process.stdout.write('listening\\n'));
`;

/** Brings the namespace up (idempotent) and starts the pod's server in it. */
export async function startGatewayPod(): Promise<GatewayPod> {
  const { name, hostIp, podIp } = POD_NETWORK;
  await execFileAsync('bash', [path.join(KIT_DIR, 'netns.sh'), 'up', name, hostIp, podIp]);
  const child: ChildProcess = spawn('ip', ['netns', 'exec', name, node24, '-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the gateway pod exited with ${code}`)));
  });
  return {
    ip: podIp,
    port: POD_PORT,
    requests: () => output.split('\n').filter((line) => /^[A-Z]+ \//.test(line)),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await execFileAsync('bash', [path.join(KIT_DIR, 'netns.sh'), 'down', name]);
    },
  };
}
