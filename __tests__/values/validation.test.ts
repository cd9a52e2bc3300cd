import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../src/errors.js';
import { planValues } from '../../src/values/index.js';
import { captureStdout, configFrom, validInputs } from '../inputs/fixture.js';

type Inputs = Record<string, string>;
type Files = Record<string, string>;

const KUBECONFIG = 'apiVersion: v1\nclusters: []\nusers: []\n';
/** A deploy that needs no Azure sign-in. */
const deploy: Inputs = { command: 'deploy', kubeconfig: KUBECONFIG };

/** Runs the whole input stage (getConfig, then planValues) and returns its problems and warnings. */
async function check(inputs: Inputs, files: Files = {}): Promise<{ problems: string[]; warnings: string[] }> {
  const readFile = async (file: string) => {
    if (file in files) return files[file];
    if (file.endsWith('Chart.yaml')) return 'version: 1.7.7\n';
    throw new Error(`ENOENT: no such file or directory, open '${file}'`);
  };
  const { result } = await captureStdout(async () => {
    try {
      const plan = await planValues(configFrom({ ...validInputs(), ...inputs }), readFile);
      return { problems: [], warnings: plan.warnings };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { problems: error.problems, warnings: [] };
    }
  });
  return result;
}

const blob = (mode: string, extra: Inputs = {}): Inputs => ({
  'log-store': 'azure',
  'azure-storage-account': 'acct',
  'azure-storage-container': 'logs',
  'azure-auth-mode': mode,
  ...extra,
});

