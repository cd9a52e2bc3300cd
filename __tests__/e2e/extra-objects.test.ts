// `extra-objects` through the bundled action: the guide's egress NetworkPolicy joins the release beside the
// PodDisruptionBudget, the plan of a change to it names it, and `command: uninstall` takes it away with the gateway.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, expectCleanRuns, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const namespace = 'extra-objects';
const policy = (cidr: string) => `
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: allow-all-egress
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
      - to:
          - ipBlock: {cidr: ${cidr}}
`;

interface KubeObject {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { egress?: { to: { ipBlock: { cidr: string } }[] }[] };
}

describe('extra-objects (e2e)', () => {
  let e2e: E2e;
  const policies = () => e2e.sandbox.kube.list('networking.k8s.io', 'networkpolicies', namespace) as KubeObject[];
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

  it('deploys the NetworkPolicy as an object of the release', async () => {
    expectSuccess(await e2e.run({ namespace, 'extra-objects': policy('0.0.0.0/0') }));
    const [found, ...more] = policies();
    expect(more).toEqual([]);
    expect(found.metadata).toMatchObject({
      name: 'allow-all-egress',
      labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'portkey-ai' },
      annotations: { 'meta.helm.sh/release-name': 'portkey-ai', 'meta.helm.sh/release-namespace': namespace },
    });
    expect(found.spec?.egress?.[0].to[0].ipBlock.cidr).toBe('0.0.0.0/0');
    expect(e2e.sandbox.kube.list('policy', 'poddisruptionbudgets', namespace)).toHaveLength(1);
  });

  it('plans a change to it like any object of the chart', async () => {
    const run = await e2e.run({ namespace, command: 'plan', 'extra-objects': policy('10.0.0.0/8') });
    expectSuccess(run);
    expect(run.outputs['has-changes']).toBe('true');
    const plan = JSON.parse(run.planFile ?? '{}') as { resources: { action: string; resource: string }[] };
    expect(plan.resources.map((change) => `${change.action} ${change.resource}`)).toEqual([
      expect.stringMatching(/^change NetworkPolicy.*allow-all-egress/),
    ]);
  });

  it('is removed by command: uninstall', async () => {
    expectSuccess(await e2e.run({ namespace, command: 'uninstall' }));
    expect(policies()).toEqual([]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
