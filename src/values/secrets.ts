// Which leaves of the final values are secrets, what else derives from them (the pull secret's base64 forms),
// and the redacted copy that is safe to print. A leaf is secret when its key names one (password, pwd, pass,
// secret, token, api key, credential, auth, connection string), when its value carries one (a URL with a password,
// a connection string with Password= or AccountKey=, a SAS signature, a private key), when it equals a secret the run
// knows already (a secret input), or when `secret-values` names its path or one above it. The names and shapes are
// the secrets module's vocabulary.
import { formatKeyPath, type KeyPath } from '../inputs/key-path.js';
import {
  carriesSecret,
  embeddedSecrets,
  isSecretName,
  pullSecretForms,
  REDACTED,
  SecretSet,
} from '../secrets/index.js';
import { isMap, type Values } from './merge.js';

/** The chart's stand-ins like `<docker-pwd>`: not secrets, and worth seeing in the printed values. */
const PLACEHOLDER = /^<[^>]*>$/;
/** Values no secret is: masking `true` would hide every `true` in the log. */
const NOT_A_SECRET = /^(true|false|yes|no|on|off|null|)$/i;

function derivedSecrets(values: Values): string[] {
  const credentials = Array.isArray(values.imageCredentials) ? values.imageCredentials : [];
  return credentials.filter(isMap).flatMap((item) => {
    const { registry, username, password } = item;
    if (typeof password !== 'string' || !password) return [];
    return pullSecretForms(String(registry ?? ''), String(username ?? ''), password);
  });
}

export interface SecretHints {
  /** The run's secrets so far (every secret input among them): wherever they ended up in the values, they are secret there too. */
  known: readonly string[];
  /** `secret-env` names: their `environment.data` entries are secret whatever they are called. */
  secretEnvNames: readonly string[];
  /** `secret-values`: every leaf at or under these paths is secret. */
  secretPaths: readonly KeyPath[];
}

export interface FoundSecrets {
  /** Every secret value the values hold, with the parts embedded in them and the pull secret's derived forms. */
  secrets: string[];
  /** The key paths of the leaves that are (or carry) a secret, as `set` writes them. */
  paths: string[];
}

export function findSecrets(values: Values, hints: SecretHints): FoundSecrets {
  const known = new Set(hints.known.filter(Boolean));
  const envNames = new Set(hints.secretEnvNames);
  const markedPaths = new Set(hints.secretPaths.map(formatKeyPath));
  const found = new Set<string>(known);
  const paths: string[] = [];
  // One walk to find the secrets, with one path array as scratch: a large values tree is mostly short strings.
  const path: KeyPath = [];
  const isEnvName = () =>
    path.length === 3 && path[0] === 'environment' && path[1] === 'data' && envNames.has(String(path[2]));
  const find = (node: unknown, marked: boolean, named: boolean): void => {
    const child = (value: unknown, key: string | number, isNamed: () => boolean) => {
      path.push(key);
      find(value, marked || (markedPaths.size > 0 && markedPaths.has(formatKeyPath(path))), isNamed());
      path.pop();
    };
    if (Array.isArray(node)) node.forEach((item, index) => child(item, index, () => named));
    else if (isMap(node))
      for (const key of Object.keys(node)) child(node[key], key, () => isSecretName(key) || isEnvName());
    else if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      if (NOT_A_SECRET.test(text) || PLACEHOLDER.test(text)) return;
      if (!(marked || named || known.has(text) || carriesSecret(text))) return;
      found.add(text);
      paths.push(formatKeyPath(path));
      for (const part of embeddedSecrets(text)) found.add(part);
    }
  };
  find(values, false, false);
  for (const secret of derivedSecrets(values)) found.add(secret);
  return { secrets: [...found], paths };
}

/** A copy safe to print: secret leaves become ***, secrets quoted inside other strings (a URL) are cut out. */
export function redactValues(values: Values, secrets: readonly string[]): Values {
  const found = new Set(secrets);
  const set = new SecretSet(() => undefined);
  set.add(...secrets);
  return visitLeaves(values, (leaf) => {
    if (typeof leaf !== 'string' && typeof leaf !== 'number') return leaf;
    if (found.has(String(leaf)) && !NOT_A_SECRET.test(String(leaf))) return REDACTED;
    return typeof leaf === 'string' ? set.redact(leaf) : leaf;
  }) as Values;
}

function visitLeaves(node: unknown, change: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => visitLeaves(item, change));
  if (isMap(node)) {
    const copy: Values = {};
    for (const key of Object.keys(node)) copy[key] = visitLeaves(node[key], change);
    return copy;
  }
  return change(node);
}
