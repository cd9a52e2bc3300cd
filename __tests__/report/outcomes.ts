// Run outcomes the summary is drawn from, one per kind of run a workflow author meets. The error texts are the ones
// the bundled action produced in the sandbox for that failure (names and addresses made stable); the input errors
// come live from the input and values stages. summaries.test.ts turns each into the Markdown kept in summaries/.
import { getConfig } from '../../src/inputs/read-inputs.js';
import { describeFailure, type DeployOutcome } from '../../src/report/outcome.js';
import { prepareValues } from '../../src/values/index.js';
import { azureInputs, captureStdout, validInputs } from '../inputs/fixture.js';
import { SecretSet } from '../../src/secrets/index.js';

export const runEnv = {
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REPOSITORY: 'contoso/gateway-infra',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
};

const tools = {
  helm: { version: '4.1.4', path: '/opt/hostedtoolcache/helm/4.1.4/x64/helm' },
  kubectl: { version: '1.35.2', path: '/opt/kubectl' },
};
const cluster = {
  name: 'aks-prod',
  resourceGroup: 'rg-gateway',
  server: 'https://aks-prod-dns.hcp.westeurope.azmk8s.io:443',
};
const OPEN_LOAD_BALANCER =
  '`allowed-ip-ranges`: the gateway gets a public load balancer open to the whole internet: list the CIDR ranges that may reach it, or use `load-balancer: internal`.';
const stage = (name: string, ms: number, ok = true) => ({ name, ms, ok });
const upTo = {
  connect: [
    stage('Read inputs', 4),
    stage('Merge values', 13),
    stage('Connect to the cluster and install helm and kubectl', 1_140),
  ],
};

export function deployed(): DeployOutcome {
  return {
    command: 'deploy',
    succeeded: true,
    release: {
      name: 'portkey-ai',
      namespace: 'portkeyai',
      revision: 3,
      status: 'deployed',
      chartVersion: '1.7.7',
      appVersion: '2.13.0',
    },
    cluster,
    address: {
      ip: '20.50.1.2',
      url: 'http://20.50.1.2:8787',
      mcpUrl: 'http://20.50.1.2:8788',
      internal: false,
      via: 'load-balancer',
      inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
    },
    workloads: ['Deployment portkey-ai-gateway: 2/2 ready, 2 updated, 2 available'],
    smokeTest: {
      status: 'passed',
      httpCode: 200,
      latencyMs: 42,
      attempts: 2,
      url: 'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server',
      message:
        'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server answered 200. Chat completion with gpt-4o-mini via openai answered in 612 ms.',
      checks: [
        {
          check: 'health',
          via: 'cluster',
          status: 'passed',
          request: 'GET /v1/health',
          target: 'Service portkeyai/portkey-ai-gateway:8787 through the API server',
          httpCode: 200,
          latencyMs: 42,
          attempts: 2,
          message: 'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server answered 200.',
        },
        {
          check: 'chat',
          via: 'cluster',
          status: 'passed',
          request: 'POST /v1/chat/completions',
          target: 'Service portkeyai/portkey-ai-gateway:8787 through the API server',
          httpCode: 200,
          latencyMs: 612,
          attempts: 1,
          message: 'Chat completion with gpt-4o-mini via openai answered in 612 ms.',
        },
      ],
      chat: { status: 'passed', httpCode: 200, latencyMs: 612, message: 'Chat completion answered in 612 ms.' },
    },
    tools,
    kubeconfigPath: '/home/runner/work/_temp/portkey-azure-deploy-x/kubeconfig',
    deployment: { id: 1_873_920_411, environment: 'prod', state: 'success' },
    stages: [
      stage('Read inputs', 4),
      stage('Record a GitHub Deployment', 412),
      ...upTo.connect.slice(1),
      stage('helm upgrade --install portkey-ai', 48_250),
      stage('Wait for the gateway address', 61_900),
      stage('Smoke test', 1_310),
      stage('Update the GitHub Deployment', 230),
    ],
    plan: upgradePlan(),
    planFile: '/home/runner/work/_temp/portkey-azure-deploy-x/private/plan-3f9a.json',
    warnings: [
      'key environment.data.PORT set by values-files and by input container-port; input container-port wins',
      OPEN_LOAD_BALANCER,
    ],
  };
}

/**
 * The plan of revision 3: the Deployment's pod template changes (a diff longer than the summary's cap, as a first
 * install's ~270-line Deployment is), the env Secret gets a key; the values add a secret for the first time, unset a
 * chart default (the action writes null) and come from inputs whose labels hold backticks.
 */
