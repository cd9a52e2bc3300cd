// The smoke-test target: the real open-source Portkey gateway (npm `@portkey-ai/gateway`) run under Node 24, behind
// the front of gateway-front.ts (the enterprise image's `/v1/health`, a stand-in MCP server, a switch that breaks the
// pod), plus a tiny OpenAI-shaped upstream, so a chat completion can travel the whole way offline:
// smoke test → gateway (`x-portkey-provider: openai`, `x-portkey-custom-host`) → upstream → back.
// On loopback by default; with `netns`, inside a network namespace at a pod IP, where a real API server's service
// proxy can reach it (it refuses loopback endpoints).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTROL, startFront, UPSTREAM_RELAY_PORT, type FrontRequest, type PodHealth } from './gateway-front.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The action's runtime, from the `node` npm package: the machine's own node may be older. */
export const node24 = path.join(repoRoot, 'node_modules', 'node', 'bin', 'node');
const gatewayScript = path.join(repoRoot, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

/** What the open-source gateway answers on `GET /`; it has no `/v1/health`. */
export const GATEWAY_GREETING = 'AI Gateway says hey!';

export interface UpstreamRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A network namespace made by ../shared/real-cluster/netns.sh: the pod IP inside, the host's end of the link. */
export interface PodNetwork {
  name: string;
  hostIp: string;
  podIp: string;
}

/** The ports a gateway pod of the real chart listens on (container-port and MCP_PORT defaults). */
export const POD_PORTS = { gateway: 8787, mcp: 8788 } as const;

export interface Gateway {
  /**
   * `http://127.0.0.1:<port>` (the address a LoadBalancer at 127.0.0.1 with `service.port = port` leads to), or
   * `http://<pod IP>:8787` in a network namespace.
   */
  url: string;
  port: number;
  /** The stand-in MCP server beside it (answers `GET /v1/health`). */
  mcpUrl: string;
  mcpPort: number;
  /** Set when the gateway runs in a network namespace. */
  podNetwork?: PodNetwork;
  /** `failing`: every request to the pod is answered 503, as by a broken gateway. */
  setHealth(health: PodHealth): Promise<void>;
  /** Every request the pod received (gateway and MCP ports), oldest first. */
  received(): Promise<FrontRequest[]>;
  /** The gateway's process (and process group) id. */
  pid: number;
  upstream: {
    /** Base URL for `x-portkey-custom-host`, ending in `/v1`. */
    url: string;
    /** Every request the upstream received (headers include the provider key the gateway forwarded). */
    requests: UpstreamRequest[];
  };
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Fixed gateway port on loopback; a free one by default. */
  port?: number;
  /** Run as a pod in this network namespace, on POD_PORTS. */
  netns?: PodNetwork;
  /** Milliseconds to wait for `GET /` to answer; 20 s by default. */
  startTimeoutMs?: number;
}

/**
 * A port nobody listens on right now, on any interface: the gateway listens on all of them (the kernel picks it; the
 * tiny race before reuse is acceptable in tests).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A chat.completion the way OpenAI shapes it, echoing the requested model. */
export function chatCompletionReply(model: string, content = 'Hello from the sandbox upstream.') {
  return {
    id: `chatcmpl-sandbox${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 },
    system_fingerprint: 'fp_sandbox',
  };
}

async function startUpstream(
  host = '127.0.0.1',
): Promise<{ server: Server; url: string; requests: UpstreamRequest[] }> {
  const requests: UpstreamRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/chat/completions')) {
        send(404, { error: { message: `Unknown route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      if (!req.headers.authorization?.startsWith('Bearer ')) {
        send(401, { error: { message: 'Missing API key', type: 'invalid_request_error', code: 'invalid_api_key' } });
        return;
      }
      let model = 'unknown';
      try {
        model = String((JSON.parse(body) as { model?: unknown }).model ?? model);
      } catch {
        send(400, { error: { message: 'Body is not JSON', type: 'invalid_request_error' } });
        return;
      }
      send(200, chatCompletionReply(model));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${host}:${port}/v1`, requests };
}

/** Kills the whole process group (the gateway may fork) and waits until the leader is gone. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  signalGroup('SIGKILL');
}

async function waitForGreeting(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The Portkey gateway exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200 && (await response.text()).includes(GATEWAY_GREETING)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The Portkey gateway did not answer GET ${url}/ within ${timeoutMs} ms:\n${output()}`);
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  if (options.netns) return startGatewayPod(options.netns, options.startTimeoutMs ?? 30000);
  const upstream = await startUpstream();
  const internalPort = await freePort();
  // Its own process group, so close() can take down anything it forks; no shell, no inherited stdio.
  const child = spawn(node24, [gatewayScript, '--headless', `--port=${internalPort}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let front: Awaited<ReturnType<typeof startFront>> | undefined;
  const close = async () => {
    await stopProcessGroup(child);
    await front?.close();
    await closeServer(upstream.server);
  };
  try {
    await waitForGreeting(`http://127.0.0.1:${internalPort}`, child, () => output, options.startTimeoutMs ?? 20000);
    front = await startFront({
      listen: '127.0.0.1',
      port: options.port ?? 0,
      mcpPort: 0,
      gatewayUrl: `http://127.0.0.1:${internalPort}`,
    });
  } catch (error) {
    await close();
    throw error;
  }
  const f = front;
  return {
    url: `http://127.0.0.1:${f.port}`,
    port: f.port,
    mcpUrl: `http://127.0.0.1:${f.mcpPort}`,
    mcpPort: f.mcpPort,
    pid: child.pid!,
    upstream: { url: upstream.url, requests: upstream.requests },
    setHealth: async (health) => {
      f.health = health;
    },
    received: async () => [...f.requests],
    close,
  };
}

const podScript = path.join(repoRoot, 'sandbox', 'gateway-pod.ts');

/** The gateway as a pod in `netns`: gateway-pod.ts run there, steered through the front's control routes. */
async function startGatewayPod(netns: PodNetwork, startTimeoutMs: number): Promise<Gateway> {
  const upstream = await startUpstream(netns.hostIp);
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      netns.name,
      node24,
      '--import',
      'tsx',
      podScript,
      `--listen=${netns.podIp}`,
      `--port=${POD_PORTS.gateway}`,
      `--mcp-port=${POD_PORTS.mcp}`,
      '--gateway-port=18787',
      `--upstream=${new URL(upstream.url).host}`,
    ],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    },
  );
  let output = '';
  let ready = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
    if (/^gateway-pod ready$/m.test(output)) ready = true;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const close = async () => {
    await stopProcessGroup(child);
    await closeServer(upstream.server);
  };
  const url = `http://${netns.podIp}:${POD_PORTS.gateway}`;
  try {
    const deadline = Date.now() + startTimeoutMs;
    while (!ready) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The gateway pod in ${netns.name} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
      }
      if (Date.now() > deadline) throw new Error(`The gateway pod in ${netns.name} did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }
  const controlCall = async (method: string, route: string, body?: string) => {
    const response = await fetch(`${url}${CONTROL}/${route}`, { method, body, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`${method} ${CONTROL}/${route}: HTTP ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    url,
    port: POD_PORTS.gateway,
    mcpUrl: `http://${netns.podIp}:${POD_PORTS.mcp}`,
    mcpPort: POD_PORTS.mcp,
    podNetwork: netns,
    pid: child.pid!,
    // As the gateway in the pod sees it: relayed to its loopback, the only non-public custom host it accepts.
    upstream: { url: `http://127.0.0.1:${UPSTREAM_RELAY_PORT}/v1`, requests: upstream.requests },
    setHealth: async (health) => {
      await controlCall('PUT', 'health', health);
    },
    received: async () => (await controlCall('GET', 'requests')) as FrontRequest[],
    close,
  };
}
