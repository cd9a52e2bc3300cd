// docs/configurations.md against Portkey's own way: each block below, merged into the page's first block and rendered
// by the action's values and post-renderer through the real helm 4 and Portkey's real chart 1.7.7, must give the
// objects a `helm template` of the same chart gives for the values Portkey's guide (and its Redis documentation for
// the chart) writes for that section. What may differ is listed with each case, and nothing else.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { repoRoot } from '../../scripts/action-metadata.js';
import { ensureBinaries } from '../../sandbox/binaries.js';
import { REAL_CHARTS_DIR } from '../../sandbox/chart-repository.js';
import { addedObjects, withObjects } from '../../src/commands/run.js';
import { privateHelmEnv } from '../../src/cluster/session.js';
import { templateArgs } from '../../src/helm/args.js';
import { getConfig } from '../../src/inputs/read-inputs.js';
import { SecretSet } from '../../src/secrets/index.js';
import { prepareValues } from '../../src/values/index.js';
import { checkout } from '../inputs/fixture.js';
import { examplesIn, resolveExpressions } from './examples.js';
import { codeBlocks } from './markdown.js';

type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; [key: string]: unknown } } & Record<
  string,
  unknown
>;

const CHART = path.join(REAL_CHARTS_DIR, 'gateway-1.7.7.tgz');
const file = 'docs/configurations.md';
const blocks = codeBlocks({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') })
  .filter((block) => block.language === 'yaml')
  .flatMap((block) => examplesIn(block.code, file, block.line + 1))
  .map((example) => ({ ...example, inputs: resolveExpressions(example.inputs) }));

let scratch: string;
let helm4: string;
let stdout: ReturnType<typeof jest.spyOn>;
beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'guide-render-'));
  helm4 = (await ensureBinaries()).helm4;
  // getConfig and prepareValues announce secrets (`::add-mask::`) on stdout.
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => {
  stdout.mockRestore();
  rmSync(scratch, { recursive: true, force: true });
});

const parse = (manifest: string): KubeObject[] =>
  parseAllDocuments(manifest)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);

