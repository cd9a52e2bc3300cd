import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { GATEWAY_GREETING, freePort, startGateway, type Gateway } from '../../sandbox/gateway.js';
import { startKubeApi, type KubeApi } from '../../sandbox/kube-api/index.js';
import { createTestCertificate, type TestCertificate } from '../../sandbox/tls.js';
import type { ClusterSession } from '../../src/cluster/port.js';
import type { SmokeTestConfig } from '../../src/inputs/config.js';
import { realSeams, type HttpRequest, type HttpResponse, type Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';
import type { GatewayAddress } from '../../src/verify/address.js';
import { runSmokeTest, smokeTestError, type SmokeTestRequest } from '../../src/verify/smoke-test.js';

const PROVIDER_KEY = 'sk-test-provider-key-0123456789';
const PORTKEY_KEY = 'pk-test-portkey-key-9876543210';
const secrets = new SecretSet(() => undefined);
secrets.add(PROVIDER_KEY, PORTKEY_KEY);
const context = { secrets };

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server whose answers the test scripts, one handler per request in order (the last one repeats). */
async function scriptedServer(answers: ((r: Received) => { status: number; body: string })[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body };
      received.push(r);
      const answer = answers[Math.min(received.length - 1, answers.length - 1)](r);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Real HTTP, but sleeping only moves a fake clock forward. */
function seamsWithFakeSleep(extra: Partial<Seams> = {}) {
  let offset = 0;
  const sleeps: number[] = [];
  const seams: Seams = {
    ...realSeams,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
    },
    ...extra,
  };
  return { seams, sleeps };
}

function config(
  overrides: Partial<SmokeTestConfig> = {},
  chat: Partial<SmokeTestConfig['chat']> = {},
): SmokeTestConfig {
  return {
    enabled: true,
    from: 'cluster',
    url: '',
    path: '/v1/health',
    expectedStatus: 200,
    expectedBody: '',
    timeoutSeconds: 120,
    allowInsecureTransport: false,
    chat: { model: '', provider: 'openai', providerKey: '', portkeyApiKey: '', customHost: '', ...chat },
    ...overrides,
  };
}

/** A published address (a load balancer at `url`) and the Services behind it. */
function address(url: string, overrides: Partial<GatewayAddress> = {}): GatewayAddress {
  const { hostname, port } = new URL(url);
  return {
    ip: hostname,
    port: Number(port),
    url,
    internal: false,
    via: 'load-balancer',
    serviceName: 'portkey-ai-gateway',
    inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
    service: { name: 'portkey-ai-gateway', port: 8787 },
    ...overrides,
  };
}

/** From the runner only, to `url`. */
function runnerPlan(url: string, smoke: SmokeTestConfig, more: Partial<SmokeTestRequest> = {}): SmokeTestRequest {
  return {
    config: { ...smoke, from: 'runner' },
    address: address(url),
    namespace: 'portkeyai',
    allowedIpRanges: [],
    ...more,
  };
}

const healthy = () => ({ status: 200, body: '{"status":"success","message":"Server is healthy"}' });
const warmingUp = () => ({ status: 503, body: 'no healthy upstream' });

describe('runSmokeTest from the runner, against a local server', () => {
  it('retries with growing pauses until the gateway is healthy', async () => {
    const server = await scriptedServer([warmingUp, warmingUp, healthy]);
    const { seams, sleeps } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      runnerPlan(`${server.url}/`, config({ expectedBody: 'Server is healthy' })),
      context,
      seams,
    );
    await server.close();
    expect(result).toMatchObject({ status: 'passed', httpCode: 200, attempts: 3 });
    expect(result.checks).toEqual([
      expect.objectContaining({ check: 'health', via: 'runner', status: 'passed', attempts: 3, httpCode: 200 }),
    ]);
    expect(result.message).toMatch(
      new RegExp(`^GET /v1/health on ${server.url}/ answered 200 in \\d+ ms \\(attempt 3\\)\\.$`),
    );
    expect(sleeps).toEqual([1000, 2000]);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill('GET /v1/health'));
  });

  it('gives up at the timeout, the pauses capped, and says what the last answer was', async () => {
    const server = await scriptedServer([warmingUp]);
    const { seams, sleeps } = seamsWithFakeSleep();
    const result = await runSmokeTest(runnerPlan(server.url, config({ timeoutSeconds: 30 })), context, seams);
    await server.close();
    expect(sleeps.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(Math.max(...sleeps)).toBe(8000);
    const slept = sleeps.reduce((a, b) => a + b, 0);
    expect(slept).toBeGreaterThan(28000);
    expect(slept).toBeLessThanOrEqual(30000);
    expect(result.status).toBe('failed');
    expect(result.httpCode).toBe(503);
    expect(result.attempts).toBe(sleeps.length + 1);
    expect(result.message).toBe(
      `[failed] GET /v1/health on ${server.url} answered 503, expected 200; body: no healthy upstream (${result.attempts} attempt(s) over 30 s).`,
    );
    expect(smokeTestError(result).message).toMatch(/^The smoke test failed from the runner: GET \/v1\/health/);
  });

  it('fails when the body lacks the expected text', async () => {
    const server = await scriptedServer([() => ({ status: 200, body: 'default backend - 404' })]);
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      runnerPlan(server.url, config({ expectedBody: 'Server is healthy', timeoutSeconds: 2 })),
      context,
      seams,
    );
    await server.close();
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      'answered 200 but the body does not contain "Server is healthy"; body: default backend - 404',
    );
  });

  it('reports a port nobody listens on', async () => {
    const port = await freePort();
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      runnerPlan(`http://127.0.0.1:${port}`, config({ timeoutSeconds: 1 })),
      context,
      seams,
    );
    expect(result).toMatchObject({ status: 'failed', httpCode: 0 });
    expect(result.message).toContain('got no answer: ECONNREFUSED');
  });

  it('never sends the keys over plain HTTP: the chat completion is skipped, said so, and the test still passes', async () => {
    const server = await scriptedServer([healthy]);
    const { seams } = seamsWithFakeSleep();
    const result = await runSmokeTest(
      runnerPlan(
        server.url,
        config({}, { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY, portkeyApiKey: PORTKEY_KEY }),
      ),
      context,
      seams,
    );
    await server.close();
    expect(result.status).toBe('passed');
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'runner', 'passed'],
      ['chat', 'runner', 'skipped'],
    ]);
    expect(result.checks[1].message).toMatch(/only over TLS/);
    expect(server.received).toHaveLength(1);
    expect(JSON.stringify(server.received)).not.toContain(PROVIDER_KEY);
    expect(JSON.stringify(server.received)).not.toContain(PORTKEY_KEY);
  });

  it('skips, instead of failing, a runner that allowed-ip-ranges keep out, and checks from the cluster instead', async () => {
    const sent: HttpRequest[] = [];
    const { seams } = seamsWithFakeSleep({
      localAddressFor: async () => '10.1.0.4',
      http: async (request) => {
        sent.push(request);
        return { status: 200, headers: {}, body: 'ok' };
      },
    });
    const plan = runnerPlan('http://10.20.30.40:8787', config(), {
      allowedIpRanges: ['10.99.0.0/16', '198.51.100.7/32'],
      session: kubeconfigSession(),
    });
    const result = await runSmokeTest(plan, context, seams);
    expect(result.status).toBe('passed');
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'cluster', 'passed'],
      ['health', 'runner', 'skipped'],
    ]);
    expect(result.checks[1].message).toBe(
      "Skipped: the runner's address 10.1.0.4 is outside allowed-ip-ranges (10.99.0.0/16, 198.51.100.7/32), so the load balancer drops its requests.",
    );
    // Nothing went to the load balancer: one request, through the API server.
    expect(sent.map((r) => r.url)).toEqual([
      'https://apiserver.example:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health',
    ]);
  });

  it('checks from the runner when its address is inside allowed-ip-ranges', async () => {
    const server = await scriptedServer([healthy]);
    const { seams } = seamsWithFakeSleep({ localAddressFor: async () => '127.0.0.1' });
    const result = await runSmokeTest(
      runnerPlan(server.url, config(), { allowedIpRanges: ['127.0.0.0/8'] }),
      context,
      seams,
    );
    await server.close();
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([['health', 'runner', 'passed']]);
  });
});

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'smoke-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CLUSTER_TOKEN = 'cluster-token-0123456789abcdef';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

