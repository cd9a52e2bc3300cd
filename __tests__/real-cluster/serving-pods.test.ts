// The tier's pods really serve: a process per pod at its own IP, readiness from really probing it, deletion through
// preStop, SIGTERM and the grace period, and a load balancer that follows the real Endpoints the way kube-proxy does.
// Proven by what clients see: a rolling upgrade of Portkey's real chart with its bare defaults cuts requests in flight,
// and the same upgrade with maxUnavailable 0 and a preStop pause cuts none; a slow pod gets no traffic until its
// probe passes; a crash loop is real exits; a pod can be Ready and still fail its clients; /metrics counts.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import * as path from 'node:path';
import type { AdminClient, KubeObject } from '../../sandbox/real-cluster/control-plane.js';
import { POD_HEADERS, PROBE_USER_AGENT } from '../../sandbox/real-cluster/pod-behaviour.js';
import { addressRanges } from '../../sandbox/real-cluster/pod-network.js';
import { repoRoot } from '../../sandbox/binaries.js';
import { expectCleanRuns, expectSuccess } from '../e2e/harness.js';
import { liveDescendants } from '../sandbox/processes.js';
import { loadBalancerUrl, startRealE2e, TIER_POD_NETWORK, waitFor, type RealE2e } from './tier.js';
import { startTraffic, type TrafficReport } from './traffic-probe.js';

jest.setTimeout(300_000);

const REPOSITORY = 'docker.io/portkeyai/gateway_enterprise';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const podsOf = (client: AdminClient, namespace: string, app: string) =>
  client.list(`/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`app=${app}`)}`);
const isReady = (pod: KubeObject) =>
  ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );

