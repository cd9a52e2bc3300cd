// docs/configurations.md, block by block, as a new user follows it: each block merged into the first (complete)
// one, deployed with Portkey's real chart on a real API server, and the gateway's environment the cluster really
// holds compared with what the action planned for those inputs. A block that deploys but means something else fails.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/action-metadata.js';
import { getConfig } from '../../src/inputs/read-inputs.js';
import { prepareValues } from '../../src/values/index.js';
import { describeRun, errorLines, expectCleanRuns } from '../e2e/harness.js';
import { examplesIn, resolveExpressions } from '../docs/examples.js';
import { codeBlocks } from '../docs/markdown.js';
import { gatewayEnvironment, names, startRealE2e, type RealE2e } from './tier.js';
import { SecretSet } from '../../src/secrets/index.js';
import { splitList } from '../../src/inputs/scalars.js';
import { checkout } from '../inputs/fixture.js';

jest.setTimeout(600_000);

const file = 'docs/configurations.md';
const blocks = codeBlocks({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') })
  .filter((block) => block.language === 'yaml')
  .flatMap((block) => examplesIn(block.code, file, block.line + 1));
/** The sandbox gives these: its own Azure IDs, cluster and emulator endpoints. */
const SANDBOX_INPUTS = ['client-id', 'tenant-id', 'subscription-id', 'resource-group', 'cluster-name'];
const withoutSandboxInputs = (inputs: Record<string, string>) =>
  Object.fromEntries(Object.entries(inputs).filter(([name]) => !SANDBOX_INPUTS.includes(name)));

/** The inputs a user following the page would give for block `index`. */
function userInputs(index: number): Record<string, string> {
  const base = withoutSandboxInputs(resolveExpressions(blocks[0].inputs));
  const block = withoutSandboxInputs(resolveExpressions(blocks[index].inputs));
  // "The chart's own registry credentials are then left out entirely."
  if (block['image-pull-secret']) {
    for (const name of ['registry-username', 'registry-password']) base[name] = '';
  }
  // "A ClusterIP Service has no load balancer to restrict": the first block's ranges are left out.
  if (block['service-type'] === 'ClusterIP') base['allowed-ip-ranges'] = '';
  return { ...base, ...block };
}

/** What the action plans for these inputs, in process: the environment the cluster must end up with. */
async function plannedEnvironment(inputs: Record<string, string>): Promise<Record<string, unknown>> {
  // Values files named in the page live in the user's repository: the run gets them empty too.
  const files = Object.fromEntries(splitList(inputs['values-files'] ?? '').map((name) => [name, '{}']));
  const secrets = new SecretSet();
  const config = getConfig((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: checkout(files) }, secrets);
  const merged = prepareValues(config, secrets);
  return (merged.values.environment as { data: Record<string, unknown> }).data;
}

describe(`${file} on a real API server`, () => {
  let e2e: RealE2e;
  let stdout: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('has the blocks this test walks through', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(14);
  });

  /** What the page says exists before the block runs: the user's own service account, a labelled node pool. */
  async function prepareCluster(namespace: string, inputs: Record<string, string>) {
    if (inputs['create-service-account'] === 'false') {
      await e2e.client.send('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
      await e2e.client.send('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, {
        metadata: { name: inputs['service-account-name'] },
      });
    }
    for (const [, key, value] of (inputs.set ?? '').matchAll(/^nodeSelector\.([^=]+)=(.*)$/gm)) {
      await e2e.client.send(
        'PATCH',
        '/api/v1/nodes/node-1',
        { metadata: { labels: { [key]: value } } },
        'application/merge-patch+json',
      );
    }
  }

  const run = (inputs: Record<string, string>) =>
    e2e.run(inputs, { workspaceFiles: { 'deploy/values.yaml': '{}\n', 'deploy/values-prod.yaml': '{}\n' } });

  it.each(blocks.map((block, index) => [block.where, index] as const))('%s deploys', async (_, index) => {
    const namespace = `config-${index}`;
    const inputs = userInputs(index);
    await prepareCluster(namespace, inputs);
    // Host names and ports of the page are not reachable here: the smoke test goes where the gateway listens.
    const unreachable = inputs['ingress-class'] || inputs['service-port'];
    const given: Record<string, string> = {
      ...inputs,
      namespace,
      ...(unreachable ? { 'smoke-test-url': e2e.sandbox.gateway.url } : {}),
    };
    if (/autoscaling:\s*\n\s+enabled: true/.test(inputs.values ?? '')) {
      // The chart's HorizontalPodAutoscaler is autoscaling/v2 (Kubernetes 1.23+, as on AKS); this API server is 1.20.
      const refused = await run(given);
      expect(refused.exitCode).toBe(1);
      expect(errorLines(refused)).toContain(
        'no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2"',
      );
      expect(errorLines(refused)).toContain('Kubernetes 1.23 or newer');
      given.set = `${given.set}\nautoscaling.enabled=false`;
    }
    if (given.command === 'plan') {
      // The drift check finds everything still to add in an empty namespace, so it fails, and changes nothing.
      const planned = await run(given);
      expect(planned.exitCode).toBe(1);
      expect(planned.outputs['has-changes']).toBe('true');
      expect(errorLines(planned)).toContain('differs from what a deploy would apply');
      expect(await names(e2e.client, `/apis/apps/v1/namespaces/${namespace}/deployments`)).toEqual([]);
      return;
    }
    const deployed = await run(given);
    if (deployed.exitCode !== 0) throw new Error(`the block did not deploy:\n${describeRun(deployed)}`);
    const { outputs } = deployed;
    expect(outputs['smoke-test-status']).toBe('passed');

    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const planned = await plannedEnvironment(deployed.inputs).finally(() => stdout.mockRestore());
    const actual = await gatewayEnvironment(e2e.client, namespace, 'portkey-ai-gateway');
    for (const [key, value] of Object.entries(planned)) {
      if (value === null) expect([undefined, '']).toContain(actual[key]);
      else expect({ [key]: actual[key] }).toEqual({ [key]: value });
    }
    const deployments = await names(e2e.client, `/apis/apps/v1/namespaces/${namespace}/deployments`);
    expect(deployments).toEqual(inputs.cache === 'builtin' ? ['portkey-ai-gateway', 'redis'] : ['portkey-ai-gateway']);
    if (inputs['extra-objects']) await expectOwnedByTheRelease(namespace, given);
  });

  /** The page's NetworkPolicy is the release's: in its namespace with its labels, and gone with `command: uninstall`. */
  async function expectOwnedByTheRelease(namespace: string, given: Record<string, string>) {
    const policies = `/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`;
    const [policy] = await e2e.client.list(policies);
    expect(policy.metadata).toMatchObject({
      name: 'allow-all-egress',
      labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'portkey-ai' },
      annotations: { 'meta.helm.sh/release-name': 'portkey-ai', 'meta.helm.sh/release-namespace': namespace },
    });
    expect(await names(e2e.client, policies)).toEqual(['allow-all-egress']);
    const uninstalled = await run({ ...given, command: 'uninstall' });
    if (uninstalled.exitCode !== 0) throw new Error(`the release did not uninstall:\n${describeRun(uninstalled)}`);
    expect(await names(e2e.client, policies)).toEqual([]);
  }

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
