// When to try a Resource Manager call again, and after how long. Pure, so every rule is tested without waiting.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const ARM_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** Throttling and server-side failures pass; anything else would fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value?.trim()) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Delay before the next attempt, or undefined to give up. `status` is undefined for a network error.
 * The server's Retry-After wins over our backoff (capped, so a bogus value cannot stall the job).
 */
export function retryDelay(
  attempt: number,
  status: number | undefined,
  retryAfter: string | undefined,
  nowMs: number,
  policy: RetryPolicy = ARM_RETRY,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (status !== undefined && !isRetryableStatus(status)) return undefined;
  const asked = parseRetryAfter(retryAfter, nowMs);
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
