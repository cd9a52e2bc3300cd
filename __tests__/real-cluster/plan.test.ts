// `command: plan` on a real API server with the real chart: a server-side dry run diffed against the deployed
// release. Nothing is changed by a plan; secrets show only as changed keys.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { errorLines, expectCleanRuns, expectSuccess, findLeaks } from '../e2e/harness.js';
import { releaseRevisions, startRealE2e, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

interface PlanFile {
  hasChanges: boolean;
  counts: { add: number; change: number; remove: number };
  resources: { action: string; resource: string; diff: string; secretKeys?: Record<string, string[]> }[];
  values: { key: string; action: string; source?: string; secret: boolean; before?: string; after?: string }[];
}

describe('command: plan on a real API server', () => {
  let e2e: RealE2e;
  const target = { namespace: 'planned', 'smoke-test': 'false' };
  // The file as a later step of the job reads it, before the post step removes it.
  const planOf = (run: ActionRun): PlanFile => JSON.parse(run.planFile ?? '') as PlanFile;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('plans everything as added when the release does not exist, and changes nothing', async () => {
    const run = await e2e.run({ ...target, command: 'plan' });
    expectSuccess(run);
    const plan = planOf(run);
    expect(run.outputs['has-changes']).toBe('true');
    expect(plan.counts.change + plan.counts.remove).toBe(0);
    expect(plan.resources.map((r) => `${r.action} ${r.resource}`)).toEqual(
      expect.arrayContaining([
        'add Deployment/portkey-ai-gateway',
        'add Service/portkey-ai-gateway',
        'add Secret/portkey-ai-gateway',
        'add ServiceAccount/portkey-ai-gateway',
      ]),
    );
    expect(JSON.parse(run.outputs.changes)).toEqual(plan.counts);
    expect(run.summary).toMatch(/### Plan: \d+ to add/);
    expect(await releaseRevisions(e2e.client, 'planned', 'portkey-ai')).toEqual([]);
    expect(await e2e.client.get('/apis/apps/v1/namespaces/planned/deployments/portkey-ai-gateway')).toBeUndefined();
  });

  it('reports no changes for the inputs that are deployed', async () => {
    expectSuccess(await e2e.run(target));
    const run = await e2e.run({ ...target, command: 'plan', 'fail-on-changes': 'true' });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ 'has-changes': 'false', changes: '{"add":0,"change":0,"remove":0}' });
    expect(planOf(run).resources).toEqual([]);
    expect(run.summary).toContain('### Plan: no changes');
  });

  it('shows a new image tag as exactly the Deployment changing, with where the value comes from', async () => {
    const run = await e2e.run({ ...target, command: 'plan', 'gateway-image-tag': '2.14.0' });
    expectSuccess(run);
    const plan = planOf(run);
    expect(plan.resources.map((r) => `${r.action} ${r.resource}`)).toEqual(['change Deployment/portkey-ai-gateway']);
    expect(plan.resources[0].diff).toMatch(/^-\s+image: docker\.io\/portkeyai\/gateway_enterprise:2\.13\.0$/m);
    expect(plan.resources[0].diff).toMatch(/^\+\s+image: docker\.io\/portkeyai\/gateway_enterprise:2\.14\.0$/m);
    // One line changes: one removed, one added, nothing else.
    expect(plan.resources[0].diff.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toHaveLength(2);
    expect(plan.values).toEqual([
      {
        action: 'add',
        key: 'images.gatewayImage.tag',
        source: 'input `gateway-image-tag`',
        secret: false,
        after: '"2.14.0"',
      },
    ]);
    expect((await releaseRevisions(e2e.client, 'planned', 'portkey-ai')).at(-1)).toEqual([1, 'deployed']);
  });

  it('shows a changed secret as a changed key of the env Secret, never its value', async () => {
    const run = await e2e.run({ ...target, command: 'plan', 'portkey-client-auth': 'pk-rotated-client-auth-9f3e1d' });
    expectSuccess(run);
    const plan = planOf(run);
    const secret = plan.resources.find((r) => r.resource === 'Secret/portkey-ai-gateway');
    expect(secret?.secretKeys).toEqual({ added: [], changed: ['PORTKEY_CLIENT_AUTH'], removed: [] });
    expect(plan.values.find((v) => v.key === 'environment.data.PORTKEY_CLIENT_AUTH')).toEqual({
      action: 'change',
      key: 'environment.data.PORTKEY_CLIENT_AUTH',
      source: 'input `portkey-client-auth`',
      secret: true,
    });
    // The log as the runner shows it, the summary, the outputs and the plan file (in filesLeftBehind).
    expect(findLeaks([run], [{ name: 'the rotated client auth', value: 'pk-rotated-client-auth-9f3e1d' }])).toEqual([]);
  });

  it('fails a drift check that finds the deployed release differs', async () => {
    const run = await e2e.run({ ...target, command: 'plan', 'fail-on-changes': 'true', replicas: '3' });
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toContain('Release portkey-ai differs from what a deploy would apply: 1 to change.');
    expect(errorLines(run)).toContain('fail-on-changes');
    expect(run.outputs['has-changes']).toBe('true');
  });

  it('ran every post step cleanly, left no file and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
