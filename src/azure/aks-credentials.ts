// The cluster's kubeconfig straight from Resource Manager (what `az aks get-credentials` does, minus the CLI).
import { ActionError } from '../errors.js';
import { explainArmFailure, type ClusterRef } from './arm-errors.js';
import { managedClusterUrl, sendArm, type ArmContext } from './arm-request.js';
import { AKS_API_VERSION } from './clouds.js';
import type { Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';

export function credentialsUrl(resourceManager: string, cluster: ClusterRef): string {
  const action = cluster.admin ? 'listClusterAdminCredential' : 'listClusterUserCredential';
  const query: Record<string, string> = { 'api-version': AKS_API_VERSION };
  // Entra ID clusters then return the kubelogin exec user we know how to replace, not the retired auth-provider.
  if (!cluster.admin) query.format = 'exec';
  return managedClusterUrl(resourceManager, cluster, `/${action}`, query);
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
  arm: ArmContext,
  cluster: ClusterRef,
  clientId: string,
  secrets: SecretSet,
  seams: Seams,
): Promise<string> {
  const url = credentialsUrl(arm.resourceManager, cluster);
  // Listing credentials changes nothing: safe to retry like a read.
  const response = await sendArm({ url, method: 'POST', idempotent: true }, arm, seams);
  if (response.status === 200) return decodeCredentialResult(response.body, secrets);
  throw explainArmFailure(response.status, response.body, cluster, clientId);
}
