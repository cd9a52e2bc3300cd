// Pure decisions on manifests rendered by the real helm from the fixture chart (names as Portkey's chart has them).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureBinaries, repoRoot } from '../../sandbox/binaries.js';
import { findGatewayTarget, gatewayFullname, baseUrl, servesMcp } from '../../src/verify/gateway-service.js';
import {
  currentPods,
  findWorkloads,
  parseManifest,
  rolloutProgress,
  selectorToString,
  type Workload,
} from '../../src/verify/workloads.js';
import { crashLoopPod, healthyPod } from './pods.js';

const run = promisify(execFile);
let helm: string;

async function render(release: string, sets: string[]): Promise<string> {
  const args = [
    'template',
    release,
    `${repoRoot}/sandbox/charts/gateway`,
    '-n',
    'portkeyai',
    '--set',
    'serviceAccount.create=true',
  ];
  for (const s of sets) args.push('--set', s);
  return (await run(helm, args)).stdout;
}

beforeAll(async () => {
  helm = (await ensureBinaries()).helm4;
});

describe('gateway naming and Service', () => {
  it('follows the chart’s fullname rule', () => {
    expect(gatewayFullname('portkey-ai', {})).toBe('portkey-ai-gateway');
    expect(gatewayFullname('my-gateway', {})).toBe('my-gateway');
    expect(gatewayFullname('portkey-ai', { fullnameOverride: 'pk' })).toBe('pk');
    // `<62 chars>-gateway` is cut to 63 characters, and the dangling dash removed.
    expect(gatewayFullname('a'.repeat(62), {})).toBe('a'.repeat(62));
  });

  it('finds an internal LoadBalancer Service with the MCP port of SERVER_MODE all', async () => {
    const objects = parseManifest(
      await render('portkey-ai', [
        'service.type=LoadBalancer',
        'service.port=80',
        'environment.data.SERVER_MODE=all',
        'service.annotations.service\\.beta\\.kubernetes\\.io/azure-load-balancer-internal=true',
      ]),
    );
    expect(findGatewayTarget(objects, 'portkey-ai-gateway')).toEqual({
      serviceName: 'portkey-ai-gateway',
      serviceType: 'LoadBalancer',
      port: 80,
      mcpPort: 8788,
      internal: true,
      ingress: undefined,
      mcpService: undefined,
    });
    expect(servesMcp({ environment: { data: { SERVER_MODE: 'all' } } })).toBe(true);
    expect(servesMcp({ environment: { data: { SERVER_MODE: '' } } })).toBe(false);
  });

  it('finds the Ingress with its TLS hosts and the separate MCP Service', async () => {
    const objects = parseManifest(
      await render('gateway', [
        'ingress.enabled=true',
        'ingress.hostname=gw.example.com',
        'ingress.tls[0].hosts[0]=gw.example.com',
        'environment.data.SERVER_MODE=all',
        'mcpService.enabled=true',
      ]),
    );
    expect(findGatewayTarget(objects, 'gateway')).toMatchObject({
      serviceType: 'NodePort',
      port: 8787,
      mcpPort: undefined,
      ingress: { name: 'gateway', tlsHosts: ['gw.example.com'] },
      mcpService: { name: 'gateway-mcp', port: 80 },
    });
    expect(findGatewayTarget(objects, 'other')).toBeUndefined();
  });

  it('writes URLs without the default port and with IPv6 brackets', () => {
    expect(baseUrl('20.1.2.3', 80)).toBe('http://20.1.2.3');
    expect(baseUrl('20.1.2.3', 8787)).toBe('http://20.1.2.3:8787');
    expect(baseUrl('gw.example.com', 443, 'https')).toBe('https://gw.example.com');
    expect(baseUrl('fd00::5', 8787)).toBe('http://[fd00::5]:8787');
  });
});

