// The one way the action waits: for a pending release, a rollout, a load balancer's address, a gateway that is
// warming up, a throttled Resource Manager. Every wait ends at its deadline, wakes early when told to, and stops at
// once when the workflow is cancelled, so a cancelled run still gets to write its outputs and summary.
import { ActionError } from './errors.js';
import type { Seams } from './seams.js';

export interface WaitOptions {
  /** Epoch ms after which no further attempt starts; no deadline when omitted. */
  deadline?: number;
  /** Aborted when the workflow is cancelled. */
  signal?: AbortSignal;
  /** Settles when looking again at once is worth it (helm has finished, say). */
  wake?: Promise<unknown>;
}

export type Clock = Pick<Seams, 'now' | 'sleep'>;

/**
 * Settles as `work` does, or rejects with `error()` once `giveUp` aborts: the work itself goes on, unwatched (a helm
 * that has not exited yet, a command in a private cluster's pod).
 */
export function until<T>(work: Promise<T>, giveUp: AbortSignal, error: () => Error): Promise<T> {
  if (giveUp.aborted) return Promise.reject(error());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(error());
    giveUp.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => giveUp.removeEventListener('abort', stop));
  });
}

/** Throws the cancellation (the reason main gave the signal) once the workflow is cancelled. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof Error ? signal.reason : new ActionError('The workflow was cancelled.');
}

/**
 * Sleeps `ms`, or less: up to the deadline, until `wake` settles. Throws when the workflow is cancelled meanwhile.
 * False when the deadline has already passed, so there is nothing left to wait for.
 */
export async function pause(ms: number, options: WaitOptions, clock: Clock): Promise<boolean> {
  throwIfCancelled(options.signal);
  const left = (options.deadline ?? Infinity) - clock.now();
  if (left <= 0) return false;
  // A nap that `wake` cut short is stopped too: its timer would otherwise keep the process alive after the last stage.
  const woken = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, woken.signal]) : woken.signal;
  const nap = clock.sleep(Math.min(ms, left), signal).catch(() => undefined);
  try {
    await (options.wake ? Promise.race([nap, options.wake.catch(() => undefined)]) : nap);
  } finally {
    woken.abort();
  }
  throwIfCancelled(options.signal);
  return true;
}

export interface PollOptions extends WaitOptions {
  /** The pause before attempt n + 1 (n from 1): a number, or a function for a backoff. */
  intervalMs: number | ((attempt: number) => number);
}

/**
 * Calls `attempt` until it returns something other than undefined, and resolves with it; resolves with undefined
 * when the deadline passes first. `attempt` throws to stop with an error. `wake` counts once: after it settled, the
 * loop sleeps its interval again.
 */
export async function poll<T>(
  options: PollOptions,
  clock: Clock,
  attempt: (n: number) => Promise<T | undefined>,
): Promise<T | undefined> {
  let wake: Promise<void> | undefined;
  const settled = () => {
    wake = undefined;
  };
  wake = options.wake?.then(settled, settled);
  for (let n = 1; ; n++) {
    throwIfCancelled(options.signal);
    const result = await attempt(n);
    if (result !== undefined) return result;
    const ms = typeof options.intervalMs === 'number' ? options.intervalMs : options.intervalMs(n);
    if (!(await pause(ms, { ...options, wake }, clock))) return undefined;
  }
}
