// The kubeconfig as client-go understands it: the current context, its cluster and its user, with client-go's own
// field names and types (k8s.io/client-go/tools/clientcmd/api/v1). Whatever client-go would refuse or read
// differently is refused here; what is accepted is written back as one JSON document holding only those three
// entries, so what the policy checked is exactly what helm and kubectl read, with nothing dormant beside it.
import * as path from 'node:path';
import { InvalidKubeconfig, readYamlAsClientGo, YAML11_ONLY_LINE_BREAKS } from './read-yaml.js';

export { InvalidKubeconfig } from './read-yaml.js';

export interface ClusterEntry {
  server: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
}

export interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

export interface AuthProviderConfig {
  name: string;
  config?: Record<string, string>;
}

export interface UserEntry {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  as?: string;
  'as-uid'?: string;
  'as-groups'?: string[];
  'as-user-extra'?: Record<string, string[]>;
  username?: string;
  password?: string;
  'auth-provider'?: AuthProviderConfig;
  exec?: ExecConfig;
}

export interface ContextEntry {
  cluster: string;
  user: string;
  namespace?: string;
}

/** What helm and kubectl use of a kubeconfig: its current context, and that context's cluster and user. */
export interface Kubeconfig {
  currentContext: string;
  context: ContextEntry;
  cluster: ClusterEntry;
  user: UserEntry;
}

type Json = unknown;
type ValueType = 'string' | 'boolean' | 'strings' | 'stringMap' | 'stringListMap' | 'envList';
type FieldType = ValueType | Fields;
interface Fields {
  [field: string]: FieldType;
}

const CLUSTER_FIELDS: Fields = {
  server: 'string',
  'certificate-authority': 'string',
  'certificate-authority-data': 'string',
  'insecure-skip-tls-verify': 'boolean',
  'tls-server-name': 'string',
  'proxy-url': 'string',
  'disable-compression': 'boolean',
};
const EXEC_FIELDS: Fields = {
  command: 'string',
  args: 'strings',
  env: 'envList',
  apiVersion: 'string',
  installHint: 'string',
  provideClusterInfo: 'boolean',
  interactiveMode: 'string',
};
const USER_FIELDS: Fields = {
  'client-certificate': 'string',
  'client-certificate-data': 'string',
  'client-key': 'string',
  'client-key-data': 'string',
  token: 'string',
  tokenFile: 'string',
  as: 'string',
  'as-uid': 'string',
  'as-groups': 'strings',
  'as-user-extra': 'stringListMap',
  username: 'string',
  password: 'string',
  'auth-provider': { name: 'string', config: 'stringMap' },
  exec: EXEC_FIELDS,
};
const CONTEXT_FIELDS: Fields = { cluster: 'string', user: 'string', namespace: 'string' };

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPE_NAMES: Record<ValueType, string> = {
  string: 'a string (quote it)',
  boolean: 'true or false',
  strings: 'a list of strings',
  stringMap: 'a map of strings',
  stringListMap: 'a map of lists of strings',
  envList: 'a list of {name, value}',
};

const field = (where: string, key: string) => (where ? `${where}.${key}` : key);

function typed(value: Json, type: FieldType, where: string): Json {
  if (typeof type === 'object') return pick(value, type, where);
  const wrong = (at = where) => new InvalidKubeconfig(`${at} must be ${TYPE_NAMES[type]}.`);
  const strings = (list: Json, at: string) => {
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw wrong(at);
    return list as string[];
  };
  switch (type) {
    case 'string':
    case 'boolean':
      if (typeof value !== type) throw wrong();
      return value;
    case 'strings':
      return strings(value, where);
    case 'stringMap':
      if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string')) throw wrong();
      return value;
    case 'stringListMap':
      if (!isObject(value)) throw wrong();
      return Object.fromEntries(Object.entries(value).map(([key, list]) => [key, strings(list, field(where, key))]));
    case 'envList':
      if (!Array.isArray(value)) throw wrong();
      return value.map((item, i) => pick(item, { name: 'string', value: 'string' }, `${where}[${i}]`));
  }
}

/**
 * The known fields of `value`, each of its type; a null field is an absent one, as in Go. Unknown fields
 * (`extensions` included) are dropped: client-go ignores them. A known field spelled in another case is refused:
 * client-go before 1.21 matched field names regardless of case, later ones do not.
 */
