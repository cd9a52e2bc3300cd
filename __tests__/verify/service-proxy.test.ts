// The smoke test from inside a cluster the runner cannot reach: kubectl's `get --raw` through the API server's
// service proxy in the runCommand pod, its status read from kubectl's own log, and what the smoke test makes of it.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readCommand, type ClusterRead, type ClusterSession, type RemoteClusterPort } from '../../src/cluster/port.js';
import { ActionError } from '../../src/errors.js';
import type { SmokeTestConfig } from '../../src/inputs/config.js';
import type { RunResult, Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';
import type { GatewayAddress } from '../../src/verify/address.js';
import {
  checkProxyAccess,
  loggedStatus,
  proxyPath,
  proxyVerbsNeeded,
  serviceProxy,
} from '../../src/verify/service-proxy.js';
import { runSmokeTest, smokeTestError } from '../../src/verify/smoke-test.js';
import { kubeconfigYaml } from '../kubeconfig/fixture.js';

const NEW_LOG =
  'I1202 01:53:18.311364   13474 round_trippers.go:632] "Response" verb="GET" url="https://10.0.0.4:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health" status="503 Service Unavailable" milliseconds=8';
const OLD_LOG =
  'I0102 10:00:00.000000   1 round_trippers.go:553] GET https://10.0.0.4:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/ 200 OK in 3 milliseconds';
const ok = (log: string) => log.replace('503 Service Unavailable', '200 OK');

const secrets = new SecretSet(() => undefined);
const target = { namespace: 'portkeyai', name: 'portkey-ai-gateway', port: 8787 };

/** A smoke test from `from`, with a chat completion when `model` is set. */
const smoke = (from: SmokeTestConfig['from'], model = '', enabled = true, expectedBody = ''): SmokeTestConfig => ({
  enabled,
  from,
  url: '',
  path: '/v1/health',
  expectedStatus: 200,
  expectedBody,
  timeoutSeconds: 120,
  allowInsecureTransport: false,
  chat: { model, provider: 'openai', providerKey: 'sk-1', portkeyApiKey: '', customHost: '' },
});

/** A remote session whose kubectl answers with `replies` in turn (the last repeats), recording each command line. */
function remoteSession(...replies: Partial<RunResult>[]) {
  const calls: string[][] = [];
  const read = async (request: ClusterRead) => {
    const { tool, args } = readCommand(request);
    calls.push([tool, ...args]);
    return { exitCode: 0, stdout: '', stderr: '', ...replies[Math.min(calls.length - 1, replies.length - 1)] };
  };
  const cluster: RemoteClusterPort = {
    description: 'AKS runCommand (helm 3.18.0 in the command pod)',
    read,
    readAll: (requests) => Promise.all(requests.map((request) => read(request))),
    change: async () => {
      throw new Error('the service proxy changes nothing');
    },
    chart: async (chart) => chart,
  };
  return { calls, session: { access: { via: 'run-command', cluster } } as unknown as ClusterSession };
}

/** Sleeping only moves the clock; no HTTP may be sent from the runner. */
function seams(): Seams {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms: number) => void (now += ms),
    http: async () => {
      throw new Error('nothing may be sent from the runner to a private cluster');
    },
  } as unknown as Seams;
}

