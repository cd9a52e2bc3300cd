// What the availability stream saw, in numbers: requests, failures, the longest run of failures, latency percentiles
// and which version answered how many; the failure budget's verdict; and the one line the summary leads with. Pure:
// the stream (stream.ts) only collects samples.
import { ActionError } from '../../errors.js';
import type { FailureBudget } from '../../inputs/config.js';

/** One request of the stream. */
export interface Sample {
  /** Epoch ms when it was sent: samples are judged in that order. */
  sentAt: number;
  latencyMs: number;
  /** False when the answer was not the expected one, or nothing answered. */
  ok: boolean;
  /** The HTTP status, 0 when nothing answered. */
  status: number;
  /** The image tag the answering pod said it runs (`x-pod-version`), when it said. */
  version?: string;
  /** Why it failed, in a few words: `503`, `no answer in time`, `ECONNRESET`. */
  failure?: string;
}

export interface AvailabilityStats {
  requests: number;
  failed: number;
  /** The most failures in a row: one blip reads differently from ten seconds without a gateway. */
  longestFailureRun: number;
  p50Ms: number;
  p95Ms: number;
  /** Successful answers by the version that gave them; `unknown` for pods that do not say. */
  byVersion: Record<string, number>;
  /** Failures by reason, most frequent first. */
  failures: Record<string, number>;
}

export type AvailabilityVerdict = 'passed' | 'failed' | 'skipped';

export interface AvailabilityReport extends AvailabilityStats {
  verdict: AvailabilityVerdict;
  /** Failed requests the budget allowed for this many requests. */
  allowed: number;
  /** What the stream went to: `GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server`. */
  target: string;
  /** Why it was skipped, or the verdict in words. */
  message: string;
}

export const UNKNOWN_VERSION = 'unknown';

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const countBy = (keys: string[]): Record<string, number> => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
};

export function summarize(samples: Sample[]): AvailabilityStats {
  const ordered = [...samples].sort((a, b) => a.sentAt - b.sentAt);
  let run = 0;
  let longestFailureRun = 0;
  for (const sample of ordered) {
    run = sample.ok ? 0 : run + 1;
    longestFailureRun = Math.max(longestFailureRun, run);
  }
  // Latency of the answers that came: a request that timed out has no latency worth averaging in.
  const latencies = ordered
    .filter((s) => s.status !== 0)
    .map((s) => s.latencyMs)
    .sort((a, b) => a - b);
  const answered = ordered.filter((s) => s.ok);
  // Versions in the order they first answered, so the old one reads first.
  const byVersion: Record<string, number> = {};
  for (const s of answered)
    byVersion[s.version ?? UNKNOWN_VERSION] = (byVersion[s.version ?? UNKNOWN_VERSION] ?? 0) + 1;
  return {
    requests: ordered.length,
    failed: ordered.length - answered.length,
    longestFailureRun,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    byVersion,
    failures: countBy(ordered.filter((s) => !s.ok).map((s) => s.failure ?? String(s.status))),
  };
}

/** Failed requests the budget allows out of `requests`: a share is rounded down, so 1% of 99 allows none. */
export function allowedFailures(budget: FailureBudget, requests: number): number {
  return 'count' in budget ? budget.count : Math.floor((budget.percent / 100) * requests);
}

export function judgeAvailability(stats: AvailabilityStats, budget: FailureBudget, target: string): AvailabilityReport {
  const allowed = allowedFailures(budget, stats.requests);
  const passed = stats.failed <= allowed;
  const reasons = Object.entries(stats.failures)
    .map(([reason, n]) => `${n} × ${reason}`)
    .join(', ');
  const message = passed
    ? `${stats.failed} of ${stats.requests} requests failed, within the budget of ${allowed}.`
    : `${stats.failed} of ${stats.requests} requests to ${target} failed during the rollout (${reasons}; at most ` +
      `${stats.longestFailureRun} in a row), more than the budget of ${allowed}.`;
  return { ...stats, verdict: passed ? 'passed' : 'failed', allowed, target, message };
}

export function skippedAvailability(target: string, message: string): AvailabilityReport {
  return { ...summarize([]), verdict: 'skipped', allowed: 0, target, message };
}

const number = (n: number) => n.toLocaleString('en-US');

/** `During the rollout: 1,204 requests, 0 failed, p95 41 ms; 612 answered by 2.13.0, 592 by 2.13.1`. */
export function availabilityLine(report: AvailabilityReport): string {
  if (report.verdict === 'skipped') return `During the rollout: not measured (${report.message.replace(/\.$/, '')}).`;
  const head = `During the rollout: ${number(report.requests)} requests, ${number(report.failed)} failed, p95 ${number(report.p95Ms)} ms`;
  const versions = Object.entries(report.byVersion).map(([version, n], i) =>
    i === 0 ? `${number(n)} answered by ${version}` : `${number(n)} by ${version}`,
  );
  return `${head}${versions.length ? `; ${versions.join(', ')}` : ''}.`;
}

/** The deploy's error for a rollout that failed more requests than the budget allows: it rolls back like a smoke test. */
export function availabilityError(report: AvailabilityReport): ActionError {
  return new ActionError(`The gateway did not keep serving through the rollout: ${report.message}`, {
    input: 'availability-budget',
    hint:
      'Requests failed while the old pods stopped and the new ones started. With `zero-downtime: false` that is the ' +
      "chart's default rolling upgrade: turn it back on. Otherwise look at the new pods (a version that is Ready yet " +
      'fails its clients), raise `termination-grace-period` if long requests were cut, or allow a few failures ' +
      '(`availability-budget: 5`).',
  });
}
