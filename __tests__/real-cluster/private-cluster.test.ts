// A private AKS cluster from a GitHub-hosted runner: the kubeconfig names a private endpoint the runner cannot reach,
// so the action goes through Resource Manager's runCommand, which the sandbox's ARM runs with the real helm 3 and
// kubectl against the real API server. The deploy, the watcher's diagnosis, the rollback, the address and the smoke
// test (through the API server's service proxy, to the real gateway in the tier's pod network) all happen inside the
// cluster.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_RULES } from '../../sandbox/real-cluster/node-agent.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, expectCleanRuns, expectNoSecretInCommands, expectSuccess } from '../e2e/harness.js';
import { gatewayEnvironment, gatewayImage, releaseRevisions, startRealE2e, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

const expectFailure = (run: ActionRun) => {
  if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
};
const timed = async (run: () => Promise<ActionRun>) => {
  const started = Date.now();
  return { run: await run(), seconds: (Date.now() - started) / 1000 };
};

describe('a private cluster through runCommand, on a real API server', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e({ privateCluster: {} });
  });
  afterEach(() => e2e.agent.setRules(DEFAULT_RULES));
  afterAll(async () => {
    await e2e?.close();
  });

  it('installs and upgrades the real chart with the pod’s helm 3, the chart and values in the context zip', async () => {
    const install = await e2e.run({ namespace: 'private' });
    expectSuccess(install);
    expect(install.outputs).toMatchObject({
      'release-revision': '1',
      'release-status': 'deployed',
      'chart-version': '1.7.7',
      // The helm the runner installed (and packaged the chart with); the pod's own is in the summary.
      'helm-version': '4.1.4',
      'smoke-test-status': 'passed',
    });
    expect(install.summary).toContain(
      'Reached:** through AKS runCommand (helm 3.18.0 in the command pod): the API server is private and this runner cannot reach it',
    );
    expect(install.stdout).toMatch(
      /Running in AKS cluster aks-portkey-sandbox through runCommand \(with gateway-1\.7\.7\.tgz, values\.yaml\): helm upgrade --install portkey-ai \.\/gateway-1\.7\.7\.tgz -n private -f \.\/values\.yaml/,
    );
    // The smoke test went through the API server's service proxy, from inside, to the gateway's pod.
    const received = await e2e.sandbox.gateway.received();
    const path = install.inputs['smoke-test-path'] ?? '/v1/health';
    expect(received.map((r) => `${r.method} ${r.headers['x-forwarded-uri'] ?? '(not proxied)'}`)).toContain(
      `GET /api/v1/namespaces/private/services/portkey-ai-gateway:8787/proxy${path}`,
    );
    expect(install.stdout).toMatch(
      /^::warning::The smoke test's chat completion was not sent: from inside the cluster the gateway is asked by kubectl/m,
    );

    const { runCommand } = e2e.sandbox.arm;
    const upgrade = runCommand.commands.find((c) => c.command.includes('helm upgrade --install portkey-ai ./gateway'));
    expect(upgrade?.contextFiles.sort()).toEqual(['gateway-1.7.7.tgz', 'values.yaml']);
    expect(runCommand.commands.every((c) => c.state === 'Succeeded' && !c.withClusterToken)).toBe(true);
    // The runner never talked to the API server: the only credentials it fetched were for the reachability probe.
    expect(e2e.sandbox.arm.requests.some((r) => /listClusterAdminCredential$/.test(r.path))).toBe(false);

    const env = await gatewayEnvironment(e2e.client, 'private', 'portkey-ai-gateway');
    expect(env.PORTKEY_CLIENT_AUTH).toBe(install.inputs['portkey-client-auth']);

    const upgraded = await e2e.run({ namespace: 'private', replicas: '2' });
    expectSuccess(upgraded);
    expect(await releaseRevisions(e2e.client, 'private', 'portkey-ai')).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
  });

  it('diagnoses a crash loop from inside the cluster and rolls it back, helm stopped in the pod', async () => {
    const target = { namespace: 'private-crash', 'smoke-test': 'false' };
    expectSuccess(await e2e.run(target));
    // Pods of this image are processes that exit soon after they start (pod-behaviour.ts).
    const { run, seconds } = await timed(() =>
      e2e.run({ ...target, 'gateway-image-tag': '2.14.0-crash-loop', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(120);
    expect(errorLines(run)).toMatch(/portkey-ai-gateway-[a-z0-9]+-[a-z0-9]+.*CrashLoopBackOff/);
    expect(run.stdout).toMatch(/BackOff: Back-off restarting failed container/);
    expect(run.stdout).toMatch(/Asked the command pod to stop helm/);
    expect(run.summary).toMatch(/revision 1/);
    expect(await gatewayImage(e2e.client, 'private-crash', 'portkey-ai-gateway')).toBe(
      'docker.io/portkeyai/gateway_enterprise:2.13.0',
    );
    const revisions = await releaseRevisions(e2e.client, 'private-crash', 'portkey-ai');
    expect(revisions[1]).toEqual([2, 'failed']);
    expect(revisions.at(-1)).toEqual([3, 'deployed']);
    // The stop ConfigMap is gone: the next deploy is not stopped at once.
    expect(
      (await e2e.client.list('/api/v1/namespaces/private-crash/configmaps')).filter((c) =>
        c.metadata.name.startsWith('portkey-stop-'),
      ),
    ).toEqual([]);
  });

  // az aks command invoke stops waiting after 300 s: this rollout takes longer, for real, and still finishes.
  it('waits for a rollout slower than az aks command invoke would, to the end', async () => {
    e2e.agent.setRules({ pod: () => ({ kind: 'ready', afterMs: 310_000 }) });
    const { run, seconds } = await timed(() =>
      e2e.run({ namespace: 'private-slow', 'smoke-test': 'false', timeout: '10m' }, { timeoutMs: 420_000 }),
    );
    expectSuccess(run);
    expect(seconds).toBeGreaterThan(310);
    const outlived = e2e.sandbox.arm.runCommand.outlivedCli().map((c) => c.command);
    expect(outlived.some((command) => command.includes('helm upgrade --install portkey-ai'))).toBe(true);
    expect(await releaseRevisions(e2e.client, 'private-slow', 'portkey-ai')).toEqual([[1, 'deployed']]);
  }, 480_000);

  it('forwards a cancellation to the pod’s helm; a first install the grace could not remove, the next run completes', async () => {
    e2e.agent.setRules({ pod: () => ({ kind: 'never-ready' }) });
    const { run, seconds } = await timed(() =>
      e2e.run(
        { namespace: 'private-cancel', timeout: '10m' },
        // The upgrade itself, not the plan's dry run before it.
        { cancelWhen: /through runCommand[^\n]*: helm upgrade --install [^\n]*--create-namespace/ },
      ),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(90);
    expect(errorLines(run)).toMatch(/cancelled/i);
    expect(run.stdout).toMatch(/Asked the command pod to stop helm/);
    expect(run.postExitCode).toBe(0);
    // The action owns recovery (helm runs without --atomic): within the runner's grace it uninstalls the first install
    // when runCommand answers in time; when not, the pod's helm has marked it failed on SIGINT, and nothing pending
    // is left for the next run, which upgrades over it without any input.
    const left = await releaseRevisions(e2e.client, 'private-cancel', 'portkey-ai');
    expect([[], [[1, 'failed']]]).toContainEqual(left);
    // A new image, so the next run's pods are new ones, started under the default rules.
    e2e.agent.setRules(DEFAULT_RULES);
    expectSuccess(await e2e.run({ namespace: 'private-cancel', 'smoke-test': 'false', 'gateway-image-tag': '2.13.1' }));
    expect(await releaseRevisions(e2e.client, 'private-cancel', 'portkey-ai')).toEqual(
      left.length
        ? [
            [1, 'superseded'],
            [2, 'deployed'],
          ]
        : [[1, 'deployed']],
    );
  });

  it('sent nothing secret on any command line, ran every post step cleanly and leaked no secret', () => {
    expectNoSecretInCommands(e2e);
    expectCleanRuns(e2e);
  });
});

describe('a private Entra ID cluster through runCommand, on a real API server', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e({ entraId: true, privateCluster: {} });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('runs every command as the deploying identity, its token checked by the API server', async () => {
    const run = await e2e.run({ namespace: 'private-entra' });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ 'release-revision': '1', 'smoke-test-status': 'passed' });
    const { runCommand } = e2e.sandbox.arm;
    expect(runCommand.commands.length).toBeGreaterThan(3);
    expect(runCommand.commands.every((c) => c.withClusterToken)).toBe(true);
    // The apiserver asked Entra (its TokenReview webhook) about the tokens the command pod presented.
    expect(e2e.sandbox.entra.tokenReviews.filter((r) => r.authenticated).length).toBeGreaterThan(0);
    expect(await releaseRevisions(e2e.client, 'private-entra', 'portkey-ai')).toEqual([[1, 'deployed']]);
  });

  it('sent nothing secret on any command line, ran the post step cleanly and leaked no secret', () => {
    expectNoSecretInCommands(e2e);
    expectCleanRuns(e2e);
  });
});
