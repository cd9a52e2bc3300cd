// What runCommand adds to the ways a deploy can fail, in words that name the role or the setting to change. Pure.
import { ActionError } from '../errors.js';
import { explainArmFailure, parseArmError, type ArmOperation, type ClusterRef } from './arm-errors.js';

export const RUN_COMMAND_ACTION = 'Microsoft.ContainerService/managedClusters/runCommand/action';
export const COMMAND_RESULTS_ACTION = 'Microsoft.ContainerService/managedClusters/commandResults/read';
/** The custom role docs/azure-setup.md creates, holding exactly the two actions. */
export const RUN_COMMAND_ROLE = 'AKS runCommand Invoker';
/** Where AKS starts the command's pod. */
export const COMMAND_NAMESPACE = 'aks-command';

const grantRunCommand = (clientId: string, scope: string, lacking: string) =>
  `The identity with client ID ${clientId} lacks ${lacking} on the cluster. runCommand needs ${RUN_COMMAND_ACTION} ` +
  `and ${COMMAND_RESULTS_ACTION}: create the "${RUN_COMMAND_ROLE}" custom role of docs/azure-setup.md (or use any ` +
  `role that holds both, such as Contributor) and assign it: az role assignment create --assignee ${clientId} ` +
  `--role "${RUN_COMMAND_ROLE}" --scope ${scope}`;

export function submitOperation(clusterName: string): ArmOperation {
  return {
    what: `Running a command in AKS cluster ${clusterName} through runCommand`,
    forbidden: (clientId, scope) => grantRunCommand(clientId, scope, RUN_COMMAND_ACTION),
  };
}

export function resultOperation(clusterName: string, commandId: string): ArmOperation {
  return {
    what: `Reading the result of runCommand ${commandId} on AKS cluster ${clusterName}`,
    forbidden: (clientId, scope) => grantRunCommand(clientId, scope, COMMAND_RESULTS_ACTION),
  };
}

const DISABLED = /run ?command.*(disabled|not (enabled|allowed))|disableRunCommand/i;

/** Resource Manager refused to start the command (or to show its result). */
export function explainRunCommandRefusal(
  status: number,
  body: string,
  cluster: ClusterRef,
  clientId: string,
  operation: ArmOperation,
): ActionError {
  const { message } = parseArmError(body);
  if (status === 400 && DISABLED.test(message)) {
    return new ActionError(`runCommand is disabled on AKS cluster ${cluster.clusterName}: ${message}`, {
      input: 'private-cluster',
      hint:
        `Enable it (az aks update --resource-group ${cluster.resourceGroup} --name ${cluster.clusterName} ` +
        '--enable-run-command, which clears apiServerAccessProfile.disableRunCommand), or run this job on a ' +
        'self-hosted runner inside the cluster’s network with `private-cluster: false`.',
    });
  }
  return explainArmFailure(status, body, cluster, clientId, operation);
}

const POD_NOT_STARTED = /KubernetesPerformanceError|did not start within|not (be )?scheduled|never started/i;
const POLICY = /gatekeeper|admission webhook|denied the request|azure[- ]policy/i;

/**
 * The failure of the command itself when AKS reports it as an error of its result rather than a failed state: the
 * az CLI shows `(KubernetesPerformanceError) …` and, for a pod that never reached Running, a 404 of the result.
 */
export function commandFailureReason(status: number, body: string): string | undefined {
  const { code, message } = parseArmError(body);
  const said = [code, message].filter(Boolean).join(': ');
  if (status === 404) return `the command's pod never started (its result answered 404${said ? `: ${said}` : ''})`;
  return POD_NOT_STARTED.test(said) || POLICY.test(said) ? said : undefined;
}

export interface CommandFailure {
  error: ActionError;
  /** The pod never ran the command, so sending it again is safe. */
  retryable: boolean;
}

/** A command whose provisioningState is failed: AKS could not run it at all (its exit code is another matter). */
export function explainCommandFailure(reason: string, cluster: ClusterRef): CommandFailure {
  const said = reason.trim() || 'no reason given';
  if (POD_NOT_STARTED.test(said)) {
    return {
      retryable: true,
      error: new ActionError(
        `The runCommand pod did not start in time on AKS cluster ${cluster.clusterName}: ${said}`,
        {
          input: 'private-cluster',
          hint:
            `AKS starts a pod (200m CPU and 500Mi memory requested) in namespace ${COMMAND_NAMESPACE} for each command ` +
            'and gives it about a minute. Make room on a node pool without taints the pod cannot tolerate (a system pool ' +
            'with CriticalAddonsOnly alone is not enough): scale the pool out or enable its autoscaler, then run again.',
        },
      ),
    };
  }
  if (POLICY.test(said)) {
    return {
      retryable: false,
      error: new ActionError(
        `Azure Policy blocks the runCommand pod in namespace ${COMMAND_NAMESPACE} of AKS cluster ${cluster.clusterName}: ${said}`,
        {
          input: 'private-cluster',
          hint:
            `Exempt namespace ${COMMAND_NAMESPACE} from the policy assignment that denies it (Policy > Assignments > ` +
            'the assignment > Parameters > Namespace exclusions), or create a policy exemption for the cluster ' +
            '(az policy exemption create --scope <cluster id> --policy-assignment <assignment id> ...).',
        },
      ),
    };
  }
  return {
    retryable: false,
    error: new ActionError(`runCommand could not run the command on AKS cluster ${cluster.clusterName}: ${said}`, {
      hint: `Look at the pods and events in namespace ${COMMAND_NAMESPACE} of the cluster (the Azure portal's Run command works without network access) and run again.`,
    }),
  };
}
