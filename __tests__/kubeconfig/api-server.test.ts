// The API server client authenticates as client-go would with the same kubeconfig: asserted on what it sends
// (URL, headers, TLS settings, programs run) and, for TLS itself, against a real HTTPS server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTestCertificate, type TestCertificate } from '../../sandbox/tls.js';
import {
  apiServerClient,
  apiServerClientFor,
  ApiServerCredentialError,
  kubeconfigText,
  parseKubeconfig,
} from '../../src/kubeconfig/index.js';
import { realSeams, type HttpRequest, type HttpResponse, type RunResult, type Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';
import { kubeconfigYaml } from './fixture.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const credential = (token: string, expirationTimestamp?: string) =>
  JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    kind: 'ExecCredential',
    status: { token, ...(expirationTimestamp && { expirationTimestamp }) },
  });

/** Seams whose HTTP answers `statuses` in turn (then 200) and whose programs print `printed` in turn. */
function fakeSeams(options: { statuses?: number[]; printed?: Partial<RunResult>[] } = {}) {
  const sent: HttpRequest[] = [];
  const ran: { file: string; args: string[]; env: NodeJS.ProcessEnv }[] = [];
  let now = Date.parse('2026-11-22T10:00:00Z');
  const seams: Seams = {
    ...realSeams,
    now: () => now,
    http: async (request) => {
      sent.push(request);
      return { status: options.statuses?.[sent.length - 1] ?? 200, headers: {}, body: 'ok' } as HttpResponse;
    },
    run: async (file, args, runOptions) => {
      ran.push({ file, args, env: runOptions?.env ?? {} });
      const printed = options.printed ?? [];
      return { exitCode: 0, stdout: '', stderr: '', ...printed[Math.min(ran.length - 1, printed.length - 1)] };
    },
  };
  return { seams, sent, ran, advance: (ms: number) => void (now += ms) };
}

const secrets = () => new SecretSet(() => undefined);
const client = (text: string, seams: Seams, extra: Partial<Parameters<typeof apiServerClient>[1]> = {}) =>
  apiServerClient(parseKubeconfig(text), { env: { PATH: '/usr/bin' }, secrets: secrets(), ...extra }, seams);
const get = { method: 'GET' as const, path: '/api/v1/namespaces' };

