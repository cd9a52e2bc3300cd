// The cluster's kubeconfig straight from Resource Manager (what `az aks get-credentials` does, minus the CLI).
import * as core from '@actions/core';
import { ActionError } from '../errors.js';
import type { HttpResponse, Seams } from '../seams.js';
import { explainArmFailure, type ClusterRef } from './arm-errors.js';
import { retryDelay } from './retry.js';
import { pause, throwIfCancelled } from '../poll.js';
import type { SecretSet } from '../secrets.js';

/** A stuck connection counts as a failed attempt, retried like a 503. */
const ATTEMPT_TIMEOUT_MS = 60_000;

/** A GA version available in every cloud, sovereign ones included. */
export const AKS_API_VERSION = '2024-09-01';

export function credentialsUrl(resourceManager: string, cluster: ClusterRef): string {
  const action = cluster.admin ? 'listClusterAdminCredential' : 'listClusterUserCredential';
  const query = new URLSearchParams({ 'api-version': AKS_API_VERSION });
  // Entra ID clusters then return the kubelogin exec user we know how to replace, not the retired auth-provider.
  if (!cluster.admin) query.set('format', 'exec');
  const e = encodeURIComponent;
  const path =
    `subscriptions/${e(cluster.subscriptionId)}/resourceGroups/${e(cluster.resourceGroup)}` +
    `/providers/Microsoft.ContainerService/managedClusters/${e(cluster.clusterName)}/${action}`;
  return `${resourceManager}/${path}?${query}`;
}

/** The first kubeconfig of a credential result, decoded. */
export function decodeCredentialResult(body: string, secrets: SecretSet): string {
  const parsed = JSON.parse(body) as { kubeconfigs?: { name?: string; value?: string }[] };
  const value = parsed.kubeconfigs?.[0]?.value;
  if (!value) throw new ActionError('Resource Manager returned no kubeconfig for the cluster.');
  secrets.add(value);
  return Buffer.from(value, 'base64').toString('utf8');
}

export async function fetchClusterKubeconfig(
  resourceManager: string,
  cluster: ClusterRef,
  clientId: string,
  armToken: () => Promise<string>,
  { secrets, signal }: { secrets: SecretSet; signal?: AbortSignal },
  seams: Seams,
): Promise<string> {
  const url = credentialsUrl(resourceManager, cluster);
  for (let attempt = 1; ; attempt++) {
    let response: HttpResponse | undefined;
    let networkError: Error | undefined;
    try {
      response = await seams.http({
        url,
        method: 'POST',
        headers: { authorization: `Bearer ${await armToken()}`, 'content-length': '0' },
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), ...(signal ? [signal] : [])]),
      });
    } catch (error) {
      if (error instanceof ActionError) throw error;
      const { message, cause } = error as Error;
      // fetch reports every network failure as "fetch failed"; the cause says which.
      networkError = new Error(cause instanceof Error ? `${message} (${cause.message})` : message);
    }
    throwIfCancelled(signal);
    if (response?.status === 200) return decodeCredentialResult(response.body, secrets);
    const delay = retryDelay(attempt, response?.status, response?.headers['retry-after'], seams.now());
    if (delay === undefined) {
      if (response) throw explainArmFailure(response.status, response.body, cluster, clientId);
      throw new ActionError(`Could not reach Resource Manager at ${resourceManager}: ${networkError?.message}`, {
        input: 'resource-manager-endpoint',
        hint: "Check `environment` or `resource-manager-endpoint`, and the runner's network access to it.",
      });
    }
    core.info(
      `Resource Manager answered ${response ? `HTTP ${response.status}` : networkError?.message}; retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}).`,
    );
    await pause(delay, { signal }, seams);
  }
}
