// A stage of a run: timed for the job summary, and in its own log group (groups do not nest in the Actions log).
import * as runner from './runner.js';
import type { StageTimer } from './report/index.js';

export const stage = <T>(run: { timer: StageTimer }, name: string, fn: () => Promise<T>): Promise<T> =>
  run.timer.time(name, () => runner.group(name, fn));
