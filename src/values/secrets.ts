// Which leaves of the final values are secrets, what else derives from them (the pull secret's base64 forms),
// and the redacted copy that is safe to print.
import type { KeyPath } from '../inputs/key-path.js';
import { REDACTED, SecretSet } from '../secrets.js';
import { isMap, type Values } from './merge.js';

// `_TOKEN` only at the end: MAX_TOKENS and the like are settings, and masking "1000" would garble every log line.
const SECRET_ENV_NAME = /PASSWORD|SECRET|(^|_)TOKEN$|_KEY$|^PORTKEY_CLIENT_AUTH$/i;
/** The chart's stand-ins like `<docker-pwd>`: not secrets, and worth seeing in the printed values. */
const PLACEHOLDER = /^<[^>]*>$/;
/** `scheme://user:password@host` or `scheme://token@host`. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s@]+@/i;

export interface SecretScan {
  /** Every secret value found, plus derived forms, without duplicates. */
  secrets: string[];
  redacted: Values;
}

function isSecretLeaf(path: KeyPath, value: string, secretEnvNames: ReadonlySet<string>, known: ReadonlySet<string>) {
  const [first, second, third] = path;
  if (first === 'environment' && second === 'data' && typeof third === 'string' && path.length === 3) {
    if (SECRET_ENV_NAME.test(third) || secretEnvNames.has(third)) return true;
  }
  if (first === 'imageCredentials' && (path[2] === 'password' || path[2] === 'auth')) return true;
  return URL_WITH_CREDENTIALS.test(value) || known.has(value);
}

/** The forms the chart derives from registry credentials, which helm may print: `auth` and the dockerconfigjson. */
export function pullSecretForms(registry: string, username: string, password: string): string[] {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  const entries = [{ username, password, auth }, { username, password, email: '', auth }, { auth }];
  const configs = entries.map((entry) => JSON.stringify({ auths: { [registry]: entry } }));
  return [auth, ...configs.map((config) => Buffer.from(config).toString('base64'))];
}

function derivedSecrets(values: Values): string[] {
  const credentials = Array.isArray(values.imageCredentials) ? values.imageCredentials : [];
  return credentials.filter(isMap).flatMap((item) => {
    const { registry, username, password } = item;
    if (typeof password !== 'string' || !password) return [];
    return pullSecretForms(String(registry ?? ''), String(username ?? ''), password);
  });
}

export function scanSecrets(
  values: Values,
  knownSecrets: readonly string[],
  secretEnvNames: readonly string[],
): SecretScan {
  const known = new Set(knownSecrets.filter(Boolean));
  const names = new Set(secretEnvNames);
  const found = new Set<string>(known);
  const visit = (node: unknown, path: KeyPath): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (isMap(node))
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child, [...path, key])]));
    if (typeof node !== 'string' && typeof node !== 'number') return node;
    const text = String(node);
    if (text && !PLACEHOLDER.test(text) && isSecretLeaf(path, text, names, known)) {
      found.add(text);
      return REDACTED;
    }
    return node;
  };
  const redactedTree = visit(values, []) as Values;
  for (const secret of derivedSecrets(values)) found.add(secret);
  const secrets = [...found];
  // Secrets quoted inside other strings (a URL, a connection string) are cut out as well; masking is the caller's.
  const set = new SecretSet(() => undefined);
  set.add(...secrets);
  const redacted = visitStrings(redactedTree, (text) => set.redact(text)) as Values;
  return { secrets, redacted };
}

function visitStrings(node: unknown, change: (text: string) => string): unknown {
  if (typeof node === 'string') return change(node);
  if (Array.isArray(node)) return node.map((item) => visitStrings(item, change));
  if (isMap(node))
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visitStrings(child, change)]));
  return node;
}
