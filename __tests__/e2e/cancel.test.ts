// A cancelled workflow: the runner sends SIGINT to the step while helm waits. helm must get the signal too and leave
// the release in a clean state (a failed first install removed), not stuck in pending-install for the next run.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { describeRun, errorLines, leftBehind, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

describe('a cancelled workflow (e2e)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    e2e = await startE2e({ scenario: { pods: 'never-ready' } });
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
});
