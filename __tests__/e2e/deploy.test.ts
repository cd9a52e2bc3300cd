// The happy path through the bundled action, with helm 4 and kubectl from the download mirror:
// install, upgrade, an upgrade under old input names, render, a refused input, uninstall; then nothing leaked and
// nothing left behind.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, expectCleanRuns, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

// Each test runs the bundle (and helm, kubectl) one to three times.
jest.setTimeout(TEST_TIMEOUT_MS);

const namespace = 'portkeyai';
const release = 'portkey-ai';
const fullname = 'portkey-ai-gateway';

interface KubeObject {
  metadata: { name: string };
  spec?: { replicas?: number };
  data?: Record<string, string>;
}

describe('deploy with helm 4 (e2e)', () => {
  let e2e: E2e;
  const downloads = () =>
    e2e.sandbox.mirror.requests.filter((r) => r.method === 'GET' && /\.tar\.gz$|\/kubectl$/.test(r.path)).length;
  const expectSuccess = (run: ActionRun) => {
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
    expect(errorLines(run)).toBe('');
  };

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('installs revision 1, finds the load balancer and passes the smoke test with a chat completion', async () => {
    const { gateway } = e2e.sandbox;
    const chatsBefore = gateway.upstream.requests.length;
    const run = await e2e.run({ 'release-name': release, namespace });
    expectSuccess(run);

    const url = run.outputs['gateway-url'];
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${gateway.port}/?$`));
    expect(run.outputs).toMatchObject({
      'release-name': release,
      namespace,
      'release-revision': '1',
      'release-status': 'deployed',
      'chart-version': '100.0.0-fixture',
      'app-version': '0.0.0-fixture',
      'load-balancer-ip': '127.0.0.1',
      'smoke-test-status': 'passed',
      'smoke-test-http-code': '200',
      'helm-version': '4.1.4',
      'kubectl-version': '1.35.2',
    });
    expect(Number(run.outputs['smoke-test-latency-ms'])).toBeGreaterThanOrEqual(0);
    // The binaries this run verified, in its private folder (on PATH for later steps), which the post step removed.
    for (const tool of ['helm', 'kubectl']) {
      expect(run.outputs[`${tool}-path`]).toMatch(new RegExp(`/portkey-azure-deploy-[^/]+/bin/${tool}$`));
      expect(existsSync(run.outputs[`${tool}-path`])).toBe(false);
    }

    // The chat completion really went gateway → upstream, carrying the provider key.
    const chats = gateway.upstream.requests.slice(chatsBefore);
    expect(chats).toHaveLength(1);
    expect(chats[0].headers.authorization).toBe(`Bearer ${run.inputs['smoke-test-provider-key']}`);
    expect(JSON.parse(chats[0].body)).toMatchObject({ model: 'gpt-4o-mini' });

    expect(run.summary).toContain(url.replace(/\/$/, ''));
    // The log tells where the gateway answers and how the smoke test went, each inside its own group.
    expect(run.stdout).toMatch(/::group::Wait for the gateway address\n(.*\n)*?Gateway: http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(
      /::group::Smoke test\n(.*\n)*?health check from the cluster: passed: GET \/ on Service portkeyai\/portkey-ai-gateway:\d+ through the API server answered 200(.*\n)*?Smoke test passed\./,
    );
    expect(run.summary).toContain(release);

    // The named inputs reached the cluster through the chart's environment Secret.
    const env = e2e.sandbox.kube.get('', 'secrets', namespace, fullname) as KubeObject;
    const decoded = (key: string) => Buffer.from(env.data?.[key] ?? '', 'base64').toString('utf8');
    expect(decoded('PORTKEY_CLIENT_AUTH')).toBe(run.inputs['portkey-client-auth']);
    expect(decoded('ORGANISATIONS_TO_SYNC')).toBe(run.inputs['organisations-to-sync']);
  });

  it('upgrades to revision 2 from a warm tool cache without downloading again', async () => {
    const before = downloads();
    const run = await e2e.run({ 'release-name': release, namespace, replicas: '2' });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({
      'release-revision': '2',
      'release-status': 'deployed',
      'load-balancer-ip': '127.0.0.1',
      'smoke-test-status': 'passed',
    });
    expect(downloads()).toBe(before);
    const deployment = e2e.sandbox.kube.get('apps', 'deployments', namespace, fullname) as KubeObject;
    expect(deployment.spec?.replicas).toBe(2);
  });

  it('upgrades to revision 3 with inputs under their old names, warning about each', async () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    const run = await e2e.run({
      'release-name': release,
      namespace,
      replicas: '2',
      'log-store': 'azure',
      'azure-storage-account': 'stportkeylogs',
      'azure-storage-container': 'llm-logs',
      'azure-auth-mode': 'workload',
      'azure-workload-client-id': clientId,
      'wait-for-pending': '1m',
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ 'release-revision': '3', 'smoke-test-status': 'passed' });
    for (const [old, name] of [
      ['azure-auth-mode', 'azure-storage-auth-mode'],
      ['azure-workload-client-id', 'gateway-workload-client-id'],
      ['wait-for-pending', 'pending-release-timeout'],
    ]) {
      expect(run.stdout).toContain(`::warning::The input \`${old}\` was renamed \`${name}\`: use the new name`);
    }
    const env = e2e.sandbox.kube.get('', 'secrets', namespace, fullname) as KubeObject;
    expect(Buffer.from(env.data?.AZURE_AUTH_MODE ?? '', 'base64').toString('utf8')).toBe('workload');
    const account = e2e.sandbox.kube.get('', 'serviceaccounts', namespace, fullname) as {
      metadata: { annotations?: Record<string, string> };
    };
    expect(account.metadata.annotations?.['azure.workload.identity/client-id']).toBe(clientId);
  });

  it('renders the chart without touching Azure or the cluster, secrets masked', async () => {
    const kubeBefore = e2e.sandbox.kube.requests.length;
    const armBefore = e2e.sandbox.arm.requests.length;
    const run = await e2e.run({ command: 'render', 'release-name': release, namespace });
    expectSuccess(run);
    expect(run.stdout).toContain('kind: Deployment');
    expect(run.stdout).toContain(`name: ${fullname}`);
    expect(run.stdout).toMatch(/PORTKEY_CLIENT_AUTH: ['"]?\*\*\*/);
    expect(run.summary).toMatch(
      /### Kubernetes schemas\n\n✅ no findings: \d+ objects checked against the OpenAPI schemas of Kubernetes 1\.36 .*, and against no other version: a render has no cluster\./,
    );
    expect(e2e.sandbox.kube.requests.length).toBe(kubeBefore);
    expect(e2e.sandbox.arm.requests.length).toBe(armBefore);
  });

  it('refuses bad inputs with exit code 1, naming each input, before any network call', async () => {
    const kubeBefore = e2e.sandbox.kube.requests.length;
    const oidcBefore = e2e.sandbox.oidc.requests.length;
    const run = await e2e.run({ 'service-port': 'eighty', 'release-name': 'Portkey_AI' });
    expect(run.exitCode).toBe(1);
    const errors = errorLines(run);
    expect(errors).toContain('service-port');
    expect(errors).toContain('release-name');
    expect(e2e.sandbox.kube.requests.length).toBe(kubeBefore);
    expect(e2e.sandbox.oidc.requests.length).toBe(oidcBefore);
  });

  it('uninstalls the release', async () => {
    const run = await e2e.run({ command: 'uninstall', 'release-name': release, namespace });
    expectSuccess(run);
    const { kube } = e2e.sandbox;
    expect(kube.get('apps', 'deployments', namespace, fullname)).toBeUndefined();
    const records = (kube.list('', 'secrets', namespace) as KubeObject[]).filter((s) =>
      s.metadata.name.startsWith(`sh.helm.release.v1.${release}.`),
    );
    expect(records).toEqual([]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expect(e2e.runs.length).toBeGreaterThanOrEqual(5);
    expectCleanRuns(e2e);
  });
});
