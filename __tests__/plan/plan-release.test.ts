// The plan against a deployed revision whose secrets this run no longer names: helm scripted behind seams.run.
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { planRelease, writePlanFile, type ReleasePlan } from '../../src/plan/index.js';
import { planSection } from '../../src/report/index.js';
import { Outbound, SecretSet, withSecretPaths } from '../../src/secrets/index.js';
import type { MergedValues } from '../../src/values/index.js';
import { createWorkspace } from '../../src/workspace.js';
import { captureLog, fakeHelm, fakeTools, notFound, repositoryChart, statusJson } from '../deploy/fake-helm.js';

/** Not hex: a quote, a backslash, a non-ASCII letter. */
const SECRET = 'cust"om\\thing-ü-9f3e1d';

type Values = Record<string, unknown>;

/** The env the chart renders from environment.data: a Secret (base64) unless `secret: false` makes it a ConfigMap. */
function envObject(data: Record<string, string>, secret: boolean): string {
  const encode = (value: string) => (secret ? Buffer.from(value).toString('base64') : value);
  const lines = Object.entries(data).map(([key, value]) => `  ${key}: ${JSON.stringify(encode(value))}`);
  return [
    `kind: ${secret ? 'Secret' : 'ConfigMap'}`,
    'metadata:',
    '  name: portkey-ai-gateway',
    'data:',
    ...lines,
  ].join('\n');
}

/** This run's values: CUSTOM_THING is gone, PORT changes, nothing says anything is secret. */
function plannedValues(environment: Values): MergedValues {
  const values = { environment: { ...environment, data: { PORT: '8788' } } };
  return {
    values,
    yaml: '',
    redactedYaml: '',
    redacted: values,
    sourceOf: () => 'input `values`',
    secrets: [],
    secretHints: { secretEnvNames: [], secretPaths: [] },
    warnings: [],
    notes: [],
  };
}

/** A plan against revision 1, deployed with `secret-env: CUSTOM_THING=<SECRET>`, recorded or not. */
async function planAgainst(deployed: Values, options: { secretEnv: boolean }) {
  const liveData = { PORT: '8787', CUSTOM_THING: SECRET };
  const helm = fakeHelm({
    ...noDiscovery,
    status: [statusJson(1, 'deployed')],
    'get manifest': [{ stdout: `---\n${envObject(liveData, options.secretEnv)}\n` }],
    'get values': [{ stdout: JSON.stringify(deployed) }],
    upgrade: [{ stdout: JSON.stringify({ manifest: `---\n${envObject({ PORT: '8788' }, options.secretEnv)}\n` }) }],
  });
  const secrets = new SecretSet(() => undefined);
  const environment = options.secretEnv ? {} : { secret: false };
  const input = { chart: repositoryChart, valuesPath: '/ws/values.yaml', merged: plannedValues(environment), secrets };
  const log = captureLog();
  try {
    const plan = await planRelease(input, fakeTools(), helm.seams);
    return { plan, secrets, log: log.lines.join('\n') };
  } finally {
    log.restore();
  }
}

/** Every place the plan goes: its JSON (the plan file), the summary's or comment's Markdown, and the log. */
const everywhere = ({ plan, log }: { plan: ReleasePlan; log: string }) => [
  JSON.stringify(plan),
  planSection(plan),
  log,
];

// The cluster's version and group-versions, read with the release: unknown here (plan/schema-check.test.ts reads them).
const noDiscovery = { version: [{ exitCode: 1 }], 'api-versions': [{ exitCode: 1 }] };

