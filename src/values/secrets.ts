// Which leaves of the final values are secrets, what else derives from them (the pull secret's base64 forms),
// and the redacted copy that is safe to print. A leaf is secret when its key names one (password, pwd, pass,
// secret, token, api key, credential, auth, connection string), when its value carries one (a URL with a password,
// a connection string with Password= or AccountKey=, a SAS signature, a private key), when it equals a secret input, or when
// `secret-values` names its path or one above it.
import { formatKeyPath, type KeyPath } from '../inputs/key-path.js';
import { REDACTED, SecretSet } from '../secrets.js';
import { isMap, type Values } from './merge.js';

/** Words that make a key a secret's name: `dbPassword`, `MY_PWD`, `redis.password`, `LOG_STORE_SECRET_KEY`. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'credential',
  'credentials',
  'apikey',
  'auth',
]);
/**
 * A key ending in one of these describes a secret without holding it (`secretName`, `passwordFile`, `TOKEN_TTL`,
 * `AZURE_AUTH_MODE`, `PASSWORD_MIN_LENGTH`); masking its value would only garble the log.
 */
const DESCRIBING_WORDS = new Set([
  'name',
  'names',
  'ref',
  'file',
  'path',
  'dir',
  'mode',
  'type',
  'enabled',
  'create',
  'format',
  'policy',
  'header',
  'host',
  'endpoint',
  'url',
  'uri',
  'length',
  'size',
  'count',
  'ttl',
  'timeout',
  'expiry',
  'rounds',
  'limit',
  'max',
  'min',
  'version',
  'region',
]);
/** The chart's stand-ins like `<docker-pwd>`: not secrets, and worth seeing in the printed values. */
const PLACEHOLDER = /^<[^>]*>$/;
/** `scheme://user:password@host` or `scheme://token@host`; the password part is a secret on its own as well. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/\s@:]*:)?([^/\s@]+)@/i;
/** `Server=db;User Id=sa;Password=...;` (SQL), `AccountKey=...` (Azure Storage), `SharedAccessKey=...` (Service Bus). */
const CONNECTION_STRING_SECRET =
  /(?:^|;)\s*(?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*([^;]+)/gi;
/** A SAS URL or token (`…&sig=…`), or a key passed in a query string. */
const QUERY_SECRET = /[?&](?:sig|signature|token|access_token|key|api[-_]?key|password|secret)=([^&\s]+)/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/** Values no secret is: masking `true` would hide every `true` in the log. */
const NOT_A_SECRET = /^(true|false|yes|no|on|off|null|)$/i;

/** `dbPassword` → db, password; `LOG_STORE_SECRET_KEY` → log, store, secret, key; `azure-pip-name` → azure, pip, name. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a key's name says its value is a secret. Pure. */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (words.includes('connection') && ['string', 'str', 'url', 'uri'].includes(last)) return true;
  if (words[0] === 'existing' || DESCRIBING_WORDS.has(last)) return false;
  // `key` alone is Kubernetes' own word (tolerations, secretKeyRef); with a qualifier it is an access key.
  return words.some((word, index) => SECRET_WORDS.has(word) || (word === 'key' && index > 0));
}

/** The secrets a value carries inside it: the password of a URL, the keys of a connection string. */
export function embeddedSecrets(value: string): string[] {
  const found = [...value.matchAll(CONNECTION_STRING_SECRET), ...value.matchAll(QUERY_SECRET)].map((match) =>
    match[1].trim(),
  );
  const password = URL_WITH_CREDENTIALS.exec(value)?.[1];
  if (password) {
    found.push(password);
    try {
      found.push(decodeURIComponent(password));
    } catch {
      // Not percent-encoded after all: the raw form is enough.
    }
  }
  return found;
}

function carriesSecret(value: string): boolean {
  // Most values hold none of `=`, `@` or a PEM line: they cannot carry one.
  if (!/[=@]|-----BEGIN/.test(value)) return false;
  return URL_WITH_CREDENTIALS.test(value) || embeddedSecrets(value).length > 0 || PRIVATE_KEY.test(value);
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

export interface SecretHints {
  /** Secret inputs: wherever they ended up in the values, they are secret there too. */
  known: readonly string[];
  /** `secret-env` names: their `environment.data` entries are secret whatever they are called. */
  secretEnvNames: readonly string[];
  /** `secret-values`: every leaf at or under these paths is secret. */
  secretPaths: readonly KeyPath[];
}

/** Every secret value the values hold, with the parts embedded in them and the pull secret's derived forms. */
export function findSecrets(values: Values, hints: SecretHints): string[] {
  const known = new Set(hints.known.filter(Boolean));
  const envNames = new Set(hints.secretEnvNames);
  const markedPaths = new Set(hints.secretPaths.map(formatKeyPath));
  const found = new Set<string>(known);
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
      for (const key of Object.keys(node)) child(node[key], key, () => isSecretKey(key) || isEnvName());
    else if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      if (NOT_A_SECRET.test(text) || PLACEHOLDER.test(text)) return;
      if (!(marked || named || known.has(text) || carriesSecret(text))) return;
      found.add(text);
      for (const part of embeddedSecrets(text)) found.add(part);
    }
  };
  find(values, false, false);
  for (const secret of derivedSecrets(values)) found.add(secret);
  return [...found];
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
