// What the cluster's own API server says about itself: its version (`kubectl version`) and the group-versions it
// serves (`kubectl api-versions`). The action picks an API version from these where it has a choice (the
// PodDisruptionBudget it adds), and the plan says how the cluster compares with the schemas it checked against.
import type { RunResult } from '../seams.js';
import type { ClusterRead } from './port.js';

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

/** The reads discovery makes: hand them to `readAll` beside others, and through runCommand they share one invocation. */
export const DISCOVERY_READS: ClusterRead[] = [{ kind: 'version' }, { kind: 'api-versions' }];

/** The group-versions in `kubectl api-versions`'s answer (`policy/v1`, `v1`…); undefined when it could not say. */
export function parseApiVersions(result: RunResult | undefined): string[] | undefined {
  if (result?.exitCode !== 0) return undefined;
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** What the answers to DISCOVERY_READS say; what could not be read stays undefined. Pure. */
export function discoveryFrom([version, apiVersions]: (RunResult | undefined)[]): ClusterDiscovery {
  const served = parseApiVersions(apiVersions);
  return {
    ...(version?.exitCode === 0 && { version: parseServerVersion(version.stdout) }),
    ...(served && { apiVersions: served }),
  };
}
