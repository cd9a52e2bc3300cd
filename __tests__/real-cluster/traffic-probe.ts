// A test's own count of what the gateway's clients went through, independent of the action: N clients, each sending
// one request after another through the load balancer (a new connection each, as short-lived clients do), by default
// to the serving pods' stream route, which answers like a short stream of `requestMs`. Each request is a success
// (a complete 2xx or 3xx answer) or a failure with its kind: `reset` (refused, reset or cut before the answer was
// complete), `5xx`, `timeout`, or `other` (any other status). The report counts them, gives the p50 and p95 of the
// successes and which pod and which version (POD_HEADERS) answered how many.
import { request } from 'node:http';
import { POD_HEADERS, STREAM_ROUTE } from '../../sandbox/real-cluster/pod-behaviour.js';

export type FailureKind = 'reset' | '5xx' | 'timeout' | 'other';

export interface TrafficOptions {
  /** The load balancer: `http://ip:port`. */
  url: string;
  clients: number;
  /** How long each request of the stream route takes; 1500 ms by default. */
  requestMs?: number;
  /** Another path instead of the stream route (`/v1/health`, say). */
  path?: string;
  /** A request not complete after this long is a `timeout`; `requestMs` + 5 s by default. */
  timeoutMs?: number;
}

export interface RequestRecord {
  /** Milliseconds since the epoch. */
  startedAt: number;
  ms: number;
  status?: number;
  pod?: string;
  version?: string;
  failure?: { kind: FailureKind; detail: string };
}

export interface TrafficReport {
  sent: number;
  succeeded: number;
  failed: number;
  failures: Record<FailureKind, number>;
  p50Ms: number;
  p95Ms: number;
  /** Successful answers by the pod and by the version that gave them. */
  byPod: Record<string, number>;
  byVersion: Record<string, number>;
  requests: RequestRecord[];
}

export interface TrafficProbe {
  /** What has been counted so far (requests still in flight are not). */
  report(): TrafficReport;
  /** Lets every client finish its request in flight, then reports. */
  stop(): Promise<TrafficReport>;
}

function once(url: string, timeoutMs: number): Promise<RequestRecord> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const done = (record: Omit<RequestRecord, 'startedAt' | 'ms'>) =>
      resolve({ startedAt, ms: Date.now() - startedAt, ...record });
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      const answered = {
        status: res.statusCode,
        pod: res.headers[POD_HEADERS.name] as string | undefined,
        version: res.headers[POD_HEADERS.version] as string | undefined,
      };
      res.resume();
      res.on('error', (error) => done({ ...answered, failure: { kind: 'reset', detail: error.message } }));
      res.on('close', () => {
        const status = res.statusCode ?? 0;
        if (!res.complete) return done({ ...answered, failure: { kind: 'reset', detail: 'answer cut short' } });
        if (status >= 500) return done({ ...answered, failure: { kind: '5xx', detail: `HTTP ${status}` } });
        if (status >= 400) return done({ ...answered, failure: { kind: 'other', detail: `HTTP ${status}` } });
        done(answered);
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.message === 'timeout')
        return done({ failure: { kind: 'timeout', detail: `no answer in ${timeoutMs} ms` } });
      done({ failure: { kind: 'reset', detail: error.code ?? error.message } });
    });
    req.end();
  });
}

const percentile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

function summarize(requests: RequestRecord[]): TrafficReport {
  const failures: Record<FailureKind, number> = { reset: 0, '5xx': 0, timeout: 0, other: 0 };
  const byPod: Record<string, number> = {};
  const byVersion: Record<string, number> = {};
  const latencies: number[] = [];
  for (const record of requests) {
    if (record.failure) {
      failures[record.failure.kind]++;
      continue;
    }
    latencies.push(record.ms);
    if (record.pod) byPod[record.pod] = (byPod[record.pod] ?? 0) + 1;
    if (record.version) byVersion[record.version] = (byVersion[record.version] ?? 0) + 1;
  }
  latencies.sort((a, b) => a - b);
  return {
    sent: requests.length,
    succeeded: latencies.length,
    failed: requests.length - latencies.length,
    failures,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    byPod,
    byVersion,
    requests: [...requests],
  };
}

export function startTraffic(options: TrafficOptions): TrafficProbe {
  const requestMs = options.requestMs ?? 1500;
  const url = `${options.url}${options.path ?? `${STREAM_ROUTE}?ms=${requestMs}`}`;
  const timeoutMs = options.timeoutMs ?? requestMs + 5000;
  const requests: RequestRecord[] = [];
  let stopping = false;
  const client = async () => {
    while (!stopping) {
      const record = await once(url, timeoutMs);
      requests.push(record);
      // A refused connection comes back at once: a short pause keeps a client from spinning.
      if (record.failure) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const clients = Array.from({ length: options.clients }, client);
  return {
    report: () => summarize(requests),
    async stop() {
      stopping = true;
      await Promise.all(clients);
      return summarize(requests);
    },
  };
}
