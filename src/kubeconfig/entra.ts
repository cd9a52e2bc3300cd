// Entra ID clusters hand out a user that runs `kubelogin` (or the retired `auth-provider: azure`); runners do not
// have kubelogin, so that user is replaced with an `exec` credential that prints a token file the action keeps fresh.
import type { Kubeconfig, UserEntry } from './kubeconfig.js';

/** The AKS Entra server application: the same in every cloud. */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** The server application id the current user logs in to, or undefined when it is not an Entra ID user. */
export function entraServerId({ user }: Pick<Kubeconfig, 'user'>): string | undefined {
  const exec = user.exec;
  if (exec && /(^|[\\/])kubelogin(\.exe)?$/.test(exec.command)) {
    const args = exec.args ?? [];
    const at = args.indexOf('--server-id');
    return at >= 0 && args[at + 1] ? args[at + 1] : AKS_SERVER_APP_ID;
  }
  const provider = user['auth-provider'];
  if (provider?.name === 'azure') return provider.config?.['apiserver-id'] || AKS_SERVER_APP_ID;
  return undefined;
}

const EXEC_CREDENTIAL_VERSION = 'client.authentication.k8s.io/v1beta1';
/** Prints the credential file named by its one argument; run by the runner's own Node, so nothing to install. */
const PRINT_FILE = "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))";

/**
 * The Entra user (kubelogin exec or azure auth-provider) replaced by an exec user that prints `credentialFile`.
 * helm and kubectl read a static token once and would lose the cluster mid-wait when it expires; an exec credential
 * is run again whenever its expiration passes, and so always picks up the token the action last wrote.
 */
export function withEntraCredentialFile(kubeconfig: Kubeconfig, credentialFile: string, nodePath: string): Kubeconfig {
  const user: UserEntry = {
    exec: {
      apiVersion: EXEC_CREDENTIAL_VERSION,
      command: nodePath,
      args: ['-e', PRINT_FILE, credentialFile],
      interactiveMode: 'Never',
    },
  };
  return { ...kubeconfig, user };
}

/**
 * The ExecCredential for a token, said to expire `marginMs` early so that helm and kubectl ask again while the
 * token they hold is still good, by which time the action has written a newer one.
 */
export function execCredential(token: string, expiresOnMs: number, marginMs: number): string {
  const expirationTimestamp = new Date(expiresOnMs - marginMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify({
    apiVersion: EXEC_CREDENTIAL_VERSION,
    kind: 'ExecCredential',
    status: { token, expirationTimestamp },
  });
}