function pick(value: Json, fields: Fields, where: string): Record<string, Json> {
  if (value === null || value === undefined) return {};
  if (!isObject(value)) throw new InvalidKubeconfig(`${where || 'the document'} must be a map.`);
  const known = new Map(Object.keys(fields).map((name) => [name.toLowerCase(), name]));
  const picked: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = known.get(key.toLowerCase());
    if (name === undefined) continue;
    if (name !== key) throw new InvalidKubeconfig(`${field(where, key)} is spelled differently from \`${name}\`.`);
    if (child === null) continue;
    picked[name] = typed(child, fields[name], field(where, name));
  }
  return picked;
}

/** The entry of a named list (`clusters`, `contexts`, `users`) called `name`; client-go refuses a name given twice. */
function namedEntry(doc: Record<string, Json>, list: string, item: string, name: string, fields: Fields) {
  const entries = doc[list] ?? [];
  if (!Array.isArray(entries)) throw new InvalidKubeconfig(`${list} must be a list.`);
  const seen = new Set<string>();
  let found: Record<string, Json> | undefined;
  for (const [i, entry] of entries.entries()) {
    const { name: entryName } = pick(entry, { name: 'string' }, `${list}[${i}]`);
    const key = String(entryName ?? '');
    if (seen.has(key)) throw new InvalidKubeconfig(`${list} names ${JSON.stringify(key)} twice.`);
    seen.add(key);
    if (key === name)
      found = pick((entry as Record<string, Json>)[item], fields, `${list}[${JSON.stringify(key)}].${item}`);
  }
  return found;
}

/** Where an entry sits, for messages: `clusters["aks"].cluster`. */
export const clusterField = (name: string) => `clusters[${JSON.stringify(name)}].cluster`;
export const userField = (name: string) => `users[${JSON.stringify(name)}].user`;