describe('the plan against a deployed revision (issue 21.3)', () => {
  const environment = (secret: boolean) => ({ ...(secret ? {} : { secret: false }) });
  const deployedData = { PORT: '8787', CUSTOM_THING: SECRET };

  it('keeps the paths the revision recorded as secret hidden, though this run no longer names them', async () => {
    const deployed = withSecretPaths({ environment: { ...environment(false), data: deployedData } }, [
      'environment.data.CUSTOM_THING',
    ]);
    const result = await planAgainst(deployed, { secretEnv: false });
    for (const text of everywhere(result)) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(JSON.stringify(SECRET).slice(1, -1));
    }
    expect(result.plan.values.find((v) => v.key === 'environment.data.CUSTOM_THING')).toEqual({
      action: 'remove',
      key: 'environment.data.CUSTOM_THING',
      secret: true,
    });
    // What the revision did not record as secret is shown, and the record itself is no value of the release.
    expect(result.plan.values.find((v) => v.key === 'environment.data.PORT')).toMatchObject({
      secret: false,
      before: '"8787"',
      after: '"8788"',
    });
    expect(result.plan.values.map((v) => v.key)).not.toContain('portkeyAzureDeploy.secretPaths');
    // Its value joined the run's secrets: masked in the log, cut from whatever else prints it.
    expect(result.secrets.has(SECRET)).toBe(true);
  });

  it('without a record (an older release), shows every key of the env Secret as secret and masks no port', async () => {
    const deployed = { environment: { data: deployedData } };
    const result = await planAgainst(deployed, { secretEnv: true });
    for (const text of everywhere(result)) expect(text).not.toContain(SECRET);
    const shown = Object.fromEntries(result.plan.values.map((v) => [v.key, v]));
    expect(shown['environment.data.CUSTOM_THING']).toEqual({
      action: 'remove',
      key: 'environment.data.CUSTOM_THING',
      secret: true,
    });
    expect(shown['environment.data.PORT']).toMatchObject({ secret: true });
    expect(shown['environment.data.PORT'].before).toBeUndefined();
    expect(result.secrets.has('8787')).toBe(false);
    expect(result.plan.resources[0].secretKeys).toEqual({ added: [], changed: ['PORT'], removed: ['CUSTOM_THING'] });
  });

  it('against nothing deployed, shows every value this run does not call secret', async () => {
    const helm = fakeHelm({
      ...noDiscovery,
      status: [notFound],
      'get manifest': [notFound],
      'get values': [notFound],
      upgrade: [{ stdout: JSON.stringify({ manifest: `---\n${envObject({ PORT: '8788' }, true)}\n` }) }],
    });
    const input = {
      chart: repositoryChart,
      valuesPath: '/ws/values.yaml',
      merged: plannedValues({}),
      secrets: new SecretSet(() => undefined),
    };
    const log = captureLog();
    const plan = await planRelease(input, fakeTools(), helm.seams).finally(log.restore);
    expect(plan.values).toEqual([
      { action: 'add', key: 'environment.data.PORT', source: 'input `values`', secret: false, after: '"8788"' },
    ]);
  });

  it('without a record, still hides a deployed value whose name says it is secret', async () => {
    const deployed = { environment: { secret: false, data: { ...deployedData, OLD_API_KEY: 'old-key-5e6f7a8b' } } };
    const result = await planAgainst(deployed, { secretEnv: false });
    for (const text of everywhere(result)) expect(text).not.toContain('old-key-5e6f7a8b');
  });
});

describe('the plan file (issue 21.9)', () => {
  const plan = (note: string): ReleasePlan => ({
    release: { name: 'portkey-ai', namespace: 'portkeyai' },
    deployedRevision: 1,
    hasChanges: true,
    counts: { add: 0, change: 1, remove: 0 },
    headline: '1 to change',
    resources: [{ action: 'change', resource: 'ConfigMap/x', namespace: 'portkeyai', diff: `-a: ${note}` }],
    unchangedResources: 0,
    values: [],
  });

  it('is JSON with no secret, under a random name in the private folder, created 0600', async () => {
    const workspace = await createWorkspace(await mkdtemp(path.join(os.tmpdir(), 'plan-file-')));
    const secrets = new SecretSet(() => undefined);
    secrets.add(SECRET);
    const outbound = new Outbound(secrets);
    const first = await writePlanFile(plan(`quoted ${JSON.stringify(SECRET)}`), workspace, outbound);
    const second = await writePlanFile(plan('again'), workspace, outbound);
    expect(path.dirname(first)).toBe(workspace.dir);
    expect(path.basename(first)).toMatch(/^plan-[0-9a-f]{24}\.json$/);
    expect(second).not.toBe(first);
    expect((await stat(first)).mode & 0o777).toBe(0o600);
    const text = await readFile(first, 'utf8');
    expect(JSON.parse(text).resources[0].diff).toBe('-a: quoted "***"');
    expect(text).not.toContain(JSON.stringify(SECRET).slice(1, -1));
  });
});

describe('a plan whose dry run helm refuses', () => {
  it.each([
    ['Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress', 'recover-stuck-release'],
    ['Error: UPGRADE FAILED: Deployment.apps "portkey-ai-gateway" is invalid: spec.replicas: Invalid value', 'values'],
  ])('"%s" names %s, as a deploy would', async (stderr, input) => {
    const helm = fakeHelm({
      ...noDiscovery,
      status: [statusJson(2, 'pending-upgrade')],
      'get manifest': [{ stdout: '' }],
      'get values': [{ stdout: '{}' }],
      upgrade: [{ exitCode: 1, stderr: `${stderr}\n` }],
    });
    const secrets = new SecretSet(() => undefined);
    const planInput = { chart: repositoryChart, valuesPath: '/ws/values.yaml', merged: plannedValues({}), secrets };
    const log = captureLog();
    const error = await planRelease(planInput, fakeTools(), helm.seams)
      .catch((caught: unknown) => caught)
      .finally(() => log.restore());
    expect(error).toMatchObject({ details: { input } });
  });
});
