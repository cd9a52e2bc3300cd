// The cluster session every later stage works in: the installed binaries, the kubeconfig with credentials kept
// fresh, and a private helm home; or, for a private cluster the runner cannot reach, the cluster's own helm and
// kubectl, run in it through Resource Manager's runCommand.
import * as path from 'node:path';
import type { ClusterRoute } from '../azure/connect.js';
import { runnerEnv, type Seams } from '../seams.js';
import type { InstalledTools } from '../tools/installed.js';
import type { Workspace } from '../workspace.js';
import type { ClusterSession } from './port.js';

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
  /** How the Azure stage (or the `kubeconfig` input) left the cluster reachable. */
  route: ClusterRoute;
  clusterName: string;
}

/** The session the stages work in: helm and kubectl here with the kubeconfig, or in the cluster through runCommand. */
export async function openSession(
  parts: SessionParts,
  workspace: Workspace,
  seams: Seams,
  signal?: AbortSignal,
): Promise<ClusterSession> {
  const { tools, route, clusterName } = parts;
  if ('runCommand' in route) {
    const local = { helm: tools.helm, env: privateHelmEnv(workspace.dir) };
    const { runCommandSession } = await import('../private-cluster/cluster.js');
    const input = { local, api: route.runCommand, clusterName, workspaceDir: workspace.dir, seams };
    return runCommandSession(input, signal);
  }
  const { kubeconfigPath, refreshCredentials } = route;
  return {
    ...tools,
    env: privateHelmEnv(workspace.dir, kubeconfigPath),
    access: { via: 'kubeconfig', kubeconfigPath, refreshCredentials },
  };
}
