// The managed cluster as Resource Manager describes it (`GET …/managedClusters/{name}`): only the few facts that
// decide how the action reaches its API server.
import * as runner from '../runner.js';
import { explainArmFailure, grantRole, type ClusterRef } from './arm-errors.js';
import { managedClusterUrl, sendArm, type ArmContext } from './arm-request.js';
import { AKS_API_VERSION } from './clouds.js';
import type { Seams } from '../seams.js';

export interface ManagedClusterFacts {
  /** `apiServerAccessProfile.enablePrivateCluster`: the API server has a private IP only. */
  privateApiServer: boolean;
  /** The public FQDN; a private cluster has one only with enablePrivateClusterPublicFQDN (it resolves to the private IP). */
  fqdn?: string;
  privateFqdn?: string;
  /** `apiServerAccessProfile.disableRunCommand`. */
  runCommandDisabled: boolean;
  /** `aadProfile.managed`: the API server takes Entra ID tokens of the AKS server application. */
  entraId: boolean;
}

interface ManagedClusterJson {
  properties?: {
    fqdn?: string;
    privateFQDN?: string;
    apiServerAccessProfile?: { enablePrivateCluster?: boolean; disableRunCommand?: boolean };
    aadProfile?: { managed?: boolean };
  };
}

export function managedClusterFacts(body: string): ManagedClusterFacts {
  const properties = (JSON.parse(body) as ManagedClusterJson).properties ?? {};
  const access = properties.apiServerAccessProfile ?? {};
  return {
    privateApiServer: access.enablePrivateCluster === true,
    fqdn: properties.fqdn || undefined,
    privateFqdn: properties.privateFQDN || undefined,
    runCommandDisabled: access.disableRunCommand === true,
    entraId: properties.aadProfile?.managed === true,
  };
}

/** Reading the cluster needs `Microsoft.ContainerService/managedClusters/read`, which the Cluster User Role holds. */
const READ_ROLE = 'Azure Kubernetes Service Cluster User Role';

/**
 * The cluster's facts. A refusal throws, except a 403 when `forbiddenMeansPublic` (`private-cluster: auto`): deploys
 * went straight to the API server before `private-cluster` existed, and an identity without read keeps that.
 */
export async function readManagedCluster(
  arm: ArmContext,
  cluster: ClusterRef,
  clientId: string,
  seams: Seams,
  { forbiddenMeansPublic }: { forbiddenMeansPublic: boolean },
): Promise<ManagedClusterFacts | undefined> {
  const url = managedClusterUrl(arm.resourceManager, cluster, '', { 'api-version': AKS_API_VERSION });
  const response = await sendArm({ url, method: 'GET', idempotent: true }, arm, seams);
  if (response.status === 200) return managedClusterFacts(response.body);
  const error = explainArmFailure(response.status, response.body, cluster, clientId, {
    what: `Reading AKS cluster ${cluster.clusterName}`,
    forbidden: (id, scope) =>
      grantRole(READ_ROLE, id, scope, ' (it holds Microsoft.ContainerService/managedClusters/read)'),
  });
  if (!forbiddenMeansPublic || response.status !== 403) throw error;
  runner.warning(`${error.message} Going on as if the API server were public (private-cluster: auto).`);
  return undefined;
}
