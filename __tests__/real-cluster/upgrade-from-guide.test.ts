// A gateway installed by hand the way Portkey's AKS guide does it (`helm upgrade --install` of chart 1.7.6 with a
// values.yaml), then taken over by the action, which upgrades it to 1.7.7: the settings in that values.yaml survive,
// and the service account 1.7.6 created (1.7.7 no longer creates one by default) stays the pods' service account.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensureBinaries } from '../../sandbox/binaries.js';
import { PK8S } from '../../sandbox/real-cluster/control-plane.js';
import { describeRun, expectCleanRuns } from '../e2e/harness.js';
import { gatewayEnvironment, names, releaseRevisions, startRealE2e, type RealE2e } from './tier.js';

jest.setTimeout(300_000);
const execFileAsync = promisify(execFile);

/** values.yaml as the guide has users write it: built-in Redis, Blob logs with Entra ID, a LoadBalancer Service. */
const guideValues = (registryPassword: string, port: number) => `
imageCredentials:
  - name: portkeyenterpriseregistrycredentials
    create: true
    registry: https://index.docker.io/v1/
    username: hand-installer
    password: ${registryPassword}
environment:
  create: true
  secret: true
  data:
    ANALYTICS_STORE: control_plane
    SERVICE_NAME: gateway-by-hand
    PORTKEY_CLIENT_AUTH: client-auth-from-the-guide
    ORGANISATIONS_TO_SYNC: org-from-the-guide
    PORT: "8787"
    CACHE_STORE: redis
    REDIS_URL: "redis://redis:6379"
    REDIS_TLS_ENABLED: "false"
    LOG_STORE: azure
    AZURE_STORAGE_ACCOUNT: stguidelogs
    AZURE_STORAGE_CONTAINER: guide-logs
    AZURE_AUTH_MODE: entra
    AZURE_ENTRA_CLIENT_ID: 11111111-2222-3333-4444-555555555555
    AZURE_ENTRA_CLIENT_SECRET: entra-secret-from-the-guide
    AZURE_ENTRA_TENANT_ID: 66666666-7777-8888-9999-000000000000
service:
  type: LoadBalancer
  port: ${port}
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "false"
`;

describe('taking over a release installed by hand with chart 1.7.6', () => {
  let e2e: RealE2e;
  let work: string;

  beforeAll(async () => {
    e2e = await startRealE2e();
    work = mkdtempSync(path.join(os.tmpdir(), 'hand-install-'));
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('upgrades it to 1.7.7 from the same values.yaml, keeping its settings and service account', async () => {
    const values = guideValues(e2e.sandbox.inputs['registry-password'], e2e.sandbox.gateway.port);
    writeFileSync(path.join(work, 'values.yaml'), values, { mode: 0o600 });
    const { helm4 } = await ensureBinaries();
    // The guide's command, verbatim but for the repository (this sandbox's) and a pinned version.
    await execFileAsync(
      helm4,
      [
        'upgrade',
        '--install',
        'portkey-ai',
        'gateway',
        '--repo',
        e2e.sandbox.chartRepository!.url,
        '--version',
        '1.7.6',
      ]
        .concat(['-f', path.join(work, 'values.yaml'), '-n', 'by-hand', '--create-namespace', '--wait'])
        .concat(['--kubeconfig', path.join(PK8S, 'kubeconfig')]),
      {
        env: {
          PATH: process.env.PATH,
          HOME: work,
          SSL_CERT_FILE: e2e.sandbox.tls.caFile,
          HELM_CONFIG_HOME: path.join(work, 'helm'),
          HELM_CACHE_HOME: path.join(work, 'helm-cache'),
          HELM_DATA_HOME: path.join(work, 'helm-data'),
        },
      },
    );
    expect(await names(e2e.client, '/api/v1/namespaces/by-hand/serviceaccounts')).toContain('portkey-ai-gateway');

    const run = await e2e.run(
      {
        namespace: 'by-hand',
        'values-files': 'values.yaml',
        // The repository's values.yaml holds the credentials; the workflow adds none of its own.
        'portkey-client-auth': '',
        'organisations-to-sync': '',
        'registry-username': '',
        'registry-password': '',
        'service-port': '',
      },
      { workspaceFiles: { 'values.yaml': values } },
    );
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
    expect(run.outputs).toMatchObject({
      'release-revision': '2',
      'chart-version': '1.7.7',
      'app-version': '2.13.0',
      'smoke-test-status': 'passed',
    });
    expect(await releaseRevisions(e2e.client, 'by-hand', 'portkey-ai')).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect(await gatewayEnvironment(e2e.client, 'by-hand', 'portkey-ai-gateway')).toMatchObject({
      SERVICE_NAME: 'gateway-by-hand',
      PORTKEY_CLIENT_AUTH: 'client-auth-from-the-guide',
      ORGANISATIONS_TO_SYNC: 'org-from-the-guide',
      CACHE_STORE: 'redis',
      LOG_STORE: 'azure',
      AZURE_AUTH_MODE: 'entra',
      AZURE_ENTRA_CLIENT_SECRET: 'entra-secret-from-the-guide',
    });
    expect(await names(e2e.client, '/apis/apps/v1/namespaces/by-hand/deployments')).toEqual([
      'portkey-ai-gateway',
      'redis',
    ]);
    const deployment = await e2e.client.get('/apis/apps/v1/namespaces/by-hand/deployments/portkey-ai-gateway');
    const pod = (deployment?.spec?.template as { spec: { serviceAccountName: string } }).spec;
    expect(pod.serviceAccountName).toBe('portkey-ai-gateway');
    expect(await names(e2e.client, '/api/v1/namespaces/by-hand/serviceaccounts')).toContain('portkey-ai-gateway');
  });

  it('uses a service account made outside the chart without taking it over', async () => {
    await e2e.client.send('POST', '/api/v1/namespaces', { metadata: { name: 'own-sa' } });
    await e2e.client.send('POST', '/api/v1/namespaces/own-sa/serviceaccounts', {
      metadata: { name: 'made-by-terraform', annotations: { owner: 'terraform' } },
    });
    const run = await e2e.run({
      namespace: 'own-sa',
      'create-service-account': 'false',
      'service-account-name': 'made-by-terraform',
    });
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
    const deployment = await e2e.client.get('/apis/apps/v1/namespaces/own-sa/deployments/portkey-ai-gateway');
    expect((deployment?.spec?.template as { spec: { serviceAccountName: string } }).spec.serviceAccountName).toBe(
      'made-by-terraform',
    );
    const account = await e2e.client.get('/api/v1/namespaces/own-sa/serviceaccounts/made-by-terraform');
    // Not adopted by helm: no release annotations, its own annotations untouched.
    expect(account?.metadata.annotations).toEqual({ owner: 'terraform' });
    expect(await names(e2e.client, '/api/v1/namespaces/own-sa/serviceaccounts')).toEqual([
      'default',
      'made-by-terraform',
    ]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
