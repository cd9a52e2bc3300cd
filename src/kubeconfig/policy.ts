// What a kubeconfig someone hands the action may make helm and kubectl do, and the secrets it holds. A kubeconfig
// is code as much as data: its user may run a program on every call (exec, auth-provider), name local files whose
// content is then sent to the server (tokenFile, client-key…), or send everything over a network anyone can read.
// Each needs its own opt-in, named in the refusal. The Azure path's kubeconfig comes from Resource Manager and
// skips the policy; both get their secrets masked.
import { INSECURE_TRANSPORT_HINT, isLoopbackHost, plainHttpProblem } from '../inputs/transport.js';
import { isSecretName } from '../secrets/index.js';
import { clusterField, fileReferences, type Kubeconfig, type UserEntry } from './kubeconfig.js';

export interface KubeconfigPolicy {
  /** `allow-kubeconfig-exec`: the user may run a program for its credentials. */
  allowCredentialPrograms: boolean;
  /** `allow-kubeconfig-files`: the kubeconfig may name local files for helm and kubectl to read. */
  allowLocalFiles: boolean;
  /** `allow-insecure-transport`: the API server (or its proxy) may be reached unauthenticated. */
  allowInsecureTransport: boolean;
}

/** The values the args carry after a secret flag (`--client-secret x`, `--token=x`), and the args with them hidden. */
function secretArgs(args: string[] = []): { shown: string[]; secrets: string[] } {
  const secrets: string[] = [];
  const shown = args.map((arg, i) => {
    const [flag, ...value] = arg.split('=');
    // An exec flag that carries a secret: masked, and its value never repeated in the refusal.
    if (/^-/.test(arg) && value.length > 0 && isSecretName(flag)) {
      secrets.push(value.join('='));
      return `${flag}=***`;
    }
    const previous = args[i - 1] ?? '';
    if (!/^-/.test(previous) || previous.includes('=') || !isSecretName(previous)) return arg;
    secrets.push(arg);
    return '***';
  });
  return { shown, secrets };
}

/** `cmd arg…` as it would run, the values of secret-looking flags replaced by ***. */
const commandLine = (command: string, args?: string[]) => [command, ...secretArgs(args).shown].join(' ');

/** An auth-provider's `cmd-args`, one string in the kubeconfig, as the arguments it runs with. */
const providerArgs = (user: UserEntry) =>
  (user['auth-provider']?.config?.['cmd-args'] ?? '').split(/\s+/).filter(Boolean);

/** What the current user would run for its credentials: `user "ci" runs \`/bin/sh -c …\` (exec)`. */
export function credentialPrograms(kubeconfig: Kubeconfig): string[] {
  const { user, context } = kubeconfig;
  const who = `user ${JSON.stringify(context.user)}`;
  const programs: string[] = [];
  if (user.exec) programs.push(`${who} runs \`${commandLine(user.exec.command, user.exec.args)}\` (exec)`);
  const provider = user['auth-provider'];
  if (provider) {
    const cmd = provider.config?.['cmd-path'];
    const runs = cmd ? ` and runs \`${commandLine(cmd, providerArgs(user))}\`` : '';
    programs.push(`${who} uses the auth-provider \`${provider.name}\`${runs}`);
  }
  return programs;
}

/** The password of a `proxy-url` like `http://user:pw@proxy:3128`, as written and decoded. */
function proxyCredentials(proxyUrl: string | undefined): string[] {
  if (!proxyUrl) return [];
  const { password } = new URL(proxyUrl);
  return password ? [password, decodeURIComponent(password)] : [];
}