/** A session whose kubeconfig names `server` with a token (or whatever `user` says). */
function kubeconfigSession(
  server = 'https://apiserver.example:443',
  user: Record<string, unknown> = { token: CLUSTER_TOKEN },
): ClusterSession {
  const file = path.join(scratch, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(CA).toString('base64') } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
    { mode: 0o600 },
  );
  return {
    helm: { path: 'helm', version: '4.1.4', major: 4 },
    kubectl: { path: 'kubectl', version: '1.35.2' },
    access: { via: 'kubeconfig', kubeconfigPath: file, refreshCredentials: async () => {} },
    env: process.env,
  };
}

/** Answers through a fake API server: `answer` per request, in order (the last repeats). */
function fakeApiServer(answers: ((r: HttpRequest) => Partial<HttpResponse>)[]) {
  const sent: HttpRequest[] = [];
  const http = async (request: HttpRequest): Promise<HttpResponse> => {
    sent.push(request);
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)](request);
    return { status: 200, headers: {}, body: '', ...answer };
  };
  return { sent, http };
}

const status = (code: number, reason: string, message: string) => ({
  status: code,
  body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }),
});

function clusterPlan(smoke: SmokeTestConfig, more: Partial<SmokeTestRequest> = {}): SmokeTestRequest {
  return {
    config: smoke,
    address: address('http://20.1.2.3:8787'),
    namespace: 'portkeyai',
    allowedIpRanges: [],
    session: kubeconfigSession(),
    ...more,
  };
}

