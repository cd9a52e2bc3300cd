// The cluster session every later stage works in: the installed binaries, the kubeconfig with credentials kept
// fresh, and a private helm home.
import * as path from 'node:path';
import { runnerEnv, type RunOptions, type RunResult, type Seams } from '../seams.js';
import type { ToolTrust } from '../tools/verification.js';

export interface InstalledTool {
  path: string;
  /** Without a leading `v`, e.g. `4.1.4`. */
  version: string;
  /** What vouched for the binary when it was downloaded (it is re-checked against that on every use). */
  verifiedBy?: ToolTrust;
  fromCache?: boolean;
}

export interface InstalledTools {
  helm: InstalledTool & { major: 3 | 4 };
  kubectl: InstalledTool;
}

export interface ClusterSession {
  helm: InstalledTools['helm'];
  kubectl: InstalledTool;
  kubeconfigPath: string;
  /** Re-mints a short-lived cluster token when it is close to expiry; a no-op for static credentials. */
  refreshCredentials: () => Promise<void>;
  /** Env for child processes: helm's repository config and caches kept inside the action's private folder. */
  env: NodeJS.ProcessEnv;
}

/**
 * The allow-listed runner environment plus the action's own helm home (away from the user's repositories and caches,
 * so the post step's cleanup is complete) and kubeconfig; nothing of the job's own HELM_* or KUBECONFIG.
 */
export function privateHelmEnv(
  workDir: string,
  kubeconfigPath?: string,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const home = path.join(workDir, 'helm');
  return {
    ...runnerEnv(base),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_REPOSITORY_CONFIG: path.join(home, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: path.join(home, 'cache', 'repository'),
    ...(kubeconfigPath && { KUBECONFIG: kubeconfigPath }),
  };
}

export type ToolName = 'helm' | 'kubectl';

/** Runs kubectl against the cluster with fresh credentials; the result whatever the exit code. (helm: HelmClient.) */
export async function runKubectl(
  session: ClusterSession,
  seams: Seams,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  await session.refreshCredentials();
  return seams.run(session.kubectl.path, [...args, '--kubeconfig', session.kubeconfigPath], {
    env: session.env,
    ...options,
  });
}
