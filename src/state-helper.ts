// Everything the post step needs from the main step, and nothing else, goes through here.
import * as core from '@actions/core';

export const isPost = core.getState('isPost') === 'true';
/** The action's private folder under RUNNER_TEMP; the post step deletes it whole. */
export const workDir = core.getState('workDir');

export function markMainStarted(): void {
  core.saveState('isPost', 'true');
}

export function saveWorkDir(dir: string): void {
  core.saveState('workDir', dir);
}