// [what, inputs, files, the input the message must name, text the message must hold]
const badInputs: [string, Inputs, Files, string, string][] = [
  ['malformed inline YAML', { values: 'a: [1' }, {}, 'values', 'the inline YAML is not valid YAML: Flow sequence'],
  ['inline YAML that is a list', { values: '- a\n- b' }, {}, 'values', 'must be a YAML map of values'],
  [
    'malformed values file',
    { 'values-files': 'bad.yaml' },
    { 'bad.yaml': 'a: b: c' },
    'values-files',
    'bad.yaml is not valid YAML',
  ],
  [
    'duplicate keys in a values file',
    { 'values-files': 'd.yaml' },
    { 'd.yaml': 'a: 1\na: 2' },
    'values-files',
    'Map keys must be unique',
  ],
  ['missing values file', { 'values-files': 'missing.yaml' }, {}, 'values-files', 'cannot read missing.yaml'],
  ['unknown command', { command: 'install' }, {}, 'command', '"install" is not one of `deploy`, `render`, `uninstall`'],
  [
    'unknown environment',
    { environment: 'AzureGermany' },
    {},
    'environment',
    '"AzureGermany" is not one of `AzureCloud`',
  ],
  ['release name with capitals', { 'release-name': 'Portkey_AI' }, {}, 'release-name', 'is not a valid release name'],
  ['release name too long', { 'release-name': `r${'x'.repeat(53)}` }, {}, 'release-name', 'at most 53 characters'],
  ['namespace with capitals', { namespace: 'PortkeyAI' }, {}, 'namespace', 'is not a valid namespace'],
  ['namespace too long', { namespace: 'n'.repeat(64) }, {}, 'namespace', 'at most 63 characters'],
  [
    'service account name',
    { 'service-account-name': 'Gateway_SA' },
    {},
    'service-account-name',
    'not a valid service account name',
  ],
  ['boolean that is not true/false', { admin: 'yes' }, {}, 'admin', '"yes" is not a boolean'],
  ['duration without a unit we know', { timeout: '10 minutes' }, {}, 'timeout', 'is not a duration'],
  ['replicas that are words', { replicas: 'two' }, {}, 'replicas', '"two" is not a whole number from 0 to 1000'],
  ['port out of range', { 'service-port': '70000' }, {}, 'service-port', 'from 1 to 65535'],
  ['MCP port that is not a number', { 'mcp-port': 'abc' }, {}, 'mcp-port', 'is not a whole number'],
  ['unknown service type', { 'service-type': 'External' }, {}, 'service-type', 'is not one of `LoadBalancer`'],
  [
    'unknown load balancer kind',
    { 'load-balancer': 'private' },
    {},
    'load-balancer',
    'is not one of `public`, `internal`',
  ],
  [
    'bad CIDR',
    { 'allowed-ip-ranges': '10.0.0.0/8, 10.0.0.0/40' },
    {},
    'allowed-ip-ranges',
    '"10.0.0.0/40" is not an IP range',
  ],
  ['unknown cache', { cache: 'memcached' }, {}, 'cache', 'is not one of `none`, `builtin`, `external`'],
  [
    'unknown Redis auth mode',
    { cache: 'external', 'redis-url': 'rediss://r:1', 'redis-auth-mode': 'key' },
    {},
    'redis-auth-mode',
    '"key" is not one of',
  ],
  ['unknown log store', { 'log-store': 'cosmos' }, {}, 'log-store', '"cosmos" is not one of empty, `azure`'],
  ['unknown Blob auth mode', blob('sas'), {}, 'azure-auth-mode', '"sas" is not one of `managed`'],
  [
    'unknown log path format',
    { 'log-store-file-path-format': 'v3' },
    {},
    'log-store-file-path-format',
    '"v3" is not one of',
  ],
  ['unknown control-plane route', { 'control-plane': 'vpn' }, {}, 'control-plane', '"vpn" is not one of'],
  [
    'control-plane host given as a URL',
    { 'control-plane-host': 'https://cp.example.com' },
    {},
    'control-plane-host',
    'without https://',
  ],
  [
    'image-pull-secret with registry credentials',
    { 'image-pull-secret': 'acr' },
    {},
    'image-pull-secret',
    'cannot be combined with `registry-username`',
  ],
  ['registry user without password', { 'registry-password': '' }, {}, 'registry-password', 'required together'],
  [
    'redis-url without an external cache',
    { 'redis-url': 'rediss://r:1' },
    {},
    'redis-url',
    'only used with `cache: external`',
  ],
  ['mcp-host without an ingress', { 'mcp-host': 'mcp.example.com' }, {}, 'mcp-host', 'needs `ingress-class`'],
  ['repository alias as chart', { chart: 'portkey-ai/gateway' }, {}, 'chart', 'repository alias'],
  ['local chart that does not exist', { chart: './charts/nope' }, {}, 'chart', 'no chart folder at "./charts/nope"'],
  [
    'chart repository that is not http(s)',
    { chart: 'gateway', 'chart-repository': 'ftp://charts' },
    {},
    'chart-repository',
    'is not an http(s):// URL',
  ],
  ['helm version that is a word', { 'helm-version': 'newest' }, {}, 'helm-version', 'is not a version'],
  ['short SHA-256', { 'helm-sha256': 'abc123' }, {}, 'helm-sha256', 'is not a SHA-256'],
  [
    'download URL that is not a URL',
    { 'kubectl-download-url': 'mirror' },
    {},
    'kubectl-download-url',
    'is not an http(s):// URL',
  ],
  [
    'authority host over http',
    { 'authority-host': 'http://login.example' },
    {},
    'authority-host',
    'is not an https:// URL',
  ],
  ['client id that is not a GUID', { command: 'deploy', 'client-id': 'my-app' }, {}, 'client-id', 'is not a GUID'],
  ['deploy without Azure inputs', { command: 'deploy' }, {}, 'cluster-name', 'is required for `command: deploy`'],
  [
    'kubeconfig that is not one',
    { command: 'deploy', kubeconfig: 'a: 1\nb: 2' },
    {},
    'kubeconfig',
    'is not a kubeconfig',
  ],
  ['smoke-test path without a slash', { 'smoke-test-path': 'v1/health' }, {}, 'smoke-test-path', "must start with '/'"],
  [
    'impossible HTTP status',
    { 'smoke-test-expected-status': '99' },
    {},
    'smoke-test-expected-status',
    'from 100 to 599',
  ],
  ['env line without =', { env: 'FOO' }, {}, 'env', "line 1 has no '='"],
  [
    'secret-env with a bad name',
    { 'secret-env': 'MY-KEY=x' },
    {},
    'secret-env',
    '"MY-KEY" is not a valid variable name',
  ],
  ['set line without =', { set: 'replicaCount' }, {}, 'set', "line 1: no '=' found"],
  ['set line with bad JSON', { set: 'a=1\nb:json={x' }, {}, 'set', 'line 2: the value of b:json is not valid JSON'],
  // Domain rules, checked on the merged values.
  [
    'deploy without client auth',
    { ...deploy, 'portkey-client-auth': '' },
    {},
    'portkey-client-auth',
    'PORTKEY_CLIENT_AUTH is not set',
  ],
  [
    'deploy without organisation',
    { ...deploy, 'organisations-to-sync': '' },
    {},
    'organisations-to-sync',
    'ORGANISATIONS_TO_SYNC is not set',
  ],
  [
    'Blob key mode without a key',
    blob('key'),
    {},
    'azure-storage-key',
    'needs AZURE_STORAGE_KEY: set `azure-storage-key`',
  ],
  [
    'Blob without an account',
    blob('managed', { 'azure-storage-account': '' }),
    {},
    'azure-storage-account',
    'needs AZURE_STORAGE_ACCOUNT',
  ],
  [
    'Blob without a container',
    blob('managed', { 'azure-storage-container': '' }),
    {},
    'azure-storage-container',
    'needs AZURE_STORAGE_CONTAINER',
  ],
  [
    'Blob workload mode without client id',
    blob('workload'),
    {},
    'azure-workload-client-id',
    'azure.workload.identity/client-id',
  ],
  [
    'Blob Entra mode without a secret',
    blob('entra', { 'azure-entra-client-id': 'c', 'azure-entra-tenant-id': 't' }),
    {},
    'azure-entra-client-secret',
    'needs AZURE_ENTRA_CLIENT_SECRET',
  ],
  [
    'Blob mode set to nonsense in values',
    { 'log-store': 'azure', values: 'environment: {data: {AZURE_AUTH_MODE: sas}}' },
    {},
    'azure-auth-mode',
    'AZURE_AUTH_MODE "sas" is not key',
  ],
  [
    's3 without a region',
    {
      'log-store': 's3',
      'secret-env': 'LOG_STORE_ACCESS_KEY=access-1\nLOG_STORE_SECRET_KEY=secret-1',
      env: 'LOG_STORE_GENERATIONS_BUCKET=x',
    },
    {},
    'env',
    'LOG_STORE s3 needs LOG_STORE_REGION: add LOG_STORE_REGION=... to `env`',
  ],
  [
    'wasabi without keys',
    { 'log-store': 'wasabi', env: 'LOG_STORE_REGION=r\nLOG_STORE_GENERATIONS_BUCKET=b' },
    {},
    'secret-env',
    'LOG_STORE wasabi needs LOG_STORE_ACCESS_KEY',
  ],
  [
    'gcs without a bucket',
    {
      'log-store': 'gcs',
      env: 'LOG_STORE_REGION=r',
      'secret-env': 'LOG_STORE_ACCESS_KEY=access-2\nLOG_STORE_SECRET_KEY=secret-2',
    },
    {},
    'env',
    'needs LOG_STORE_GENERATIONS_BUCKET',
  ],
  [
    'mongo without a connection URL',
    { 'log-store': 'mongo', env: 'MONGO_DATABASE=d\nMONGO_COLLECTION_NAME=c' },
    {},
    'secret-env',
    'LOG_STORE mongo needs MONGO_DB_CONNECTION_URL',
  ],
  [
    'SERVER_MODE from values that the chart ignores',
    { values: 'environment: {data: {SERVER_MODE: both}}' },
    {},
    'server-mode',
    'SERVER_MODE "both" is not "", all or mcp',
  ],
  [
    'MCP behind an ingress without host routing',
    { 'server-mode': 'all', 'ingress-class': 'nginx' },
    {},
    'mcp-host',
    'needs host-based routing',
  ],
  [
    'container port different from PORT',
    { values: 'environment: {data: {PORT: 9000}}' },
    {},
    'container-port',
    'service.containerPort (8787) differs from environment.data.PORT (9000)',
  ],
  [
    'no registry credentials at all',
    { ...deploy, 'registry-username': '', 'registry-password': '' },
    {},
    'registry-username',
    "chart's placeholder registry credential <docker-user>",
  ],
  [
    'placeholder credentials in a values file',
    { ...deploy, 'registry-username': '', 'registry-password': '', 'values-files': 'p.yaml' },
    { 'p.yaml': 'imageCredentials: [{name: c, create: true, username: me, password: <docker-pwd>}]' },
    'registry-username',
    'placeholder registry credential <docker-pwd>',
  ],
  [
    'chart older than 1.6.0',
    { chart: 'gateway', 'chart-version': '1.5.2' },
    {},
    'chart-version',
    'chart 1.5.2 is older than 1.6.0',
  ],
  [
    'local chart older than 1.6.0',
    {},
    { 'sandbox/charts/gateway/Chart.yaml': 'version: 1.4.0' },
    'chart',
    'chart 1.4.0 is older than 1.6.0',
  ],
  [
    'MCP base URL without a scheme',
    { 'mcp-gateway-base-url': 'mcp.example.com' },
    {},
    'mcp-gateway-base-url',
    'must start with http:// or https://',
  ],
  [
    'values that remove the service account',
    { values: 'serviceAccount: {create: false}' },
    {},
    'service-account-name',
    'set no service account',
  ],
  [
    'data service without a service account',
    { values: 'dataservice: {enabled: true}' },
    {},
    'values',
    'dataservice is enabled without a service account',
  ],
  [
    'environment variable given as a map',
    { values: 'environment: {data: {EXTRA: {a: 1}}}' },
    {},
    'values',
    'environment.data.EXTRA is a map',
  ],
  ['external cache without a URL', { cache: 'external' }, {}, 'redis-url', 'CACHE_STORE azure-redis needs REDIS_URL'],
];

