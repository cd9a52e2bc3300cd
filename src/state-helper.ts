// Everything the post step needs from the main step, and nothing else, goes through here. State is read when asked,
// never when this module loads: GitHub's local-action runs main and post in one process, so a value read at load
// time would be the one from before main saved it.
import * as runner from './runner.js';

/** The post step runs after main saved this flag; the one bundle serving both tells them apart by it. */
export function isPost(): boolean {
  return runner.getState('isPost') === 'true';
}

/** The action's private folder under RUNNER_TEMP; the post step deletes it whole. Empty before main created it. */
export function workDir(): string {
  return runner.getState('workDir');
}

export function markMainStarted(): void {
  runner.saveState('isPost', 'true');
}

export function saveWorkDir(dir: string): void {
  runner.saveState('workDir', dir);
}
