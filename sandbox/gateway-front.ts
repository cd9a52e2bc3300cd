// What stands where a gateway pod listens: the enterprise image's `GET /v1/health` (the open-source gateway has no
// such route) in front of the real open-source gateway, every other request passed through to it, and on the MCP port
// a stand-in MCP server that answers the chart's probe path. A switch makes the whole pod answer 503, the way a
// broken gateway does, and every request is recorded so tests can say what travelled (and what never did).
// Only node: imports: gateway-pod.ts runs this inside a network namespace.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PodHealth = 'healthy' | 'failing';

export interface FrontRequest {
  port: 'gateway' | 'mcp';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FrontOptions {
  /** Address to listen on: 127.0.0.1, or 0.0.0.0 inside a pod's network namespace. */
  listen: string;
  /** The gateway port (0: any free one). */
  port: number;
  mcpPort: number;
  /** Where the real gateway listens, reachable from here. */
  gatewayUrl: string;
}

export interface Front {
  port: number;
  mcpPort: number;
  health: PodHealth;
  requests: FrontRequest[];
  close(): Promise<void>;
}

export const HEALTHY_BODY = '{"status":"success","message":"Server is healthy"}';
export const MCP_HEALTHY_BODY = '{"status":"success","message":"MCP server is healthy"}';
const UNHEALTHY_BODY = '{"status":"failure","message":"Server is unhealthy"}';
/** Where a gateway pod relays the OpenAI-shaped upstream, on its own loopback (see gateway-pod.ts). */
export const UPSTREAM_RELAY_PORT = 18789;
/** The control routes tests use to steer a front they cannot call in-process (one in a network namespace). */
export const CONTROL = '/__sandbox';

function json(res: import('node:http').ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const front: Front = { port: 0, mcpPort: 0, health: 'healthy', requests: [], close: async () => {} };
  const upstream = new URL(options.gatewayUrl);

  const control = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.url === `${CONTROL}/health` && req.method === 'PUT') {
        front.health = body.trim() === 'failing' ? 'failing' : 'healthy';
        return json(res, 200, JSON.stringify({ health: front.health }));
      }
      if (req.url === `${CONTROL}/requests` && req.method === 'GET') {
        return json(res, 200, JSON.stringify(front.requests));
      }
      if (req.url === `${CONTROL}/requests` && req.method === 'DELETE') {
        front.requests.length = 0;
        return json(res, 200, '[]');
      }
      json(res, 404, '{"error":"unknown control route"}');
    });
  };

  const gateway = createServer((req, res) => {
    if (req.url?.startsWith(CONTROL)) return control(req, res);
    front.requests.push({ port: 'gateway', method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (front.health === 'failing') return json(res, 503, UNHEALTHY_BODY);
    if (req.method === 'GET' && (req.url === '/v1/health' || req.url?.startsWith('/v1/health?'))) {
      return json(res, 200, HEALTHY_BODY);
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        // A connection per request: a kept-alive one the gateway has meanwhile closed answers 400.
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => json(res, 502, JSON.stringify({ error: `gateway unreachable: ${error.message}` })));
    req.pipe(forward);
  });

  const mcp = createServer((req, res) => {
    if (req.url?.startsWith(CONTROL)) return control(req, res);
    front.requests.push({ port: 'mcp', method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    if (front.health === 'failing') return json(res, 503, UNHEALTHY_BODY);
    if (req.method === 'GET' && req.url === '/v1/health') return json(res, 200, MCP_HEALTHY_BODY);
    json(res, 404, JSON.stringify({ error: `no MCP route ${req.method} ${req.url}` }));
  });

  try {
    front.port = await listen(gateway, options.listen, options.port);
    front.mcpPort = await listen(mcp, options.listen, options.mcpPort);
  } catch (error) {
    await Promise.all([close(gateway), close(mcp)]).catch(() => undefined);
    throw error;
  }
  front.close = async () => {
    await Promise.all([close(gateway), close(mcp)]);
  };
  return front;
}
