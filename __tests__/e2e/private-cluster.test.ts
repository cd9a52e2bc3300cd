// Private clusters through the bundled action against the sandbox's ARM runCommand (real helm 3 and kubectl in its
// "command pod", the in-memory API server behind it): the path `private-cluster: auto` takes, and what runCommand
// adds to the ways a deploy fails, each naming the role or setting to change. The real API server's version of the
// happy path, the crash loop and the Entra ID cluster is __tests__/real-cluster/private-cluster.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import {
  describeRun,
  type E2e,
  errorLines,
  expectCleanRuns,
  expectNoSecretInCommands,
  expectSuccess,
  startE2e,
  TEST_TIMEOUT_MS,
} from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const expectFailure = (run: ActionRun) => {
  if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
};
const runCommandPosts = (e2e: E2e) => e2e.sandbox.arm.requests.filter((r) => /\/runCommand$/.test(r.path));

describe('a private cluster out of the runner’s reach (e2e)', () => {
  let e2e: E2e;
  /** The stand-in API server has no service proxy: the smoke test goes to the load balancer from the runner. */
  const inputs = (more: Record<string, string> = {}) => ({ 'smoke-test-url': e2e.sandbox.gateway.url, ...more });

  beforeAll(async () => {
    e2e = await startE2e({ privateCluster: {} });
  });
  afterEach(() => {
    Object.assign(e2e.sandbox.arm.runCommand.faults, {
      disabled: false,
      denyRunCommand: false,
      denyCommandResults: false,
      podsNotStarting: 0,
      policyBlocks: false,
      outputLimitBytes: 512 * 1024,
    });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('deploys through runCommand, with the helm of the command pod', async () => {
    const run = await e2e.run(inputs({ namespace: 'reached' }));
    expectSuccess(run);
    expect(run.outputs).toMatchObject({
      'release-revision': '1',
      // The helm the runner installed (and packaged the chart with); the pod's own is in the summary.
      'helm-version': '4.1.4',
      'smoke-test-status': 'passed',
    });
    expect(run.outputs['kubeconfig-path'] ?? '').toBe('');
    expect(run.summary).toContain('through AKS runCommand (helm 3.18.0 in the command pod)');
    expect(run.stdout).toContain(
      'Reaching AKS cluster aks-portkey-sandbox through AKS runCommand (helm 3.18.0 in the command pod).',
    );
    // helm 3's flags, not the runner's helm 4's: the pod's helm decides.
    expect(run.stdout).toMatch(
      /helm upgrade --install portkey-ai \.\/gateway-100\.0\.0-fixture\.tgz -n reached -f \.\/values\.yaml .*--wait --description/,
    );
    // The watcher's reads share invocations: far fewer than one per read.
    expect(runCommandPosts(e2e).length).toBeLessThan(25);
  });

  it('refuses when runCommand is disabled on the cluster, naming the setting', async () => {
    e2e.sandbox.arm.runCommand.faults.disabled = true;
    const before = runCommandPosts(e2e).length;
    const run = await e2e.run(inputs({ namespace: 'disabled' }));
    expectFailure(run);
    expect(errorLines(run)).toContain('has runCommand disabled (apiServerAccessProfile.disableRunCommand)');
    expect(run.summary).toContain('`private-cluster`');
    expect(run.summary).toContain('--enable-run-command');
    expect(runCommandPosts(e2e).length).toBe(before);
  });

  it('names the missing runCommand/action and the role that grants it', async () => {
    e2e.sandbox.arm.runCommand.faults.denyRunCommand = true;
    const run = await e2e.run(inputs({ namespace: 'denied' }));
    expectFailure(run);
    expect(errorLines(run)).toMatch(
      /Running a command in AKS cluster aks-portkey-sandbox through runCommand failed \(HTTP 403 AuthorizationFailed\)/,
    );
    expect(run.summary).toContain('lacks Microsoft.ContainerService/managedClusters/runCommand/action');
    expect(run.summary).toContain('--role "AKS runCommand Invoker"');
  });

  it('names the missing commandResults/read', async () => {
    e2e.sandbox.arm.runCommand.faults.denyCommandResults = true;
    const run = await e2e.run(inputs({ namespace: 'no-results' }));
    expectFailure(run);
    expect(run.summary).toContain('lacks Microsoft.ContainerService/managedClusters/commandResults/read');
  });

  it('sends a command again when its pod did not start in time, and explains when it never does', async () => {
    e2e.sandbox.arm.runCommand.faults.podsNotStarting = 1;
    const retried = await e2e.run(inputs({ namespace: 'slow-pod' }));
    expectSuccess(retried);
    expect(retried.stdout).toMatch(
      /The runCommand pod did not start in time .*; sending the command again in 5 s \(attempt 2\)/,
    );

    e2e.sandbox.arm.runCommand.faults.podsNotStarting = 99;
    const failed = await e2e.run(inputs({ namespace: 'no-pod' }));
    expectFailure(failed);
    expect(errorLines(failed)).toContain('The runCommand pod did not start in time');
    expect(failed.summary).toContain('CriticalAddonsOnly');
  });

  it('says Azure Policy blocks the command pod, and how to exempt its namespace', async () => {
    e2e.sandbox.arm.runCommand.faults.policyBlocks = true;
    const run = await e2e.run(inputs({ namespace: 'policy' }));
    expectFailure(run);
    expect(errorLines(run)).toContain('Azure Policy blocks the runCommand pod in namespace aks-command');
    expect(run.summary).toContain('Namespace exclusions');
  });

  it('notices output AKS cut short instead of reading half of it', async () => {
    e2e.sandbox.arm.runCommand.faults.outputLimitBytes = 4000;
    const run = await e2e.run(inputs({ namespace: 'cut' }));
    expectFailure(run);
    expect(errorLines(run)).toMatch(
      /The output of `(helm|kubectl) [^`]+`, run through runCommand on AKS cluster aks-portkey-sandbox, was cut at AKS's 512 kB limit/,
    );
  });

  it('sent nothing secret in any command, ran every post step cleanly and leaked no secret', () => {
    expectNoSecretInCommands(e2e);
    expectCleanRuns(e2e);
  });
});

describe('a private cluster the runner reaches (a self-hosted runner in its network, e2e)', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ privateCluster: { reachableFromRunner: true } });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('goes directly, as `auto` decides, without runCommand', async () => {
    const run = await e2e.run({ namespace: 'inside' });
    expectSuccess(run);
    expect(run.summary).toContain('directly: the API server is private, and this runner reaches it');
    expect(runCommandPosts(e2e)).toEqual([]);
  });

  it('goes directly, with a warning, when the identity may not read the cluster’s settings', async () => {
    e2e.sandbox.arm.denyClusterRead = true;
    const run = await e2e.run({ namespace: 'unread' });
    e2e.sandbox.arm.denyClusterRead = false;
    expectSuccess(run);
    expect(run.stdout).toMatch(
      /^::warning::Reading AKS cluster aks-portkey-sandbox failed \(HTTP 403 AuthorizationFailed\)/m,
    );
    expect(run.stdout).toContain('Microsoft.ContainerService/managedClusters/read');
    expect(runCommandPosts(e2e)).toEqual([]);
  });

  it('neither reads the cluster’s settings nor uses runCommand with `private-cluster: false`', async () => {
    const before = e2e.sandbox.arm.requests.length;
    const run = await e2e.run({ namespace: 'told', 'private-cluster': 'false' });
    expectSuccess(run);
    expect(e2e.sandbox.arm.requests.slice(before).map((r) => `${r.method} ${r.path.split('/').at(-1)}`)).toEqual([
      'POST listClusterUserCredential',
    ]);
    expect(run.summary).toContain('directly: private-cluster: false');
  });

  it('goes through runCommand anyway with `private-cluster: true`', async () => {
    const before = e2e.sandbox.arm.requests.length;
    const run = await e2e.run({
      namespace: 'forced',
      'private-cluster': 'true',
      'smoke-test-url': e2e.sandbox.gateway.url,
    });
    expectSuccess(run);
    expect(run.summary).toContain('through AKS runCommand (helm 3.18.0 in the command pod): private-cluster: true');
    // No kubeconfig was needed for that.
    expect(e2e.sandbox.arm.requests.slice(before).some((r) => /Credential$/.test(r.path))).toBe(false);
  });

  it('ran every post step cleanly and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