describe('workloads', () => {
  it('lists the workloads of a rendered release and their selector', async () => {
    const objects = parseManifest(await render('portkey-ai', ['environment.data.CACHE_STORE=redis']));
    expect(findWorkloads(objects, 'portkeyai')).toEqual([
      { kind: 'Deployment', name: 'portkey-ai-gateway', namespace: 'portkeyai' },
      { kind: 'Deployment', name: 'redis', namespace: 'portkeyai' },
    ]);
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'portkey-ai-gateway')!;
    expect(selectorToString(deployment.spec?.selector as never)).toBe(
      'app.kubernetes.io/name=gateway,app.kubernetes.io/instance=portkey-ai',
    );
    expect(
      selectorToString({
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'NotIn', values: ['c'] },
          { key: 'y', operator: 'Exists' },
          { key: 'z', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('tier in (a,b),x notin (c),y,!z');
  });

  const deployment = (status: Workload['status'], replicas = 2): Workload => ({
    kind: 'Deployment',
    metadata: { name: 'gw', uid: 'd', generation: 3, annotations: { 'deployment.kubernetes.io/revision': '5' } },
    spec: { replicas },
    status,
  });

  it('decides when a workload has rolled out', () => {
    const full = { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
    expect(rolloutProgress(deployment(full))).toEqual({
      done: true,
      summary: 'Deployment gw: 2/2 ready, 2 updated, 2 available',
    });
    expect(rolloutProgress(deployment({ ...full, observedGeneration: 2 }))).toEqual({
      done: false,
      summary: 'Deployment gw: 2/2 ready, 2 updated, 2 available (controller has not seen the new spec yet)',
    });
    expect(rolloutProgress(deployment({ ...full, replicas: 3 })).summary).toContain('1 old pod(s) still terminating');
    expect(rolloutProgress(deployment({ ...full, availableReplicas: 1 })).done).toBe(false);
    expect(
      rolloutProgress({
        kind: 'StatefulSet',
        metadata: { name: 's', generation: 1 },
        spec: { replicas: 1 },
        status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1 },
      }).done,
    ).toBe(true);
    expect(
      rolloutProgress({
        kind: 'DaemonSet',
        metadata: { name: 'd', generation: 1 },
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 3,
          updatedNumberScheduled: 3,
          numberReady: 2,
          numberAvailable: 2,
        },
      }),
    ).toEqual({ done: false, summary: 'DaemonSet d: 2/3 ready, 3 updated, 2 available' });
  });

  it('judges only the pods of the current ReplicaSet', () => {
    const rs = (uid: string, revision: string) => ({
      metadata: {
        name: uid,
        uid,
        annotations: { 'deployment.kubernetes.io/revision': revision },
        ownerReferences: [{ kind: 'Deployment', name: 'gw', uid: 'd' }],
      },
    });
    const oldPod = crashLoopPod('old', 'rs-4');
    const newPod = healthyPod('new');
    newPod.metadata.ownerReferences![0].uid = 'rs-5';
    const w = deployment({});
    expect(currentPods(w, [oldPod, newPod], [rs('rs-4', '4'), rs('rs-5', '5')]).map((p) => p.metadata.name)).toEqual([
      'new',
    ]);
    expect(currentPods(w, [oldPod, newPod], [rs('rs-4', '4')])).toEqual([]);
    const unannotated = { ...w, metadata: { ...w.metadata, annotations: {} } };
    expect(
      currentPods(unannotated, [oldPod, newPod], [rs('rs-5', '5'), rs('rs-4', '4')]).map((p) => p.metadata.name),
    ).toEqual(['new']);
    expect(currentPods(w, [oldPod, newPod], []).map((p) => p.metadata.name)).toEqual(['old', 'new']);
    const leaving = { ...newPod, metadata: { ...newPod.metadata, deletionTimestamp: '2026-11-02T10:00:00Z' } };
    expect(currentPods(w, [leaving], [rs('rs-5', '5')])).toEqual([]);
  });
});