function upgradePlan(): NonNullable<DeployOutcome['plan']> {
  const diff = [
    '--- Deployment/portkey-ai-gateway (revision 2)',
    '+++ Deployment/portkey-ai-gateway (planned)',
    '@@ -1,150 +1,150 @@',
    ...Array.from({ length: 150 }, (_, i) => (i === 40 ? '-        image: gateway:2.12.0' : `         line ${i + 1}`)),
    '+        image: gateway:2.13.0',
  ].join('\n');
  return {
    release: { name: 'portkey-ai', namespace: 'portkeyai' },
    deployedRevision: 2,
    hasChanges: true,
    counts: { add: 0, change: 2, remove: 0 },
    headline: '2 to change',
    resources: [
      { action: 'change', resource: 'Deployment/portkey-ai-gateway', namespace: 'portkeyai', diff },
      {
        action: 'change',
        resource: 'Secret/portkey-ai-gateway',
        namespace: 'portkeyai',
        diff: '',
        secretKeys: { added: ['LOG_STORE_ACCESS_KEY'], changed: [], removed: [] },
      },
    ],
    unchangedResources: 4,
    values: [
      {
        action: 'add',
        key: 'environment.data.LOG_STORE_ACCESS_KEY',
        source: 'input `secret-env`',
        secret: true,
      },
      { action: 'add', key: 'environment.data.SERVER_MODE', source: 'action defaults', secret: false, after: 'null' },
      {
        action: 'change',
        key: 'images.gatewayImage.tag',
        source: 'input `gateway-image-tag`',
        secret: false,
        before: '"2.12.0"',
        after: '"2.13.0"',
      },
    ],
  };
}

/** The input stage's own error for two bad inputs: the release is not known yet. */
function badInputs(): DeployOutcome {
  let error: unknown;
  try {
    getConfig((name) => ({ ...validInputs(), 'release-name': 'Portkey_AI', 'service-port': 'eighty' })[name] ?? '');
  } catch (caught) {
    error = caught;
  }
  return {
    command: 'render',
    succeeded: false,
    release: { name: '', namespace: '' },
    stages: [stage('Read inputs', 3, false)],
    warnings: [],
    error: describeFailure(error),
  };
}

/** The values stage's error when no registry credential is given: its message names the chart's `<docker-user>`. */
async function placeholderCredential(): Promise<DeployOutcome> {
  const inputs: Record<string, string> = {
    ...validInputs(),
    ...azureInputs,
    command: 'deploy',
    'registry-username': '',
    'registry-password': '',
  };
  const secrets = new SecretSet(() => undefined);
  const config = getConfig((name) => inputs[name] ?? '', process.env, secrets);
  let error: unknown;
  try {
    prepareValues(config, secrets);
  } catch (caught) {
    error = caught;
  }
  return {
    command: 'deploy',
    succeeded: false,
    release: { name: 'portkey-ai', namespace: 'portkeyai' },
    cluster: { name: 'aks-portkey', resourceGroup: 'rg-portkey' },
    stages: [stage('Read inputs', 3), stage('Merge values', 9, false)],
    warnings: [],
    error: describeFailure(error),
  };
}

function signIn(): DeployOutcome {
  return {
    command: 'deploy',
    succeeded: false,
    release: { name: 'portkey-ai', namespace: 'portkeyai' },
    cluster: { name: cluster.name, resourceGroup: cluster.resourceGroup },
    stages: [stage('Read inputs', 4), stage('Merge values', 13), { ...upTo.connect[2], ms: 2_310, ok: false }],
    warnings: [OPEN_LOAD_BALANCER],
    error: {
      message:
        "Azure sign-in refused (AADSTS700016): Application with identifier '00000000-1111-2222-3333-444444444444' was not found in the directory '1844031d-a145-46a8-b034-0aa394cae2c1'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
      input: 'client-id',
      hint: "No application with client ID 00000000-1111-2222-3333-444444444444 exists in tenant 1844031d-a145-46a8-b034-0aa394cae2c1. Check the `client-id` and `tenant-id` inputs (the app registration's or managed identity's Overview page shows both).",
    },
  };
}

