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
function embeddedSecrets(value: string): string[] {
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
  return URL_WITH_CREDENTIALS.test(value) || embeddedSecrets(value).length > 0 || PRIVATE_KEY.test(value);
}

export interface SecretScan {
  /** Every secret value found, plus derived forms, without duplicates. */
  secrets: string[];
  redacted: Values;
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

export function scanSecrets(values: Values, hints: SecretHints): SecretScan {
  const known = new Set(hints.known.filter(Boolean));
  const envNames = new Set(hints.secretEnvNames);
  const markedPaths = new Set(hints.secretPaths.map(formatKeyPath));
  const found = new Set<string>(known);
  const isEnvName = (path: KeyPath) =>
    path.length === 3 && path[0] === 'environment' && path[1] === 'data' && envNames.has(String(path[2]));
  const visit = (node: unknown, path: KeyPath, marked: boolean, named: boolean): unknown => {
    const child = (value: unknown, key: string | number, isNamed: boolean) => {
      const childPath = [...path, key];
      return visit(value, childPath, marked || markedPaths.has(formatKeyPath(childPath)), isNamed);
    };
    if (Array.isArray(node)) return node.map((item, index) => child(item, index, named));
    if (isMap(node)) {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [
          key,
          child(value, key, isSecretKey(key) || isEnvName([...path, key])),
        ]),
      );
    }
    if (typeof node !== 'string' && typeof node !== 'number') return node;
    const text = String(node);
    if (NOT_A_SECRET.test(text) || PLACEHOLDER.test(text)) return node;
    const secret = marked || named || known.has(text) || carriesSecret(text);
    if (!secret) return node;
    found.add(text);
    for (const part of embeddedSecrets(text)) found.add(part);
    return REDACTED;
  };
  const redactedTree = visit(values, [], false, false) as Values;
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
