// The post step: runs even when main failed or was cancelled, and removes every file the action wrote.
import * as core from '@actions/core';
import { workDir } from './state-helper.js';
import { removeWorkspace } from './workspace.js';

export async function post(): Promise<void> {
  if (!workDir) return;
  await removeWorkspace(workDir);
  core.info(`Removed ${workDir}: the kubeconfig, the values file, the plan file and helm's configuration are gone.`);
}
