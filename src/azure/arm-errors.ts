// Resource Manager's refusals of the AKS calls (credentials, the managed cluster, runCommand), translated into the
// input or role to fix. Pure.
import { ActionError } from '../errors.js';

export interface ClusterRef {
  subscriptionId: string;
  resourceGroup: string;
  clusterName: string;
  admin: boolean;
}

/** ARM's `{error:{code,message}}`, or the raw body when it is something else (a proxy's page). */
export function parseArmError(body: string): { code: string; message: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error) return { code: parsed.error.code ?? '', message: parsed.error.message ?? '' };
  } catch {
    // not JSON: fall through to the raw text
  }
  return { code: '', message: body.trim().slice(0, 300) };
}

/** What was asked of Resource Manager, and what to grant when it answers 403. */
export interface ArmOperation {
  /** `Fetching user credentials of AKS cluster aks`. */
  what: string;
  /** The hint for a 403: the role (or action) the identity lacks, and the command that grants it. */
  forbidden: (clientId: string, scope: string) => string;
}

export const clusterScope = (cluster: Omit<ClusterRef, 'admin'>): string =>
  `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.clusterName}`;

/** Grant `role` on the cluster: the sentence and the az command every 403 hint ends with. */
export const grantRole = (role: string, clientId: string, scope: string, needs = ''): string =>
  `Grant the identity with client ID ${clientId} the "${role}" on the cluster${needs}: az role assignment create --assignee ${clientId} --role "${role}" --scope ${scope}`;

/** The credential call: listClusterUserCredential, or listClusterAdminCredential with `admin`. */
export function credentialsOperation(cluster: ClusterRef): ArmOperation {
  const role = cluster.admin
    ? 'Azure Kubernetes Service Cluster Admin Role'
    : 'Azure Kubernetes Service Cluster User Role';
  return {
    what: `Fetching ${cluster.admin ? 'admin' : 'user'} credentials of AKS cluster ${cluster.clusterName}`,
    forbidden: (clientId, scope) => grantRole(role, clientId, scope),
  };
}

export function explainArmFailure(
  status: number,
  body: string,
  cluster: ClusterRef,
  clientId: string,
  operation: ArmOperation = credentialsOperation(cluster),
): ActionError {
  const { code, message } = parseArmError(body);
  const what = `${operation.what} failed (HTTP ${status}${code ? ` ${code}` : ''}): ${message}`;
  const scope = clusterScope(cluster);

  if (status === 400 && cluster.admin && /local account/i.test(message)) {
    return new ActionError(
      `AKS cluster ${cluster.clusterName} has local accounts disabled, so it has no admin credentials: ${message}`,
      {
        input: 'admin',
        hint: 'Set `admin: false` to use user credentials with Entra ID (the identity then needs Kubernetes RBAC on the namespace: "Azure Kubernetes Service RBAC Writer" or a role binding).',
      },
    );
  }
  if (status === 401) {
    return new ActionError(what, {
      input: 'resource-manager-endpoint',
      hint: 'Resource Manager did not accept the access token. Check that `environment` (or `resource-manager-endpoint`) matches the cloud the tenant lives in.',
    });
  }
  if (status === 403) return new ActionError(what, { input: 'client-id', hint: operation.forbidden(clientId, scope) });
  if (status === 404) {
    const checks: Record<string, [string, string]> = {
      SubscriptionNotFound: [
        'subscription-id',
        `Check \`subscription-id\` (${cluster.subscriptionId}) and that the identity has access to it.`,
      ],
      ResourceGroupNotFound: [
        'resource-group',
        `Check \`resource-group\` (${cluster.resourceGroup}) in subscription ${cluster.subscriptionId}.`,
      ],
    };
    const [input, hint] = checks[code] ?? [
      'cluster-name',
      `Check \`cluster-name\` (${cluster.clusterName}), \`resource-group\` (${cluster.resourceGroup}) and \`subscription-id\` (${cluster.subscriptionId}).`,
    ];
    return new ActionError(what, { input, hint });
  }
  return new ActionError(what, {
    hint: 'Resource Manager kept failing; re-run the job, and check https://azure.status.microsoft if it persists.',
  });
}
