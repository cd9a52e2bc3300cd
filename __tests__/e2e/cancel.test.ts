// A cancelled workflow: the runner sends SIGINT to the step while helm waits. helm must get the signal too and leave
// the release in a clean state (a failed first install removed), not stuck in pending-install for the next run.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { describeRun, errorLines, leftBehind, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('a cancelled workflow (e2e)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ scenario: { pods: 'never-ready' }, environment: 'prod' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('forwards SIGINT to helm, which cleans up the release, and the post step still removes every file', async () => {
    const started = Date.now();
    const run = await e2e.run(
      { 'release-name': 'cancelled', namespace: 'cancel', timeout: '10m' },
      { cancelWhen: /Installing it now/ },
    );
    if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
    expect((Date.now() - started) / 1000).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/cancelled/i);
    expect(run.stdout).toContain('Received SIGINT');
    expect(run.postExitCode).toBe(0);
    expect(leftBehind(run)).toEqual([]);
    const records = (e2e.sandbox.kube.list('', 'secrets', 'cancel') as { metadata: { name: string } }[]).filter(
      (secret) => secret.metadata.name.startsWith('sh.helm.release.v1.cancelled.'),
    );
    expect(records).toEqual([]);
  });

  it.each([
    [
      'waiting for a load balancer address that never comes',
      /^::group::Wait for the gateway address/m,
      { 'address-timeout': '10m' },
    ],
    [
      'smoke-testing a gateway that never gives the expected answer',
      /^::group::Smoke test/m,
      { 'smoke-test-expected-body': 'an answer that never comes', 'smoke-test-timeout': '10m' },
    ],
  ])('stops within seconds when cancelled while %s, and still writes outputs and summary', async (_, when, given) => {
    const inputs: Record<string, string> = given;
    e2e.sandbox.kube.setScenario({
      pods: 'healthy',
      loadBalancer: { after: 0, address: inputs['address-timeout'] ? 'none' : { ip: '127.0.0.1' } },
    });
    const namespace = inputs['address-timeout'] ? 'cancel-address' : 'cancel-smoke';
    const started = Date.now();
    const run = await e2e.run({ 'release-name': 'portkey-ai', namespace, ...inputs }, { cancelWhen: when });
    if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
    expect((Date.now() - started) / 1000).toBeLessThan(30);
    expect(errorLines(run)).toContain('The workflow was cancelled (SIGINT).');
    // The deploy itself had finished: the outputs say what is deployed, the summary says why the run stopped.
    expect(run.outputs['release-revision']).toBe('1');
    expect(run.summary).toContain('The workflow was cancelled (SIGINT).');
    // A cancelled check is no failed smoke test: what was deployed stays.
    expect(run.stdout).not.toContain('::group::Roll back');
    expect(run.postExitCode).toBe(0);
  });

  it("plays the runner's cancel during an upgrade (SIGINT, SIGTERM 7.5 s later, the group killed 2.5 s after): all done before the kill, and the next run completes by itself", async () => {
    const target = { 'release-name': 'graced', namespace: 'graced', 'smoke-test': 'false' };
    e2e.sandbox.kube.setScenario({ pods: 'healthy', loadBalancer: { after: 0, address: { ip: '127.0.0.1' } } });
    const first = await e2e.run(target);
    if (first.exitCode !== 0) throw new Error(`first deploy failed:\n${describeRun(first)}`);
    e2e.sandbox.kube.setScenario({ pods: 'never-ready' });
    const github = e2e.sandbox.github;
    const before = github.deployments().length;

    const run = await e2e.run(
      { ...target, 'gateway-image-tag': '2.14.0', timeout: '10m' },
      // Once helm has written revision 2 and waits for pods that never get ready.
      { cancelWhen: /Upgrading release graced/, cancelDelayMs: 1500, cancelSequence: 'runner' },
    );
    if (!run.cancelTimeline) throw new Error(`the step ended before the cancel:\n${describeRun(run)}`);
    const timeline = run.cancelTimeline;
    // Out by itself before the runner's kill, with time to spare: measured from the signals the runner sent.
    expect(timeline.killedAt).toBeUndefined();
    expect(timeline.exitedAt! - timeline.sigintAt).toBeLessThan(10_000);
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('The workflow was cancelled (SIGINT).');
    expect(run.outputs['release-name']).toBe('graced');
    const [deployment] = github.deployments().slice(before);
    expect(github.statuses(deployment.id).map((status) => status.state)).toEqual(['in_progress', 'error']);
    // helm, stopped, marked revision 2 failed; the transaction rolled back to 1 (revision 3) without waiting for pods.
    expect(run.stdout).toContain('Release graced: rolled back to revision 1 (without waiting for its pods');
    const records = e2e.sandbox.kube.list('', 'secrets', 'graced') as {
      metadata: { labels?: Record<string, string> };
    }[];
    const statuses = records
      .map((record) => record.metadata.labels ?? {})
      .filter((labels) => labels.owner === 'helm')
      .sort((a, b) => Number(a.version) - Number(b.version))
      .map((labels) => `${labels.version} ${labels.status}`);
    expect(statuses).toEqual(['1 superseded', expect.stringMatching(/^2 (failed|superseded)$/), '3 deployed']);
    expect(run.postExitCode).toBe(0);

    e2e.sandbox.kube.setScenario({ pods: 'healthy' });
    const next = await e2e.run(target);
    if (next.exitCode !== 0) throw new Error(`the next run failed:\n${describeRun(next)}`);
    expect(next.outputs['release-status']).toBe('deployed');
  });

  it('completes a release its own killed run left pending, without recover-stuck-release; one it did not leave still needs it', async () => {
    const target = {
      'release-name': 'killed',
      namespace: 'killed',
      'smoke-test': 'false',
      'pending-release-timeout': '2s',
    };
    e2e.sandbox.kube.setScenario({ pods: 'healthy', loadBalancer: { after: 0, address: { ip: '127.0.0.1' } } });
    for (const replicas of ['1', '2']) {
      const deployed = await e2e.run({ ...target, replicas });
      if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${describeRun(deployed)}`);
    }
    // As the runner's kill leaves it mid-operation: revision 2 pending, and the action's own record of that
    // operation, whose run is over (its deadline past).
    e2e.sandbox.kube.markReleaseStatus('killed', 'killed', 'pending-upgrade');
    const journal = e2e.sandbox.kube.get('', 'configmaps', 'killed', 'portkey-azure-deploy.killed') as {
      data: Record<string, string>;
    };
    const entry = JSON.parse(journal.data['operation.json']) as { revision: number; deadline: number };
    expect(entry.revision).toBe(2);
    e2e.sandbox.kube.update('', 'configmaps', {
      ...journal,
      data: { 'operation.json': JSON.stringify({ ...entry, previousRevision: 1, deadline: Date.now() - 1000 }) },
    });
    const completed = await e2e.run(target);
    if (completed.exitCode !== 0) throw new Error(`the next run failed:\n${describeRun(completed)}`);
    expect(completed.stdout).toContain('left by an earlier run of this action');
    expect(completed.outputs['release-status']).toBe('deployed');
    // Rolled back to 1 (revision 3), then upgraded (revision 4).
    expect(completed.outputs['release-revision']).toBe('4');

    // A pending revision no record of ours names: refused, the input named.
    e2e.sandbox.kube.markReleaseStatus('killed', 'killed', 'pending-upgrade');
    const refused = await e2e.run(target);
    expect(refused.exitCode).toBe(1);
    expect(errorLines(refused)).toContain('recover-stuck-release');
  });
});
