// What a stage holds when it works in a cluster, apart from how a session is opened (session.ts) and how a private
// cluster's commands travel (run-command/), so those two can both name it without importing each other.
import type { ChartConfig } from '../inputs/config.js';
import type { RunOptions, RunResult } from '../seams.js';
import type { InstalledTool, InstalledTools, ToolName } from '../tools/installed.js';

/**
 * A cluster whose helm and kubectl run inside it rather than here: a private AKS cluster, through Resource Manager's
 * runCommand (run-command/remote.ts). The same command lines, the same results.
 */
export interface RemoteCluster {
  /** `AKS runCommand (helm 3.18.0 in the command pod)`, for the log and the summary. */
  description: string;
  run(tool: ToolName, args: string[], options?: RunOptions): Promise<RunResult>;
  /** The chart as that helm can reach it: a packaged file that travels with the command. */
  chart(chart: ChartConfig): Promise<ChartConfig>;
}

export interface ClusterSession {
  /** The helm that runs the cluster's commands: the installed one, or a remote cluster's own. */
  helm: InstalledTools['helm'];
  kubectl: InstalledTool;
  /** Empty for a remote cluster: nothing here talks to its API server. */
  kubeconfigPath: string;
  /** Re-mints a short-lived cluster token when it is close to expiry; a no-op for static credentials. */
  refreshCredentials: () => Promise<void>;
  /** Env for child processes: helm's repository config and caches, and kubectl's, kept inside the action's private folder. */
  env: NodeJS.ProcessEnv;
  /** Set when every helm and kubectl command runs in the cluster: `runKubectl` and `HelmClient.run` hand it over. */
  remote?: RemoteCluster;
}