describe('bad inputs', () => {
  const cases = badInputs.map(([what, inputs, files, input, text]) => [what, input, inputs, files, text] as const);
  it.each(cases)('%s: names `%s`', async (_what, input, inputs, files, text) => {
    const { problems } = await check(inputs, files);
    const named = problems.filter((problem) => problem.startsWith(`\`${input}\`: `));
    expect(named.join('\n')).toContain(text);
  });

  it('has at least 30 cases', () => expect(badInputs.length).toBeGreaterThanOrEqual(30));

  it('reports every problem together', async () => {
    const { problems } = await check({
      ...deploy,
      'portkey-client-auth': '',
      'organisations-to-sync': '',
      ...blob('key'),
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      '`portkey-client-auth`',
      '`organisations-to-sync`',
      '`azure-storage-key`',
    ]);
  });
});

describe('render on a pull request, without secrets', () => {
  it('warns instead of failing for missing client auth, organisation and registry credentials', async () => {
    const { problems, warnings } = await check({
      'portkey-client-auth': '',
      'organisations-to-sync': '',
      'registry-username': '',
      'registry-password': '',
    });
    expect(problems).toEqual([]);
    expect(warnings.map((warning) => warning.split(':')[0])).toEqual(
      expect.arrayContaining(['`portkey-client-auth`', '`organisations-to-sync`', '`registry-username`']),
    );
  });
});

