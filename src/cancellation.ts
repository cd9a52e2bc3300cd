// A cancelled workflow reaches the step as SIGINT (then SIGTERM): one AbortSignal carries it to every stage.
import * as core from '@actions/core';
import { ActionError } from './errors.js';

export function cancelOnSignals(): { signal: AbortSignal; stop(): void } {
  const cancel = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`Received ${signal}: the workflow was cancelled. Stopping helm and every wait cleanly.`);
    cancel.abort(new ActionError(`The workflow was cancelled (${signal}).`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: cancel.signal,
    stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
