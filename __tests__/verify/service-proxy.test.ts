// The smoke test from inside a cluster the runner cannot reach: kubectl's `get --raw` through the API server's
// service proxy, its status read from kubectl's own log, and where the smoke test goes for which session.
import { describe, expect, it } from '@jest/globals';
import type { ClusterSession, RemoteCluster } from '../../src/cluster/session.js';
import type { SmokeTestConfig } from '../../src/inputs/config.js';
import type { RunResult, Seams } from '../../src/seams.js';
import { loggedStatus, proxyPath, throughServiceProxy } from '../../src/verify/service-proxy.js';
import { smokeTestRoute } from '../../src/verify/smoke-route.js';

const NEW_LOG =
  'I1202 01:53:18.311364   13474 round_trippers.go:632] "Response" verb="GET" url="https://10.0.0.4:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health" status="503 Service Unavailable" milliseconds=8';
const OLD_LOG =
  'I0102 10:00:00.000000   1 round_trippers.go:553] GET https://10.0.0.4:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/ 200 OK in 3 milliseconds';

describe('the service proxy through kubectl', () => {
  it('escapes each piece of the proxy path', () => {
    expect(proxyPath({ namespace: 'portkeyai', name: 'portkey-ai-gateway', port: 8787 }, 'v1/health?x=1')).toBe(
      '/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health?x=1',
    );
  });

  it.each([
    ['kubectl 1.27 and newer', NEW_LOG, 503],
    ['older kubectl', OLD_LOG, 200],
    ['no response at all', 'I0102 loader.go:395] Config loaded from file: /x', undefined],
  ])('reads the status kubectl logged (%s)', (_what, log, status) => {
    expect(loggedStatus(`I0102 loader.go:395] Config loaded\n${log}\n`)).toBe(status);
  });

  function session(reply: Partial<RunResult>) {
    const calls: string[][] = [];
    const remote: RemoteCluster = {
      description: 'AKS runCommand',
      run: async (tool, args) => {
        calls.push([tool, ...args]);
        return { exitCode: 0, stdout: '', stderr: '', ...reply };
      },
      chart: async (chart) => chart,
    };
    return { calls, session: { remote } as ClusterSession };
  }
  const seams = {} as Seams;
  const target = { namespace: 'portkeyai', name: 'portkey-ai-gateway', port: 8787 };
  const base = 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787';

  it('sends a GET with kubectl inside the cluster and answers with the gateway’s status and body', async () => {
    const { calls, session: s } = session({
      stdout: 'AI Gateway says hey!',
      stderr: NEW_LOG.replace('503 Service Unavailable', '200 OK'),
    });
    const response = await throughServiceProxy(s, seams, target, base)({ url: `${base}/v1/health` });
    expect(response).toEqual({ status: 200, headers: {}, body: 'AI Gateway says hey!' });
    expect(calls).toEqual([
      [
        'kubectl',
        'get',
        '--raw',
        '/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health',
        '-v=6',
      ],
    ]);
  });

  it('passes a failing status on with kubectl’s sentence as the body', async () => {
    const { session: s } = session({
      exitCode: 1,
      stderr: `${NEW_LOG}\nError from server (ServiceUnavailable): no endpoints available for service "portkey-ai-gateway"\n`,
    });
    expect(await throughServiceProxy(s, seams, target, base)({ url: `${base}/v1/health` })).toEqual({
      status: 503,
      headers: {},
      body: 'Error from server (ServiceUnavailable): no endpoints available for service "portkey-ai-gateway"',
    });
  });

  it('is a network error when kubectl got no answer, and refuses what kubectl cannot send', async () => {
    const { session: s } = session({ exitCode: 1, stderr: 'Unable to connect to the server: dial tcp: i/o timeout' });
    const send = throughServiceProxy(s, seams, target, base);
    await expect(send({ url: `${base}/` })).rejects.toThrow('kubectl exited with 1: Unable to connect to the server');
    await expect(send({ url: `${base}/v1/chat/completions`, method: 'POST', body: '{}' })).rejects.toThrow(/plain GET/);
    await expect(send({ url: `${base}/`, headers: { authorization: 'Bearer sk' } })).rejects.toThrow(/plain GET/);
    await expect(send({ url: 'http://elsewhere:1/' })).rejects.toThrow(/is not on/);
  });
});

describe('smokeTestRoute', () => {
  const config: SmokeTestConfig = {
    enabled: true,
    url: '',
    path: '/v1/health',
    expectedStatus: 200,
    expectedBody: '',
    timeoutSeconds: 120,
    chat: { model: 'gpt-4o-mini', provider: 'openai', providerKey: 'sk-1', portkeyApiKey: '', customHost: '' },
  };
  const address = {
    url: 'http://20.1.2.3:8787',
    serviceName: 'portkey-ai-gateway',
    inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
  };
  const seams = { http: async () => ({ status: 418, headers: {}, body: '' }) } as unknown as Seams;
  const remote = { remote: { description: 'AKS runCommand' } } as ClusterSession;

  it('asks the published address from the runner when the runner reaches the cluster', () => {
    const route = smokeTestRoute(config, address, 'portkeyai', {} as ClusterSession, seams);
    expect(route).toEqual({ config, url: 'http://20.1.2.3:8787', seams, warnings: [] });
  });

  it('asks from inside through runCommand, without the chat completion kubectl cannot send', () => {
    const route = smokeTestRoute(config, address, 'portkeyai', remote, seams);
    expect(route.url).toBe(address.inClusterUrl);
    expect(route.seams.http).not.toBe(seams.http);
    expect(route.config.chat.model).toBe('');
    expect(route.warnings).toEqual([
      "The smoke test's chat completion (smoke-test-chat-model: gpt-4o-mini) was skipped: through runCommand the gateway is reached with kubectl through the API server, which cannot send its headers. Set smoke-test-url to an address this runner reaches to run it.",
    ]);
  });

  it('goes where smoke-test-url says even through runCommand, chat completion included', () => {
    const route = smokeTestRoute({ ...config, url: 'https://gw.example.com' }, address, 'portkeyai', remote, seams);
    expect(route.url).toBe('https://gw.example.com');
    expect(route.config.chat.model).toBe('gpt-4o-mini');
    expect(route.seams).toBe(seams);
  });
});
