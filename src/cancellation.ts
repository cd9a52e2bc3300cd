// A cancelled workflow reaches the step the way GitHub's runner sends it: SIGINT, SIGTERM 7.5 s later, then the whole
// process tree killed 2.5 s after that. One AbortSignal carries the cancellation to every wait; two more deadlines
// share out the grace, so that a recovery stops in time for the GitHub Deployment, the outputs and the summary, and
// those stop before the kill.
import * as runner from './runner.js';
import { ActionError } from './errors.js';

/** The runner's grace after cancelling a job, from its first signal (actions/runner, ProcessInvoker). */
export const RUNNER_GRACE = { sigtermAfterMs: 7_500, killAfterMs: 10_000 };

/** What the end of a cancelled run keeps for itself: the GitHub Deployment's status, outputs and summary. */
const REPORT_MS = 2_500;
/** The last call out (the GitHub Deployment) gives up this long before the kill, leaving the files time. */
const FILES_MS = 1_000;

export interface Cancellation {
  /** Aborted by the first SIGINT or SIGTERM: every wait stops, helm gets SIGINT and cleans up. */
  signal: AbortSignal;
  /** Aborted when a cancelled run must stop recovering the release: what is left, the next run completes. */
  recoveryOver: AbortSignal;
  /** Aborted when the run must stop talking to GitHub and only write its outputs and summary. */
  reportOver: AbortSignal;
  stop(): void;
}

/** Turns the runner's signals into the three deadlines, each counted from the signal that set it. */
export function cancelOnSignals(): Cancellation {
  const cancel = new AbortController();
  const recovery = new AbortController();
  const report = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const at = (controller: AbortController, ms: number) => {
    const timer = setTimeout(() => controller.abort(), Math.max(0, ms));
    timer.unref();
    timers.push(timer);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // SIGTERM alone (or after SIGINT) leaves 2.5 s before the kill; SIGINT leaves the whole 10 s.
    const killInMs =
      signal === 'SIGTERM' ? RUNNER_GRACE.killAfterMs - RUNNER_GRACE.sigtermAfterMs : RUNNER_GRACE.killAfterMs;
    at(recovery, killInMs - REPORT_MS - FILES_MS);
    at(report, killInMs - FILES_MS);
    if (cancel.signal.aborted) return;
    runner.warning(`Received ${signal}: the workflow was cancelled. Stopping helm and every wait cleanly.`);
    cancel.abort(new ActionError(`The workflow was cancelled (${signal}).`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: cancel.signal,
    recoveryOver: recovery.signal,
    reportOver: report.signal,
    stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      timers.forEach(clearTimeout);
    },
  };
}
