// The verify stage with the real kubectl and helm 4 against the Kubernetes stand-in: the rollout watch next to a
// real `helm upgrade --install --wait`, and the load balancer's address.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CRASH_LOG } from '../../sandbox/kube-api/index.js';
import { ActionError } from '../../src/errors.js';
import { runTool, runToolChecked, type ClusterTools } from '../../src/kube/cluster-tools.js';
import { realSeams } from '../../src/seams.js';
import { waitForAddress } from '../../src/verify/address.js';
import { waitForRollout } from '../../src/verify/rollout.js';
import { CHART, clusterTools, startTestCluster, type TestCluster } from '../sandbox/kube-api-cluster.js';

let cluster: TestCluster;
let tools: ClusterTools;

beforeAll(async () => {
  cluster = await startTestCluster();
  tools = clusterTools(cluster);
});
afterAll(() => cluster?.close());

function helmArgs(namespace: string, sets: string[], wait: boolean): string[] {
  const args = ['upgrade', '--install', 'portkey-ai', CHART, '-n', namespace, '--create-namespace'];
  for (const s of ['serviceAccount.create=true', ...sets]) args.push('--set', s);
  return wait ? [...args, '--wait', '--timeout', '60s'] : args;
}

/** helm --wait and the watcher side by side, as main.ts runs them; helm is cancelled once the watcher decides. */
async function deployAndWatch(namespace: string) {
  const controller = new AbortController();
  const helm = runTool(tools, realSeams, 'helm', helmArgs(namespace, ['service.type=ClusterIP'], true), {
    signal: controller.signal,
  });
  const started = Date.now();
  try {
    const report = await waitForRollout(
      { releaseName: 'portkey-ai', namespace, deadline: started + 45_000, sinceRevision: 0, signal: controller.signal },
      tools,
      realSeams,
    );
    return { report, ms: Date.now() - started, helm: await helm };
  } catch (error) {
    controller.abort();
    await helm;
    return { error: error as ActionError, ms: Date.now() - started };
  }
}

describe('waitForRollout against the stand-in', () => {
  it('resolves once helm has applied the release and the Deployment is ready', async () => {
    cluster.api.setScenario({ pods: 'healthy' });
    const { report, helm, error } = await deployAndWatch('verify-healthy');
    expect(error).toBeUndefined();
    expect(helm?.exitCode).toBe(0);
    expect(report).toMatchObject({
      revision: 1,
      workloads: ['Deployment portkey-ai-gateway: 1/1 ready, 1 updated, 1 available'],
    });
  });

  it('diagnoses a crash loop with its reason, events and the previous run’s log lines, well before the timeout', async () => {
    cluster.api.setScenario({ pods: 'crash-loop' });
    const { error, ms } = await deployAndWatch('verify-crash');
    expect(error).toBeInstanceOf(ActionError);
    expect(ms).toBeLessThan(15_000);
    expect(error!.message).toMatch(
      /^The rollout of release portkey-ai failed: pod portkey-ai-gateway-\S+, container gateway is in CrashLoopBackOff/,
    );
    const diagnosis = error!.details.diagnosis!;
    expect(diagnosis).toContain('Reason: CrashLoopBackOff');
    expect(diagnosis).toContain('Recent events:');
    expect(diagnosis).toMatch(/Warning BackOff/);
    expect(diagnosis).toContain('Last log lines of the previous run of gateway:');
    for (const line of CRASH_LOG) expect(diagnosis).toContain(`  ${line}`);
  });

  it('diagnoses an image that cannot be pulled', async () => {
    cluster.api.setScenario({ pods: 'image-pull-error' });
    const { error, ms } = await deployAndWatch('verify-pull');
    expect(ms).toBeLessThan(15_000);
    expect(error!.message).toMatch(/container gateway is in (ErrImagePull|ImagePullBackOff)/);
    expect(error!.details.input).toBe('gateway-image-repository');
    expect(error!.details.diagnosis).toContain('Recent events:');
  });
});

describe('waitForAddress against the stand-in', () => {
  async function install(namespace: string): Promise<string> {
    await runToolChecked(
      tools,
      realSeams,
      'helm',
      helmArgs(namespace, ['service.type=LoadBalancer'], false),
      'helm install',
    );
    return (
      await runToolChecked(
        tools,
        realSeams,
        'helm',
        ['get', 'manifest', 'portkey-ai', '-n', namespace],
        'helm get manifest',
      )
    ).stdout;
  }

  it('accepts a load balancer that publishes only a hostname', async () => {
    cluster.api.setScenario({
      pods: 'healthy',
      loadBalancer: { after: 300, address: { hostname: 'gw.westeurope.cloudapp.example' } },
    });
    const manifest = await install('verify-hostname');
    const address = await waitForAddress(
      {
        releaseName: 'portkey-ai',
        namespace: 'verify-hostname',
        manifest,
        values: {},
        timeoutSeconds: 20,
        pollIntervalMs: 250,
      },
      tools,
      realSeams,
    );
    expect(address).toMatchObject({
      hostname: 'gw.westeurope.cloudapp.example',
      url: 'http://gw.westeurope.cloudapp.example:8787',
      via: 'load-balancer',
      internal: false,
    });
    expect(address.ip).toBeUndefined();
  });

  it('fails with the Service’s events when no address ever comes', async () => {
    cluster.api.setScenario({ loadBalancer: { after: 300, address: 'none' } });
    const manifest = await install('verify-no-lb');
    const error = await waitForAddress(
      {
        releaseName: 'portkey-ai',
        namespace: 'verify-no-lb',
        manifest,
        values: {},
        timeoutSeconds: 3,
        pollIntervalMs: 500,
      },
      tools,
      realSeams,
    ).catch((e: unknown) => e as ActionError);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toBe(
      'The load balancer of Service portkey-ai-gateway got no IP address or hostname within 3 s.',
    );
    expect((error as ActionError).details.diagnosis).toMatch(
      /Events of service portkey-ai-gateway:\n[\s\S]* Warning SyncLoadBalancerFailed: /,
    );
  });
});
