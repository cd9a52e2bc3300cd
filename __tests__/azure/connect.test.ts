// connectToCluster end to end against the GitHub OIDC, Entra ID and Resource Manager stand-ins, each run in a
// Node 24 child that trusts the test CA the way a runner would (NODE_EXTRA_CA_CERTS).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AKS_SERVER_APP_ID, startEntra, type Entra } from '../../sandbox/entra.js';
import { SUBJECT, startAzureSandbox, visibleLines, type AzureSandbox, type RunResult } from './azure-sandbox.js';

/** An HTTP proxy that records each CONNECT target and refuses it: requests meant for the internet stop here. */
async function startRefusingProxy() {
  const targets: string[] = [];
  const server = createServer((_req, res) => res.writeHead(403).end());
  server.on('connect', (req, socket) => {
    targets.push(req.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every token either stand-in issued must be registered as a secret and never shown. */
function expectNoSecretShown(sandbox: AzureSandbox, run: RunResult) {
  const secrets = [
    ...sandbox.oidc.issued.map((i) => i.token),
    ...sandbox.entra.issued.map((i) => i.token),
    sandbox.oidc.requestToken,
    sandbox.clusterToken,
  ];
  const shown = visibleLines(run.log).join('\n');
  for (const secret of secrets) expect(shown).not.toContain(secret);
  const masks = run.log.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice(12));
  const minted = [...sandbox.oidc.issued, ...sandbox.entra.issued].map((i) => i.token);
  for (const token of minted.filter((t) => run.log.join('\n').includes(t))) expect(masks).toContain(token);
}

describe('connectToCluster: plain (non Entra) cluster', () => {
  let sandbox: AzureSandbox;
  beforeAll(async () => {
    sandbox = await startAzureSandbox();
  });
  afterAll(() => sandbox.close());

  it('signs in with GitHub OIDC, fetches user credentials and writes them 0600 in the workspace', async () => {
    const run = await sandbox.connect();

    expect(run.error).toBeUndefined();
    expect(run.connection).toMatchObject({
      server: 'https://aks-portkey-dns-12345678.hcp.westeurope.azmk8s.io:443',
      entraId: false,
    });
    const file = run.connection!.kubeconfigPath;
    expect(path.dirname(path.dirname(file))).toBe(sandbox.runnerTemp);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The same document, normalised: one JSON text helm and kubectl cannot read two ways.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(parse(sandbox.clusterKubeconfig));

    expect(sandbox.oidc.requests.at(-1)!.url).toContain('audience=api%3A%2F%2FAzureADTokenExchange');
    expect(sandbox.entra.tokenRequests.at(-1)).toMatchObject({ scope: `${sandbox.arm.url}/.default`, status: 200 });
    const armCall = sandbox.arm.requests.at(-1)!;
    expect(armCall).toMatchObject({
      method: 'POST',
      path: `/subscriptions/${sandbox.azure.subscriptionId}/resourceGroups/rg-portkey/providers/Microsoft.ContainerService/managedClusters/aks-portkey/listClusterUserCredential`,
      query: { 'api-version': '2024-09-01', format: 'exec' },
      authorized: true,
    });
    expect(await readFile(sandbox.githubEnv, 'utf8')).not.toContain('KUBECONFIG');
    expectNoSecretShown(sandbox, run);
    // Masked before the first request: NODE_DEBUG=https prints the Authorization header of the OIDC request.
    const masks = run.log.filter((line) => line.startsWith('::add-mask::'));
    expect(masks[0]).toBe(`::add-mask::${sandbox.oidc.requestToken}`);
  });

  it('fetches admin credentials and exports KUBECONFIG when asked', async () => {
    const run = await sandbox.connect({ cluster: { admin: true, exportKubeconfig: true } });

    expect(run.error).toBeUndefined();
    expect(sandbox.arm.requests.at(-1)!.path).toMatch(/\/listClusterAdminCredential$/);
    expect(sandbox.arm.requests.at(-1)!.query).toEqual({ 'api-version': '2024-09-01' });
    const githubEnv = await readFile(sandbox.githubEnv, 'utf8');
    expect(githubEnv).toContain(run.connection!.kubeconfigPath);
    expect(githubEnv).toMatch(/^KUBECONFIG<</m);
  });

  it('waits out throttling, honouring Retry-After', async () => {
    const credentialCalls = () => sandbox.arm.requests.filter((r) => /listClusterUserCredential$/.test(r.path)).length;
    const before = credentialCalls();
    sandbox.arm.failNext(429, 1, 1);
    const run = await sandbox.connect();

    expect(run.error).toBeUndefined();
    expect(credentialCalls() - before).toBe(2);
    expect(run.log).toContain('Resource Manager answered HTTP 429; retrying in 1 s (attempt 2).');
  });

  it('signs in with workload identity when sign-in says so (token file re-read, no GitHub token)', async () => {
    const tokenFile = path.join(sandbox.runnerTemp, 'azure-identity-token');
    await writeFile(tokenFile, sandbox.oidc.issueToken());
    const oidcCalls = sandbox.oidc.requests.length;
    const run = await sandbox.connect({
      azure: { signIn: 'workload-identity', clientId: '', tenantId: '', authorityHost: '' },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
        AZURE_FEDERATED_TOKEN_FILE: tokenFile,
        AZURE_CLIENT_ID: sandbox.azure.clientId,
        AZURE_TENANT_ID: sandbox.azure.tenantId,
        AZURE_AUTHORITY_HOST: sandbox.entra.url,
      },
    });

    expect(run.error).toBeUndefined();
    expect(run.log.join('\n')).toContain('workload identity');
    expect(sandbox.oidc.requests.length).toBe(oidcCalls);
    expect(sandbox.entra.tokenRequests.at(-1)).toMatchObject({ clientId: sandbox.azure.clientId, status: 200 });
  });

  describe('the Azure SDK variables of the job are never read without sign-in: workload-identity', () => {
    let decoy: Entra;
    let proxy: { url: string; targets: string[]; close(): Promise<void> };
    beforeAll(async () => {
      decoy = await startEntra({ tls: sandbox.tls, trust: [sandbox.oidc], apps: [], resources: [] });
      proxy = await startRefusingProxy();
    });
    afterAll(async () => {
      await decoy.close();
      await proxy.close();
    });

    it('AZURE_AUTHORITY_HOST does not receive the GitHub OIDC token when authority-host is empty', async () => {
      // The cloud's own authority is then the right one; a proxy that refuses everything keeps the test offline and
      // shows where the request went.
      const run = await sandbox.connect({
        azure: { authorityHost: '' },
        env: { AZURE_AUTHORITY_HOST: decoy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
      });
      expect(decoy.requests).toEqual([]);
      expect(proxy.targets).toContain('login.microsoftonline.com:443');
      expect(run.error?.message).toContain('authority https://login.microsoftonline.com');
    });

    it('AZURE_FEDERATED_TOKEN_FILE is not posted as the assertion when client-id is empty', async () => {
      const tokenFile = path.join(sandbox.runnerTemp, 'planted-token');
      await writeFile(tokenFile, sandbox.oidc.issueToken());
      const exchanges = sandbox.entra.tokenRequests.length;
      const run = await sandbox.connect({
        azure: { clientId: '' },
        env: { AZURE_FEDERATED_TOKEN_FILE: tokenFile, AZURE_CLIENT_ID: sandbox.azure.clientId },
      });
      expect(run.error).toMatchObject({ input: 'client-id', message: expect.stringContaining('`client-id` is empty') });
      expect(sandbox.entra.tokenRequests.length).toBe(exchanges);
    });

    it('regional, logging and identity variables change nothing: the inputs alone decide', async () => {
      const run = await sandbox.connect({
        env: {
          AZURE_AUTHORITY_HOST: decoy.url,
          AZURE_CLIENT_ID: randomUUID(),
          AZURE_TENANT_ID: randomUUID(),
          AZURE_REGIONAL_AUTHORITY_NAME: 'westus2',
          MSAL_FORCE_REGION: 'westus2',
          AZURE_LOG_LEVEL: 'verbose',
          DEBUG: 'azure*',
          IDENTITY_ENDPOINT: decoy.url,
          MSI_ENDPOINT: decoy.url,
        },
      });
      expect(run.error).toBeUndefined();
      expect(sandbox.entra.tokenRequests.at(-1)).toMatchObject({
        clientId: sandbox.azure.clientId,
        tenantId: sandbox.azure.tenantId,
        status: 200,
      });
      expect(decoy.requests).toEqual([]);
      expectNoSecretShown(sandbox, run);
    });
  });

  it.each([
    ['Entra error body', false],
    ['proxy page', true],
  ])(
    "says an Entra 5xx (%s) is on Entra's side, with its code and trace id, and not the inputs",
    async (_kind, html) => {
      sandbox.entra.failOnServer({ status: 503, html });
      const run = await sandbox.connect().finally(() => sandbox.entra.failOnServer(undefined));

      expect(run.error?.message).toMatch(/^Entra ID failed on its side \(HTTP 503/);
      expect(run.error?.message).not.toContain('[object Object]');
      if (!html) expect(run.error?.message).toMatch(/AADSTS90033.*trace ID [0-9a-f-]{36}/);
      expect(run.error?.hint).toMatch(/re-run the job/i);
      expect(run.error?.hint).toContain('not about the sign-in inputs');
      expect(run.error?.input).toBeUndefined();
    },
  );

  it('says to grant id-token: write when the job cannot mint OIDC tokens', async () => {
    const run = await sandbox.connect({
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined },
    });

    expect(run.error?.message).toContain('ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set');
    expect(run.error?.hint).toContain('permissions: id-token: write');
  });

  it('prints the claims and the exact subject to register when no federated credential matches', async () => {
    const pullRequest = 'repo:octo-org/portkey-infra:pull_request';
    sandbox.oidc.setSubject(pullRequest);
    const run = await sandbox.connect().finally(() => sandbox.oidc.setSubject(SUBJECT));

    expect(run.error?.message).toContain('AADSTS70021');
    expect(run.error?.input).toBe('client-id');
    expect(run.error?.hint).toContain(`subject "${pullRequest}"`);
    expect(run.error?.hint).toContain('issuer "https://token.actions.githubusercontent.com"');
    expect(run.error?.diagnosis).toMatch(/subject: +repo:octo-org\/portkey-infra:pull_request/);
    expect(run.error?.diagnosis).toMatch(/audience: +api:\/\/AzureADTokenExchange/);
    expect(run.error?.diagnosis).toContain('job_workflow_ref');
    for (const { token } of sandbox.oidc.issued) {
      expect(JSON.stringify(run.error)).not.toContain(token);
    }
    expectNoSecretShown(sandbox, run);
  });

  it('names client-id and tenant-id when the app is not in the tenant (AADSTS700016)', async () => {
    const wrongClient = randomUUID();
    const run = await sandbox.connect({ azure: { clientId: wrongClient } });

    expect(run.error?.message).toContain('AADSTS700016');
    expect(run.error?.input).toBe('client-id');
    expect(run.error?.hint).toContain(wrongClient);
    expect(run.error?.hint).toContain('`tenant-id`');
  });

  it('explains an expired assertion (AADSTS700024)', async () => {
    sandbox.entra.refuse('AADSTS700024');
    const run = await sandbox.connect().finally(() => sandbox.entra.refuse(undefined));

    expect(run.error?.message).toContain('AADSTS700024');
    expect(run.error?.hint).toContain('had expired');
  });

  it('names the missing role on 403', async () => {
    sandbox.arm.failNext(403);
    const run = await sandbox.connect();

    expect(run.error?.message).toContain('HTTP 403 AuthorizationFailed');
    expect(run.error?.hint).toContain('"Azure Kubernetes Service Cluster User Role"');
    expect(run.error?.hint).toContain(sandbox.azure.clientId);
  });

  it('names the input to check on 404', async () => {
    const run = await sandbox.connect({ cluster: { resourceGroup: 'rg-typo' } });

    expect(run.error?.message).toContain('ResourceGroupNotFound');
    expect(run.error?.input).toBe('resource-group');
    expect(run.error?.hint).toContain('rg-typo');
  });

  it('suggests admin: false when the cluster has local accounts disabled', async () => {
    sandbox.arm.localAccountsDisabled = true;
    const run = await sandbox
      .connect({ cluster: { admin: true } })
      .finally(() => (sandbox.arm.localAccountsDisabled = false));

    expect(run.error?.message).toContain('local accounts disabled');
    expect(run.error?.input).toBe('admin');
    expect(run.error?.hint).toContain('`admin: false`');
  });
});

describe('connectToCluster: Entra ID cluster with short-lived tokens', () => {
  let sandbox: AzureSandbox;
  beforeAll(async () => {
    sandbox = await startAzureSandbox({
      arm: { entraId: true },
      oidc: { lifetimeSeconds: 3 },
      entra: { accessTokenLifetimeSeconds: 3 },
    });
  });
  afterAll(() => sandbox.close());

  it('replaces kubelogin with an AKS token and re-mints both tokens before they expire', async () => {
    const run = await sandbox.connect({ refreshAfterMs: [2500] });

    expect(run.error).toBeUndefined();
    expect(run.connection?.entraId).toBe(true);
    const [user] = run.kubeconfigs!.map(
      (text) => (parse(text) as { users: { user: Record<string, unknown> }[] }).users[0].user,
    );
    // No static token: an exec credential that helm re-runs, reading the token the action keeps renewing.
    expect(Object.keys(user)).toEqual(['exec']);
    const [first, refreshed] = run.tokens!;
    expect(first).not.toBe(refreshed);
    expect(sandbox.entra.isValidToken(refreshed, AKS_SERVER_APP_ID)).toBe(true);
    // One Resource Manager token per ARM call (the cluster's settings, its credentials): these live 3 s, so none is
    // reused.
    expect(sandbox.entra.tokenRequests.map((r) => r.scope)).toEqual([
      `${sandbox.arm.url}/.default`,
      `${sandbox.arm.url}/.default`,
      `${AKS_SERVER_APP_ID}/.default`,
      `${AKS_SERVER_APP_ID}/.default`,
    ]);
    // A GitHub token near expiry was replaced for the last exchange, and none was fetched twice for one exchange
    // (identity asks for the assertion twice per token).
    const armExchange = sandbox.entra.tokenRequests[0];
    const refreshExchange = sandbox.entra.tokenRequests.at(-1)!;
    expect(refreshExchange.assertionClaims?.jti).not.toBe(armExchange.assertionClaims?.jti);
    expect(sandbox.oidc.requests.length).toBeGreaterThanOrEqual(2);
    expect(sandbox.oidc.requests.length).toBeLessThanOrEqual(3);
    expect(sandbox.entra.tokenRequests.every((r) => r.status === 200)).toBe(true);
    expectNoSecretShown(sandbox, run);
  });
});
