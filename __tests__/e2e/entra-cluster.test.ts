// An Entra ID (AAD) cluster: ARM returns a kubelogin exec user, which the action must replace with an Entra token
// for the AKS server application, since kubelogin is not on the runner.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AKS_SERVER_APP_ID } from '../../sandbox/entra.js';
import { describeRun, expectCleanRuns, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

// Each test runs the bundle (and helm, kubectl) one to three times.
jest.setTimeout(TEST_TIMEOUT_MS);

describe('deploy to an Entra ID cluster (e2e)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ entraId: true });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('signs in with GitHub OIDC, swaps kubelogin for an Entra token and deploys', async () => {
    const run = await e2e.run({ 'release-name': 'portkey-ai', namespace: 'entra' });
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
    expect(run.outputs).toMatchObject({
      'release-revision': '1',
      'release-status': 'deployed',
      'load-balancer-ip': '127.0.0.1',
      'smoke-test-status': 'passed',
    });
    const { entra, oidc, arm } = e2e.sandbox;
    expect(oidc.issued.map((t) => t.audience)).toContain('api://AzureADTokenExchange');
    expect(arm.requests.some((r) => /listClusterUserCredential$/.test(r.path) && r.authorized)).toBe(true);
    expect(entra.issued.map((t) => t.audience)).toContain(AKS_SERVER_APP_ID);
    expect(run.stdout).not.toMatch(/kubelogin.*not found|executable kubelogin/i);
  });

  it('ran the post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});

describe('a deploy that outlasts its tokens (e2e)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    // Tokens live 8 s; the pods take 18 s to become ready, so helm and the watcher need fresh cluster tokens mid-deploy
    // (long enough that a loaded machine still renews them in time: the action refreshes a sixth of a lifetime ahead).
    e2e = await startE2e({ entraId: true, tokenLifetimeSeconds: 8, scenario: { readyAfterMs: 18000 } });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('re-mints the GitHub and Entra tokens and still deploys', async () => {
    const run = await e2e.run({ 'release-name': 'portkey-ai', namespace: 'long' });
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
    expect(run.outputs['smoke-test-status']).toBe('passed');
    const { entra, oidc } = e2e.sandbox;
    expect(entra.issued.filter((t) => t.audience === AKS_SERVER_APP_ID).length).toBeGreaterThan(1);
    expect(oidc.issued.length).toBeGreaterThan(1);
  });

  it('ran the post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
