import { describe, expect, it } from '@jest/globals';
import { parseFailureBudget } from '../../../src/inputs/scalars.js';
import {
  allowedFailures,
  availabilityError,
  availabilityLine,
  judgeAvailability,
  percentile,
  skippedAvailability,
  summarize,
  type Sample,
} from '../../../src/verify/availability/stats.js';

/** `ok:2.13.0`, `503`, `timeout`: one sample per letter of a rollout, 100 ms apart, latency from the index. */
function samples(spec: string[]): Sample[] {
  return spec.map((s, i) => {
    const [kind, version] = s.split(':');
    const sentAt = 1000 + i * 100;
    if (kind === 'ok') return { sentAt, latencyMs: 10 + i, ok: true, status: 200, version };
    if (kind === 'timeout') return { sentAt, latencyMs: 5000, ok: false, status: 0, failure: 'no answer in time' };
    return { sentAt, latencyMs: 10 + i, ok: false, status: Number(kind), failure: `HTTP ${kind}` };
  });
}

describe('summarize', () => {
  it.each([
    ['nothing sent', [], { requests: 0, failed: 0, longestFailureRun: 0, p50Ms: 0, p95Ms: 0, byVersion: {} }],
    [
      'an upgrade that dropped nothing',
      ['ok:2.13.0', 'ok:2.13.0', 'ok:2.13.1', 'ok:2.13.0', 'ok:2.13.1'],
      { requests: 5, failed: 0, longestFailureRun: 0, byVersion: { '2.13.0': 3, '2.13.1': 2 }, failures: {} },
    ],
    [
      'two blips and a run of three',
      ['ok:a', '503', 'ok:a', '503', 'timeout', '502', 'ok:b'],
      {
        requests: 7,
        failed: 4,
        longestFailureRun: 3,
        byVersion: { a: 2, b: 1 },
        failures: { 'HTTP 503': 2, 'no answer in time': 1, 'HTTP 502': 1 },
      },
    ],
    ['pods that do not say their version', ['ok', 'ok'], { byVersion: { unknown: 2 } }],
  ])('%s', (_name, spec, expected) => {
    expect(summarize(samples(spec))).toMatchObject(expected);
  });

  it('orders by the time each was sent, not by when it finished', () => {
    const [a, b, c] = samples(['503', 'ok:x', '503']);
    expect(summarize([b, c, a]).longestFailureRun).toBe(1);
  });

  it('leaves requests nothing answered out of the latency', () => {
    const stats = summarize(samples(['ok:x', 'timeout', 'timeout', 'ok:x']));
    expect(stats.p95Ms).toBeLessThan(100);
  });
});

describe('percentile', () => {
  it.each([
    [[], 95, 0],
    [[7], 50, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('of %j at p%d is %d', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });
});

describe('the failure budget', () => {
  it.each([
    ['0', { count: 0 }],
    ['3', { count: 3 }],
    ['1%', { percent: 1 }],
    ['0.5%', { percent: 0.5 }],
    ['100%', { percent: 100 }],
  ])('reads %s', (raw, expected) => {
    expect(parseFailureBudget(raw)).toEqual(expected);
  });

  it.each(['-1', '1.5', '101%', 'few', '%'])('refuses %s with a sentence saying what to write', (raw) => {
    expect(() => parseFailureBudget(raw)).toThrow(/neither a number of failed requests \(`3`\) nor a share/);
  });

  it.each([
    [{ count: 2 }, 1000, 2],
    [{ percent: 1 }, 99, 0],
    [{ percent: 1 }, 100, 1],
    [{ percent: 1 }, 1204, 12],
    [{ percent: 0 }, 1204, 0],
  ])('%j of %d requests allows %d', (budget, requests, expected) => {
    expect(allowedFailures(budget, requests)).toBe(expected);
  });

  it.each([
    ['within', ['ok:a', '503', ...Array(99).fill('ok:a')], { percent: 1 }, 'passed'],
    ['over', ['ok:a', '503', '503', ...Array(98).fill('ok:a')], { percent: 1 }, 'failed'],
    ['none allowed', ['ok:a', '503'], { count: 0 }, 'failed'],
  ])('a rollout %s the budget: %s', (_name, spec, budget, verdict) => {
    expect(judgeAvailability(summarize(samples(spec)), budget, 'GET /v1/health').verdict).toBe(verdict);
  });

  it('fails the deploy with what failed, how often in a row, and the input to change', () => {
    const report = judgeAvailability(
      summarize(samples(['ok:a', '503', 'timeout', 'ok:b'])),
      { count: 1 },
      'GET /v1/health on X',
    );
    const error = availabilityError(report);
    expect(error.message).toBe(
      'The gateway did not keep serving through the rollout: 2 of 4 requests to GET /v1/health on X failed during ' +
        'the rollout (1 × HTTP 503, 1 × no answer in time; at most 2 in a row), more than the budget of 1.',
    );
    expect(error.details.input).toBe('availability-budget');
    expect(error.details.hint).toMatch(/zero-downtime/);
  });
});

describe('the summary line', () => {
  it.each([
    [
      'the issue’s example',
      [...Array(612).fill('ok:2.13.0'), ...Array(592).fill('ok:2.13.1')],
      /^During the rollout: 1,204 requests, 0 failed, p95 [\d,]+ ms; 612 answered by 2\.13\.0, 592 by 2\.13\.1\.$/,
    ],
    ['failures and no answer at all', ['503', 'timeout'], /^During the rollout: 2 requests, 2 failed, p95 \d+ ms\.$/],
  ])('%s', (_name, spec, expected) => {
    expect(availabilityLine(judgeAvailability(summarize(samples(spec)), { count: 0 }, 't'))).toMatch(expected);
  });

  it('says why nothing was measured', () => {
    expect(availabilityLine(skippedAvailability('t', 'nothing served before this deploy.'))).toBe(
      'During the rollout: not measured (nothing served before this deploy).',
    );
  });
});
