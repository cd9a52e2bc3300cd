import { describe, expect, it } from '@jest/globals';
import { isRetryableStatus, parseRetryAfter, retryDelay } from '../../src/azure/retry.js';

const now = Date.parse('2026-11-22T10:00:00Z');

describe('retry decisions', () => {
  it('retries throttling and server errors only', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially up to the cap when the server gives no Retry-After', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 503, undefined, now))).toEqual([1000, 2000, 4000, 8000]);
    const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(retryDelay(6, 500, undefined, now, policy)).toBe(5000);
  });

  it("honours the server's Retry-After, capped", () => {
    expect(retryDelay(1, 429, '3', now)).toBe(3000);
    expect(retryDelay(1, 429, '3600', now)).toBe(30_000);
  });

  it('retries network errors but gives up on client errors and after the last attempt', () => {
    expect(retryDelay(1, undefined, undefined, now)).toBe(1000);
    expect(retryDelay(1, 403, '1', now)).toBeUndefined();
    expect(retryDelay(5, 503, undefined, now)).toBeUndefined();
  });
});