describe('apiServerClient', () => {
  it("sends a token user's bearer token and impersonation, with the cluster's TLS settings", async () => {
    const text = kubeconfigYaml(
      '{token: t0k3n, as: ci-bot, as-uid: "42", as-groups: [deployers], as-user-extra: {team: [gw]}}',
      `certificate-authority-data: ${b64('CA PEM')}\n      tls-server-name: api.internal`,
    );
    const { seams, sent } = fakeSeams();
    const api = client(text, seams);
    expect(api).toMatchObject({ server: 'https://10.0.0.1:6443', secure: true });
    await api.send({ ...get, headers: { accept: 'application/json' } });
    expect(sent).toEqual([
      {
        url: 'https://10.0.0.1:6443/api/v1/namespaces',
        method: 'GET',
        headers: {
          accept: 'application/json',
          authorization: 'Bearer t0k3n',
          'impersonate-user': 'ci-bot',
          'impersonate-uid': '42',
          'impersonate-group': 'deployers',
          'impersonate-extra-team': 'gw',
        },
        body: undefined,
        signal: undefined,
        tls: { ca: 'CA PEM', insecure: false, servername: 'api.internal', cert: undefined, key: undefined },
      },
    ]);
  });

  it('sends basic auth, and a client certificate and key from their data', async () => {
    const { seams, sent } = fakeSeams();
    await client(kubeconfigYaml('{username: admin, password: hunter2}'), seams).send(get);
    await client(
      kubeconfigYaml(`{client-certificate-data: ${b64('CERT')}, client-key-data: ${b64('KEY')}}`),
      seams,
    ).send(get);
    expect(sent[0].headers?.authorization).toBe(`Basic ${b64('admin:hunter2')}`);
    expect(sent[1].headers?.authorization).toBeUndefined();
    expect(sent[1].tls).toMatchObject({ cert: 'CERT', key: 'KEY' });
  });

  it('reads a tokenFile again for every request, relative to the kubeconfig, as client-go does', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'token-file-'));
    try {
      await writeFile(path.join(dir, 'token'), 'first\n');
      const file = path.join(dir, 'kubeconfig');
      await writeFile(file, kubeconfigYaml('tokenFile: token'));
      const { seams, sent } = fakeSeams();
      const api = apiServerClientFor(file, { env: {}, secrets: secrets() }, seams);
      await api.send(get);
      await writeFile(path.join(dir, 'token'), 'second');
      await api.send(get);
      expect(sent.map((request) => request.headers?.authorization)).toEqual(['Bearer first', 'Bearer second']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs an exec credential once until it expires, again after a 401, with its env and exec info', async () => {
    const text = kubeconfigYaml(
      '{exec: {apiVersion: client.authentication.k8s.io/v1, command: get-token, args: [--x], env: [{name: REGION, value: eu}], provideClusterInfo: true}}',
    );
    const { seams, sent, ran, advance } = fakeSeams({
      statuses: [200, 200, 401, 200],
      printed: [
        { stdout: credential('exec-1', '2026-11-22T10:05:00Z') },
        { stdout: credential('exec-2', '2026-11-22T11:00:00Z') },
        { stdout: credential('exec-3') },
      ],
    });
    const refreshed: number[] = [];
    const owned = secrets();
    const api = client(text, seams, {
      env: { PATH: '/usr/bin', HOME: '/home/runner' },
      secrets: owned,
      refreshCredentials: async () => void refreshed.push(1),
    });
    await api.send(get);
    await api.send(get);
    advance(5 * 60_000);
    await api.send(get); // exec-2, refused with 401
    await api.send(get); // exec-3
    expect(sent.map((request) => request.headers?.authorization)).toEqual([
      'Bearer exec-1',
      'Bearer exec-1',
      'Bearer exec-2',
      'Bearer exec-3',
    ]);
    expect(ran).toHaveLength(3);
    expect(refreshed).toHaveLength(4);
    expect(ran[0]).toMatchObject({ file: 'get-token', args: ['--x'] });
    expect(ran[0].env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      REGION: 'eu',
      KUBERNETES_EXEC_INFO: JSON.stringify({
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        spec: { interactive: false, cluster: { server: 'https://10.0.0.1:6443' } },
      }),
    });
    expect(owned.has('exec-1') && owned.has('exec-3')).toBe(true);
  });

  it.each([
    [
      'an exec program that fails, its secrets hidden',
      kubeconfigYaml('exec: {command: /opt/get-token}'),
      { exitCode: 3, stderr: 'denied for s3cr3t-key' },
      "the kubeconfig's exec credential (get-token) exited with 3: denied for ***",
    ],
    [
      'an exec program that prints something else',
      kubeconfigYaml('exec: {command: get-token}'),
      { stdout: 'hello' },
      "the kubeconfig's exec credential printed something that is not an ExecCredential.",
    ],
    [
      'an auth-provider',
      kubeconfigYaml('auth-provider: {name: oidc}'),
      {},
      'uses the auth-provider `oidc`, which this client cannot run.',
    ],
    [
      'a proxy-url',
      kubeconfigYaml('token: t', 'proxy-url: https://proxy:3128'),
      {},
      'through its proxy-url, which this client cannot use.',
    ],
    ['two groups', kubeconfigYaml('{token: t, as: a, as-groups: [ops, dev]}'), {}, 'impersonates more than one group'],
    [
      'a missing file',
      kubeconfigYaml('tokenFile: /nonexistent/token'),
      {},
      "the kubeconfig's tokenFile /nonexistent/token could not be read: ENOENT.",
    ],
  ])('says why it cannot authenticate with %s, and sends nothing', async (_what, text, printed, message) => {
    const { seams, sent } = fakeSeams({ printed: [printed] });
    const owned = new SecretSet(() => undefined);
    owned.add('s3cr3t-key');
    const error = await client(text, seams, { secrets: owned })
      .send(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiServerCredentialError);
    expect((error as Error).message).toContain(message);
    expect(sent).toEqual([]);
  });
});

describe('apiServerClient over real TLS', () => {
  let ca: TestCertificate;
  let other: TestCertificate;
  let server: Server;
  let url = '';
  const seen: { authorization?: string; clientCert?: string }[] = [];
  beforeAll(async () => {
    ca = createTestCertificate();
    other = createTestCertificate();
    server = createServer(
      { cert: ca.cert, key: ca.key, ca: [ca.cert], requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
        seen.push({ authorization: req.headers.authorization, clientCert: String(peer?.subject?.CN) });
        res.end('{"kind":"NamespaceList"}');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    ca.dispose();
    other.dispose();
  });

  const written = (user: string, caPem: string) =>
    kubeconfigText(
      parseKubeconfig(
        kubeconfigYaml(user, `certificate-authority-data: ${b64(caPem)}`).replace('https://10.0.0.1:6443', url),
      ),
    );

  it('trusts only the kubeconfig CA, and presents the client certificate', async () => {
    const user = `{client-certificate-data: ${b64(ca.cert)}, client-key-data: ${b64(ca.key)}}`;
    const response = await client(written(user, ca.cert), realSeams).send(get);
    expect(response).toMatchObject({ status: 200, body: '{"kind":"NamespaceList"}' });
    expect(seen.at(-1)).toEqual({ authorization: undefined, clientCert: 'localhost' });
    const before = seen.length;
    await expect(client(written('token: t', other.cert), realSeams).send(get)).rejects.toThrow(
      /self.signed|verify|certificate/i,
    );
    expect(seen).toHaveLength(before);
  });
});