describe('the service proxy through kubectl in the runCommand pod', () => {
  it('escapes each piece of the proxy path', () => {
    expect(proxyPath(target, 'v1/health?x=1')).toBe(
      '/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health?x=1',
    );
  });

  it.each([
    '/../../../secrets',
    '/v1/..',
    '/./x',
    '/%2e%2e/secrets',
    '/%2E%2e/x',
    '/v1%2f..%2fsecrets',
    '/a\\..\\b',
    '/#frag',
  ])(
    'refuses the path %s, which would leave the service proxy, naming smoke-test-path, before kubectl runs',
    async (gatewayPath) => {
      expect(() => proxyPath(target, gatewayPath)).toThrow(
        /has a segment that would leave the gateway's service proxy/,
      );
      const { calls, session } = remoteSession({ stdout: 'secret list' });
      const error = await serviceProxy(session, seams(), secrets)
        .send(target, { method: 'GET', path: gatewayPath })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ details: { input: 'smoke-test-path' } });
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ['kubectl 1.27 and newer', NEW_LOG, 503],
    ['older kubectl', OLD_LOG, 200],
    ['no response at all', 'I0102 loader.go:395] Config loaded from file: /x', undefined],
  ])('reads the status kubectl logged (%s)', (_what, log, status) => {
    expect(loggedStatus(`I0102 loader.go:395] Config loaded\n${log}\n`)).toBe(status);
  });

  it('sends a GET with kubectl inside the cluster and answers with the gateway’s status and body', async () => {
    const { calls, session } = remoteSession({ stdout: 'AI Gateway says hey!', stderr: ok(NEW_LOG) });
    const proxy = serviceProxy(session, seams(), secrets);
    expect(proxy).toMatchObject({ secure: true, carriesHeaders: false });
    expect(proxy.server).toBe('the API server, from AKS runCommand (helm 3.18.0 in the command pod)');
    expect(await proxy.send(target, { method: 'GET', path: '/v1/health' })).toEqual({
      status: 200,
      headers: {},
      body: 'AI Gateway says hey!',
    });
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

  it('passes a failing status on with kubectl’s sentence as the body, a refusal as the API server’s Status', async () => {
    const unavailable = `${NEW_LOG}\nError from server (ServiceUnavailable): no endpoints available for service "portkey-ai-gateway"\n`;
    const forbidden = `${NEW_LOG.replace('503 Service Unavailable', '403 Forbidden')}\nError from server (Forbidden): services "portkey-ai-gateway:8787" is forbidden: User "deployer" cannot get resource "services/proxy"\n`;
    const { session } = remoteSession({ exitCode: 1, stderr: unavailable }, { exitCode: 1, stderr: forbidden });
    const proxy = serviceProxy(session, seams(), secrets);
    expect(await proxy.send(target, { method: 'GET', path: '/' })).toEqual({
      status: 503,
      headers: {},
      body: 'Error from server (ServiceUnavailable): no endpoints available for service "portkey-ai-gateway"',
    });
    const refused = await proxy.send(target, { method: 'GET', path: '/' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      code: 403,
      reason: 'Forbidden',
      message: 'services "portkey-ai-gateway:8787" is forbidden: User "deployer" cannot get resource "services/proxy"',
    });
  });

  it('is a network error when kubectl got no answer, and refuses what kubectl cannot send', async () => {
    const { calls, session } = remoteSession({
      exitCode: 1,
      stderr: 'Unable to connect to the server: dial tcp: i/o timeout',
    });
    const proxy = serviceProxy(session, seams(), secrets);
    await expect(proxy.send(target, { method: 'GET', path: '/' })).rejects.toThrow(
      'kubectl exited with 1: Unable to connect to the server',
    );
    await expect(proxy.send(target, { method: 'POST', path: '/v1/chat/completions', body: '{}' })).rejects.toThrow(
      /plain GET/,
    );
    await expect(
      proxy.send(target, { method: 'GET', path: '/', headers: { 'x-portkey-api-key': 'pk' } }),
    ).rejects.toThrow(/plain GET/);
    expect(calls).toHaveLength(1);
  });
});