/** Every credential in the kubeconfig, for the run's SecretSet: tokens, keys, passwords, a program's secret flags. */
export function kubeconfigSecrets(kubeconfig: Kubeconfig): string[] {
  const { user, cluster } = kubeconfig;
  const basic =
    user.username && user.password ? Buffer.from(`${user.username}:${user.password}`).toString('base64') : '';
  const providerConfig = Object.entries(user['auth-provider']?.config ?? {});
  return [
    user.token,
    user.password,
    basic,
    user['client-key-data'],
    user['client-certificate-data'],
    ...providerConfig.flatMap(([key, value]) => (isSecretName(key) ? [value] : [])),
    ...secretArgs(user.exec?.args).secrets,
    ...secretArgs(providerArgs(user)).secrets,
    ...(user.exec?.env ?? []).flatMap(({ name, value }) => (isSecretName(name) ? [value] : [])),
    ...proxyCredentials(cluster['proxy-url']),
  ].filter((secret): secret is string => !!secret);
}

const DATA_FIELD: Record<string, string> = {
  'certificate-authority': 'certificate-authority-data',
  'client-certificate': 'client-certificate-data',
  'client-key': 'client-key-data',
  tokenFile: 'token',
};

/** Why an unauthenticated proxy-url is unsafe (plain HTTP or SOCKS to another machine), or undefined. */
function proxyProblem(proxyUrl: string): string | undefined {
  const plain = plainHttpProblem(proxyUrl);
  if (plain) return plain;
  const url = new URL(proxyUrl);
  return /^socks5:$/.test(url.protocol) && !isLoopbackHost(url.hostname)
    ? `${url.protocol}//${url.host} is an unencrypted SOCKS proxy on a host other than this machine`
    : undefined;
}

/**
 * Why helm and kubectl must not use this kubeconfig as it is, one sentence per problem, each naming the input that
 * would allow it. Empty when the policy allows everything in it.
 */
export function policyProblems(kubeconfig: Kubeconfig, policy: KubeconfigPolicy): string[] {
  const problems: string[] = [];
  if (!policy.allowCredentialPrograms) {
    for (const program of credentialPrograms(kubeconfig)) {
      problems.push(
        `${program} to get its credentials, which helm and kubectl would do on every call, with the runner's permissions: refused. Give a kubeconfig whose user holds a token or a client certificate, or set \`allow-kubeconfig-exec: 'true'\` if you trust that program.`,
      );
    }
  }
  if (!policy.allowLocalFiles) {
    for (const { field, file } of fileReferences(kubeconfig)) {
      const name = field.slice(field.lastIndexOf('.') + 1);
      problems.push(
        `${field} names the local file ${JSON.stringify(file)}, which helm and kubectl would read and send to the API server: refused. Put its content in \`${DATA_FIELD[name]}\` instead, or set \`allow-kubeconfig-files: 'true'\` if that file is meant to be read.`,
      );
    }
  }
  if (!policy.allowInsecureTransport) {
    // `where's server URL`, never `server: URL`: the runner masks each line of a kubeconfig input, that one included.
    const { cluster, context } = kubeconfig;
    const where = clusterField(context.cluster);
    const server = plainHttpProblem(cluster.server);
    if (server) {
      problems.push(
        `${where}'s server ${server}: the cluster credentials and everything deployed, secrets included, would cross the network unauthenticated; ${INSECURE_TRANSPORT_HINT}`,
      );
    }
    const host = new URL(cluster.server).hostname;
    if (cluster['insecure-skip-tls-verify'] && !isLoopbackHost(host)) {
      problems.push(
        `${where}.insecure-skip-tls-verify is true for ${host}: anyone on the network could pose as the API server and take the credentials. Give the cluster's CA in \`certificate-authority-data\`, or set \`allow-insecure-transport: 'true'\` if every network between the runner and that host is yours.`,
      );
    }
    const proxy = cluster['proxy-url'] && proxyProblem(cluster['proxy-url']);
    if (proxy) {
      problems.push(
        `${where}'s proxy-url ${proxy}: the requests to the API server would travel through it unauthenticated; ${INSECURE_TRANSPORT_HINT}`,
      );
    }
  }
  return problems;
}