describe('warnings that do not stop a deploy', () => {
  it('warns about a public load balancer open to everyone', async () => {
    for (const ranges of ['', '0.0.0.0/0']) {
      const { problems, warnings } = await check({ ...deploy, 'allowed-ip-ranges': ranges });
      expect(problems).toEqual([]);
      expect(warnings).toContain(
        '`allowed-ip-ranges`: the gateway gets a public load balancer open to the whole internet: list the CIDR ranges that may reach it, or use `load-balancer: internal`.',
      );
    }
    const internal = await check({ ...deploy, 'allowed-ip-ranges': '', 'load-balancer': 'internal' });
    expect(internal.warnings.join('\n')).not.toMatch(/allowed-ip-ranges/);
  });

  it('warns when an Ingress and a load balancer both expose the gateway', async () => {
    const { warnings } = await check({ 'ingress-class': 'nginx-static' });
    expect(warnings).toContain(
      '`service-type`: both an Ingress and a LoadBalancer Service expose the gateway: consider `service-type: ClusterIP`.',
    );
  });

  it('warns about a log store it does not know, set through values', async () => {
    const { warnings } = await check({ values: 'environment: {data: {LOG_STORE: cosmos}}' });
    expect(warnings.join('\n')).toMatch(/`log-store`: LOG_STORE "cosmos" is not azure/);
  });
});
