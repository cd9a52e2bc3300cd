// How every later stage reaches the cluster: the installed binaries, the kubeconfig, and a private helm home.
import * as path from 'node:path';
import type { RunOptions, RunResult, Seams } from '../seams.js';
import { ActionError } from '../errors.js';

export interface InstalledTool {
  path: string;
  /** Without a leading `v`, e.g. `4.1.4`. */
  version: string;
}

export interface InstalledTools {
  helm: InstalledTool & { major: 3 | 4 };
  kubectl: InstalledTool;
}

export interface ClusterTools {
  helm: InstalledTools['helm'];
  kubectl: InstalledTool;
  kubeconfigPath: string;
  /** Re-mints a short-lived cluster token when it is close to expiry; a no-op for static credentials. */
  refreshCredentials: () => Promise<void>;
  /** Env for child processes: helm's repository config and caches kept inside the action's private folder. */
  env: NodeJS.ProcessEnv;
}

/** Keeps helm away from the user's own repositories and caches, and makes the post step's cleanup complete. */
export function privateHelmEnv(workDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const home = path.join(workDir, 'helm');
  return {
    ...base,
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_REPOSITORY_CONFIG: path.join(home, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: path.join(home, 'cache', 'repository'),
  };
}

export type ToolName = 'helm' | 'kubectl';

/** Runs helm or kubectl against the cluster with fresh credentials; returns the result whatever the exit code. */
export async function runTool(
  tools: ClusterTools,
  seams: Seams,
  tool: ToolName,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  await tools.refreshCredentials();
  return seams.run(tools[tool].path, [...args, '--kubeconfig', tools.kubeconfigPath], {
    env: tools.env,
    ...options,
  });
}

/** Like runTool, but a non-zero exit becomes an ActionError that keeps the tool's own message. */
export async function runToolChecked(
  tools: ClusterTools,
  seams: Seams,
  tool: ToolName,
  args: string[],
  what: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const result = await runTool(tools, seams, tool, args, options);
  if (result.exitCode !== 0) {
    throw new ActionError(
      `${what} failed (${tool} exited with ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result;
}

/** kubectl … -o json, parsed. */
export async function kubectlJson<T>(tools: ClusterTools, seams: Seams, args: string[], what: string): Promise<T> {
  const result = await runToolChecked(tools, seams, 'kubectl', [...args, '-o', 'json'], what);
  return JSON.parse(result.stdout) as T;
}
