// One `timeout` for the whole release change, rollback included. Before, the upgrade and its rollback each had a
// full `timeout` (and the rollback's own deadline cut helm off mid-wait, leaving the release pending-rollback), so a
// crash loop with `timeout: 3m` ran past six minutes. Now the transaction takes one deadline when it starts and
// splits it: the upgrade (the preflight, helm, the watcher) gets the front, a rollback the reserve at the back. Pure.

/** What a run may take past `timeout`: helm's exit after its own --timeout, the history read, the journal writes. */
export const TIMEOUT_MARGIN_SECONDS = 60;

/** The rollback's share of `timeout`, kept between these bounds: enough for the pods it restores to start. */
const RESERVE = { share: 1 / 3, minSeconds: 30, maxSeconds: 180 };

/**
 * helm's --timeout ends this long after the watcher's deadline: the watcher, which can say which pod is not ready and
 * why, speaks first; helm's own "context deadline exceeded" is only the backstop. Taken from the reserve.
 */
export const HELM_BACKSTOP_SECONDS = 10;

export interface ReleaseBudget {
  /** Epoch ms: the watcher gives up here, and helm's --timeout ends HELM_BACKSTOP_SECONDS later. */
  applyDeadline: number;
  /** Epoch ms: the transaction's end, `timeout` after it began; a rollback must be done by then. */
  end: number;
  /** How long a rollback gets at least, even when a late check (the smoke test) failed past `end`. */
  reserveMs: number;
}

export function splitTimeout(startedAt: number, timeoutSeconds: number): ReleaseBudget {
  const reserveSeconds = Math.min(
    timeoutSeconds / 2,
    Math.max(RESERVE.minSeconds, Math.min(RESERVE.maxSeconds, timeoutSeconds * RESERVE.share)),
  );
  const reserveMs = Math.round(reserveSeconds * 1000);
  const end = startedAt + timeoutSeconds * 1000;
  return { applyDeadline: end - reserveMs, end, reserveMs };
}

/** helm's --timeout for a command started at `now` that must be done by `deadline`: whole seconds, at least 1. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(1, Math.floor((deadline - now) / 1000));
}

/** When a rollback started at `now` must be done: the transaction's end, or the reserve when that has passed. */
export function recoveryDeadline(budget: ReleaseBudget, now: number): number {
  return Math.max(budget.end, now + budget.reserveMs);
}
