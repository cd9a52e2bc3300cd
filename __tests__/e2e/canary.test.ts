// The canary strategy through the bundled action against the sandbox's API server, whose pods answer `/metrics`
// through the pod proxy as their image tag says (sandbox/kube-api/pod-metrics.ts): the plan shows the steps; a canary
// failing a fifth of its requests is aborted before helm runs, with both versions' figures in the outputs, the summary
// and the GitHub Deployment's failure; a healthy one is promoted; nothing secret appears anywhere.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, expectCleanRuns, expectSuccess, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const namespace = 'canary';
const CANARY = 'portkey-ai-gateway-canary';

describe('the canary strategy (e2e)', () => {
  let e2e: E2e;
  const revisions = () =>
    (e2e.sandbox.kube.list('', 'secrets', namespace) as { metadata: { name: string } }[])
      .map((s) => s.metadata.name)
      .filter((name) => name.startsWith('sh.helm.release.v1.portkey-ai.'))
      .sort();
  const canary = { namespace, strategy: 'canary', 'canary-min-requests': '20' };
  const expectFailure = (run: ActionRun) => {
    if (run.exitCode === 0) throw new Error(`the action passed:\n${describeRun(run)}`);
  };

  beforeAll(async () => {
    e2e = await startE2e({ environment: 'prod' });
    expectSuccess(await e2e.run({ namespace }));
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('`command: plan` shows the canary’s steps as pod ratios', async () => {
    const run = await e2e.run({ ...canary, command: 'plan', 'gateway-image-tag': '2.14.0', 'canary-steps': '10,50' });
    expectSuccess(run);
    expect(run.outputs['canary-verdict']).toBe('planned');
    expect(run.stdout).toContain(
      'Canary of 2.14.0 beside 2.13.0, each step judged over 60s: 10 % (1 canary pod beside 2 stable, 33.3 % of the ' +
        'traffic) → 50 % (2 canary pods beside 2 stable, 50 % of the traffic) → helm upgrade.',
    );
    expect(run.summary).toContain('**planned** (`2.14.0` beside `2.13.0`)');
    expect(run.summary).toMatch(/\| 50 % \(50 % of pods\) \| canary \| – \| 2 \| – \|/);
  });

  it('aborts an errors-20 canary before helm runs: outputs, summary and the Deployment’s failure say why', async () => {
    const before = revisions();
    const deployments = e2e.sandbox.github.deployments().length;
    const run = await e2e.run({
      ...canary,
      'gateway-image-tag': '2.14.0-errors-20',
      'canary-steps': '10',
      'canary-analysis-window': '10s',
    });
    expectFailure(run);
    expect(run.outputs).toMatchObject({
      'canary-verdict': 'failed',
      'canary-share': '33.3',
      'stable-error-ratio': '0',
      'canary-p95-ms': '5',
      'stable-p95-ms': '5',
    });
    // A fifth of them failed (the stand-in's counters are whole numbers, read at whole moments).
    expect(Math.abs(Number(run.outputs['canary-error-ratio']) - 0.2)).toBeLessThan(0.02);
    // 20 requests a second for each pod: the canary's one pod against the two stable ones.
    const canaryRequests = Number(run.outputs['canary-requests']);
    const stableRequests = Number(run.outputs['stable-requests']);
    expect(canaryRequests).toBeGreaterThanOrEqual(20);
    expect(Math.abs(stableRequests / canaryRequests - 2)).toBeLessThan(0.5);
    expect(run.summary).toMatch(
      /The canary of 2\.14\.0-errors-20 \(beside 2\.13\.0\) was aborted: at 33\.3 % of the traffic, the canary answered (19|20|21)(\.\d)? % of \d+ requests with 5xx, more than canary-max-error-ratio \(5 %\)/,
    );
    expect(run.summary).toContain('**❌ aborted** (`2.14.0-errors-20` beside `2.13.0`)');
    expect(run.summary).toContain(
      `| 10 % (33.3 % of pods) | stable | \`2.13.0\` | 2 | ${stableRequests} | 0 | 0 % | 5 ms |`,
    );
    expect(run.summary).toMatch(
      new RegExp(
        `\\| 10 % \\(33\\.3 % of pods\\) \\| canary \\| \`2\\.14\\.0-errors-20\` \\| 1 \\| ${canaryRequests} \\| \\d+ \\| (19|20|21)(\\.\\d)? % \\| 5 ms \\| failed \\|`,
      ),
    );
    // helm never ran: no new revision; the canary is gone.
    expect(revisions()).toEqual(before);
    expect(e2e.sandbox.kube.get('apps', 'deployments', namespace, CANARY)).toBeUndefined();
    const [deployment] = e2e.sandbox.github.deployments().slice(deployments);
    const last = e2e.sandbox.github.statuses(deployment.id).at(-1);
    expect(last?.state).toBe('failure');
    expect(last?.description).toContain('The canary of 2.14.0-errors-20 (beside 2.13.0) was aborted');
  });

  it('says "no verdict" when too few requests reached the canary, and does not release it', async () => {
    const run = await e2e.run({
      ...canary,
      'gateway-image-tag': '2.14.0',
      'canary-steps': '10',
      'canary-analysis-window': '2s',
      'canary-min-requests': '1000',
    });
    expectFailure(run);
    expect(run.outputs['canary-verdict']).toBe('no-verdict');
    expect(run.summary).toMatch(
      /was not promoted: no verdict: \d+ requests reached the canary, fewer than canary-min-requests \(1000\)/,
    );
    expect(run.summary).toContain('**Input to check:** `canary-min-requests`');
    expect(e2e.sandbox.kube.get('apps', 'deployments', namespace, CANARY)).toBeUndefined();
  });

  it('promotes a healthy canary through its steps, then upgrades and verifies the release', async () => {
    const before = revisions().length;
    const run = await e2e.run({
      ...canary,
      'gateway-image-tag': '2.14.0',
      'canary-steps': '10,50',
      'canary-analysis-window': '3s',
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({
      'canary-verdict': 'passed',
      'canary-share': '50',
      'canary-error-ratio': '0',
      'smoke-test-status': 'passed',
      'release-status': 'deployed',
    });
    expect(run.summary).toContain('**✅ promoted** (`2.14.0` beside `2.13.0`)');
    expect(run.summary).toMatch(
      /\| 50 % \(50 % of pods\) \| canary \| `2\.14\.0` \| 2 \| \d+ \| 0 \| 0 % \| 5 ms \| passed \|/,
    );
    expect(revisions()).toHaveLength(before + 1);
    expect(e2e.sandbox.kube.get('apps', 'deployments', namespace, CANARY)).toBeUndefined();
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});

describe('the canary strategy on a private cluster, through runCommand (e2e)', () => {
  let e2e: E2e;
  const inputs = (more: Record<string, string>) => ({
    namespace: 'private-canary',
    'smoke-test-url': e2e.sandbox.gateway.url,
    ...more,
  });

  beforeAll(async () => {
    e2e = await startE2e({ privateCluster: {} });
    expectSuccess(await e2e.run(inputs({})));
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('aborts a bad canary and promotes a good one, every read through kubectl in the command pod', async () => {
    const canary = { strategy: 'canary', 'canary-steps': '10', 'canary-analysis-window': '10s' };
    const bad = await e2e.run(
      inputs({ ...canary, 'gateway-image-tag': '2.14.0-errors-20', 'canary-min-requests': '20' }),
    );
    if (bad.exitCode === 0) throw new Error(`the action passed:\n${describeRun(bad)}`);
    expect(Math.abs(Number(bad.outputs['canary-error-ratio']) - 0.2)).toBeLessThan(0.02);
    expect(bad.outputs).toMatchObject({
      'canary-verdict': 'failed',
      'release-revision': '',
    });
    expect(bad.summary).toContain('The canary of 2.14.0-errors-20 (beside 2.13.0) was aborted');
    expect(e2e.sandbox.kube.get('apps', 'deployments', 'private-canary', CANARY)).toBeUndefined();
    // The pods' metrics were read with kubectl's `get --raw` in the command pod, not from the runner.
    const proxied = e2e.sandbox.kube.requests.filter((r) => /\/pods\/[^/]+:\d+\/proxy\/metrics$/.test(r.path));
    expect(proxied.length).toBeGreaterThanOrEqual(6);

    const good = await e2e.run(inputs({ ...canary, 'gateway-image-tag': '2.14.0', 'canary-min-requests': '20' }));
    expectSuccess(good);
    expect(good.outputs).toMatchObject({
      'canary-verdict': 'passed',
      'release-revision': '2',
      'smoke-test-status': 'passed',
    });
    expect(e2e.sandbox.kube.get('apps', 'deployments', 'private-canary', CANARY)).toBeUndefined();
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