function crashLoop(): DeployOutcome {
  const pod = 'portkey-ai-gateway-9664780b44-9a154';
  return {
    command: 'deploy',
    succeeded: false,
    release: { name: 'portkey-ai', namespace: 'portkeyai' },
    cluster,
    tools,
    kubeconfigPath: '/home/runner/work/_temp/portkey-azure-deploy-x/kubeconfig',
    stages: [...upTo.connect, stage('helm upgrade --install portkey-ai', 2_610, false), stage('Roll back', 670)],
    warnings: [OPEN_LOAD_BALANCER, 'Release portkey-ai: rolled back to revision 3.'],
    error: {
      message: `The rollout of release portkey-ai failed: pod ${pod}, container gateway is in CrashLoopBackOff: back-off 10s restarting failed container=gateway pod=${pod}_portkeyai(64e19663-f683-4bbe-aa1c-cedb499a17fe)`,
      hint: 'The gateway process exits right after it starts. Read the log lines in the diagnosis: a wrong portkey-client-auth, an unreachable Redis or log store, or a bad env value are the usual causes.',
      recovery: { summary: 'rolled back to revision 3', restoredRevision: 3 },
      diagnosis: [
        `Pod: ${pod} (namespace portkeyai)`,
        'Container: gateway',
        'Reason: CrashLoopBackOff',
        `Message: back-off 10s restarting failed container=gateway pod=${pod}_portkeyai(64e19663-f683-4bbe-aa1c-cedb499a17fe)`,
        'Previous run: exit code 1 (Error), 1 restart(s)',
        '',
        'Recent events:',
        `  2026-12-02T00:28:17.440Z Normal Scheduled: Successfully assigned portkeyai/${pod} to aks-nodepool1-12345678-vmss000000`,
        `  2026-12-02T00:28:17.742Z Warning BackOff: Back-off restarting failed container gateway in pod ${pod}_portkeyai(64e19663-f683-4bbe-aa1c-cedb499a17fe)`,
        '',
        'Last log lines of the previous run of gateway:',
        '  Starting Portkey AI Gateway',
        '  FATAL: invalid configuration: PORTKEY_CLIENT_AUTH is not set',
        '  Process exited with code 1',
      ].join('\n'),
    },
  };
}

/** A private cluster from a GitHub-hosted runner: everything ran in its runCommand pod. */
function privateCluster(): DeployOutcome {
  const ok = deployed();
  return {
    ...ok,
    cluster: {
      ...cluster,
      server: 'https://aks-prod-dns-4f2a9c1e.privatelink.westeurope.azmk8s.io:443',
      reach: {
        via: 'run-command',
        why: 'the API server is private and this runner cannot reach it',
        through: 'AKS runCommand (helm 3.18.0 in the command pod)',
      },
    },
    address: {
      ip: '10.224.0.7',
      url: 'http://10.224.0.7:8787',
      internal: true,
      via: 'load-balancer',
      inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
    },
    smokeTest: {
      status: 'passed',
      httpCode: 200,
      latencyMs: 8_420,
      attempts: 1,
      url: 'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server',
      message:
        'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server answered 200 in 8420 ms (attempt 1).',
      checks: [
        {
          check: 'health',
          via: 'cluster',
          status: 'passed',
          request: 'GET /v1/health',
          target: 'Service portkeyai/portkey-ai-gateway:8787 through the API server',
          httpCode: 200,
          latencyMs: 8_420,
          attempts: 1,
          message:
            'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server answered 200 in 8420 ms (attempt 1).',
        },
      ],
    },
    kubeconfigPath: undefined,
    stages: [
      stage('Read inputs', 4),
      stage('Record a GitHub Deployment', 412),
      stage('Merge values', 13),
      stage('Connect to the cluster and install helm and kubectl', 9_870),
      stage('Package the chart', 820),
      stage('Plan the changes', 21_300),
      stage('helm upgrade --install portkey-ai', 96_400),
      stage('Wait for the gateway address', 11_200),
      stage('Smoke test', 8_600),
      stage('Update the GitHub Deployment', 230),
    ],
    warnings: [
      "The smoke test's chat completion (smoke-test-chat-model: gpt-4o-mini) was skipped: through runCommand the gateway is reached with kubectl through the API server, which cannot send its headers. Set smoke-test-url to an address this runner reaches to run it.",
    ],
  };
}

function smokeTestFailed(): DeployOutcome {
  const message =
    'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server answered 400, expected 200; body: {"status":"failure","message":"Either x-portkey-config or x-portkey-provider header is required"} (6 attempt(s) over 20 s).';
  const ok = deployed();
  return {
    ...ok,
    succeeded: false,
    release: { ...ok.release, revision: 4 },
    smokeTest: {
      status: 'failed',
      httpCode: 400,
      latencyMs: 4,
      attempts: 6,
      url: 'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server',
      message,
      checks: [
        {
          check: 'health',
          via: 'cluster',
          status: 'failed',
          request: 'GET /v1/health',
          target: 'Service portkeyai/portkey-ai-gateway:8787 through the API server',
          httpCode: 400,
          latencyMs: 4,
          attempts: 6,
          message,
        },
      ],
    },
    deployment: { ...ok.deployment!, state: 'failure' },
    stages: [
      ...ok.stages.slice(0, -2),
      stage('Smoke test', 20_040, false),
      stage('Roll back', 503),
      stage('Update the GitHub Deployment', 190),
    ],
    warnings: [],
    error: {
      message: `The smoke test failed: ${message}`,
      input: 'smoke-test-path',
      hint: "Check the gateway pods' logs, or adjust smoke-test-path / smoke-test-expected-status / smoke-test-url.",
      recovery: { summary: 'rolled back to revision 3', restoredRevision: 3 },
    },
  };
}

