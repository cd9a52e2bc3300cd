// The post step: runs even when main failed or was cancelled, and removes every file the action wrote. Its entry is
// `run`, like main's, which is what GitHub's local-action imports from each step's file.
import * as runner from './runner.js';
import { workDir } from './state-helper.js';
import { removeWorkspace } from './workspace.js';

export async function run(): Promise<void> {
  const dir = workDir();
  if (!dir) return;
  await removeWorkspace(dir);
  runner.info(`Removed ${dir}: the kubeconfig, the values file, the plan file and helm's configuration are gone.`);
}