/** `helm template` of the real chart with `values`, through `postRenderer` when given. */
function template(values: object, postRenderer?: string, env: NodeJS.ProcessEnv = {}): KubeObject[] {
  const dir = mkdtempSync(path.join(scratch, 'values-'));
  const valuesPath = path.join(dir, 'values.yaml');
  writeFileSync(valuesPath, stringify(values));
  const chart = {
    source: { kind: 'local' as const, path: CHART },
    version: '1.7.7',
    releaseName: 'portkey-ai',
    namespace: 'portkeyai',
    createNamespace: true,
    postRenderer,
  };
  const out = execFileSync(helm4, templateArgs(chart, valuesPath), {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return parse(out);
}

/** The block whose inputs `pick` chooses, merged into the first block as a user of the page writes it. */
function blockInputs(pick: (inputs: Record<string, string>) => boolean): Record<string, string> {
  const found = blocks.filter((block) => pick(block.inputs));
  expect(found).toHaveLength(1);
  const block = found[0].inputs;
  const base = { ...blocks[0].inputs };
  if (block['service-type'] === 'ClusterIP') base['allowed-ip-ranges'] = '';
  return { ...base, ...block, command: 'render' };
}

/** What the action renders for `inputs`: its values, then helm template with its post-renderer. */
async function actionRender(inputs: Record<string, string>): Promise<KubeObject[]> {
  const secrets = new SecretSet();
  const workspace = checkout({});
  const config = getConfig((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: workspace }, secrets);
  const merged = prepareValues(config, secrets);
  const work = mkdtempSync(path.join(scratch, 'action-'));
  const session = { helm: { path: helm4, version: '4.1.4', major: 4 as const }, env: privateHelmEnv(work) };
  const chart = await withObjects(config.chart, addedObjects(config, merged, 'policy/v1'), session);
  return template(merged.values, chart.postRenderer, session.env);
}

const find = (objects: KubeObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

/** The gateway's environment as the chart's env Secret holds it, decoded. */
function environment(objects: KubeObject[]): Record<string, string> {
  const secret = find(objects, 'Secret', 'portkey-ai-gateway') as { data?: Record<string, string> } | undefined;
  return Object.fromEntries(
    Object.entries(secret?.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
  );
}

/** The gateway Deployment's pod template. */
const podTemplate = (objects: KubeObject[]) =>
  (find(objects, 'Deployment', 'portkey-ai-gateway') as unknown as { spec: { template: PodTemplate } }).spec.template;
type PodTemplate = { metadata: { labels: object }; spec: { containers: object[] } };

const pick = <T extends object>(object: T | undefined, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, (object as Record<string, unknown> | undefined)?.[key]]));

/** The guide's values every section is added to: its image credentials, environment and a service account. */
const guideBase = {
  imageCredentials: [
    {
      name: 'portkeyenterpriseregistrycredentials',
      create: true,
      registry: 'https://index.docker.io/v1/',
      username: 'example-registry-username',
      password: 'example-registry-password',
    },
  ],
  environment: {
    create: true,
    secret: true,
    data: {
      ANALYTICS_STORE: 'control_plane',
      SERVICE_NAME: 'gateway',
      PORTKEY_CLIENT_AUTH: 'example-portkey-client-auth',
      ORGANISATIONS_TO_SYNC: 'example-organisations-to-sync',
      PORT: '8787',
    },
  },
  // Chart 1.7.7 does not render without one; the guide's examples predate that.
  serviceAccount: { create: true },
};

const withData = (data: Record<string, string>, extra: object = {}) => ({
  ...guideBase,
  ...extra,
  environment: { ...guideBase.environment, data: { ...guideBase.environment.data, ...data } },
});

const deploymentsOf = (objects: KubeObject[]) =>
  objects
    .filter((object) => object.kind === 'Deployment')
    .map((object) => object.metadata.name)
    .sort();

const CACHE_KEYS = [
  'CACHE_STORE',
  'REDIS_URL',
  'REDIS_TLS_ENABLED',
  'REDIS_MODE',
  'REDIS_PASSWORD',
  'AZURE_REDIS_AUTH_MODE',
  'AZURE_REDIS_MANAGED_CLIENT_ID',
];
const redisUrl = 'rediss://portkey-cache.westeurope.redis.azure.net:10000';

describe(`${file}, rendered, against helm template of the real chart with Portkey's values`, () => {
  it.each([
    [
      'Azure Redis, access key (Redis.md "Access Key")',
      (i: Record<string, string>) => i.cache === 'external' && !!i['redis-password'],
      withData({
        CACHE_STORE: 'azure-redis',
        REDIS_URL: redisUrl,
        AZURE_REDIS_AUTH_MODE: 'password',
        REDIS_TLS_ENABLED: 'true',
        REDIS_MODE: 'cluster',
        REDIS_PASSWORD: 'example-redis-password',
      }),
    ],
    [
      'Azure Redis, managed identity (Redis.md "Managed Identity")',
      (i: Record<string, string>) => i['redis-auth-mode'] === 'managed',
      withData({
        CACHE_STORE: 'azure-redis',
        REDIS_URL: redisUrl,
        REDIS_TLS_ENABLED: 'true',
        AZURE_REDIS_AUTH_MODE: 'managed',
        AZURE_REDIS_MANAGED_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      }),
    ],
  ])('%s: the same cache settings, and no Redis deployed', async (_, which, guideValues) => {
    const guide = template(guideValues);
    const action = await actionRender(blockInputs(which));
    expect(pick(environment(action), CACHE_KEYS)).toEqual(pick(environment(guide), CACHE_KEYS));
    expect(deploymentsOf(action)).toEqual(deploymentsOf(guide));
    expect(deploymentsOf(action)).toEqual(['portkey-ai-gateway']);
  });

  it('Azure Redis, workload identity (Redis.md "Workload Identity"): the service account and pod label too', async () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    const guide = template(
      withData(
        {
          CACHE_STORE: 'azure-redis',
          REDIS_URL: redisUrl,
          REDIS_TLS_ENABLED: 'true',
          AZURE_REDIS_AUTH_MODE: 'workload',
        },
        {
          serviceAccount: {
            create: true,
            name: 'portkey-gateway',
            annotations: { 'azure.workload.identity/client-id': clientId },
          },
          podLabels: { 'azure.workload.identity/use': 'true' },
        },
      ),
    );
    const action = await actionRender(blockInputs((i) => i['redis-auth-mode'] === 'workload'));
    expect(pick(environment(action), CACHE_KEYS)).toEqual(pick(environment(guide), CACHE_KEYS));
    // Difference: the chart writes service.annotations onto the service account too (its `annotations` helper), so the
    // base block's load balancer annotations show there; the guide's section has no Service settings.
    const account = (objects: KubeObject[]) => {
      const found = find(objects, 'ServiceAccount', 'portkey-gateway') as KubeObject;
      const annotations = Object.entries(found.metadata.annotations as Record<string, string>).filter(
        ([key]) => !key.startsWith('service.beta.kubernetes.io/'),
      );
      return { ...found, metadata: { ...found.metadata, annotations: Object.fromEntries(annotations) } };
    };
    expect(account(action)).toEqual(account(guide));
    const podLabels = (objects: KubeObject[]) => podTemplate(objects).metadata.labels;
    expect(podLabels(action)).toEqual(podLabels(guide));
    expect(podLabels(action)).toMatchObject({ 'azure.workload.identity/use': 'true' });
  });

  it("the egress NetworkPolicy is the guide's, owned by the release (differences: the release's labels)", async () => {
    const guidePolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-all-egress', namespace: 'portkeyai' },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
    };
    const action = await actionRender(blockInputs((i) => !!i['extra-objects']));
    expect(find(action, 'NetworkPolicy', 'allow-all-egress')).toEqual({
      ...guidePolicy,
      metadata: {
        ...guidePolicy.metadata,
        labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'portkey-ai' },
      },
    });
    // The chart has no NetworkPolicy of its own: the guide applies it beside the release.
    expect(template(guideBase).filter((object) => object.kind === 'NetworkPolicy')).toEqual([]);
  });

  it('the inbound Private Link Service: the same annotations on the gateway Service, as an internal load balancer', async () => {
    const action = await actionRender(blockInputs((i) => (i.values ?? '').includes('azure-pls-create')));
    const pls = (name: string) => `service.beta.kubernetes.io/azure-pls-${name}`;
    const guide = template({
      ...guideBase,
      service: {
        type: 'LoadBalancer',
        port: 8787,
        containerPort: 8787,
        annotations: {
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
          'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol': 'http',
          'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/v1/health',
          [pls('create')]: 'true',
          [pls('name')]: 'pls-portkey-gateway',
          [pls('ip-configuration-subnet')]: 'private-endpoints-subnet',
          [pls('visibility')]: '4bec865f-23ea-4d04-be20-3e883cbb3eb1',
          [pls('auto-approval')]: '4bec865f-23ea-4d04-be20-3e883cbb3eb1',
        },
      },
    });
    // Differences: none; the base block's allowed-ip-ranges annotation is the only one the guide's section lacks.
    const service = (objects: KubeObject[]) => find(objects, 'Service', 'portkey-ai-gateway') as KubeObject;
    const { metadata, ...rest } = service(action);
    const annotations = { ...(metadata.annotations as Record<string, string>) };
    delete annotations['service.beta.kubernetes.io/azure-allowed-ip-ranges'];
    expect({ ...rest, metadata: { ...metadata, annotations } }).toEqual(service(guide));
  });

  it('MCP behind a host-based Ingress with TLS: the Ingress of the guide’s values with `ingress.tls`', async () => {
    const action = await actionRender(blockInputs((i) => i['server-mode'] === 'all'));
    const guide = template(
      withData(
        { SERVER_MODE: 'all', MCP_PORT: '8788', MCP_GATEWAY_BASE_URL: 'https://mcp.example.com' },
        {
          service: { type: 'ClusterIP' },
          ingress: {
            enabled: true,
            ingressClassName: 'nginx-static',
            hostname: 'gateway.example.com',
            hostBased: true,
            mcpHostname: 'mcp.example.com',
            annotations: { 'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/v1/health' },
            tls: [{ secretName: 'portkey-gateway-tls', hosts: ['gateway.example.com', 'mcp.example.com'] }],
          },
        },
      ),
    );
    const ingress = (objects: KubeObject[]) => find(objects, 'Ingress', 'portkey-ai-gateway');
    expect(ingress(action)).toEqual(ingress(guide));
    expect(ingress(action)).toMatchObject({ spec: { tls: [{ secretName: 'portkey-gateway-tls' }] } });
    const keys = ['SERVER_MODE', 'MCP_PORT', 'MCP_GATEWAY_BASE_URL'];
    expect(pick(environment(action), keys)).toEqual(pick(environment(guide), keys));
  });

  it('`gateway-image-tag: latest` is pulled as the guide pulls it: Always', async () => {
    const base = blockInputs((i) => 'client-id' in i);
    const action = await actionRender({ ...base, 'gateway-image-tag': 'latest' });
    const guide = template({
      ...guideBase,
      images: {
        gatewayImage: { repository: 'docker.io/portkeyai/gateway_enterprise', pullPolicy: 'Always', tag: 'latest' },
      },
    });
    const container = (objects: KubeObject[]) =>
      pick(podTemplate(objects).spec.containers[0], ['image', 'imagePullPolicy']);
    expect(container(action)).toEqual(container(guide));
    expect(container(action)).toEqual({
      image: 'docker.io/portkeyai/gateway_enterprise:latest',
      imagePullPolicy: 'Always',
    });
  });
});
