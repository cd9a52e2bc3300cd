// How the action reaches the cluster's API server: directly (helm and kubectl on the runner), or through Resource
// Manager's runCommand, which runs them in a pod inside the cluster, for a private API server the runner cannot reach.
// `private-cluster: auto` decides from the managed cluster and, for a private one, from whether this runner reaches its
// API server after all (a self-hosted runner inside the cluster's network does). The decision is pure; the probe is
// one HTTPS request.
import { ActionError } from '../errors.js';
import type { PrivateClusterMode } from '../inputs/config.js';
import type { Seams } from '../seams.js';
import type { ManagedClusterFacts } from './managed-cluster.js';

export type ClusterPath = { via: 'direct' | 'run-command'; why: string };

export interface PathEvidence {
  /** Undefined when the cluster could not be read (auto mode goes on directly, as before this input existed). */
  facts?: ManagedClusterFacts;
  /** Whether the runner reached the API server the kubeconfig names; asked only for a private cluster in auto mode. */
  reachable?: boolean;
}

function runCommandDisabled(clusterName: string, why: string): ActionError {
  return new ActionError(
    `AKS cluster ${clusterName} has runCommand disabled (apiServerAccessProfile.disableRunCommand), and ${why}: the action cannot reach its API server.`,
    {
      input: 'private-cluster',
      hint:
        `Enable runCommand (az aks update --resource-group <group> --name ${clusterName} --enable-run-command), or run ` +
        'this job on a self-hosted runner inside the cluster’s network (or a peered one) with `private-cluster: false`.',
    },
  );
}

/** The path, or the error that no path is open. */
export function decideClusterPath(
  mode: PrivateClusterMode,
  clusterName: string,
  evidence: PathEvidence,
): ClusterPath | ActionError {
  if (mode === 'direct') return { via: 'direct', why: 'private-cluster: false' };
  const { facts } = evidence;
  if (mode === 'run-command') {
    return facts?.runCommandDisabled
      ? runCommandDisabled(clusterName, 'private-cluster is true')
      : { via: 'run-command', why: 'private-cluster: true' };
  }
  if (!facts) return { via: 'direct', why: 'the cluster’s settings could not be read' };
  if (!facts.privateApiServer) return { via: 'direct', why: 'the API server is public' };
  if (evidence.reachable) {
    return {
      via: 'direct',
      why: 'the API server is private, and this runner reaches it (inside the cluster’s network)',
    };
  }
  const why = 'the API server is private and this runner cannot reach it';
  return facts.runCommandDisabled ? runCommandDisabled(clusterName, why) : { via: 'run-command', why };
}

/** How long an answer may take: a private address from outside the network often just never answers. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * Whether a failed request still met the server: a TLS complaint means something answered (the cluster's own CA is
 * not one Node trusts); a name that does not resolve, a refused or unroutable connection, or silence means not.
 */
export function reachedServer(error: unknown): boolean {
  const e = error as { name?: string; cause?: { code?: string } } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return false;
  return /CERT|SSL|TLS|SIGNATURE|ISSUER/i.test(e?.cause?.code ?? '');
}

/** One request to the API server the kubeconfig names: any answer at all (401 included) means it is reachable. */
export async function probeApiServer(
  server: string,
  seams: Pick<Seams, 'http'>,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await seams.http({
      url: `${server.replace(/\/+$/, '')}/version`,
      signal: AbortSignal.any([AbortSignal.timeout(PROBE_TIMEOUT_MS), ...(signal ? [signal] : [])]),
    });
    return true;
  } catch (error) {
    return reachedServer(error);
  }
}