/** The URL `value` holds when its scheme is one of `schemes`; client-go guesses a missing scheme, we do not. */
function urlOf(value: string, schemes: string[]): URL | undefined {
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

function checkUrls(cluster: ClusterEntry, where: string): void {
  if (!cluster.server) throw new InvalidKubeconfig(`${where} has no server.`);
  if (!urlOf(cluster.server, ['https:', 'http:'])) {
    throw new InvalidKubeconfig(`${where}.server must be an https:// URL.`);
  }
  const proxy = cluster['proxy-url'];
  if (proxy !== undefined && !urlOf(proxy, ['http:', 'https:', 'socks5:'])) {
    throw new InvalidKubeconfig(`${where}.proxy-url must be an http://, https:// or socks5:// URL.`);
  }
}

/** Settings client-go refuses together (or of which it silently ignores one): each would be read two ways. */
function checkConsistent(cluster: ClusterEntry, user: UserEntry, clusterWhere: string, userWhere: string): void {
  const both = (entry: object, a: string, b: string, where: string) => {
    if (a in entry && b in entry) throw new InvalidKubeconfig(`${where} has both ${a} and ${b}: keep one.`);
  };
  both(cluster, 'certificate-authority', 'certificate-authority-data', clusterWhere);
  both(cluster, 'insecure-skip-tls-verify', 'certificate-authority-data', clusterWhere);
  both(cluster, 'insecure-skip-tls-verify', 'certificate-authority', clusterWhere);
  both(user, 'client-certificate', 'client-certificate-data', userWhere);
  both(user, 'client-key', 'client-key-data', userWhere);
  both(user, 'exec', 'auth-provider', userWhere);
  const ways = [
    (user.token || user.tokenFile) && 'a token',
    (user.username || user.password) && 'a username and password',
    user.exec && 'exec',
    user['auth-provider'] && 'an auth-provider',
    (user['client-certificate'] || user['client-certificate-data']) && user.exec && 'a client certificate',
  ].filter(Boolean);
  if (ways.length > 1) {
    throw new InvalidKubeconfig(
      `${userWhere} authenticates with ${ways.join(' and ')}: client-go uses only one of them. Keep one.`,
    );
  }
  if (user.exec && !user.exec.command) throw new InvalidKubeconfig(`${userWhere}.exec has no command.`);
  // They go into the Authorization header, which Go refuses to send with a line break in it.
  for (const field of ['token', 'username', 'password'] as const) {
    if (/[\r\n]/.test(user[field] ?? '')) {
      throw new InvalidKubeconfig(`${userWhere}.${field} holds a line break: give it on one line.`);
    }
  }
}

/**
 * Parses a kubeconfig as client-go would and keeps its current context. Throws InvalidKubeconfig, whose message
 * continues a sentence naming the kubeconfig (`is not valid YAML: …`) and never quotes a value of it.
 */
export function parseKubeconfig(text: string): Kubeconfig {
  const doc = readYamlAsClientGo(text);
  if (!isObject(doc) || !('clusters' in doc)) {
    throw new InvalidKubeconfig('is not a kubeconfig (YAML with clusters, contexts and users).');
  }
  const top = pick(doc, { apiVersion: 'string', kind: 'string', 'current-context': 'string' }, '');
  if (top.apiVersion !== undefined && top.apiVersion !== 'v1') {
    throw new InvalidKubeconfig(`has apiVersion ${JSON.stringify(top.apiVersion)}: client-go reads v1 only.`);
  }
  if (top.kind !== undefined && top.kind !== 'Config') {
    throw new InvalidKubeconfig(`has kind ${JSON.stringify(top.kind)}, not Config.`);
  }
  const currentContext = String(top['current-context'] ?? '');
  if (!currentContext) {
    throw new InvalidKubeconfig('has no current-context: helm and kubectl would not know which cluster to use.');
  }
  const context = namedEntry(doc, 'contexts', 'context', currentContext, CONTEXT_FIELDS) as ContextEntry | undefined;
  if (!context) throw new InvalidKubeconfig(`has no context ${JSON.stringify(currentContext)} (its current-context).`);
  const contextWhere = `contexts[${JSON.stringify(currentContext)}]`;
  const clusterName = context.cluster ?? '';
  const cluster = namedEntry(doc, 'clusters', 'cluster', clusterName, CLUSTER_FIELDS) as ClusterEntry | undefined;
  if (!cluster)
    throw new InvalidKubeconfig(`has no cluster ${JSON.stringify(clusterName)}, which ${contextWhere} uses.`);
  const clusterWhere = clusterField(clusterName);
  checkUrls(cluster, clusterWhere);
  // False is client-go's default: kept, it would read as a conflict with a CA below.
  if (cluster['insecure-skip-tls-verify'] === false) delete cluster['insecure-skip-tls-verify'];
  const userName = context.user ?? '';
  // No user in the context is an anonymous one; a named user that is missing is refused, as client-go does.
  const user = (namedEntry(doc, 'users', 'user', userName, USER_FIELDS) ?? (userName ? undefined : {})) as
    UserEntry | undefined;
  if (!user) throw new InvalidKubeconfig(`has no user ${JSON.stringify(userName)}, which ${contextWhere} uses.`);
  checkConsistent(cluster, user, clusterWhere, userField(userName));
  return { currentContext, context: { ...context, cluster: clusterName, user: userName }, cluster, user };
}

/** The kubeconfig as the one JSON document helm and kubectl read: nothing in it can be read two ways. */
export function kubeconfigText(kubeconfig: Kubeconfig): string {
  const { currentContext, context, cluster, user } = kubeconfig;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': currentContext,
    clusters: [{ name: context.cluster, cluster }],
    contexts: [{ name: currentContext, context }],
    users: [{ name: context.user, user }],
  };
  // Escaped, the line breaks only YAML 1.1 knows mean the same to every reader.
  const json = JSON.stringify(doc, null, 2).replace(
    YAML11_ONLY_LINE_BREAKS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}

/** The local files a kubeconfig names, by where they are named: helm and kubectl read them and send what they hold. */
export function fileReferences(kubeconfig: Kubeconfig): { field: string; file: string }[] {
  const { cluster, user, context } = kubeconfig;
  const clusterWhere = clusterField(context.cluster);
  const userWhere = userField(context.user);
  return [
    { field: `${clusterWhere}.certificate-authority`, file: cluster['certificate-authority'] },
    { field: `${userWhere}.client-certificate`, file: user['client-certificate'] },
    { field: `${userWhere}.client-key`, file: user['client-key'] },
    { field: `${userWhere}.tokenFile`, file: user.tokenFile },
  ].filter((ref): ref is { field: string; file: string } => !!ref.file);
}

/**
 * The kubeconfig with each relative file path made absolute against `baseDir`, as client-go resolves them against
 * the kubeconfig's own folder: the written copy lives elsewhere. An exec command with a slash counts as a path too.
 */
export function withAbsolutePaths(kubeconfig: Kubeconfig, baseDir: string): Kubeconfig {
  const absolute = (file: string | undefined) => (file ? path.resolve(baseDir, file) : file);
  const cluster = { ...kubeconfig.cluster };
  const user = { ...kubeconfig.user };
  if (cluster['certificate-authority']) cluster['certificate-authority'] = absolute(cluster['certificate-authority']);
  for (const field of ['client-certificate', 'client-key', 'tokenFile'] as const) {
    if (user[field]) user[field] = absolute(user[field]);
  }
  if (user.exec && /[\\/]/.test(user.exec.command)) user.exec = { ...user.exec, command: absolute(user.exec.command)! };
  return { ...kubeconfig, cluster, user };
}
