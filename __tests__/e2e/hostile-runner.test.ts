// The bundled action on a runner that hands it trouble, as a careless user or an attacker would: debug switches that
// make helm print the values, HELM_* and KUBECONFIG pointing elsewhere, secrets the name heuristics used to miss.
// Each attack must be refused or harmless; the file's last test scans every run for every form of every secret.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { startDownloadMirror } from '../../sandbox/download-mirror.js';
import { runAction } from '../../sandbox/runner.js';
import { createSigningKey } from '../../sandbox/signing-key.js';
import { errorLines, expectCleanRuns, expectSuccess, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const execFileAsync = promisify(execFile);

/** Secrets put into the values under names and shapes a narrower scan missed. */
const VALUE_SECRETS = {
  dbPassword: 'db-pw-7f3a9c1e5b',
  myPwd: 'my-pwd-2d8e4f6a0c',
  myPass: 'my-pass-9b1c3e5d7f',
  sqlPassword: 'sql-pw-4a6c8e0b2d',
  accountKey: 'acct-key-1e3g5i7k9m',
  redisPassword: 'redis-pw-0a2c4e6g8i',
  marked: 'marked-by-input-5h7j9l1n',
};
const valueSecrets = Object.entries(VALUE_SECRETS).map(([name, value]) => ({ name: `value ${name}`, value }));

const values = [
  `extra: {dbPassword: ${VALUE_SECRETS.dbPassword}, login: {user: ${VALUE_SECRETS.marked}}}`,
  `redis: {password: ${VALUE_SECRETS.redisPassword}}`,
  'environment:',
  '  data:',
  `    MY_PWD: ${VALUE_SECRETS.myPwd}`,
  `    MY_PASS: ${VALUE_SECRETS.myPass}`,
  `    DB_CONNECTION: "Server=db;User Id=sa;Password=${VALUE_SECRETS.sqlPassword};"`,
  `    BLOBS: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${VALUE_SECRETS.accountKey}"`,
].join('\n');

/** Every switch that makes a tool or the toolkit talk more, and job settings that would redirect helm. */
const debugEnv = {
  HELM_DEBUG: 'true',
  ACTIONS_STEP_DEBUG: 'true',
  RUNNER_DEBUG: '1',
  // Node's own debug output: https prints each request's options, the OIDC request's Authorization header among them.
  NODE_DEBUG: 'http,https,http2,net,tls,fetch,undici,tunnel,child_process,worker',
  HELM_KUBEAPISERVER: 'https://127.0.0.1:1',
  HELM_KUBETOKEN: 'not-the-clusters-token',
  HELM_NAMESPACE: 'somewhere-else',
  KUBECONFIG: '/nonexistent/kubeconfig',
};

describe('a hostile or careless runner (e2e)', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('deploys under HELM_DEBUG, RUNNER_DEBUG and a job HELM_*/KUBECONFIG, none of which reaches helm', async () => {
    const run = await e2e.run({ namespace: 'debug', values, 'secret-values': 'extra.login' }, { env: debugEnv });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({ namespace: 'debug', 'release-status': 'deployed' });
    // RUNNER_DEBUG did switch the toolkit's debug lines on: the scan below covers them.
    expect(run.stdout).toMatch(/^::debug::child-process helm upgrade exited 0/m);
    // The job's HELM_NAMESPACE and HELM_KUBEAPISERVER were not helm's: the release is where the inputs say.
    expect(e2e.sandbox.kube.get('', 'secrets', 'debug', 'sh.helm.release.v1.portkey-ai.v1')).toBeDefined();
    expect(run.stdout).toContain('extra:\n  dbPassword: "***"');
  });

  it('renders a ConfigMap environment (environment.secret false) without a secret in any form', async () => {
    const run = await e2e.run(
      { command: 'render', values: `${values}\n  secret: false`, 'secret-values': 'extra.login' },
      { env: debugEnv },
    );
    expectSuccess(run);
    const manifest = run.stdout.slice(run.stdout.indexOf('Rendered manifest'));
    const configMap = parseAllDocuments(manifest.slice(manifest.indexOf('\n') + 1).split('::endgroup::')[0])
      .map((document) => document.toJS() as { kind?: string; data?: Record<string, string> } | null)
      .find((document) => document?.kind === 'ConfigMap');
    expect(configMap?.data).toMatchObject({
      PORTKEY_CLIENT_AUTH: '***',
      MY_PWD: '***',
      MY_PASS: '***',
      DB_CONNECTION: '***',
      BLOBS: '***',
    });
  });

  it('never runs a helm wrapper planted in the tool cache, pinned or not, and says the cache was changed', async () => {
    const entry = path.join(e2e.toolCache, 'helm/4.1.4/amd64');
    const archive = path.join(entry, 'helm-v4.1.4-linux-amd64.tar.gz');
    const genuine = await readFile(archive);
    const mark = path.join(e2e.toolCache, 'wrapper-ran');
    const forge = await mkdtemp(path.join(e2e.toolCache, 'forge-'));
    await mkdir(path.join(forge, 'linux-amd64'));
    await writeFile(path.join(forge, 'linux-amd64/helm'), `#!/bin/sh\ntouch '${mark}'\nexit 0\n`, { mode: 0o755 });
    const plant = () => execFileAsync('tar', ['-C', forge, '-czf', archive, 'linux-amd64']);
    try {
      await plant();
      const pinned = await e2e.run({
        namespace: 'planted',
        'helm-sha256': e2e.sandbox.mirror.sha256['/helm/helm-v4.1.4-linux-amd64.tar.gz'],
      });
      await plant();
      const unpinned = await e2e.run({ namespace: 'planted-unpinned' });
      for (const run of [pinned, unpinned]) {
        expectSuccess(run);
        expect(run.stdout).toMatch(
          new RegExp(
            `^::warning::The helm 4\\.1\\.4 download in the tool cache \\(${archive}\\) has SHA-256 [0-9a-f]{64}, not the`,
            'm',
          ),
        );
      }
      expect(existsSync(mark)).toBe(false);
      expect((await readFile(archive)).equals(genuine)).toBe(true);
    } finally {
      await writeFile(archive, genuine);
      await rm(forge, { recursive: true, force: true });
    }
  });

  it("refuses a helm archive whose published signature is not by one of helm's release keys", async () => {
    const signer = await createSigningKey();
    const mirror = await startDownloadMirror({ tls: e2e.sandbox.tls, signingKey: signer });
    try {
      // A fresh tool cache: the download, and so its signature, is what is checked.
      const run = await runAction({
        sandbox: e2e.sandbox,
        inputs: { command: 'render', 'helm-download-url': mirror.helmBaseUrl },
      });
      e2e.runs.push(run);
      expect(run.exitCode).toBe(1);
      expect(errorLines(run)).toContain('does not verify against the release keys this action ships');
      expect(errorLines(run)).toContain('Input: `helm-download-url`');
      expect(mirror.requests.map((request) => request.path)).toContain('/helm/helm-v4.1.4-linux-amd64.tar.gz.asc');
    } finally {
      await mirror.close();
      await signer.dispose();
    }
  });

  it('never runs the exec program of a kubeconfig input unless allow-kubeconfig-exec says so', async () => {
    const mark = path.join(e2e.toolCache, 'exec-ran');
    const kubeconfig = parse(e2e.sandbox.kubeconfig()) as { users: { user: Record<string, unknown> }[] };
    const token = String(kubeconfig.users[0].user.token);
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token },
    });
    kubeconfig.users[0].user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: '/bin/sh',
        args: ['-c', `touch '${mark}'; printf '%s' '${credential}'`],
        interactiveMode: 'Never',
      },
    };
    const inputs = { namespace: 'exec', kubeconfig: stringify(kubeconfig) };

    const refused = await e2e.run(inputs);
    expect(refused.exitCode).toBe(1);
    expect(errorLines(refused)).toContain(`user "sandbox-user" runs \`/bin/sh -c touch '${mark}';`);
    expect(existsSync(mark)).toBe(false);

    const allowed = await e2e.run({ ...inputs, 'allow-kubeconfig-exec': 'true' });
    expectSuccess(allowed);
    expect(existsSync(mark)).toBe(true);
  });

  it('sees the exec program a YAML merge key or an alias hides, as helm and kubectl would run it', async () => {
    const mark = path.join(e2e.toolCache, 'merged-exec-ran');
    const kubeconfig = parse(e2e.sandbox.kubeconfig()) as { users: { user: unknown }[] };
    const { token } = kubeconfig.users[0].user as { token: string };
    // The program prints a file, so that its command line (which the refusal shows) holds no token.
    const credentialFile = path.join(e2e.toolCache, 'merged-credential.json');
    const status = { token };
    await writeFile(
      credentialFile,
      JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status }),
    );
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: '/bin/sh',
      args: ['-c', `touch '${mark}'; cat '${credentialFile}'`],
      interactiveMode: 'Never',
    };
    kubeconfig.users[0].user = 'HIDDEN';
    const hidden = (user: string) =>
      `x-credential: &credential ${JSON.stringify({ exec })}\n${stringify(kubeconfig).replace('user: HIDDEN', `user: ${user}`)}`;
    for (const user of ['{<<: *credential}', '*credential']) {
      const refused = await e2e.run({ namespace: 'merged', kubeconfig: hidden(user) });
      expect(refused.exitCode).toBe(1);
      expect(errorLines(refused)).toContain(`\`kubeconfig\`: user "sandbox-user" runs \`/bin/sh -c touch '${mark}';`);
      expect(existsSync(mark)).toBe(false);
    }
    expect(e2e.sandbox.kube.get('', 'namespaces', '', 'merged')).toBeUndefined();

    // Allowed, the program helm and kubectl run is the one the policy saw, from the document the action wrote.
    const allowed = await e2e.run({
      namespace: 'merged',
      kubeconfig: hidden('{<<: *credential}'),
      'allow-kubeconfig-exec': 'true',
    });
    expectSuccess(allowed);
    expect(existsSync(mark)).toBe(true);
  });

  it('says in the summary what vouched for each tool', () => {
    expect(e2e.runs[0].summary).toContain(
      'helm 4.1.4 (verified by published checksum), kubectl 1.35.2 (verified by published checksum)',
    );
    expect(e2e.runs[1].summary).toContain('helm 4.1.4 (verified by published checksum, from the tool cache)');
  });

  it('leaks no secret of any run, in any form, anywhere', () => {
    expectCleanRuns(e2e, valueSecrets);
  });
});
