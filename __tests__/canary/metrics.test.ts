import { describe, expect, it } from '@jest/globals';
import {
  counted,
  figuresOf,
  histogramQuantile,
  judgeCanary,
  readCounters,
  type PodCounters,
  type VersionFigures,
} from '../../src/canary/metrics.js';

/** The enterprise gateway's /metrics, as serving-pod.ts writes it. */
function metricsText(series: { endpoint: string; code: number; buckets: number[] }[]): string {
  const bounds = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
  const lines = ['# HELP request_count Count of requests', '# TYPE request_count counter'];
  for (const s of series) {
    lines.push(`request_count{method="GET",endpoint="${s.endpoint}",code="${s.code}"} ${s.buckets.at(-1)}`);
  }
  lines.push('# TYPE http_request_duration_seconds histogram');
  for (const s of series) {
    const labels = `method="GET",endpoint="${s.endpoint}",code="${s.code}"`;
    bounds.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`));
    lines.push(`http_request_duration_seconds_count{${labels}} ${s.buckets.at(-1)}`);
  }
  return `${lines.join('\n')}\n`;
}
const fast = (n: number) => [n, n, n, n, n, n, n, n, n, n, n, n];
const slow = (n: number) => [0, 0, 0, 0, 0, 0, 0, n, n, n, n, n]; // all between 0.5 s and 1 s

describe('reading a pod’s counters', () => {
  it('sums request_count and the histogram over every series, 5xx counted as errors, probe paths left out', () => {
    const text = metricsText([
      { endpoint: '/v1/chat/completions', code: 200, buckets: fast(80) },
      { endpoint: '/v1/chat/completions', code: 500, buckets: fast(20) },
      { endpoint: '/v1/health', code: 200, buckets: fast(1000) },
      { endpoint: '/v1/models', code: 404, buckets: fast(5) },
    ]);
    const counters = readCounters(text, ['/v1/health']);
    expect(counters.requests).toBe(105);
    expect(counters.errors).toBe(20);
    expect(counters.buckets.get(Infinity)).toBe(105);
    expect(counters.buckets.get(0.005)).toBe(105);
  });

  it('reads escaped label values and ignores comments, other metrics and lines it cannot read', () => {
    const text = [
      '# TYPE request_count counter',
      'request_count{endpoint="/a\\"b",code="502",provider="openai"} 7',
      'process_cpu_seconds_total 12.5',
      'request_count{endpoint="/x",code="200"} NaN-ish',
      'garbage line',
    ].join('\n');
    expect(readCounters(text, ['/a"b'])).toEqual({ requests: 0, errors: 0, buckets: new Map() });
    expect(readCounters(text)).toMatchObject({ requests: 7, errors: 7 });
  });
});

describe('the window: the difference of two reads', () => {
  const at = (requests: number, errors: number, inf: number): PodCounters => ({
    requests,
    errors,
    buckets: new Map([
      [0.1, inf],
      [Infinity, inf],
    ]),
  });
  it.each([
    ['a pod read twice', at(100, 10, 100), at(160, 13, 160), { requests: 60, errors: 3, inf: 60 }],
    ['a pod that appeared meanwhile', undefined, at(30, 1, 30), { requests: 30, errors: 1, inf: 30 }],
    [
      'a pod whose process restarted (counters went down)',
      at(100, 10, 100),
      at(12, 2, 12),
      { requests: 12, errors: 2, inf: 12 },
    ],
  ])('%s', (_what, before, after, expected) => {
    const window = counted(before, after);
    expect({ requests: window.requests, errors: window.errors, inf: window.buckets.get(Infinity) }).toEqual(expected);
  });
});

describe('p95 from the histogram, as histogram_quantile computes it', () => {
  const buckets = (pairs: [number, number][]) => new Map(pairs);
  it.each([
    [
      'everything in the first bucket',
      [
        [0.005, 100],
        [0.01, 100],
        [Infinity, 100],
      ],
      0.95,
      4.75,
    ],
    [
      'linear within the bucket the rank falls in',
      [
        [0.5, 0],
        [1, 100],
        [Infinity, 100],
      ],
      0.95,
      975,
    ],
    [
      'half fast, half slow',
      [
        [0.1, 50],
        [0.5, 50],
        [1, 100],
        [Infinity, 100],
      ],
      0.95,
      950,
    ],
    [
      'beyond the last finite bound: that bound',
      [
        [0.5, 10],
        [1, 10],
        [Infinity, 100],
      ],
      0.95,
      1000,
    ],
    [
      'the median',
      [
        [0.1, 50],
        [0.2, 100],
        [Infinity, 100],
      ],
      0.5,
      100,
    ],
  ] as [string, [number, number][], number, number][])('%s', (_what, pairs, q, ms) => {
    expect(Math.round(histogramQuantile(q, buckets(pairs))! * 1000 * 100) / 100).toBe(ms);
  });
  it('has none without observations', () => {
    expect(histogramQuantile(0.95, new Map([[Infinity, 0]]))).toBeUndefined();
    expect(histogramQuantile(0.95, new Map())).toBeUndefined();
  });
});

describe('a version’s figures over its pods', () => {
  it('adds the pods up', () => {
    const pod = (text: string) => readCounters(text);
    const a = pod(metricsText([{ endpoint: '/', code: 200, buckets: slow(40) }]));
    const b = pod(metricsText([{ endpoint: '/', code: 503, buckets: slow(10) }]));
    expect(figuresOf('2.14.0', [a, b])).toEqual({
      version: '2.14.0',
      pods: 2,
      requests: 50,
      errors: 10,
      errorRatio: 0.2,
      p95Ms: 975,
    });
    expect(figuresOf('2.13.0', [])).toEqual({ version: '2.13.0', pods: 0, requests: 0, errors: 0, errorRatio: 0 });
  });
});

describe('the verdict', () => {
  const limits = { maxErrorRatio: 0.05, maxP95Ms: 2000, maxErrorIncrease: 0.02, minRequests: 50 };
  const figures = (requests: number, errorRatio: number, p95Ms?: number): VersionFigures => ({
    version: 'v',
    pods: 1,
    requests,
    errors: Math.round(requests * errorRatio),
    errorRatio,
    p95Ms,
  });
  it.each([
    ['healthy', figures(100, 0, 20), figures(200, 0, 20), 'passed', []],
    ['exactly at the limits', figures(100, 0.05, 2000), figures(200, 0.04, 20), 'passed', []],
    [
      'too many 5xx',
      figures(100, 0.2, 20),
      figures(200, 0, 20),
      'failed',
      ['canary-max-error-ratio', 'canary-max-error-increase'],
    ],
    ['too slow', figures(100, 0, 2500), figures(200, 0, 20), 'failed', ['canary-max-p95 (2000 ms)']],
    [
      'worse than stable by more than allowed',
      figures(100, 0.04, 20),
      figures(200, 0.01, 20),
      'failed',
      ['canary-max-error-increase (2 %)'],
    ],
    ['as bad as stable: within the increase', figures(100, 0.04, 20), figures(200, 0.03, 20), 'passed', []],
    ['stable with too few requests is not compared', figures(100, 0.04, 20), figures(10, 0, 20), 'passed', []],
  ] as [string, VersionFigures, VersionFigures, string, string[]][])('%s', (_what, canary, stable, verdict, words) => {
    const judged = judgeCanary(canary, stable, limits);
    expect(judged.verdict).toBe(verdict);
    const reasons = judged.verdict === 'failed' ? judged.reasons.join(' ') : '';
    for (const word of words) expect(reasons).toContain(word);
    if (verdict === 'failed') expect(judged.verdict === 'failed' && judged.reasons).toHaveLength(words.length);
  });

  it.each([
    [0, 50, 'no verdict: 0 requests reached the canary, fewer than canary-min-requests (50)'],
    [1, 50, 'no verdict: 1 request reached the canary, fewer than canary-min-requests (50)'],
    [49, 50, 'no verdict: 49 requests reached the canary, fewer than canary-min-requests (50)'],
  ])('%d requests against a minimum of %d: no verdict, said as such', (requests, minRequests, reason) => {
    expect(judgeCanary(figures(requests, 1, 5000), figures(500, 0, 20), { ...limits, minRequests })).toEqual({
      verdict: 'no-verdict',
      reason,
    });
  });

  it('with canary-min-requests 0, judges whatever came, nothing included', () => {
    expect(judgeCanary(figures(0, 0), figures(0, 0), { ...limits, minRequests: 0 })).toEqual({ verdict: 'passed' });
  });
});