function loadBalancerTimeout(): DeployOutcome {
  const ok = deployed();
  return {
    ...ok,
    succeeded: false,
    address: undefined,
    smokeTest: undefined,
    workloads: ['Deployment portkey-ai-gateway: 1/1 ready, 1 updated, 1 available'],
    release: { ...ok.release, revision: 1 },
    deployment: { ...ok.deployment!, state: 'failure' },
    stages: [
      ...ok.stages.slice(0, 5),
      stage('Wait for the gateway address', 300_000, false),
      stage('Update the GitHub Deployment', 190),
    ],
    warnings: [OPEN_LOAD_BALANCER],
    error: {
      message: 'The load balancer of Service portkey-ai-gateway got no IP address or hostname within 300 s.',
      input: 'address-timeout',
      hint: 'The events in the diagnosis name the cause: public IP quota reached, a static-ip-name that is in use or lives in another resource group (set static-ip-resource-group), a full subnet for an internal load balancer, or the cluster identity lacking rights on the resource group. If Azure is only slow, raise address-timeout.',
      diagnosis: [
        'Events of service portkey-ai-gateway:',
        '  2026-12-02T00:31:09.633Z Normal EnsuringLoadBalancer: Ensuring load balancer',
        '  2026-12-02T00:31:09.638Z Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: PublicIPCountLimitReached: Cannot create more than 10 public IP addresses for this subscription in this region.',
      ].join('\n'),
    },
  };
}

function rendered(): DeployOutcome {
  return {
    command: 'render',
    succeeded: true,
    release: { name: 'portkey-ai', namespace: 'portkeyai' },
    tools: { helm: tools.helm },
    stages: [
      stage('Read inputs', 3),
      stage('Merge values', 13),
      stage('Install helm', 644),
      stage('Render the chart', 45),
    ],
    rendered: {
      objects: [
        'ServiceAccount/portkey-ai-gateway',
        'Secret/portkey-ai-gateway',
        'Service/portkey-ai-gateway',
        'Deployment/portkey-ai-gateway',
      ],
      manifest: [
        '---',
        '# Source: gateway/templates/gateway/config.yaml',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: portkey-ai-gateway',
        'data:',
        '  PORT: "8787" # decoded from base64 to read; helm applies it encoded',
        '  PORTKEY_CLIENT_AUTH: "***"',
        ...Array.from({ length: 140 }, (_, i) => `# line ${i + 1} of the rest of the manifest`),
      ].join('\n'),
    },
    warnings: [
      '`organisations-to-sync`: ORGANISATIONS_TO_SYNC is not set: give your Portkey organisation ID (see app.portkey.ai/organisation/<id>/).',
    ],
  };
}

function uninstalled(): DeployOutcome {
  return {
    command: 'uninstall',
    succeeded: true,
    release: { name: 'portkey-ai', namespace: 'portkeyai', status: 'uninstalled' },
    cluster,
    tools,
    stages: [stage('Read inputs', 3), { ...upTo.connect[2], ms: 1_020 }, stage('helm uninstall portkey-ai', 1_480)],
    warnings: [],
  };
}

/** Every kind of summary, by the name of its file in summaries/. */
export async function summaryCases(): Promise<[string, DeployOutcome][]> {
  // The input stages announce secrets (`::add-mask::`) and what they read on stdout: keep the test log clean.
  const { result: live } = await captureStdout(async () => ({
    'bad-inputs': badInputs(),
    'placeholder-credential': await placeholderCredential(),
  }));
  return [
    ['success', deployed()],
    ['private-cluster', privateCluster()],
    ['bad-inputs', live['bad-inputs']],
    ['placeholder-credential', live['placeholder-credential']],
    ['sign-in', signIn()],
    ['crash-loop', crashLoop()],
    ['smoke-test', smokeTestFailed()],
    ['load-balancer', loadBalancerTimeout()],
    ['render', rendered()],
    ['uninstall', uninstalled()],
  ];
}
