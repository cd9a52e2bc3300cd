// Reading and rewriting kubeconfigs. Pure: YAML text in, YAML text (or facts about it) out.
// Entra ID clusters hand out a user that runs `kubelogin` (or the retired `auth-provider: azure`); runners do not
// have kubelogin, so that user is replaced with an `exec` credential that prints a token file the action keeps fresh.
import { parse, stringify } from 'yaml';
import { ActionError } from '../errors.js';
import { isSecretName } from '../secrets/index.js';

/** The AKS Entra server application: the same in every cloud. */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

interface NamedUser {
  name: string;
  user?: Record<string, unknown> & {
    exec?: { apiVersion?: string; command?: string; args?: string[]; interactiveMode?: string };
    'auth-provider'?: { name?: string; config?: Record<string, string> };
  };
}

interface Kubeconfig {
  'current-context'?: string;
  clusters?: { name: string; cluster?: { server?: string } }[];
  contexts?: { name: string; context?: { cluster?: string; user?: string } }[];
  users?: NamedUser[];
}

export interface KubeconfigFacts {
  /** API server URL of the current context. */
  server: string;
  /** Server application id of the Entra login the user needs, when it is an Entra ID user. */
  entraServerId?: string;
}

export function parseKubeconfig(text: string, source = 'the kubeconfig'): Kubeconfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ActionError(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, {
      input: 'kubeconfig',
    });
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as Kubeconfig).clusters)) {
    throw new ActionError(`${source} has no clusters: it does not look like a kubeconfig.`, { input: 'kubeconfig' });
  }
  return doc as Kubeconfig;
}

/** The server id an Entra user logs in to, or undefined when the user is not an Entra one. */
function entraServerIdOf(user: NamedUser['user']): string | undefined {
  const exec = user?.exec;
  if (exec && /(^|[\\/])kubelogin(\.exe)?$/.test(exec.command ?? '')) {
    const args = exec.args ?? [];
    const at = args.indexOf('--server-id');
    return at >= 0 && args[at + 1] ? args[at + 1] : AKS_SERVER_APP_ID;
  }
  const provider = user?.['auth-provider'];
  if (provider?.name === 'azure') return provider.config?.['apiserver-id'] || AKS_SERVER_APP_ID;
  return undefined;
}

function currentContext(doc: Kubeconfig) {
  return (doc.contexts ?? []).find((c) => c.name === doc['current-context']) ?? doc.contexts?.[0];
}

export function inspectKubeconfig(text: string, source?: string): KubeconfigFacts {
  const doc = parseKubeconfig(text, source);
  const context = currentContext(doc);
  const cluster = (doc.clusters ?? []).find((c) => c.name === context?.context?.cluster) ?? doc.clusters?.[0];
  const user = (doc.users ?? []).find((u) => u.name === context?.context?.user);
  return { server: cluster?.cluster?.server ?? '', entraServerId: entraServerIdOf(user?.user) };
}

const EXEC_CREDENTIAL_VERSION = 'client.authentication.k8s.io/v1beta1';
/** Prints the credential file named by its one argument; run by the runner's own Node, so nothing to install. */
const PRINT_FILE = "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))";

/**
 * Every Entra user (kubelogin exec or azure auth-provider) becomes an exec user that prints `credentialFile`.
 * helm and kubectl read a static token once and would lose the cluster mid-wait when it expires; an exec credential
 * is run again whenever its expiration passes, and so always picks up the token the action last wrote.
 */
export function withEntraCredentialFile(text: string, credentialFile: string, nodePath: string): string {
  const doc = parseKubeconfig(text);
  for (const user of doc.users ?? []) {
    if (!entraServerIdOf(user.user)) continue;
    user.user = {
      exec: {
        apiVersion: EXEC_CREDENTIAL_VERSION,
        command: nodePath,
        args: ['-e', PRINT_FILE, credentialFile],
        interactiveMode: 'Never',
      },
    };
  }
  return stringify(doc);
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

const SECRET_FIELDS = ['token', 'password', 'client-key-data', 'client-certificate-data'];

/** Credential values in the kubeconfig's users, for core.setSecret. */
export function kubeconfigSecrets(text: string): string[] {
  const doc = parseKubeconfig(text);
  const secrets: string[] = [];
  for (const { user } of doc.users ?? []) {
    for (const field of SECRET_FIELDS) {
      const value = user?.[field];
      if (typeof value === 'string' && value) secrets.push(value);
    }
    for (const [key, value] of Object.entries(user?.['auth-provider']?.config ?? {})) {
      if (isSecretName(key) && value) secrets.push(value);
    }
  }
  return secrets;
}
