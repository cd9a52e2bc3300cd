// The availability stream against a scripted API server on a fake clock: what it sends (the service proxy path of
// the Service that serves now, at the rate asked, never more than a bounded number at once), what it makes of the
// answers, and when it has nothing to measure.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { ClusterSession } from '../../../src/cluster/port.js';
import type { HttpRequest, HttpResponse, RunResult, Seams } from '../../../src/seams.js';
import { SecretSet } from '../../../src/secrets/index.js';
import { startAvailability, type AvailabilityRequest } from '../../../src/verify/availability/index.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'availability-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function session(): ClusterSession {
  const file = path.join(scratch, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://apiserver.example:443' } }],
      users: [{ name: 'u', user: { token: 'cluster-token-0123456789abcdef' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
    { mode: 0o600 },
  );
  return {
    helm: { path: 'helm', version: '4.1.4', major: 4 },
    kubectl: { path: 'kubectl', version: '1.35.2' },
    access: { via: 'kubeconfig', kubeconfigPath: file, refreshCredentials: async () => {} },
    env: {},
  };
}

const SERVICE = {
  kind: 'Service',
  metadata: { name: 'portkey-ai-gateway' },
  spec: {
    ports: [
      { name: 'mcp', port: 8788 },
      { name: 'gateway', port: 8787 },
    ],
  },
};

const status = (code: number, reason: string) => ({
  status: code,
  body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message: `${reason}!`, code }),
});

/**
 * A cluster whose kubectl knows `service` and whose API server answers request n with `answer(n)` (undefined: never,
 * until aborted); time moves only when the stream sleeps. `sent` resolves once `until` requests went out.
 */
function world(answer: (n: number) => Partial<HttpResponse> | 'reset' | undefined, service: unknown = SERVICE) {
  let now = 1_000_000;
  const commands: string[][] = [];
  const sent: HttpRequest[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const seams: Seams = {
    now: () => now,
    sleep: async (ms, signal) => {
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
    run: async (file, args): Promise<RunResult> => {
      commands.push([
        path.basename(file),
        ...args.filter((a) => !a.startsWith('--kubeconfig') && !a.includes('kubeconfig-')),
      ]);
      return service
        ? { exitCode: 0, stdout: JSON.stringify(service), stderr: '' }
        : { exitCode: 0, stdout: '', stderr: '' };
    },
    http: async (request) => {
      sent.push(request);
      const reply = answer(sent.length);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        if (reply === undefined) {
          await new Promise((_, reject) =>
            request.signal?.addEventListener('abort', () => reject(request.signal?.reason)),
          );
        }
        if (reply === 'reset') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
        now += 12;
        return { status: 200, headers: {}, body: 'OK', ...reply } as HttpResponse;
      } finally {
        inFlight -= 1;
      }
    },
  };
  const until = async (n: number) => {
    while (sent.length < n) await new Promise((resolve) => setImmediate(resolve));
  };
  return { seams, commands, sent, until, mostInFlight: () => mostInFlight };
}

const request = (more: Partial<AvailabilityRequest> = {}): AvailabilityRequest => ({
  releaseName: 'portkey-ai',
  namespace: 'portkeyai',
  values: {},
  path: '/v1/health',
  expectedStatus: 200,
  config: { rate: 4, budget: { count: 1 } },
  secrets: new SecretSet(() => undefined),
  ...more,
});

const version = (v: string) => ({ headers: { 'x-pod-version': v } });

describe('the availability stream', () => {
  it('asks the Service that serves now through the API server, and counts what answered', async () => {
    const w = world((n) =>
      n === 5 ? status(503, 'ServiceUnavailable') : n === 6 ? 'reset' : version(n < 10 ? '2.13.0' : '2.13.1'),
    );
    const stream = await startAvailability(request(), session(), w.seams);
    await w.until(16);
    const report = await stream.finish();

    expect(w.commands).toEqual([
      ['kubectl', 'get', 'service', 'portkey-ai-gateway', '-n', 'portkeyai', '--ignore-not-found', '-o', 'json'],
    ]);
    expect(new Set(w.sent.map((r) => `${r.method} ${r.url}`))).toEqual(
      new Set([
        'GET https://apiserver.example:443/api/v1/namespaces/portkeyai/services/portkey-ai-gateway:8787/proxy/v1/health',
      ]),
    );
    expect(w.sent[0].headers?.authorization).toBe('Bearer cluster-token-0123456789abcdef');
    expect(report).toMatchObject({
      verdict: 'failed',
      requests: w.sent.length,
      failed: 2,
      longestFailureRun: 2,
      allowed: 1,
      byVersion: { '2.13.0': 7, '2.13.1': w.sent.length - 9 },
      failures: { 'API server 503 ServiceUnavailable': 1, ECONNRESET: 1 },
      target: 'GET /v1/health on Service portkeyai/portkey-ai-gateway:8787 through the API server',
    });
  });

  it('sends at the rate asked', async () => {
    const w = world(() => version('2.13.0'));
    const started = w.seams.now();
    const stream = await startAvailability(request({ config: { rate: 5, budget: { count: 0 } } }), session(), w.seams);
    await w.until(51);
    const report = await stream.finish();
    // 51 requests at 5 per second: the fake clock moved 10 s (plus what each answer took).
    expect(w.seams.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(w.seams.now() - started).toBeLessThan(10_000 + 52 * 12 + 200);
    expect(report.verdict).toBe('passed');
  });

  it('keeps no more than 20 requests in flight when the API server stops answering, and counts them as failed', async () => {
    const w = world((n) => (n <= 2 ? version('2.13.0') : undefined));
    const stream = await startAvailability(request(), session(), w.seams);
    await w.until(22);
    // Ten more ticks: nothing more may go out while 20 wait.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(w.sent.length).toBe(22);
    expect(w.mostInFlight()).toBe(20);
    const finished = stream.finish();
    const report = await finished;
    expect(report).toMatchObject({ requests: 22, failed: 20, failures: { 'no answer in time': 20 } });
  }, 15_000);

  it('measures nothing on a first install: no Service serves yet', async () => {
    const w = world(() => version('x'), null);
    const report = await (await startAvailability(request(), session(), w.seams)).finish();
    expect(report).toMatchObject({ verdict: 'skipped', requests: 0 });
    expect(report.message).toBe(
      'nothing served before this deploy: Service portkeyai/portkey-ai-gateway does not exist yet',
    );
    expect(w.sent).toEqual([]);
  });

  it('measures nothing when helm installs the release, even once its new Service exists: nothing old serves', async () => {
    const w = world(() => version('x'));
    const report = await (await startAvailability(request({ firstInstall: true }), session(), w.seams)).finish();
    expect(report).toMatchObject({ verdict: 'skipped', message: 'a first install has nothing serving to measure' });
    expect(w.commands).toEqual([]);
    expect(w.sent).toEqual([]);
  });

  it('measures nothing at rate 0, and asks the cluster nothing', async () => {
    const w = world(() => version('x'));
    const report = await (
      await startAvailability(request({ config: { rate: 0, budget: { count: 0 } } }), session(), w.seams)
    ).finish();
    expect(report).toMatchObject({ verdict: 'skipped', message: '`availability-rate` is 0' });
    expect(w.commands).toEqual([]);
  });

  it('gives no verdict when the API server refuses the service proxy: RBAC is not the gateway dropping requests', async () => {
    const w = world((n) => (n === 1 ? version('x') : status(403, 'Forbidden')));
    const stream = await startAvailability(request(), session(), w.seams);
    await w.until(2);
    const report = await stream.finish();
    expect(report).toMatchObject({ verdict: 'skipped', requests: 0 });
    expect(report.message).toBe('the API server refused the service proxy (403: Forbidden!)');
  });

  it('stops with the run: cancelled requests are no failures', async () => {
    const w = world((n) => (n <= 3 ? version('x') : undefined));
    const cancel = new AbortController();
    const stream = await startAvailability(request({ signal: cancel.signal }), session(), w.seams);
    await w.until(5);
    cancel.abort(new Error('cancelled'));
    const report = await stream.finish();
    expect(report).toMatchObject({ requests: 3, failed: 0 });
  });
});
