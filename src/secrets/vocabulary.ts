// How a secret is recognised without being told: by the name it goes under (a values key, an environment variable,
// a command-line flag, a kubeconfig field, a query or connection-string parameter) or by the shape of a value that
// carries one (a URL with a password, a connection string with a key, a SAS signature, a private key). The one
// vocabulary every part of the action uses. Pure.

/** Words that make a name a secret's: `dbPassword`, `MY_PWD`, `redis.password`, `--client-secret`, `access-token`. */
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
 * A name ending in one of these describes a secret without holding it (`secretName`, `passwordFile`, `TOKEN_TTL`,
 * `AZURE_AUTH_MODE`, `PASSWORD_MIN_LENGTH`, `--token-file`); masking its value would only garble the log.
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
/** Query and connection-string parameters that hold a secret under a name of their own (a SAS's `sig`, `AccountKey`). */
const SECRET_PARAMETERS = new Set([
  'sig',
  'signature',
  'key',
  'accountkey',
  'sharedaccesskey',
  'sharedaccesssignature',
]);

/** `dbPassword` → db, password; `LOG_STORE_SECRET_KEY` → log, store, secret, key; `--client-secret` → client, secret. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `topologyKey` (topologySpreadConstraints, pod affinity terms), `matchLabelKeys`: label names. */
const KUBERNETES_KEY_FIELDS = new Set(['topologyKey', 'matchLabelKeys', 'mismatchLabelKeys']);

/** Whether a name says its value is a secret. */
export function isSecretName(name: string): boolean {
  const words = keyWords(name);
  const last = words[words.length - 1];
  if (words.includes('connection') && ['string', 'str', 'url', 'uri'].includes(last)) return true;
  if (words[0] === 'existing' || DESCRIBING_WORDS.has(last)) return false;
  // Kubernetes' own fields, spelt as Kubernetes spells them, that end in `Key` and name a label, not an access key.
  if (KUBERNETES_KEY_FIELDS.has(name)) return false;
  // `key` alone is Kubernetes' own word (tolerations, secretKeyRef); with a qualifier it is an access key.
  return words.some((word, index) => SECRET_WORDS.has(word) || (word === 'key' && index > 0));
}

/** Whether a query-string or connection-string parameter holds a secret: `sig`, `AccountKey`, `api_key`, `Password`. */
export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMETERS.has(name.toLowerCase()) || keyWords(name).at(-1) === 'signature' || isSecretName(name);
}

/** `scheme://user:password@host` or `scheme://token@host`; the password part is a secret on its own as well. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/\s@:]*:)?([^/\s@]+)@/i;
/** `Server=db;User Id=sa;Password=...;` (SQL), `AccountKey=...` (Azure Storage), `SharedAccessKey=...` (Service Bus). */
const CONNECTION_STRING_PARAMETER = /(?:^|;)\s*([A-Za-z][\w .-]*?)\s*=\s*([^;]+)/g;
/** A query string's parameters: a SAS URL or token (`…&sig=…`), a key passed in a URL. */
const QUERY_PARAMETER = /[?&]([^=&\s#]+)=([^&\s#]+)/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** The secrets a value carries inside it: the password of a URL, the keys of a connection string or a query. */
export function embeddedSecrets(value: string): string[] {
  const found = [...value.matchAll(CONNECTION_STRING_PARAMETER), ...value.matchAll(QUERY_PARAMETER)]
    .filter((match) => isSecretParameter(match[1].trim()))
    .map((match) => match[2].trim());
  const password = URL_WITH_CREDENTIALS.exec(value)?.[1];
  if (password) {
    found.push(password);
    try {
      found.push(decodeURIComponent(password));
    } catch {
      // Not percent-encoded after all: the raw form is enough.
    }
  }
  return found.filter(Boolean);
}

/** Whether a value carries a secret inside it, whatever it is called. */
export function carriesSecret(value: string): boolean {
  // Most values hold none of `=`, `@` or a PEM line: they cannot carry one.
  if (!/[=@]|-----BEGIN/.test(value)) return false;
  return URL_WITH_CREDENTIALS.test(value) || embeddedSecrets(value).length > 0 || PRIVATE_KEY.test(value);
}
