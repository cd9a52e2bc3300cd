// One kubeconfig module: read as client-go reads it (read-yaml.ts, kubeconfig.ts), what a handed-in one may do
// (policy.ts), the Entra ID rewrite (entra.ts), the 0600 file helm and kubectl use, and an authenticated client for
// its API server (api-server.ts). It imports no stage: the input stage, the Azure stage and verify all use it.
import type { SecretSet } from '../secrets/index.js';
import type { Workspace } from '../workspace.js';
import { kubeconfigText, type Kubeconfig } from './kubeconfig.js';
import { kubeconfigSecrets } from './policy.js';

export {
  fileReferences,
  InvalidKubeconfig,
  kubeconfigText,
  parseKubeconfig,
  withAbsolutePaths,
  type ClusterEntry,
  type ExecConfig,
  type Kubeconfig,
  type UserEntry,
} from './kubeconfig.js';
export { credentialPrograms, kubeconfigSecrets, policyProblems, type KubeconfigPolicy } from './policy.js';
export { AKS_SERVER_APP_ID, entraServerId, execCredential, withEntraCredentialFile } from './entra.js';
export {
  apiServerClient,
  apiServerClientFor,
  ApiServerCredentialError,
  type ApiServerClient,
  type ApiServerOptions,
  type ApiServerRequest,
} from './api-server.js';

const KUBECONFIG_FILE = 'kubeconfig';

/** Writes the kubeconfig helm and kubectl use, 0600 in the workspace, its credentials masked first. */
export async function writeKubeconfig(
  kubeconfig: Kubeconfig,
  workspace: Workspace,
  secrets: SecretSet,
): Promise<string> {
  secrets.add(...kubeconfigSecrets(kubeconfig));
  return workspace.writePrivateFile(KUBECONFIG_FILE, kubeconfigText(kubeconfig));
}
