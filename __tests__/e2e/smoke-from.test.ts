// Where the smoke test checks from, through the bundled action and the stand-in API server's service proxy: the
// cluster by default (every request through the API server, none to the load balancer), a ClusterIP Service with
// nothing opened, a runner outside allowed-ip-ranges skipped and the check taken from the cluster instead, and RBAC
// that would refuse services/proxy found before anything is deployed, said with the permission, the role and the
// fallback.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { DEFAULT_SCENARIO } from '../../sandbox/kube-api/index.js';
import { type E2e, errorLines, expectCleanRuns, expectSuccess, startE2e, TEST_TIMEOUT_MS } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const checks = (run: ActionRun) =>
  (JSON.parse(run.outputs['smoke-test-checks'] || '[]') as { check: string; via: string; status: string }[]).map(
    (c) => `${c.check} ${c.via} ${c.status}`,
  );
const proxied = (e2e: E2e, since: number) =>
  e2e.sandbox.kube.requests.slice(since).filter((r) => r.path.includes('/proxy/'));

describe('where the smoke test checks from (e2e)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterEach(() => e2e.sandbox.kube.setScenario(DEFAULT_SCENARIO));
  afterAll(async () => {
    await e2e?.close();
  });

  it('checks from inside the cluster by default: health and chat through the API server, nothing to the load balancer', async () => {
    const before = e2e.sandbox.kube.requests.length;
    const direct = (await e2e.sandbox.gateway.received()).length;
    const run = await e2e.run({ namespace: 'from-cluster' });
    expectSuccess(run);
    expect(run.outputs['smoke-test-via']).toBe('cluster');
    expect(checks(run)).toEqual(['health cluster passed', 'chat cluster passed']);
    expect(proxied(e2e, before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v1/namespaces/from-cluster/services/portkey-ai-gateway:' + e2e.sandbox.gateway.port + '/proxy/ 200',
      'POST /api/v1/namespaces/from-cluster/services/portkey-ai-gateway:' +
        e2e.sandbox.gateway.port +
        '/proxy/v1/chat/completions 200',
    ]);
    // Every request the gateway got came through the API server, and none carried Authorization.
    const received = (await e2e.sandbox.gateway.received()).slice(direct);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.headers['x-forwarded-uri'] && r.headers.authorization === undefined)).toBe(true);
    expect(run.summary).toContain('cluster (API server proxy)');
  });

  it('smoke-tests a ClusterIP Service without opening anything', async () => {
    const run = await e2e.run({ namespace: 'from-cluster-ip', 'service-type': 'ClusterIP' });
    expectSuccess(run);
    expect(run.outputs['gateway-url']).toBe(
      `http://portkey-ai-gateway.from-cluster-ip.svc.cluster.local:${e2e.sandbox.gateway.port}`,
    );
    expect(checks(run)).toEqual(['health cluster passed', 'chat cluster passed']);
    expect(run.stdout).not.toMatch(/child-process kubectl port-forward/);
  });

  it('skips a runner that allowed-ip-ranges keep out and checks from the cluster instead (smoke-test-from: runner)', async () => {
    const run = await e2e.run({
      namespace: 'from-runner',
      'smoke-test-from': 'runner',
      'allowed-ip-ranges': '203.0.113.0/24',
    });
    expectSuccess(run);
    expect(checks(run)).toEqual(['health cluster passed', 'health runner skipped', 'chat cluster passed']);
    expect(run.stdout).toContain("the runner's address 127.0.0.1 is outside allowed-ip-ranges (203.0.113.0/24)");
  });

  it('checks from the runner too with smoke-test-from: both, without sending the keys over plain HTTP', async () => {
    const direct = (await e2e.sandbox.gateway.received()).length;
    const run = await e2e.run({ namespace: 'from-both', 'smoke-test-from': 'both' });
    expectSuccess(run);
    expect(checks(run)).toEqual(['health cluster passed', 'health runner passed', 'chat cluster passed']);
    const fromRunner = (await e2e.sandbox.gateway.received())
      .slice(direct)
      .filter((r) => !r.headers['x-forwarded-uri']);
    expect(fromRunner.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
    expect(JSON.stringify(fromRunner)).not.toContain(run.inputs['smoke-test-provider-key']);
  });

  it('refuses the deploy before helm runs when RBAC would refuse the smoke test its services/proxy', async () => {
    e2e.sandbox.kube.setScenario({ proxy: 'forbidden' });
    const run = await e2e.run({ namespace: 'from-forbidden' });
    expect(run.exitCode).toBe(1);
    const error = errorLines(run);
    expect(error).toContain(
      'The deploying identity may not `get` `services/proxy` in namespace from-forbidden, which the smoke test from inside the cluster needs (kubectl auth can-i said no). Nothing was deployed.',
    );
    expect(error).toContain('Input: `smoke-test-from`');
    expect(error).toContain('smoke-test-from: runner');
    expect(run.stdout).not.toContain('::group::helm upgrade --install');
    expect(e2e.sandbox.kube.list('', 'secrets', 'from-forbidden')).toEqual([]);
    expect(run.outputs['release-revision'] ?? '').toBe('');
  });

  it('checks from the runner alone without asking for services/proxy', async () => {
    e2e.sandbox.kube.setScenario({ proxy: 'forbidden' });
    const before = e2e.sandbox.kube.requests.length;
    const run = await e2e.run({ namespace: 'from-runner-only', 'smoke-test-from': 'runner' });
    expectSuccess(run);
    expect(run.stdout).toContain('The smoke test checks from the runner only: it needs no service proxy access.');
    expect(checks(run)[0]).toBe('health runner passed');
    expect(proxied(e2e, before)).toEqual([]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