describe('runSmokeTest from inside the cluster, through the API server', () => {
  it('asks the service proxy over the kubeconfig’s TLS and token, waiting out "no endpoints available"', async () => {
    const api = fakeApiServer([
      () => status(503, 'ServiceUnavailable', 'no endpoints available for service "portkey-ai-gateway:8787"'),
      healthy,
    ]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(clusterPlan(config({ expectedBody: 'healthy' })), context, seams);
    expect(result).toMatchObject({ status: 'passed', httpCode: 200, attempts: 2 });
    expect(result.checks).toEqual([
      expect.objectContaining({
        check: 'health',
        via: 'cluster',
        status: 'passed',
        target: 'Service portkeyai/portkey-ai-gateway:8787 through the API server',
      }),
    ]);
    expect(api.sent[0]).toMatchObject({
      url: 'https://apiserver.example:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health',
      method: 'GET',
      headers: { authorization: `Bearer ${CLUSTER_TOKEN}` },
      tls: { ca: CA, insecure: false },
    });
  });

  it('says what the API server said while the gateway pod does not answer', async () => {
    const api = fakeApiServer([
      () =>
        status(
          503,
          'ServiceUnavailable',
          'error trying to reach service: dial tcp 10.244.0.7:8787: connect: connection refused',
        ),
    ]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(clusterPlan(config({ timeoutSeconds: 3 })), context, seams);
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      'the API server answered 503: error trying to reach service: dial tcp 10.244.0.7:8787: connect: connection refused',
    );
    expect(smokeTestError(result).message).toMatch(/^The smoke test failed from inside the cluster/);
  });

  it('stops at once when RBAC refuses services/proxy, naming the permission, the role and the fallback', async () => {
    const api = fakeApiServer([
      () =>
        status(
          403,
          'Forbidden',
          'services "portkey-ai-gateway:8787" is forbidden: User "deployer" cannot get resource "services/proxy" in API group "" in the namespace "portkeyai"',
        ),
    ]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(clusterPlan(config()), context, seams);
    expect(result).toMatchObject({ status: 'failed', attempts: 1, httpCode: 403 });
    const error = smokeTestError(result);
    expect(error.message).toContain('may not `get` `services/proxy` in namespace portkeyai');
    expect(error.message).toContain('User "deployer" cannot get resource "services/proxy"');
    expect(error.details.input).toBe('smoke-test-from');
    expect(error.details.hint).toContain('`edit`');
    expect(error.details.hint).toContain('smoke-test-from: runner');
  });

  it('says neither way worked when the runner is kept out and the fallback through the API server is refused', async () => {
    const api = fakeApiServer([
      () => status(403, 'Forbidden', 'services "portkey-ai-gateway:8787" is forbidden: User "deployer" cannot get ...'),
    ]);
    const { seams } = seamsWithFakeSleep({ http: api.http, localAddressFor: async () => '10.1.0.4' });
    const result = await runSmokeTest(
      clusterPlan(config({ from: 'runner' }), {
        allowedIpRanges: ['203.0.113.0/24'],
        address: address('http://10.20.30.40:8787', { internal: true }),
      }),
      context,
      seams,
    );
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'cluster', 'failed'],
      ['health', 'runner', 'skipped'],
    ]);
    const error = smokeTestError(result);
    expect(error.message).toMatch(
      /^The smoke test could check the gateway neither from the runner \(the runner's address 10\.1\.0\.4 is outside allowed-ip-ranges \(203\.0\.113\.0\/24\), so the load balancer drops its requests\) nor from inside the cluster: The API server refused/,
    );
    expect(error.details.hint).toMatch(/^Let the runner reach the gateway/);
  });

  it('sends the chat completion through the proxy with the provider key in x-portkey-config, never in Authorization', async () => {
    const api = fakeApiServer([
      healthy,
      () => ({ body: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'ok' } }] }) }),
    ]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(
      clusterPlan(
        config(
          {},
          {
            model: 'gpt-4o-mini',
            providerKey: PROVIDER_KEY,
            portkeyApiKey: PORTKEY_KEY,
            customHost: 'https://aoai.example.com/v1',
          },
        ),
      ),
      context,
      seams,
    );
    expect(result.status).toBe('passed');
    expect(result.chat).toMatchObject({ status: 'passed', httpCode: 200 });
    const chat = api.sent[1];
    expect(chat.url).toBe(
      'https://apiserver.example:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/chat/completions',
    );
    expect(chat.method).toBe('POST');
    expect(chat.tls).toMatchObject({ ca: CA, insecure: false });
    expect(chat.headers).toMatchObject({
      authorization: `Bearer ${CLUSTER_TOKEN}`,
      'x-portkey-provider': 'openai',
      'x-portkey-api-key': PORTKEY_KEY,
    });
    expect(JSON.parse(chat.headers!['x-portkey-config'])).toEqual({
      provider: 'openai',
      api_key: PROVIDER_KEY,
      custom_host: 'https://aoai.example.com/v1',
    });
  });

  it('never repeats a key a failing provider echoes back', async () => {
    const api = fakeApiServer([
      healthy,
      () => ({
        status: 401,
        body: JSON.stringify({ error: { message: `Incorrect API key provided: ${PROVIDER_KEY}` } }),
      }),
    ]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(
      clusterPlan(config({}, { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY })),
      context,
      seams,
    );
    expect(result.status).toBe('failed');
    expect(result.chat?.message).toBe(
      'Chat completion with gpt-4o-mini via openai on Service portkeyai/portkey-ai-gateway:8787 through the API server failed with 401: Incorrect API key provided: ***.',
    );
    expect(JSON.stringify(result)).not.toContain(PROVIDER_KEY);
  });

  it('refuses to send the keys to an API server reached over plain HTTP', async () => {
    const api = fakeApiServer([healthy]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(
      clusterPlan(config({}, { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY }), {
        session: kubeconfigSession('http://127.0.0.1:8080'),
      }),
      context,
      seams,
    );
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'cluster', 'passed'],
      ['chat', 'cluster', 'skipped'],
    ]);
    expect(result.checks[1].message).toContain('plain HTTP (http://127.0.0.1:8080)');
    expect(api.sent).toHaveLength(1);
    expect(api.sent[0].tls).toBeUndefined();
  });

  it('asks the MCP gateway on its own Service port when SERVER_MODE runs it', async () => {
    const api = fakeApiServer([healthy]);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const result = await runSmokeTest(
      clusterPlan(config(), {
        address: address('http://20.1.2.3:8787', { mcpService: { name: 'portkey-ai-gateway-mcp', port: 80 } }),
      }),
      context,
      seams,
    );
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'cluster', 'passed'],
      ['mcp', 'cluster', 'passed'],
    ]);
    expect(api.sent[1].url).toBe(
      'https://apiserver.example:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway-mcp:80/proxy/v1/health',
    );
  });

  it('uses an exec credential the way kubectl does, and masks the token it prints', async () => {
    const api = fakeApiServer([healthy]);
    const execToken = 'exec-token-abcdef0123456789';
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: execToken, expirationTimestamp: new Date(Date.now() + 3600_000).toISOString() },
    });
    const file = path.join(scratch, 'credential.json');
    writeFileSync(file, credential);
    const secrets = new SecretSet(() => undefined);
    const { seams } = seamsWithFakeSleep({ http: api.http });
    const session = kubeconfigSession('https://apiserver.example:443', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: process.execPath,
        args: ['-e', "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))", file],
      },
    });
    const result = await runSmokeTest(clusterPlan(config(), { session }), { secrets }, seams);
    expect(result.status).toBe('passed');
    expect(api.sent[0].headers?.authorization).toBe(`Bearer ${execToken}`);
    expect(secrets.has(execToken)).toBe(true);
  });

  it('checks from both places with smoke-test-from: both', async () => {
    const server = await scriptedServer([healthy]);
    const api = fakeApiServer([healthy]);
    const { seams } = seamsWithFakeSleep({
      http: (request) => (request.tls ? api.http(request) : realSeams.http(request)),
    });
    const result = await runSmokeTest(
      clusterPlan(config({ from: 'both' }), { address: address(server.url) }),
      context,
      seams,
    );
    await server.close();
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'cluster', 'passed'],
      ['health', 'runner', 'passed'],
    ]);
  });
});

