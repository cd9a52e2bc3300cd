// The smoke test from where the gateway is, on a real API server: its service proxy forwards to the gateway pods' IPs
// (serving pods in the tier's network namespace, which pass requests on to the real open-source gateway), so a load
// balancer the runner cannot reach — allowed-ip-ranges that exclude it, an internal one, none at all
// (ClusterIP) — still lets a healthy deploy pass, and a broken gateway still fails and rolls back. The chat
// completion's keys travel only over TLS: through the API server, never to the plain-HTTP address.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { API_URL, PK8S, type AdminClient } from '../../sandbox/real-cluster/control-plane.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, expectCleanRuns, expectSuccess } from '../e2e/harness.js';
import { releaseRevisions, startRealE2e, TIER_POD_NETWORK, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

const expectFailure = (run: ActionRun) => {
  if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
};

interface Check {
  check: string;
  via: string;
  status: string;
  httpCode: number;
  attempts: number;
  message: string;
}
const checksOf = (run: ActionRun): Check[] => JSON.parse(run.outputs['smoke-test-checks'] || '[]') as Check[];
const summaryOf = (run: ActionRun) => checksOf(run).map((c) => `${c.check} ${c.via} ${c.status}`);

/** A runner the load balancer's allowed ranges keep out: documentation addresses only. */
const COMPANY_RANGES = '203.0.113.0/24,198.51.100.0/24';

describe('the smoke test from inside the cluster, on a real API server', () => {
  let e2e: RealE2e;
  const { hostIp } = TIER_POD_NETWORK;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterEach(async () => {
    await e2e.sandbox.gateway.setHealth('healthy');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** A healthy first deploy, then an upgrade while the gateway answers 503: rolled back to revision 1. */
  async function healthyThenBroken(inputs: Record<string, string>) {
    const healthy = await e2e.run(inputs);
    expectSuccess(healthy);
    expect(healthy.outputs['smoke-test-status']).toBe('passed');
    expect(healthy.outputs['smoke-test-via']).toBe('cluster');

    await e2e.sandbox.gateway.setHealth('failing');
    // The availability stream would see the 503s first (availability.test.ts): this is the smoke test's turn.
    const broken = await e2e.run({ ...inputs, replicas: '3', 'smoke-test-timeout': '5s', 'availability-rate': '0' });
    expectFailure(broken);
    expect(errorLines(broken)).toMatch(/smoke test failed from inside the cluster/i);
    expect(errorLines(broken)).toMatch(/answered 503/);
    expect(broken.outputs['smoke-test-status']).toBe('failed');
    const namespace = inputs.namespace;
    const deployment = await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/portkey-ai-gateway`);
    // Revision 1's two replicas (zero-downtime's default), not the failed revision's three.
    expect(deployment?.spec?.replicas).toBe(2);
    expect((await releaseRevisions(e2e.client, namespace, 'portkey-ai')).at(-1)).toEqual([3, 'deployed']);
    return { healthy, broken };
  }

  it('passes with allowed-ip-ranges that exclude the runner, and rolls back a broken gateway', async () => {
    const { healthy } = await healthyThenBroken({ namespace: 'ranges', 'allowed-ip-ranges': COMPANY_RANGES });
    expect(summaryOf(healthy)).toEqual(['health cluster passed', 'chat cluster passed']);
    const service = await e2e.client.get('/api/v1/namespaces/ranges/services/portkey-ai-gateway');
    expect(service?.metadata.annotations?.['service.beta.kubernetes.io/azure-allowed-ip-ranges']).toBe(COMPANY_RANGES);
    expect(healthy.summary).toContain('cluster (API server proxy)');
  });

  it('says the runner is outside allowed-ip-ranges and skips it, instead of failing, with smoke-test-from: both', async () => {
    const before = (await e2e.sandbox.gateway.received()).length;
    const run = await e2e.run({
      namespace: 'ranges-both',
      'allowed-ip-ranges': COMPANY_RANGES,
      'smoke-test-from': 'both',
    });
    expectSuccess(run);
    expect(summaryOf(run)).toEqual(['health cluster passed', 'health runner skipped', 'chat cluster passed']);
    const skipped = checksOf(run).find((c) => c.via === 'runner')!;
    expect(skipped.message).toBe(
      `Skipped: the runner's address ${hostIp} is outside allowed-ip-ranges (203.0.113.0/24, 198.51.100.0/24), so the load balancer drops its requests.`,
    );
    expect(run.summary).toContain('⏭️');
    // The runner sent nothing to the load balancer: every request the pod got came through the API server.
    const received = (await e2e.sandbox.gateway.received()).slice(before);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.headers['x-forwarded-uri']?.includes('/proxy/'))).toBe(true);
  });

  it('checks from the runner too when allowed-ip-ranges let it in, and never sends the keys there over plain HTTP', async () => {
    const before = (await e2e.sandbox.gateway.received()).length;
    const upstreamBefore = e2e.sandbox.gateway.upstream.requests.length;
    const run = await e2e.run({
      namespace: 'runner-too',
      'allowed-ip-ranges': `${hostIp}/32`,
      'smoke-test-from': 'both',
    });
    expectSuccess(run);
    expect(summaryOf(run)).toEqual(['health cluster passed', 'health runner passed', 'chat cluster passed']);
    expect(run.outputs['smoke-test-via']).toBe('cluster,runner');
    const received = (await e2e.sandbox.gateway.received()).slice(before);
    const direct = received.filter((r) => !r.headers['x-forwarded-uri']);
    expect(direct.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
    const secrets = [e2e.sandbox.inputs['smoke-test-provider-key']];
    for (const request of direct) for (const secret of secrets) expect(JSON.stringify(request)).not.toContain(secret);
    // The chat went through the API server, and the gateway handed the key to the provider.
    const relayed = e2e.sandbox.gateway.upstream.requests.slice(upstreamBefore);
    expect(relayed.map((r) => r.headers.authorization)).toEqual([`Bearer ${secrets[0]}`]);
  });

  it('passes behind an internal load balancer, and rolls back a broken gateway', async () => {
    const { healthy } = await healthyThenBroken({ namespace: 'internal', 'load-balancer': 'internal' });
    const service = await e2e.client.get('/api/v1/namespaces/internal/services/portkey-ai-gateway');
    expect(service?.metadata.annotations?.['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe('true');
    expect(healthy.summary).toMatch(/internal load balancer/);
  });

  it('passes with a ClusterIP Service, opening nothing, and rolls back a broken gateway', async () => {
    const { healthy } = await healthyThenBroken({ namespace: 'cluster-ip', 'service-type': 'ClusterIP' });
    expect(healthy.outputs['gateway-url']).toBe('http://portkey-ai-gateway.cluster-ip.svc.cluster.local:8787');
    // (The chart's NOTES.txt suggests a port-forward; the action runs none.)
    expect(healthy.stdout).not.toMatch(/child-process kubectl port-forward/);
    expect(healthy.stdout).toMatch(/child-process kubectl get/);
  });

  it('opens nothing and asks nothing with smoke-test: false', async () => {
    const before = (await e2e.sandbox.gateway.received()).length;
    const run = await e2e.run({ namespace: 'no-smoke', 'service-type': 'ClusterIP', 'smoke-test': 'false' });
    expectSuccess(run);
    expect(run.outputs['smoke-test-status']).toBe('skipped');
    expect((await e2e.sandbox.gateway.received()).length).toBe(before);
  });

  it('asks the MCP gateway on its own Service through the API server (server-mode all, mcp-service)', async () => {
    const before = (await e2e.sandbox.gateway.received()).length;
    const run = await e2e.run({ namespace: 'mcp-check', 'server-mode': 'all', 'mcp-service': 'true' });
    expectSuccess(run);
    expect(summaryOf(run)).toEqual(['health cluster passed', 'mcp cluster passed', 'chat cluster passed']);
    const mcp = (await e2e.sandbox.gateway.received()).slice(before).filter((r) => r.port === 'mcp');
    expect(mcp.map((r) => `${r.method} ${r.path} ${r.headers['x-forwarded-uri']}`)).toEqual([
      'GET /v1/health /api/v1/namespaces/mcp-check/services/portkey-ai-gateway-mcp:80/proxy/v1/health',
    ]);
  });

  it('stops before helm runs when RBAC refuses the proxy, naming the permission, its role and the fallback', async () => {
    const namespace = 'rbac';
    const kubeconfig = await deployerWithoutProxy(e2e.client, namespace);
    const refused = await e2e.run({ namespace, kubeconfig, 'create-namespace': 'false' });
    expectFailure(refused);
    const error = errorLines(refused);
    // The real API server's RBAC answered kubectl auth can-i: no.
    expect(error).toContain(
      `The deploying identity may not \`get\` \`services/proxy\` in namespace ${namespace}, which the smoke test from inside the cluster needs (kubectl auth can-i said no). Nothing was deployed.`,
    );
    expect(error).toContain(`--namespace ${namespace} --clusterrole edit`);
    expect(error).toContain('smoke-test-from: runner');
    expect(error).toContain('Input: `smoke-test-from`');
    expect(refused.stdout).not.toContain('::group::helm upgrade --install');
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([]);

    // Granted, the same identity passes, the chat completion (a POST: `create`) included.
    await e2e.client.send('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
      metadata: { name: 'deployer-proxy' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace }],
    });
    const granted = await e2e.run({ namespace, kubeconfig, 'create-namespace': 'false' });
    expectSuccess(granted);
    for (const verb of ['get', 'create']) {
      expect(granted.stdout).toContain(
        `May the deploying identity ${verb} services/proxy in namespace ${namespace}? yes`,
      );
    }
    expect(summaryOf(granted)).toEqual(['health cluster passed', 'chat cluster passed']);
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([[1, 'deployed']]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});

/**
 * A namespace, and a service account there allowed everything the chart and the action's rollout watch need, but not
 * `services/proxy`; returns a kubeconfig holding its token.
 */
async function deployerWithoutProxy(client: AdminClient, namespace: string): Promise<string> {
  await client.send('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  await client.send('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name: 'deployer' } });
  const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
  await client.send('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`, {
    metadata: { name: 'deployer' },
    rules: [
      {
        apiGroups: [''],
        resources: ['secrets', 'configmaps', 'serviceaccounts', 'services', 'pods', 'pods/log', 'events', 'endpoints'],
        verbs: all,
      },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets'], verbs: all },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: all },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: all },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: all },
    ],
  });
  await client.send('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
    metadata: { name: 'deployer' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
    subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace }],
  });
  // v1.20's token controller writes the service account's token Secret.
  let token = '';
  for (let i = 0; i < 100 && !token; i++) {
    const secrets = await client.list(`/api/v1/namespaces/${namespace}/secrets`);
    const secret = secrets.find(
      (s) =>
        s.type === 'kubernetes.io/service-account-token' &&
        s.metadata.annotations?.['kubernetes.io/service-account.name'] === 'deployer' &&
        s.data?.token,
    );
    token = secret ? Buffer.from(secret.data!.token, 'base64').toString('utf8') : '';
    if (!token) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!token) throw new Error(`no token Secret for ${namespace}/deployer`);
  const ca = readFileSync(path.join(PK8S, 'pki', 'ca.crt'));
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'real', cluster: { server: API_URL, 'certificate-authority-data': ca.toString('base64') } }],
    users: [{ name: 'deployer', user: { token } }],
    contexts: [{ name: 'real', context: { cluster: 'real', user: 'deployer', namespace } }],
    'current-context': 'real',
  });
}