describe('the service proxy for a kubeconfig whose cluster is reached through a proxy-url', () => {
  it('goes through kubectl, which uses the proxy as helm did, with plain GETs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'proxied-'));
    try {
      const file = path.join(dir, 'kubeconfig');
      writeFileSync(file, kubeconfigYaml('token: t', 'proxy-url: https://proxy.corp:3128'));
      const argv: string[][] = [];
      const session = {
        kubectl: { path: '/opt/kubectl', version: '1.35.2' },
        access: { via: 'kubeconfig', kubeconfigPath: file, refreshCredentials: async () => {} },
        env: {},
      } as unknown as ClusterSession;
      const run = async (_file: string, args: string[]) => {
        argv.push(args);
        return { exitCode: 0, stdout: 'healthy', stderr: ok(NEW_LOG) };
      };
      const proxy = serviceProxy(session, { ...seams(), run } as unknown as Seams, secrets);
      expect(proxy).toMatchObject({
        server: "the API server, through the kubeconfig's proxy-url",
        carriesHeaders: false,
      });
      expect(await proxy.send(target, { method: 'GET', path: '/v1/health' })).toEqual({
        status: 200,
        headers: {},
        body: 'healthy',
      });
      const health = '/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health';
      expect(argv).toEqual([['get', '--raw', health, '-v=6', '--kubeconfig', file]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runSmokeTest on a private cluster', () => {
  const config = smoke('cluster', 'gpt-4o-mini', true, 'healthy');
  const address: GatewayAddress = {
    ip: '10.20.30.40',
    port: 8787,
    url: 'http://10.20.30.40:8787',
    internal: true,
    via: 'load-balancer',
    serviceName: 'portkey-ai-gateway',
    inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
    service: { name: 'portkey-ai-gateway', port: 8787 },
  };
  const plan = (session: ClusterSession) => ({ config, address, namespace: 'portkeyai', allowedIpRanges: [], session });

  it('checks health from inside with kubectl, and says why the chat completion was not sent', async () => {
    const { calls, session } = remoteSession(
      { exitCode: 1, stderr: `${NEW_LOG}\nError from server (ServiceUnavailable): no endpoints available\n` },
      { stdout: '{"status":"success","message":"Server is healthy"}', stderr: ok(NEW_LOG) },
    );
    const result = await runSmokeTest(plan(session), { secrets }, seams());
    expect(result).toMatchObject({ status: 'passed', httpCode: 200, attempts: 2 });
    expect(result.checks.map((c) => [c.check, c.via, c.status])).toEqual([
      ['health', 'cluster', 'passed'],
      ['chat', 'cluster', 'skipped'],
    ]);
    expect(result.checks[1].message).toBe(
      'Not sent: from inside the cluster the gateway is asked by kubectl through the API server, from AKS runCommand ' +
        "(helm 3.18.0 in the command pod), which cannot send the chat completion's headers. Give a smoke-test-url " +
        'this runner reaches (or smoke-test-from: both on a runner in the network) to send it from the runner.',
    );
    expect(calls.every((c) => c[0] === 'kubectl' && c[1] === 'get' && c[2] === '--raw')).toBe(true);
  });

  it('explains, without waiting, the API server refusing services/proxy to the identity in the pod', async () => {
    const { calls, session } = remoteSession({
      exitCode: 1,
      stderr: `${NEW_LOG.replace('503 Service Unavailable', '403 Forbidden')}\nError from server (Forbidden): services "portkey-ai-gateway:8787" is forbidden: User "deployer" cannot get resource "services/proxy"\n`,
    });
    const result = await runSmokeTest(plan(session), { secrets }, seams());
    expect(result).toMatchObject({ status: 'failed', httpCode: 403, attempts: 1 });
    expect(calls).toHaveLength(1);
    const error = smokeTestError(result);
    expect(error.message).toContain('may not `get` `services/proxy` in namespace portkeyai');
    expect(error.message).toContain('User "deployer" cannot get resource "services/proxy"');
  });
});

describe('the service proxy access a deploy checks first', () => {
  it.each([
    ['from the cluster', smoke('cluster'), true, ['get']],
    ['from both, with a chat completion', smoke('both', 'gpt-4o-mini'), true, ['get', 'create']],
    ['a chat completion kubectl cannot carry', smoke('cluster', 'gpt-4o-mini'), false, ['get']],
    ['from the runner only', smoke('runner', 'gpt-4o-mini'), true, []],
    ['no smoke test', smoke('cluster', 'gpt-4o-mini', false), true, []],
  ])('%s needs %#', (_what, config, carriesHeaders, verbs) => {
    expect(proxyVerbsNeeded(config, carriesHeaders)).toEqual(verbs);
  });

  /** A local session whose kubectl answers `auth can-i` with `answers` in turn. */
  function localSession(...answers: Partial<RunResult>[]) {
    const argv: string[][] = [];
    const session = {
      kubectl: { path: '/opt/kubectl', version: '1.35.2' },
      access: { via: 'kubeconfig', kubeconfigPath: '/tmp/kubeconfig', refreshCredentials: async () => {} },
      env: {},
    } as unknown as ClusterSession;
    const run = async (_file: string, args: string[]) => {
      argv.push(args);
      return { exitCode: 0, stdout: '', stderr: '', ...answers[Math.min(argv.length - 1, answers.length - 1)] };
    };
    return { argv, session, seams: { ...seams(), run } as unknown as Seams };
  }

  it('asks kubectl auth can-i for each verb, and is content with yes', async () => {
    const { argv, session, seams: s } = localSession({ stdout: 'yes\n' });
    await checkProxyAccess(smoke('cluster', 'gpt-4o-mini'), 'portkeyai', session, s);
    expect(argv).toEqual(
      ['get', 'create'].map((verb) => [
        'auth',
        'can-i',
        verb,
        'services',
        '--subresource=proxy',
        '--namespace',
        'portkeyai',
        '--kubeconfig',
        '/tmp/kubeconfig',
      ]),
    );
  });

  it('refuses the deploy before anything is deployed when the answer is no, naming the permission and the way around', async () => {
    const { session, seams: s } = localSession({ stdout: 'yes\n' }, { exitCode: 1, stdout: 'no\n' });
    const error = (await checkProxyAccess(smoke('both', 'gpt-4o-mini'), 'gw', session, s).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error?.message).toBe(
      'The deploying identity may not `create` `services/proxy` in namespace gw, which the smoke test from inside the ' +
        'cluster needs (kubectl auth can-i said no). Nothing was deployed.',
    );
    expect(error?.details.input).toBe('smoke-test-from');
    expect(error?.details.hint).toContain('kubectl auth can-i get services --subresource=proxy -n gw');
    expect(error?.details.hint).toContain('`smoke-test-from: runner`');
  });

  it('lets the deploy go on when the API server cannot say', async () => {
    const {
      argv,
      session,
      seams: s,
    } = localSession({
      exitCode: 1,
      stderr: 'Error from server (NotFound): the server could not find the requested resource\n',
    });
    await checkProxyAccess(smoke('cluster', 'gpt-4o-mini'), 'gw', session, s);
    expect(argv).toHaveLength(1);
  });

  it('asks through the command pod on a private cluster, for get only', async () => {
    const { calls, session } = remoteSession({ stdout: 'yes' });
    await checkProxyAccess(smoke('cluster', 'gpt-4o-mini'), 'gw', session, seams());
    expect(calls).toEqual([
      ['kubectl', 'auth', 'can-i', 'get', 'services', '--subresource=proxy', '--namespace', 'gw'],
    ]);
  });
});
