// The cluster session every later stage works in: the installed binaries, the kubeconfig with credentials kept
// fresh, and a private helm home; or, for a private cluster the runner cannot reach, the cluster's own helm and
// kubectl, run in it through Resource Manager's runCommand.
import * as path from 'node:path';
import type { RunCommandApi } from '../azure/run-command.js';
import { runnerEnv, type RunOptions, type RunResult, type Seams } from '../seams.js';
import type { InstalledTools } from '../tools/installed.js';
import type { Workspace } from '../workspace.js';
import type { ClusterSession } from './types.js';

export type { ClusterSession, RemoteCluster } from './types.js';

/**
 * The allow-listed runner environment plus the action's own helm home and kubectl cache (away from the user's
 * repositories and `$HOME/.kube/cache`, so the post step's cleanup is complete) and kubeconfig; nothing of the job's
 * own HELM_* or KUBECONFIG. KUBECACHEDIR moves the discovery and HTTP caches of kubectl 1.25+ and of helm's client-go.
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
    KUBECACHEDIR: path.join(workDir, 'kube-cache'),
    ...(kubeconfigPath && { KUBECONFIG: kubeconfigPath }),
  };
}

export interface SessionParts {
  tools: InstalledTools;
  kubeconfigPath: string;
  refreshCredentials: () => Promise<void>;
  /** Set for a private cluster the runner cannot reach: its commands then run in its runCommand pod. */
  runCommand?: RunCommandApi;
  clusterName: string;
}

/** The session the stages work in: helm and kubectl here with the kubeconfig, or in the cluster through runCommand. */
export async function openSession(
  parts: SessionParts,
  workspace: Workspace,
  seams: Seams,
  signal?: AbortSignal,
): Promise<ClusterSession> {
  const { tools, kubeconfigPath, refreshCredentials, runCommand: api, clusterName } = parts;
  const local = {
    ...tools,
    kubeconfigPath,
    refreshCredentials,
    env: privateHelmEnv(workspace.dir, kubeconfigPath || undefined),
  };
  if (!api) return local;
  const { remoteSession } = await import('./run-command/remote.js');
  return remoteSession({ local, api, clusterName, workspaceDir: workspace.dir, seams }, signal);
}

/** Runs kubectl against the cluster with fresh credentials; the result whatever the exit code. (helm: HelmClient.) */
export async function runKubectl(
  session: ClusterSession,
  seams: Seams,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  if (session.remote) return session.remote.run('kubectl', args, options);
  await session.refreshCredentials();
  return seams.run(session.kubectl.path, [...args, '--kubeconfig', session.kubeconfigPath], {
    env: session.env,
    ...options,
  });
}
