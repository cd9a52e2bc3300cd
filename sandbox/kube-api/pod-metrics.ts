// A gateway pod's `GET /metrics` through the API server's pod proxy (`/api/v1/namespaces/NS/pods/NAME:PORT/proxy/
// metrics`), for the sandbox's pods, which have no process of their own: Prometheus text with the enterprise
// gateway's names, as if each Ready pod had answered steady traffic since it became Ready (20 requests a second to
// `/v1/chat/completions`), failing and slowed as its image tag says (the real-cluster tier's words, `errors-N` and
// `latency-M`, from pod-behaviour.ts). A pod that is not Ready answers what kube-apiserver says for a pod nobody
// listens on.
import type { ServerResponse } from 'node:http';
import { fateForImage } from '../real-cluster/pod-behaviour.js';
import { findByGroupResource } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { ObjectStore } from './store.js';

const PODS = findByGroupResource('', 'pods')!;
export const POD_METRICS = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/:]+)(?::\d+)?\/proxy\/metrics$/;
const PER_SECOND = 20;
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Dict = Record<string, unknown>;

function readySince(pod: KubeObject): number | undefined {
  const conditions = ((pod.status as Dict | undefined)?.conditions as Dict[] | undefined) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready' && c.status === 'True');
  return ready ? Date.parse(String(ready.lastTransitionTime ?? (pod.status as Dict).startTime)) : undefined;
}

function metricsText(pod: KubeObject, now: number): string | undefined {
  const since = readySince(pod);
  if (since === undefined || pod.metadata.deletionTimestamp) return undefined;
  const image = String(((pod.spec as Dict).containers as Dict[])[0]?.image ?? '');
  const fate = fateForImage(image);
  const behaviour = fate.kind === 'serve' ? (fate.behaviour ?? {}) : {};
  const total = Math.floor(((now - since) / 1000) * PER_SECOND);
  const failed = Math.floor((total * (behaviour.errorPercent ?? 0)) / 100);
  const seconds = 0.003 + (behaviour.latencyMs ?? 0) / 1000;
  const lines = ['# TYPE request_count counter'];
  const series: [number, number][] = [
    [200, total - failed],
    [500, failed],
  ];
  for (const [code, count] of series) {
    lines.push(`request_count{method="POST",endpoint="/v1/chat/completions",code="${code}"} ${count}`);
  }
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (const [code, count] of series) {
    const labels = `method="POST",endpoint="/v1/chat/completions",code="${code}"`;
    for (const le of BUCKETS) {
      lines.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${seconds <= le ? count : 0}`);
    }
    lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${count}`);
    lines.push(`http_request_duration_seconds_count{${labels}} ${count}`);
  }
  return `${lines.join('\n')}\n`;
}

export function servePodMetrics(res: ServerResponse, match: RegExpExecArray, store: ObjectStore): void {
  const [, namespace, name] = match.map((part) => decodeURIComponent(part ?? ''));
  const pod = store.get(PODS, namespace, name);
  const text = pod ? metricsText(pod, Date.now()) : undefined;
  if (text === undefined) {
    const message = pod ? `error trying to reach service: pod ${name} is not ready` : `pods "${name}" not found`;
    const code = pod ? 503 : 404;
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  res.end(text);
}
