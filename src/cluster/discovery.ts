// What the cluster's own API server says about itself: its version (`kubectl version`) and the group-versions it
// serves (`kubectl api-versions`). The action picks an API version from these where it has a choice (the
// PodDisruptionBudget it adds), and the plan says how the cluster compares with the schemas it checked against.
import type { Seams } from '../seams.js';
import { runKubectl, type ClusterSession } from './session.js';

export interface ServerVersion {
  major: number;
  minor: number;
  /** `v1.20.15`. */
  gitVersion: string;
}

export interface ClusterDiscovery {
  /** Undefined when the API server could not say. */
  version?: ServerVersion;
  apiVersions?: string[];
}

/** The `serverVersion` of `kubectl version -o json`; a provider's `20+` minor counts as 20. */
export function parseServerVersion(stdout: string): ServerVersion | undefined {
  try {
    const server = (JSON.parse(stdout) as { serverVersion?: Record<string, string> }).serverVersion;
    const major = Number.parseInt(server?.major ?? '', 10);
    const minor = Number.parseInt(server?.minor ?? '', 10);
    if (!server || Number.isNaN(major) || Number.isNaN(minor)) return undefined;
    return { major, minor, gitVersion: server.gitVersion || `v${major}.${minor}` };
  } catch {
    return undefined;
  }
}

/** The group-versions the API server serves (`policy/v1`, `v1`…); undefined when it could not say. */
export async function servedApiVersions(session: ClusterSession, seams: Seams): Promise<string[] | undefined> {
  const result = await runKubectl(session, seams, ['api-versions']);
  if (result.exitCode !== 0) return undefined;
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Both, side by side (through runCommand they then share one invocation); what cannot be read stays undefined. */
export async function discoverCluster(session: ClusterSession, seams: Seams): Promise<ClusterDiscovery> {
  const quietly = <T>(promise: Promise<T>) => promise.catch(() => undefined);
  const [version, apiVersions] = await Promise.all([
    quietly(runKubectl(session, seams, ['version', '-o', 'json'])),
    quietly(servedApiVersions(session, seams)),
  ]);
  return {
    ...(version?.exitCode === 0 && { version: parseServerVersion(version.stdout) }),
    ...(apiVersions && { apiVersions }),
  };
}
