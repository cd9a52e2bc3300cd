import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureBinaries } from '../../sandbox/binaries.js';
import { REAL_CHARTS_DIR, realChartsAvailable } from '../../sandbox/chart-repository.js';
import { ActionError } from '../../src/errors.js';
import { privateHelmEnv } from '../../src/cluster/session.js';
import { redactManifest, renderChart } from '../../src/render/render.js';
import { realSeams, type ProcessRun, type Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';
import { prepareValues, writeValues } from '../../src/values/index.js';
import { createWorkspace } from '../../src/workspace.js';
import { captureStdout, configFrom, logLines, SECRETS, validInputs, type Files } from '../inputs/fixture.js';

type Manifest = { kind: string; metadata: { name: string }; [key: string]: unknown };

const documents = (manifest: string) =>
  parseAllDocuments(manifest)
    .map((document) => document.toJS() as Manifest | null)
    .filter((document): document is Manifest => document !== null);

async function prepare(inputs: Record<string, string>, files?: Files) {
  const secrets = new SecretSet();
  const config = configFrom({ ...validInputs(), ...inputs }, files, secrets);
  const plan = prepareValues(config, secrets);
  const workspace = await createWorkspace(await mkdtemp(path.join(tmpdir(), 'render-')));
  const valuesPath = await writeValues(plan, workspace);
  return { config, plan, workspace, valuesPath, secrets };
}

/** Plans the values of `inputs` and renders the fixture chart with the real helm 4, capturing the log. */
async function renderWithHelm4(inputs: Record<string, string>, files?: Files) {
  const { helm4 } = await ensureBinaries();
  return captureStdout(async () => {
    const { config, workspace, valuesPath, secrets } = await prepare(inputs, files);
    return renderChart(
      {
        chart: config.chart,
        session: { helm: { path: helm4, version: '4.1.4', major: 4 }, env: privateHelmEnv(workspace.dir) },
        valuesPath,
        secrets,
      },
      realSeams,
    );
  });
}

describe('renderChart with the real helm 4', () => {
  it('renders the fixture chart with the merged values and prints nothing secret', async () => {
    const { result, lines } = await renderWithHelm4({
      cache: 'builtin',
      'secret-env': `CUSTOM_SECRET=${SECRETS.secretEnv}`,
      env: 'EXTRA_FLAG=on',
    });
    const manifest = documents(result.manifest);
    const byKind = (kind: string) => manifest.filter((document) => document.kind === kind);

    expect(byKind('ServiceAccount').map((account) => account.metadata.name)).toEqual(['portkey-ai-gateway']);
    const gateway = byKind('Deployment').find((deployment) => deployment.metadata.name === 'portkey-ai-gateway');
    expect(gateway).toMatchObject({ spec: { template: { spec: { serviceAccountName: 'portkey-ai-gateway' } } } });
    expect(byKind('Deployment').map((deployment) => deployment.metadata.name)).toContain('redis');

    const envSecret = byKind('Secret').find((secret) => secret.metadata.name === 'portkey-ai-gateway');
    expect(envSecret?.stringData).toEqual({
      ANALYTICS_STORE: '***',
      CACHE_STORE: '***',
      CUSTOM_SECRET: '***',
      EXTRA_FLAG: '***',
      ORGANISATIONS_TO_SYNC: '***',
      PORT: '***',
      PORTKEY_CLIENT_AUTH: '***',
      REDIS_TLS_ENABLED: '***',
      REDIS_URL: '***',
      SERVER_MODE: '***',
      SERVICE_NAME: '***',
    });
    const pullSecret = byKind('Secret').find(
      (secret) => secret.metadata.name === 'portkeyenterpriseregistrycredentials',
    );
    expect(pullSecret?.data).toEqual({ '.dockerconfigjson': '***' });

    const printed = logLines(lines).join('\n');
    expect(printed).toContain('kind: ServiceAccount');
    expect(printed).toContain('PORTKEY_CLIENT_AUTH: "***"');
    for (const text of [printed, result.manifest]) {
      expect(text).not.toMatch(/<docker-(user|pwd)>/);
      for (const secret of [SECRETS.clientAuth, SECRETS.registryPassword, SECRETS.secretEnv]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('renderChart hides secret-derived values in every kind of object', () => {
  it('with environment.secret false, the ConfigMap shows no secret in any form', async () => {
    const quoted = 'pw-with-"quotes"-and\\backslash';
    const multiLine = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const { result, lines } = await renderWithHelm4({
      values: 'environment: {secret: false}',
      'secret-env': `QUOTED=${quoted}`,
      set: `environment.data.TLS_KEY:json=${JSON.stringify(multiLine)}\nenvironment.data.MY_PWD=my-pwd-4242`,
    });
    const configMap = documents(result.manifest).find((document) => document.kind === 'ConfigMap');
    expect(configMap?.data).toMatchObject({
      PORTKEY_CLIENT_AUTH: '***',
      QUOTED: '***',
      TLS_KEY: '***',
      MY_PWD: '***',
      SERVICE_NAME: 'gateway',
    });
    const printed = [logLines(lines).join('\n'), result.manifest].join('\n');
    for (const secret of [SECRETS.clientAuth, quoted, multiLine, 'my-pwd-4242']) {
      expect(printed).not.toContain(secret);
      expect(printed).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(printed).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
  });

  it('hides a base64 value that decodes to a secret, and a secret inside a longer value, in any object', () => {
    const secrets = new SecretSet(() => undefined);
    secrets.add('hunter2-secret');
    const encoded = Buffer.from('{"password":"hunter2-secret"}').toString('base64');
    const manifest = [
      'kind: ConfigMap',
      'binaryData:',
      `  blob: ${encoded}`,
      'data:',
      '  url: "postgres://u:hunter2-secret@db/x"',
      '---',
      'kind: Deployment',
      'metadata: {annotations: {note: plain}}',
      'spec: {template: {spec: {containers: [{env: [{name: A, value: "hunter2-secret"}]}]}}}',
    ].join('\n');
    const redacted = redactManifest(manifest, secrets).manifest;
    expect(redacted).not.toContain('hunter2-secret');
    expect(redacted).not.toContain(encoded);
    const [configMap, deployment] = documents(redacted);
    expect(configMap).toMatchObject({ binaryData: { blob: '***' }, data: { url: 'postgres://u:***@db/x' } });
    expect(deployment).toMatchObject({
      metadata: { annotations: { note: 'plain' } },
      spec: { template: { spec: { containers: [{ env: [{ name: 'A', value: '***' }] }] } } },
    });
  });
});

describe('renderChart argv and failures', () => {
  const fakeSeams = (run: ProcessRun): Seams => ({ ...realSeams, run });

  it('passes only names, paths and versions to helm', async () => {
    const calls: { file: string; args: string[] }[] = [];
    const { result: config } = await captureStdout(() =>
      configFrom({ ...validInputs(), chart: 'gateway', 'chart-version': '1.7.7', namespace: 'ai' }),
    );
    await captureStdout(() =>
      renderChart(
        {
          chart: config.chart,
          session: { helm: { path: '/bin/helm', version: '4.1.4', major: 4 }, env: {} },
          valuesPath: '/ws/values.yaml',
          secrets: new SecretSet(() => undefined),
        },
        fakeSeams(async (file, args) => {
          calls.push({ file, args });
          return { exitCode: 0, stdout: 'kind: ConfigMap\n', stderr: '' };
        }),
      ),
    );
    expect(calls).toEqual([
      {
        file: '/bin/helm',
        args: [
          'template',
          'portkey-ai',
          'gateway',
          '-n',
          'ai',
          '-f',
          '/ws/values.yaml',
          '--repo',
          'https://portkey-ai.github.io/helm',
          '--version',
          '1.7.7',
        ],
      },
    ]);
  });

  it("keeps helm's message, without secrets, when helm fails", async () => {
    const { result: config } = await captureStdout(() => configFrom(validInputs()));
    const failing = fakeSeams(async () => ({
      exitCode: 1,
      stdout: '',
      stderr: `Error: template: bad value ${SECRETS.clientAuth}`,
    }));
    const secrets = new SecretSet(() => undefined);
    secrets.add(SECRETS.clientAuth);
    const session = { helm: { path: 'helm', version: '4.1.4', major: 4 as const }, env: {} };
    const attempt = captureStdout(() =>
      renderChart({ chart: config.chart, session, valuesPath: 'v.yaml', secrets }, failing),
    );
    await expect(attempt).rejects.toThrow(
      new ActionError('helm template failed (exit 1): Error: template: bad value ***'),
    );
  });

  it('hides every secret value of a Secret and any known secret elsewhere', () => {
    const manifest = [
      '# Source: x/secret.yaml',
      'apiVersion: v1',
      'kind: Secret',
      'data:',
      '  token: c2VjcmV0',
      '---',
      'kind: ConfigMap',
      'data:',
      '  note: the value is hunter2',
    ].join('\n');
    const secrets = new SecretSet(() => undefined);
    secrets.add('hunter2');
    const redacted = redactManifest(manifest, secrets).manifest;
    expect(redacted).toContain('# Source: x/secret.yaml');
    expect(redacted).toContain('token: "***"');
    expect(redacted).toContain('note: the value is ***');
    expect(redacted).not.toMatch(/c2VjcmV0|hunter2/);
  });
});

describe('a render a reviewer can read', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it("shows the env Secret's values that are no secret decoded, and keeps every secret one ***", () => {
    const secrets = new SecretSet(() => undefined);
    secrets.add('client-auth-0123456789', '42');
    const manifest = [
      '---',
      'kind: Secret',
      'metadata: {name: portkey-ai-gateway}',
      'data:',
      `  SERVICE_NAME: ${b64('portkey-ai-gateway')}`,
      `  PORT: ${b64('8787')}`,
      `  LOG_STORE: ${b64('azure')}`,
      `  PORTKEY_CLIENT_AUTH: ${b64('client-auth-0123456789')}`,
      `  ORGANISATION_ID: ${b64('client-auth-0123456789')}`,
      `  AZURE_STORAGE_KEY: ${b64('not-known-but-named-secret')}`,
      `  REDIS_URL: ${b64('redis://user:pa55word@cache:6379')}`,
      `  PIN: ${b64('42')}`,
      '  CACHE_STORE: ""',
    ].join('\n');
    const { manifest: shown } = redactManifest(manifest, secrets);
    const [secret] = documents(shown);
    expect(secret.data).toEqual({
      SERVICE_NAME: 'portkey-ai-gateway',
      PORT: '8787',
      LOG_STORE: 'azure',
      PORTKEY_CLIENT_AUTH: '***',
      ORGANISATION_ID: '***',
      AZURE_STORAGE_KEY: '***',
      REDIS_URL: '***',
      PIN: '***',
      CACHE_STORE: '',
    });
    expect(shown).toContain('# decoded from base64 to read');
    expect(shown).not.toMatch(/client-auth-0123456789|pa55word|not-known-but-named-secret/);
  });

  it('keeps the last of a key rendered twice, says so, and prints one --- per document', () => {
    const manifest = [
      '---',
      '# Source: gateway/templates/ingress.yaml',
      'kind: Ingress',
      'metadata:',
      '  name: gw',
      '  annotations:',
      '    probe: /v1/health',
      '    probe: /v1/health',
      '---',
      'kind: Service',
      'metadata: {name: gw}',
    ].join('\n');
    const rendered = redactManifest(manifest, new SecretSet(() => undefined));
    expect(rendered.objects).toEqual(['Ingress/gw', 'Service/gw']);
    expect(rendered.manifest).not.toContain('could not be parsed');
    expect(rendered.manifest.match(/^---$/gm)).toHaveLength(2);
    expect(rendered.manifest).toContain('# Source: gateway/templates/ingress.yaml');
    expect(documents(rendered.manifest)[0]).toMatchObject({ metadata: { annotations: { probe: '/v1/health' } } });
    expect(rendered.warnings).toEqual([
      'Ingress/gw: the chart renders key probe twice in one map; helm and the API server keep the last, as the manifest shown does.',
    ]);
  });

  (realChartsAvailable() ? it : it.skip)(
    "renders Portkey's chart 1.7.7 with an Ingress beside a LoadBalancer Service: every object parsed, env readable",
    async () => {
      const unpacked = await mkdtemp(path.join(tmpdir(), 'chart-'));
      execFileSync('tar', ['-xzf', path.join(REAL_CHARTS_DIR, 'gateway-1.7.7.tgz'), '-C', unpacked]);
      // The chart as a repository would vendor it: files of the checkout.
      const files: Files = {};
      for (const file of readdirSync(unpacked, { recursive: true, withFileTypes: true })) {
        if (!file.isFile()) continue;
        const at = path.join(file.parentPath, file.name);
        files[path.relative(unpacked, at)] = readFileSync(at, 'utf8');
      }
      const { result, lines } = await renderWithHelm4(
        {
          chart: './gateway',
          'ingress-class': 'webapprouting.kubernetes.azure.com',
          'service-type': 'LoadBalancer',
          'allowed-ip-ranges': '203.0.113.0/24',
        },
        files,
      );
      expect(result.manifest).not.toContain('could not be parsed');
      expect(result.manifest).not.toMatch(/^---\n---$/m);
      expect(result.warnings).toEqual([]);
      expect(result.objects).toEqual(
        expect.arrayContaining(['Ingress/portkey-ai-gateway', 'Service/portkey-ai-gateway']),
      );
      const ingress = documents(result.manifest).find((d) => d.kind === 'Ingress')!;
      expect(ingress).toMatchObject({
        metadata: {
          annotations: { 'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/v1/health' },
        },
      });
      const env = documents(result.manifest).find(
        (d) => d.kind === 'Secret' && d.metadata.name === 'portkey-ai-gateway',
      )!;
      expect(env.data).toMatchObject({ PORT: '8787', PORTKEY_CLIENT_AUTH: '***' });
      expect(logLines(lines).join('\n')).not.toContain(SECRETS.clientAuth);
    },
  );
});
