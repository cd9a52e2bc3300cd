// Pure decisions of the canary analysis, from the gateway pods' own `/metrics` (Prometheus text, the enterprise
// gateway's names): each pod's counters read twice, the window being their difference; per version the requests, the
// error ratio (5xx of `request_count`) and the p95 of `http_request_duration_seconds`; and the verdict against the
// thresholds. Fewer requests than `canary-min-requests` is no verdict, never a pass.
import type { CanaryThresholds } from '../inputs/config.js';

/** One pod's counters at one moment, the kubelet's probe paths left out. */
export interface PodCounters {
  requests: number;
  errors: number;
  /** Cumulative histogram buckets by upper bound in seconds (`+Inf` as Infinity), summed over the series. */
  buckets: Map<number, number>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, key, value] of (text ?? '').matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, '$1');
  return labels;
}

/** A pod's counters from its `/metrics` text; requests to `skipPaths` (the kubelet's probes) are not counted. */
export function readCounters(text: string, skipPaths: string[] = []): PodCounters {
  const counters: PodCounters = { requests: 0, errors: 0, buckets: new Map() };
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line.trim());
    if (!match) continue;
    const [, name, rawLabels, rawValue] = match;
    if (name !== 'request_count' && name !== 'http_request_duration_seconds_bucket') continue;
    const labels = labelsOf(rawLabels);
    const value = Number(rawValue);
    if (!Number.isFinite(value) || skipPaths.includes(labels.endpoint)) continue;
    if (name === 'request_count') {
      counters.requests += value;
      if (/^5\d\d$/.test(labels.code ?? '')) counters.errors += value;
    } else {
      const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
      if (Number.isNaN(le)) continue;
      counters.buckets.set(le, (counters.buckets.get(le) ?? 0) + value);
    }
  }
  return counters;
}

const emptyCounters = (): PodCounters => ({ requests: 0, errors: 0, buckets: new Map() });

/**
 * What a pod counted between two reads. A counter that went down means the process restarted in between: its
 * counts since then are all it has.
 */
export function counted(before: PodCounters | undefined, after: PodCounters): PodCounters {
  const start = before && after.requests >= before.requests ? before : emptyCounters();
  const buckets = new Map<number, number>();
  for (const [le, value] of after.buckets) buckets.set(le, value - (start.buckets.get(le) ?? 0));
  return { requests: after.requests - start.requests, errors: after.errors - start.errors, buckets };
}

export function sumCounters(all: PodCounters[]): PodCounters {
  const total = emptyCounters();
  for (const c of all) {
    total.requests += c.requests;
    total.errors += c.errors;
    for (const [le, value] of c.buckets) total.buckets.set(le, (total.buckets.get(le) ?? 0) + value);
  }
  return total;
}

/**
 * The q-quantile of a cumulative histogram in seconds, as Prometheus' histogram_quantile computes it: linear within
 * the bucket the rank falls in; in the `+Inf` bucket, the highest finite bound. Undefined without observations.
 */
export function histogramQuantile(q: number, buckets: Map<number, number>): number | undefined {
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, count] of sorted) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / Math.max(count - lowerCount, 1e-9);
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}

/** One version's figures over the window. */
export interface VersionFigures {
  version: string;
  pods: number;
  requests: number;
  errors: number;
  /** 5xx of the requests, 0 to 1; 0 without requests. */
  errorRatio: number;
  /** Undefined without requests. */
  p95Ms?: number;
}

export function figuresOf(version: string, pods: PodCounters[]): VersionFigures {
  const total = sumCounters(pods);
  const p95 = histogramQuantile(0.95, total.buckets);
  return {
    version,
    pods: pods.length,
    requests: total.requests,
    errors: total.errors,
    errorRatio: total.requests > 0 ? total.errors / total.requests : 0,
    p95Ms: p95 === undefined ? undefined : Math.round(p95 * 1000),
  };
}

export type Judgement =
  | { verdict: 'passed' }
  | { verdict: 'failed'; reasons: string[] }
  /** Too few requests reached the canary to say anything either way. */
  | { verdict: 'no-verdict'; reason: string };

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10} %`;

/**
 * The canary against the thresholds and against the stable version. A failure shows as soon as `minRequests` have
 * reached the canary; the comparison with stable needs as many stable requests, else it is left out and said so.
 */
export function judgeCanary(canary: VersionFigures, stable: VersionFigures, limits: CanaryThresholds): Judgement {
  if (canary.requests < limits.minRequests) {
    return {
      verdict: 'no-verdict',
      reason:
        `no verdict: ${canary.requests} request${canary.requests === 1 ? '' : 's'} reached the canary, fewer than ` +
        `canary-min-requests (${limits.minRequests})`,
    };
  }
  const reasons: string[] = [];
  if (canary.errorRatio > limits.maxErrorRatio) {
    reasons.push(
      `the canary answered ${percent(canary.errorRatio)} of ${canary.requests} requests with 5xx, more than ` +
        `canary-max-error-ratio (${percent(limits.maxErrorRatio)})`,
    );
  }
  if (canary.p95Ms !== undefined && canary.p95Ms > limits.maxP95Ms) {
    reasons.push(`the canary's p95 latency was ${canary.p95Ms} ms, more than canary-max-p95 (${limits.maxP95Ms} ms)`);
  }
  const increase = canary.errorRatio - stable.errorRatio;
  if (stable.requests >= limits.minRequests && increase > limits.maxErrorIncrease) {
    reasons.push(
      `the canary's error ratio (${percent(canary.errorRatio)}) exceeded the stable version's ` +
        `(${percent(stable.errorRatio)}) by more than canary-max-error-increase (${percent(limits.maxErrorIncrease)})`,
    );
  }
  return reasons.length ? { verdict: 'failed', reasons } : { verdict: 'passed' };
}
