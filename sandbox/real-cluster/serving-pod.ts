// One pod of the real-cluster tier, as a process at the pod's own IP in the pod network (started by kubelet.ts through
// programs.ts, with a ServingPodSpec as its only argument). It plays Portkey's enterprise gateway: `GET /v1/health`,
// `GET /metrics` in Prometheus text with the enterprise gateway's metric names, and everything else passed on to the
// tier's one open-source gateway, so a pod costs a small process and not a gateway of its own. Every answer names
// the pod and its version (POD_HEADERS). Like a Node server without a SIGTERM handler, it exits at once on SIGTERM,
// cutting whatever is in flight: what a preStop pause exists to prevent.
// Only node: imports and types: it runs compiled, without a loader.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ServingPodSpec } from './pod-behaviour.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as ServingPodSpec;
const { behaviour } = spec;
const started = Date.now();

/** A crash loop: the process exits before it listens, so no probe ever sees it healthy. */
const crashing = behaviour.exitAfterMs !== undefined;
if (crashing) {
  // What a gateway with a bad configuration does: say why on stderr, exit 1.
  setTimeout(() => {
    console.error(`${spec.id}: Error: invalid configuration, exiting`);
    process.exit(1);
  }, behaviour.exitAfterMs);
}

// --- metrics: the enterprise gateway's names (request_count, http_request_duration_seconds), labelled alike
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
interface Series {
  count: number;
  sum: number;
  buckets: number[];
}
const series = new Map<string, Series>();

function observe(method: string, endpoint: string, code: number, seconds: number) {
  const labels = `method="${method}",endpoint="${endpoint.replace(/["\\\n]/g, '_')}",code="${code}"`;
  let entry = series.get(labels);
  if (!entry) {
    entry = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
    series.set(labels, entry);
  }
  entry.count++;
  entry.sum += seconds;
  BUCKETS.forEach((le, i) => {
    if (seconds <= le) entry.buckets[i]++;
  });
}

function metricsText(): string {
  const lines = ['# HELP request_count Count of requests', '# TYPE request_count counter'];
  for (const [labels, entry] of series) lines.push(`request_count{${labels}} ${entry.count}`);
  lines.push(
    '# HELP http_request_duration_seconds Duration of HTTP requests in seconds',
    '# TYPE http_request_duration_seconds histogram',
  );
  for (const [labels, entry] of series) {
    BUCKETS.forEach((le, i) =>
      lines.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${entry.buckets[i]}`),
    );
    lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${entry.count}`);
    lines.push(`http_request_duration_seconds_sum{${labels}} ${entry.sum}`);
    lines.push(`http_request_duration_seconds_count{${labels}} ${entry.count}`);
  }
  return `${lines.join('\n')}\n`;
}

// --- answers
const podHeaders = { [spec.headers.name]: spec.name, [spec.headers.version]: spec.version };

function send(res: ServerResponse, status: number, body: string, type = 'application/json') {
  res.writeHead(status, { ...podHeaders, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function passOn(req: IncomingMessage, res: ServerResponse, port: number) {
  const forward = request(
    { host: spec.backend.host, port, method: req.method, path: req.url, headers: req.headers, agent: false },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...podHeaders });
      answer.pipe(res);
    },
  );
  forward.on('error', (error) => send(res, 502, JSON.stringify({ error: `gateway unreachable: ${error.message}` })));
  req.pipe(forward);
}

function stream(res: ServerResponse, ms: number) {
  res.writeHead(200, { ...podHeaders, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const tick = setInterval(() => res.write('data: tick\n\n'), 250);
  setTimeout(() => {
    clearInterval(tick);
    res.end('data: done\n\n');
  }, ms);
  res.on('close', () => clearInterval(tick));
}

let served = 0;
/** Evenly spread: request k fails when k·N/100 crosses an integer, so any window of requests holds about N %. */
function failsThisOne(): boolean {
  served++;
  const percent = behaviour.errorPercent ?? 0;
  return Math.floor((served * percent) / 100) > Math.floor(((served - 1) * percent) / 100);
}

function health(req: IncomingMessage, res: ServerResponse) {
  const fromProbe = String(req.headers['user-agent'] ?? '').startsWith(spec.probeUserAgent);
  const warmingUp = behaviour.readyAfterMs !== undefined && Date.now() - started < behaviour.readyAfterMs;
  if (warmingUp || (behaviour.failsClientsButNotProbe && !fromProbe)) {
    return send(res, 503, '{"status":"failure","message":"Server is unhealthy"}');
  }
  send(res, 200, '{"status":"success","message":"Server is healthy"}');
}

async function gateway(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://pod');
  if (req.method === 'GET' && url.pathname === '/metrics')
    return send(res, 200, metricsText(), 'text/plain; version=0.0.4');
  const begun = process.hrtime.bigint();
  res.on('finish', () =>
    observe(req.method ?? 'GET', url.pathname, res.statusCode, Number(process.hrtime.bigint() - begun) / 1e9),
  );
  if (req.method === 'GET' && url.pathname === '/v1/health') return health(req, res);
  if (behaviour.latencyMs) await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs));
  if (failsThisOne()) {
    req.resume();
    return send(res, 500, '{"status":"failure","message":"Internal server error"}');
  }
  if (url.pathname === spec.streamRoute) {
    req.resume();
    return stream(res, Number(url.searchParams.get('ms') ?? 1500));
  }
  passOn(req, res, spec.backend.gatewayPort);
}

for (const { port, role } of crashing ? [] : spec.ports) {
  const server = createServer((req, res) => {
    if (role === 'mcp') return passOn(req, res, spec.backend.mcpPort);
    void gateway(req, res);
  });
  server.on('error', (error) => {
    console.error(`${spec.id}: cannot listen on ${spec.ip}:${port}: ${error.message}`);
    process.exit(2);
  });
  server.listen(port, spec.ip);
}
if (!crashing)
  console.log(`${spec.id}: ${spec.version} serving on ${spec.ip}:${spec.ports.map((p) => p.port).join(',')}`);
