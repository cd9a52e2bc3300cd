// The `kubeconfig` input: the file's content or its path. Everything secret in it is returned for masking,
// even when the content turns out not to be a kubeconfig (the caller masks first, then reports), and so is every
// program its users run to get credentials (exec, auth-provider): helm and kubectl would run it on every call.
import { parse } from 'yaml';
import { isSecretName } from '../secrets/index.js';
import { InvalidInput } from './scalars.js';

export interface KubeconfigInput {
  content: string;
  /** The whole content plus each credential inside it (tokens, keys, passwords), for core.setSecret. */
  secrets: string[];
  /** Set when the content is not a kubeconfig. */
  problem?: string;
  /** What each exec or auth-provider user would run, for the refusal: `user "ci" runs \`/bin/sh -c …\` (exec)`. */
  credentialPrograms: string[];
}

/** The values under secret names anywhere in the users: tokens, passwords, client keys, auth-provider secrets. */
function credentialsIn(node: unknown, key = ''): string[] {
  if (typeof node === 'string') return isSecretName(key) && node ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => credentialsIn(item, key));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([childKey, child]) => credentialsIn(child, childKey));
  }
  return [];
}

function parseQuietly(content: string): unknown {
  try {
    return parse(content);
  } catch {
    return undefined;
  }
}

interface KubeconfigUser {
  name?: unknown;
  user?: {
    exec?: { command?: unknown; args?: unknown; env?: unknown };
    'auth-provider'?: { name?: unknown; config?: Record<string, unknown> };
  };
}

/** The values the args carry after a secret flag (`--client-secret x`, `--token=x`), and the args with them hidden. */
function secretArgs(args: unknown): { shown: string[]; secrets: string[] } {
  const list = Array.isArray(args) ? args.map(String) : [];
  const secrets: string[] = [];
  const shown = list.map((arg, i) => {
    const [flag, ...value] = arg.split('=');
    // An exec flag or env entry that carries a secret: masked, and its value never repeated in the refusal.
    if (/^-/.test(arg) && value.length > 0 && isSecretName(flag)) {
      secrets.push(value.join('='));
      return `${flag}=***`;
    }
    const previous = list[i - 1] ?? '';
    if (!/^-/.test(previous) || previous.includes('=') || !isSecretName(previous)) return arg;
    secrets.push(arg);
    return '***';
  });
  return { shown, secrets };
}

/** `cmd arg…` as it would run, the values of secret-looking flags replaced by ***. */
const commandLine = (command: unknown, args: unknown) => [String(command), ...secretArgs(args).shown].join(' ');

/** An auth-provider's `cmd-args`, one string in the kubeconfig, as the arguments it runs with. */
const providerArgs = (user: KubeconfigUser['user']) =>
  String(user?.['auth-provider']?.config?.['cmd-args'] ?? '')
    .split(/\s+/)
    .filter(Boolean);

/**
 * An allowed credential program's own secrets: the values of its secret flags (exec or auth-provider) and of its
 * secret-named `env` entries.
 */
function execSecrets(users: unknown): string[] {
  return (Array.isArray(users) ? (users as KubeconfigUser[]) : []).flatMap(({ user }) => {
    const env = Array.isArray(user?.exec?.env) ? (user.exec.env as { name?: unknown; value?: unknown }[]) : [];
    return [
      ...secretArgs(user?.exec?.args).secrets,
      ...secretArgs(providerArgs(user)).secrets,
      ...env.flatMap(({ name, value }) => (isSecretName(String(name)) && value ? [String(value)] : [])),
    ];
  });
}

function credentialPrograms(users: unknown): string[] {
  return (Array.isArray(users) ? (users as KubeconfigUser[]) : []).flatMap(({ name, user }) => {
    const who = `user ${JSON.stringify(String(name ?? ''))}`;
    const programs: string[] = [];
    if (user?.exec) programs.push(`${who} runs \`${commandLine(user.exec.command, user.exec.args)}\` (exec)`);
    const provider = user?.['auth-provider'];
    if (provider) {
      const cmd = provider.config?.['cmd-path'];
      const runs = cmd ? ` and runs \`${commandLine(cmd, providerArgs(user))}\`` : '';
      programs.push(`${who} uses the auth-provider \`${String(provider.name ?? '')}\`${runs}`);
    }
    return programs;
  });
}

export function readKubeconfig(raw: string, readFile: (path: string) => string): KubeconfigInput {
  const looksLikeContent = raw.includes('\n') || /^\s*(\{|apiVersion\s*:|kind\s*:|clusters\s*:)/.test(raw);
  let content = raw;
  if (!looksLikeContent) {
    try {
      content = readFile(raw);
    } catch {
      throw new InvalidInput('is neither a kubeconfig nor the path of a readable file.');
    }
  }
  const parsed = parseQuietly(content);
  if (!parsed || typeof parsed !== 'object' || !('clusters' in parsed)) {
    return {
      content,
      secrets: [content],
      problem: 'is not a kubeconfig (YAML with clusters, users and contexts).',
      credentialPrograms: [],
    };
  }
  const users = (parsed as { users?: unknown }).users;
  return {
    content,
    secrets: [content, ...credentialsIn(users), ...execSecrets(users)],
    credentialPrograms: credentialPrograms(users),
  };
}