describe('runSmokeTest through the stand-in API server to the real open-source Portkey gateway', () => {
  let gateway: Gateway;
  let api: KubeApi;
  let certificate: TestCertificate;
  let session: ClusterSession;
  const TOKEN = 'stand-in-token-for-the-smoke-test';
  const post = async (collection: string, object: unknown) => {
    const answer = await realSeams.http({
      url: `${api.url}${collection}`,
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(object),
      tls: { ca: certificate.cert },
    });
    expect(answer.status).toBe(201);
  };

  beforeAll(async () => {
    gateway = await startGateway();
    certificate = createTestCertificate();
    api = await startKubeApi({
      tls: certificate,
      token: TOKEN,
      podNetwork: (port) => (port === 8787 ? { host: '127.0.0.1', port: gateway.port } : undefined),
    });
    session = kubeconfigSession(api.url, { token: TOKEN });
    if (session.access.via !== 'kubeconfig') throw new Error('a kubeconfig session');
    writeFileSync(session.access.kubeconfigPath, api.kubeconfig({ token: TOKEN }), { mode: 0o600 });
    await post('/api/v1/namespaces', { metadata: { name: 'portkeyai' } });
    await post('/api/v1/namespaces/portkeyai/services', {
      metadata: { name: 'portkey-ai-gateway' },
      spec: { selector: { app: 'gw' }, ports: [{ name: 'gateway', port: 8787, targetPort: 'gateway' }] },
    });
  });
  afterAll(async () => {
    await api?.close();
    await gateway?.close();
    certificate?.dispose();
  });

  it('waits out "no endpoints", then reaches the gateway and relays a chat completion, the keys over TLS only', async () => {
    const { seams } = seamsWithFakeSleep();
    const smoke = config(
      { path: '/', expectedBody: GATEWAY_GREETING, timeoutSeconds: 2 },
      { model: 'gpt-4o-mini', providerKey: PROVIDER_KEY, portkeyApiKey: PORTKEY_KEY, customHost: gateway.upstream.url },
    );
    const early = await runSmokeTest(clusterPlan(smoke, { session }), context, seams);
    expect(early.status).toBe('failed');
    expect(early.message).toContain('the API server answered 503: no endpoints available for service');
    // No pod behind the Service (replicas: 0) is no wrong smoke-test-path.
    const { input, hint } = smokeTestError(early).details;
    expect(input).toBe('replicas');
    expect(hint).toContain("set smoke-test: 'false' to deploy the gateway scaled to zero");

    await post('/apis/apps/v1/namespaces/portkeyai/deployments', {
      metadata: { name: 'portkey-ai-gateway' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'gw' } },
        template: {
          metadata: { labels: { app: 'gw' } },
          spec: { containers: [{ name: 'gateway', image: 'gw', ports: [{ name: 'gateway', containerPort: 8787 }] }] },
        },
      },
    });
    const result = await runSmokeTest(clusterPlan({ ...smoke, timeoutSeconds: 20 }, { session }), context, realSeams);
    expect(result).toMatchObject({ status: 'passed', httpCode: 200, chat: { status: 'passed', httpCode: 200 } });
    // The gateway turned x-portkey-config into the provider's Authorization header.
    const relayed = gateway.upstream.requests.at(-1)!;
    expect(relayed.path).toBe('/v1/chat/completions');
    expect(relayed.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
    // The pod saw neither the cluster token nor a plain Authorization header.
    const received = await gateway.received();
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(JSON.stringify(received)).not.toContain(TOKEN);
  });
});
