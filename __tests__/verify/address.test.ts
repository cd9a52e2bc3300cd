import { describe, expect, it } from '@jest/globals';
import { ActionError } from '../../src/errors.js';
import { waitForAddress, type AddressInput } from '../../src/verify/address.js';
import { fakeCluster, tools, type FakeClusterState } from './fake-cluster.js';

function serviceYaml(type: string, ports: { name: string; port: number }[], annotations: Record<string, string> = {}) {
  const annotationLines = Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`);
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: portkey-ai-gateway',
    ...(annotationLines.length ? ['  annotations:', ...annotationLines] : []),
    'spec:',
    `  type: ${type}`,
    '  ports:',
    ...ports.map((p) => `    - name: ${p.name}\n      port: ${p.port}`),
  ].join('\n');
}

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: portkey-ai-gateway
spec:
  tls:
    - hosts: [gw.example.com]
  rules:
    - host: gw.example.com`;

function emptyState(objects: Record<string, unknown> = {}): FakeClusterState {
  return { workloads: [], pods: [], replicaSets: [], events: {}, logs: {}, objects };
}

const lbStatus = (ingress: object[]) => ({ status: { loadBalancer: { ingress } } });

function input(manifest: string, extra: Partial<AddressInput> = {}): AddressInput {
  return { releaseName: 'portkey-ai', namespace: 'portkeyai', manifest, values: {}, timeoutSeconds: 300, ...extra };
}

describe('waitForAddress', () => {
  it('waits for the load balancer’s IP and builds the gateway and MCP URLs', async () => {
    const s = emptyState({ 'service/portkey-ai-gateway': lbStatus([]) });
    const cluster = fakeCluster(s, (now) => {
      if (now - cluster.start >= 6000)
        s.objects['service/portkey-ai-gateway'] = lbStatus([{ ip: '20.50.1.2', ipMode: 'VIP' }]);
    });
    const manifest = serviceYaml('LoadBalancer', [
      { name: 'gateway', port: 8787 },
      { name: 'mcp', port: 8788 },
    ]);
    const address = await waitForAddress(
      input(manifest, { values: { environment: { data: { SERVER_MODE: 'all' } } } }),
      tools,
      cluster.seams,
    );
    expect(address).toMatchObject({
      ip: '20.50.1.2',
      port: 8787,
      url: 'http://20.50.1.2:8787',
      mcpUrl: 'http://20.50.1.2:8788',
      internal: false,
      via: 'load-balancer',
      serviceName: 'portkey-ai-gateway',
      inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
    });
    expect(address.hostname).toBeUndefined();
    expect(cluster.sleeps).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(cluster.calls[0]).toEqual([
      'kubectl',
      'get',
      'service',
      'portkey-ai-gateway',
      '-n',
      'portkeyai',
      '-o',
      'json',
    ]);
  });

  it('accepts a hostname-only load balancer, internal, on port 80', async () => {
    const cluster = fakeCluster(
      emptyState({ 'service/portkey-ai-gateway': lbStatus([{ hostname: 'gw.internal.example' }]) }),
    );
    const manifest = serviceYaml('LoadBalancer', [{ name: 'gateway', port: 80 }], {
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
    });
    const address = await waitForAddress(input(manifest), tools, cluster.seams);
    expect(address).toMatchObject({
      hostname: 'gw.internal.example',
      url: 'http://gw.internal.example',
      internal: true,
      via: 'load-balancer',
    });
    expect(address.ip).toBeUndefined();
    expect(address.mcpUrl).toBeUndefined();
  });

  it('fails at the timeout with the Service’s events', async () => {
    const s = emptyState({ 'service/portkey-ai-gateway': lbStatus([]) });
    s.events['portkey-ai-gateway'] = [
      {
        type: 'Normal',
        reason: 'EnsuringLoadBalancer',
        message: 'Ensuring load balancer',
        lastTimestamp: '2026-11-02T10:01:00Z',
      },
      {
        type: 'Warning',
        reason: 'SyncLoadBalancerFailed',
        message:
          'Error syncing load balancer: failed to ensure load balancer: PublicIPCountLimitReached: Cannot create more than 10 public IP addresses',
        count: 7,
        lastTimestamp: '2026-11-02T10:04:00Z',
      },
    ];
    const cluster = fakeCluster(s);
    const error = await waitForAddress(
      input(serviceYaml('LoadBalancer', [{ name: 'gateway', port: 8787 }]), { timeoutSeconds: 60 }),
      tools,
      cluster.seams,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    const { message, details } = error as ActionError;
    expect(message).toBe('The load balancer of Service portkey-ai-gateway got no IP address or hostname within 60 s.');
    expect(details.input).toBe('address-timeout');
    expect(details.hint).toContain('quota');
    expect(details.diagnosis).toContain('Events of service portkey-ai-gateway:');
    expect(details.diagnosis).toContain(
      '2026-11-02T10:04:00Z Warning SyncLoadBalancerFailed (x7): Error syncing load balancer: failed to ensure load balancer: PublicIPCountLimitReached',
    );
    expect(cluster.now() - cluster.start).toBe(60_000);
    expect(cluster.calls.filter((c) => c[2] === 'service')).toHaveLength(61);
  });

  it('uses the Ingress’s address and the configured hosts, https when TLS covers them', async () => {
    const cluster = fakeCluster(emptyState({ 'ingress/portkey-ai-gateway': lbStatus([{ ip: '10.224.0.9' }]) }));
    const manifest = `${serviceYaml('ClusterIP', [{ name: 'gateway', port: 8787 }])}\n---\n${INGRESS}`;
    const address = await waitForAddress(
      input(manifest, {
        ingressHost: 'gw.example.com',
        mcpHost: 'mcp.example.com',
        values: { environment: { data: { SERVER_MODE: 'all' } } },
      }),
      tools,
      cluster.seams,
    );
    expect(address).toMatchObject({
      ip: '10.224.0.9',
      url: 'https://gw.example.com',
      port: 443,
      mcpUrl: 'http://mcp.example.com',
      via: 'ingress',
    });
  });

  it('opens nothing for a ClusterIP or NodePort Service: its in-cluster URL, and the Service the smoke test asks', async () => {
    for (const type of ['ClusterIP', 'NodePort']) {
      const quiet = fakeCluster(emptyState());
      const address = await waitForAddress(
        input(serviceYaml(type, [{ name: 'gateway', port: 8787 }])),
        tools,
        quiet.seams,
      );
      expect(address).toMatchObject({
        via: 'cluster-ip',
        url: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
        service: { name: 'portkey-ai-gateway', port: 8787 },
      });
      expect(quiet.calls).toEqual([]);
    }
  });

  it('names the Service it expected when the manifest has none', async () => {
    const cluster = fakeCluster(emptyState());
    await expect(
      waitForAddress(input('', { values: { fullnameOverride: 'pk' } }), tools, cluster.seams),
    ).rejects.toThrow("The release's manifest has no gateway Service named pk with a port.");
  });
});