/** A plain Deployment of one gateway-like container (the chart's ports and probes), and its LoadBalancer Service. */
async function deploy(
  client: AdminClient,
  namespace: string,
  name: string,
  options: { tag: string; app?: string; replicas?: number; service?: boolean },
) {
  const app = options.app ?? name;
  if (!(await client.get(`/api/v1/namespaces/${namespace}`))) {
    await client.send('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  }
  await client.send('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
    metadata: { name },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app, deployment: name } },
      template: {
        metadata: { labels: { app, deployment: name } },
        spec: {
          containers: [
            {
              name: 'gateway',
              image: `${REPOSITORY}:${options.tag}`,
              ports: [{ name: 'gateway', containerPort: 8787, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/v1/health', port: 8787 }, periodSeconds: 60 },
            },
          ],
        },
      },
    },
  });
  if (options.service === false) return;
  await client.send('POST', `/api/v1/namespaces/${namespace}/services`, {
    metadata: { name: app },
    spec: {
      type: 'LoadBalancer',
      selector: { app },
      ports: [{ name: 'gateway', port: 8787, targetPort: 'gateway', protocol: 'TCP' }],
    },
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; pod?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, pod: res.headers[POD_HEADERS.name] as string }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** deploy(), then waits until its pod is Ready and its load balancer forwards to it: the URL and the pod. */
async function deployServing(
  client: AdminClient,
  namespace: string,
  name: string,
  options: { tag: string; app?: string },
): Promise<{ url: string; pod: KubeObject }> {
  const app = options.app ?? name;
  await deploy(client, namespace, name, options);
  const url = await loadBalancerUrl(client, namespace, app);
  const pod = await waitFor('the pod to be Ready', async () => (await podsOf(client, namespace, app)).find(isReady));
  await waitFor('the load balancer to forward to it', async () =>
    (await get(`${url}/v1/health`).catch(() => undefined))?.pod ? true : undefined,
  );
  return { url, pod };
}

const describeTraffic = (report: TrafficReport) =>
  `${report.sent} sent, ${report.failed} failed ${JSON.stringify(report.failures)}, p95 ${report.p95Ms} ms, ` +
  `by version ${JSON.stringify(report.byVersion)}`;

describe('pods that serve, on a real API server', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /**
   * Installs the real chart with 2 replicas, then upgrades its image from 2.13.0 to 2.13.1 with `values`, while 10
   * clients send 1.5 s requests through the load balancer from before the upgrade until the old pods are gone.
   */
  async function rollingUpgrade(namespace: string, values = ''): Promise<TrafficReport> {
    // The chart's own settings and only `values`: the action's zero-downtime settings are what other files test.
    const inputs = { namespace, replicas: '2', 'smoke-test': 'false', 'zero-downtime': 'false', values };
    expectSuccess(await e2e.run(inputs));
    const url = await loadBalancerUrl(e2e.client, namespace, 'portkey-ai-gateway');
    const traffic = startTraffic({ url, clients: 10, requestMs: 1500 });
    await sleep(3000);
    expectSuccess(await e2e.run({ ...inputs, 'gateway-image-tag': '2.13.1' }));
    // Until every old pod has stopped (a preStop pause runs on after the rollout is complete).
    await waitFor(
      'the old pods to stop',
      async () => ((await podsOf(e2e.client, namespace, 'portkey-ai-gateway')).length === 2 ? true : undefined),
      60_000,
    ).catch(() => undefined);
    await sleep(2000);
    const report = await traffic.stop();
    process.stderr.write(`rolling upgrade in ${namespace}: ${describeTraffic(report)}\n`);
    expect(report.byVersion['2.13.0']).toBeGreaterThan(0);
    expect(report.byVersion['2.13.1']).toBeGreaterThan(0);
    // Once the rollout is over, only the new version answers.
    const last = report.requests.slice(-10).filter((r) => !r.failure);
    expect(last.map((r) => r.version)).toEqual(last.map(() => '2.13.1'));
    return report;
  }

  it('with the chart’s bare defaults, a rolling upgrade of 2 replicas cuts requests in flight', async () => {
    const report = await rollingUpgrade('bare-defaults');
    // The reference measured about 15 of 106; a loaded machine shifts the number, not its being there.
    expect(report.failed).toBeGreaterThanOrEqual(3);
    expect(report.failures.reset).toBe(report.failed);
    expect(report.sent).toBeGreaterThan(40);
  });

  it('with maxUnavailable 0 and a 5 s preStop pause, the same upgrade cuts none', async () => {
    const values = [
      'strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}',
      'extraContainerConfig: {lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}}',
    ].join('\n');
    const report = await rollingUpgrade('zero-downtime', values);
    expect(report.failed).toBe(0);
    expect(report.sent).toBeGreaterThan(40);
  });

  it('gives a pod no traffic until its readiness probe passes', async () => {
    const namespace = 'slow-ready';
    const { url } = await deployServing(e2e.client, namespace, 'stable', { tag: '2.13.0', app: 'mixed' });
    const traffic = startTraffic({ url, clients: 4, requestMs: 200 });
    await deploy(e2e.client, namespace, 'slow', { tag: 'ready-after-5', app: 'mixed', service: false });
    const slow = await waitFor('the slow pod to become ready', async () =>
      (await podsOf(e2e.client, namespace, 'mixed')).find((p) => p.metadata.name.startsWith('slow-') && isReady(p)),
    );
    await sleep(3000);
    const report = await traffic.stop();
    const [run] = e2e.agent.runs.get(`${namespace}/${slow.metadata.name}`) ?? [];
    const answeredBySlow = report.requests.filter((r) => r.pod === slow.metadata.name);
    expect(report.failed).toBe(0);
    expect(answeredBySlow.length).toBeGreaterThan(0);
    // Its health answered 503 for its first 5 s: nothing reached it before that.
    const firstAnswer = Math.min(...answeredBySlow.map((r) => r.startedAt));
    expect(firstAnswer - Date.parse(run.startedAt)).toBeGreaterThanOrEqual(5000);
    expect(report.byVersion['2.13.0']).toBeGreaterThan(0);
  });

  it('restarts a crash-looping container after each real exit, with CrashLoopBackOff between', async () => {
    const namespace = 'crash-loop';
    await deploy(e2e.client, namespace, 'crashing', { tag: '2.14.0-crash-loop', service: false });
    const pod = await waitFor('two restarts and a back-off', async () => {
      const [found] = await podsOf(e2e.client, namespace, 'crashing');
      const [container] = (found?.status?.containerStatuses ?? []) as {
        restartCount: number;
        state: { waiting?: { reason: string } };
        lastState: { terminated?: { exitCode: number } };
      }[];
      return container?.restartCount >= 2 && container.state.waiting?.reason === 'CrashLoopBackOff'
        ? { name: found.metadata.name, container }
        : undefined;
    });
    const runs = e2e.agent.runs.get(`${namespace}/${pod.name}`) ?? [];
    // Every run was a process of its own that really exited with code 1; each restart followed one.
    expect(new Set(runs.map((r) => r.pid)).size).toBe(runs.length);
    expect(runs.map((r) => r.exit?.code)).toEqual(runs.map(() => 1));
    expect(pod.container.restartCount).toBe(runs.length - 1);
    expect(pod.container.lastState.terminated?.exitCode).toBe(1);
    const events = await e2e.client.list(`/api/v1/namespaces/${namespace}/events`);
    expect(events.map((e) => (e as unknown as { reason: string }).reason)).toContain('BackOff');
  });

  it('keeps a pod whose health fails its clients but not the probe Ready, and its clients see 503', async () => {
    const namespace = 'fails-clients';
    const { url, pod } = await deployServing(e2e.client, namespace, 'liar', { tag: '2.14.0-fails-clients' });
    const podUrl = `http://${(pod.status as { podIP: string }).podIP}:8787/v1/health`;
    expect(await get(`${url}/v1/health`)).toEqual({ status: 503, pod: pod.metadata.name });
    expect((await get(podUrl, { 'user-agent': `${PROBE_USER_AGENT}1.20` })).status).toBe(200);
    // What the action's smoke test sees through the API server's service proxy.
    const proxied = await e2e.client.request(
      'GET',
      `/api/v1/namespaces/${namespace}/services/liar:8787/proxy/v1/health`,
    );
    expect(proxied.status).toBe(503);
  });

  it('counts requests in the enterprise gateway’s metrics, read through the API server’s pod proxy', async () => {
    const namespace = 'metrics';
    const { url, pod } = await deployServing(e2e.client, namespace, 'measured', { tag: 'errors-20-latency-300' });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(`${url}/`)).status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(2);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);

    const metrics = await e2e.client.request<string>(
      'GET',
      `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}:8787/proxy/metrics`,
    );
    expect(metrics.status).toBe(200);
    const value = (series: string) =>
      Number(new RegExp(`^${series.replace(/[{}"+.]/g, '\\$&')} (\\S+)$`, 'm').exec(metrics.body)?.[1]);
    const labels = (code: number) => `method="GET",endpoint="/",code="${code}"`;
    expect(value(`request_count{${labels(500)}}`)).toBe(2);
    expect(value(`request_count{${labels(200)}}`)).toBe(8);
    expect(value(`http_request_duration_seconds_count{${labels(200)}}`)).toBe(8);
    // 300 ms added to each: none under a quarter of a second, the sum at least 8 × 0.3 s.
    expect(value(`http_request_duration_seconds_bucket{${labels(200)},le="0.25"}`)).toBe(0);
    expect(value(`http_request_duration_seconds_bucket{${labels(200)},le="+Inf"}`)).toBe(8);
    expect(value(`http_request_duration_seconds_sum{${labels(200)}}`)).toBeGreaterThanOrEqual(2.4);
    expect(metrics.body).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('kills its pods with the test process that started them, even when that process is killed', async () => {
    // A process of its own starts a pod program in the pod network, then is SIGKILLed: the kernel kills the program.
    const script = `
      const { startInPodNetwork } = await import(${JSON.stringify(path.join(repoRoot, 'sandbox/real-cluster/programs.ts'))});
      const started = await startInPodNetwork(${JSON.stringify(TIER_POD_NETWORK)}, 'forwarder', {}, { stdin: true });
      console.log(started.child.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve) =>
      parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString()))),
    );
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await new Promise((resolve) => parent.once('exit', resolve));
    await waitFor('the program to die with its parent', async () => (alive(pid) ? undefined : true), 5000);
  });

  it('stops every pod process and the load balancers, and frees their addresses, when the node agent stops', async () => {
    const pids = [...e2e.agent.runs.values()].flat().map((r) => r.pid!);
    expect(pids.some(alive)).toBe(true);
    await e2e.agent.stop();
    expect(pids.filter(alive)).toEqual([]);
    const { pods, loadBalancers } = addressRanges(TIER_POD_NETWORK);
    const shown = execFileSync('ip', ['-n', TIER_POD_NETWORK.name, '-o', '-4', 'addr', 'show'], { encoding: 'utf8' });
    const addresses = [...shown.matchAll(/inet (\S+)\//g)].map((m) => m[1]);
    expect(addresses.filter((a) => a.startsWith(pods) || a.startsWith(loadBalancers))).toEqual([]);
    // Only the sandbox's own gateway (and what it started) is left in the pod network.
    const { pid: gateway } = e2e.sandbox.gateway;
    const gatewayProcesses = [gateway, ...liveDescendants(gateway).map((p) => p.pid)];
    const left = execFileSync('ip', ['netns', 'pids', TIER_POD_NETWORK.name], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    expect(left.filter((pid) => !gatewayProcesses.includes(pid))).toEqual([]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
