import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import {
  AKS_SERVER_APP_ID,
  entraServerId,
  execCredential,
  kubeconfigSecrets,
  kubeconfigText,
  parseKubeconfig,
  withEntraCredentialFile,
} from '../../src/kubeconfig/index.js';

/** An AKS kubeconfig (`format=exec` or the retired azure auth-provider), with another cluster beside it. */
function aksKubeconfig(user: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'aks',
    clusters: [
      { name: 'other', cluster: { server: 'https://other.example:443' } },
      {
        name: 'aks',
        cluster: { server: 'https://aks.hcp.westeurope.azmk8s.io:443', 'certificate-authority-data': 'Q0E=' },
      },
    ],
    contexts: [{ name: 'aks', context: { cluster: 'aks', user: 'clusterUser_rg_aks' } }],
    users: [
      { name: 'clusterUser_rg_aks', user },
      { name: 'someone-else', user: { token: 'not-used' } },
    ],
  });
}

const kubeloginExec = (serverId = AKS_SERVER_APP_ID) => ({
  exec: {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    command: 'kubelogin',
    args: ['get-token', '--environment', 'AzureCloud', '--server-id', serverId, '--login', 'devicecode'],
  },
});

const azureAuthProvider = {
  'auth-provider': {
    name: 'azure',
    config: {
      'apiserver-id': 'legacy-server-app',
      'client-id': 'legacy-client',
      'tenant-id': 'tenant',
      'access-token': 'stale-access-token',
      'refresh-token': 'stale-refresh-token',
      environment: 'AzurePublicCloud',
    },
  },
};

const read = (user: Record<string, unknown>) => parseKubeconfig(aksKubeconfig(user));

describe('entraServerId', () => {
  it("reads the current context's server and no Entra login for a token user", () => {
    const kubeconfig = read({ token: 'abc' });
    expect(kubeconfig.cluster.server).toBe('https://aks.hcp.westeurope.azmk8s.io:443');
    expect(entraServerId(kubeconfig)).toBeUndefined();
  });

  it('recognises the kubelogin exec user and its server id', () => {
    expect(entraServerId(read(kubeloginExec()))).toBe(AKS_SERVER_APP_ID);
    expect(entraServerId(read(kubeloginExec('custom-app')))).toBe('custom-app');
    const windowsPath = { exec: { command: 'C:\\tools\\kubelogin.exe', args: ['get-token'] } };
    expect(entraServerId(read(windowsPath))).toBe(AKS_SERVER_APP_ID);
  });

  it('recognises the legacy azure auth-provider and its apiserver-id', () => {
    expect(entraServerId(read(azureAuthProvider))).toBe('legacy-server-app');
  });

  it('leaves other exec plugins alone', () => {
    expect(entraServerId(read({ exec: { command: 'aws', args: ['eks', 'get-token'] } }))).toBeUndefined();
  });
});

describe('withEntraCredentialFile', () => {
  it.each([
    ['kubelogin exec', kubeloginExec()],
    ['azure auth-provider', azureAuthProvider],
  ])('replaces the %s user with an exec user printing the credential file, and keeps the cluster', (_, user) => {
    const original = read(user);
    const rewritten = JSON.parse(
      kubeconfigText(withEntraCredentialFile(original, '/tmp/ws/cluster-credential.json', '/opt/node')),
    );
    expect(rewritten.users).toEqual([
      {
        name: 'clusterUser_rg_aks',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            command: '/opt/node',
            args: ['-e', expect.stringContaining('readFileSync'), '/tmp/ws/cluster-credential.json'],
            interactiveMode: 'Never',
          },
        },
      },
    ]);
    expect(rewritten.clusters).toEqual([{ name: 'aks', cluster: original.cluster }]);
    expect(rewritten.contexts).toEqual([{ name: 'aks', context: { cluster: 'aks', user: 'clusterUser_rg_aks' } }]);
  });

  it('the exec user prints the credential file through the given node', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'credential-'));
    const file = path.join(dir, 'cluster-credential.json');
    await writeFile(file, execCredential('entra-token', Date.parse('2026-11-22T10:00:00Z'), 60_000));
    const { command, args } = withEntraCredentialFile(read(kubeloginExec()), file, process.execPath).user.exec!;
    const printed = JSON.parse(execFileSync(command, args ?? [], { encoding: 'utf8' }));
    expect(printed).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: 'entra-token', expirationTimestamp: '2026-11-22T09:59:00Z' },
    });
  });
});

describe('kubeconfigSecrets', () => {
  it('lists tokens, client keys and auth-provider tokens, not the CA or server', () => {
    expect(
      kubeconfigSecrets(
        read({ token: 't0k3n', 'client-key-data': 'a2V5', 'client-certificate-data': 'Y2VydA==' }),
      ).sort(),
    ).toEqual(['t0k3n', 'a2V5', 'Y2VydA=='].sort());
    expect(kubeconfigSecrets(read({ username: 'admin', password: 'hunter2' }))).toEqual([
      'hunter2',
      Buffer.from('admin:hunter2').toString('base64'),
    ]);
    expect(kubeconfigSecrets(read(azureAuthProvider)).sort()).toEqual(['stale-access-token', 'stale-refresh-token']);
  });
});
