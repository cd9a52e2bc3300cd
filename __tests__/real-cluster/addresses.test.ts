// Where the gateway is published, read back from real Service and Ingress objects: a load balancer with a hostname,
// one that never gets an address, an Ingress, and the MCP gateway beside the AI gateway with its own Service.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_RULES } from '../../sandbox/real-cluster/node-agent.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, expectCleanRuns } from '../e2e/harness.js';
import { gatewayEnvironment, names, startRealE2e, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

const expectSuccess = (run: ActionRun) => {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
};

interface ServiceSpec {
  type: string;
  ports: { name: string; port: number }[];
}

describe('gateway addresses on a real API server', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterEach(() => e2e.agent.setRules(DEFAULT_RULES));
  afterAll(async () => {
    await e2e?.close();
  });

  it('takes a load balancer hostname as the gateway address and smoke-tests through it', async () => {
    e2e.agent.setRules({ loadBalancer: () => ({ hostname: 'localhost' }) });
    const run = await e2e.run({ namespace: 'lb-hostname' });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({
      'load-balancer-hostname': 'localhost',
      'gateway-url': expect.stringMatching(new RegExp(`^http://localhost:${e2e.sandbox.gateway.port}/?$`)),
      'smoke-test-status': 'passed',
    });
    expect(run.outputs['load-balancer-ip'] ?? '').toBe('');
  });

  it('gives up on a load balancer that never gets an address, showing the Service events', async () => {
    e2e.agent.setRules({ loadBalancer: () => 'none' });
    const started = Date.now();
    const run = await e2e.run({ namespace: 'lb-none', 'address-timeout': '5s' });
    expect(run.exitCode).toBe(1);
    expect((Date.now() - started) / 1000).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/load.?balancer|address/i);
    expect(run.stdout).toContain('SyncLoadBalancerFailed');
    expect(run.outputs['load-balancer-ip'] ?? '').toBe('');
  });

  it('publishes through an Ingress: the host from ingress-host, the address from the Ingress status', async () => {
    const run = await e2e.run({
      namespace: 'ingress',
      'service-type': 'ClusterIP',
      'ingress-class': 'nginx',
      'ingress-host': 'gateway.example.com',
      // The host has no DNS record here: smoke-test the gateway where it really listens.
      'smoke-test-url': e2e.sandbox.gateway.url,
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({
      'gateway-url': expect.stringMatching(/^http:\/\/gateway\.example\.com\/?$/),
      'load-balancer-ip': '127.0.0.1',
      'smoke-test-status': 'passed',
    });
    const ingress = await e2e.client.get('/apis/networking.k8s.io/v1/namespaces/ingress/ingresses/portkey-ai-gateway');
    expect(ingress?.spec).toMatchObject({ ingressClassName: 'nginx', rules: [{ host: 'gateway.example.com' }] });
    const service = await e2e.client.get('/api/v1/namespaces/ingress/services/portkey-ai-gateway');
    expect((service?.spec as unknown as ServiceSpec).type).toBe('ClusterIP');
  });

  it('runs the MCP gateway beside the AI gateway with its own Service (server-mode all, mcp-service)', async () => {
    const run = await e2e.run({ namespace: 'mcp', 'server-mode': 'all', 'mcp-service': 'true' });
    expectSuccess(run);
    expect(await names(e2e.client, '/api/v1/namespaces/mcp/services')).toEqual([
      'portkey-ai-gateway',
      'portkey-ai-gateway-mcp',
    ]);
    const gateway = (await e2e.client.get('/api/v1/namespaces/mcp/services/portkey-ai-gateway'))
      ?.spec as unknown as ServiceSpec;
    expect(gateway.ports.map((p) => p.name)).toEqual(['gateway', 'mcp']);
    const mcp = (await e2e.client.get('/api/v1/namespaces/mcp/services/portkey-ai-gateway-mcp'))
      ?.spec as unknown as ServiceSpec;
    expect(mcp).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'mcp', port: 80 }] });
    const env = await gatewayEnvironment(e2e.client, 'mcp', 'portkey-ai-gateway');
    expect(env).toMatchObject({ SERVER_MODE: 'all', MCP_PORT: '8788' });
    expect(run.outputs['mcp-url']).toBeTruthy();
    expect(run.outputs['smoke-test-status']).toBe('passed');
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
