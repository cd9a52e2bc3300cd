import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import {
  AKS_SERVER_APP_ID,
  execCredential,
  inspectKubeconfig,
  kubeconfigSecrets,
  withEntraCredentialFile,
} from '../../src/azure/kubeconfig.js';

function kubeconfig(user: Record<string, unknown>, extraUsers: { name: string; user: unknown }[] = []): string {
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
    users: [{ name: 'clusterUser_rg_aks', user }, ...extraUsers],
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

describe('inspectKubeconfig', () => {
  it("reports the current context's server and no Entra login for a token user", () => {
    expect(inspectKubeconfig(kubeconfig({ token: 'abc' }))).toEqual({
      server: 'https://aks.hcp.westeurope.azmk8s.io:443',
      entraServerId: undefined,
    });
  });

  it('recognises the kubelogin exec user and its server id', () => {
    expect(inspectKubeconfig(kubeconfig(kubeloginExec())).entraServerId).toBe(AKS_SERVER_APP_ID);
    expect(inspectKubeconfig(kubeconfig(kubeloginExec('custom-app'))).entraServerId).toBe('custom-app');
    const windowsPath = { exec: { command: 'C:\\tools\\kubelogin.exe', args: ['get-token'] } };
    expect(inspectKubeconfig(kubeconfig(windowsPath)).entraServerId).toBe(AKS_SERVER_APP_ID);
  });

  it('recognises the legacy azure auth-provider and its apiserver-id', () => {
    expect(inspectKubeconfig(kubeconfig(azureAuthProvider)).entraServerId).toBe('legacy-server-app');
  });

  it('leaves other exec plugins alone', () => {
    const other = { exec: { command: 'aws', args: ['eks', 'get-token'] } };
    expect(inspectKubeconfig(kubeconfig(other)).entraServerId).toBeUndefined();
  });

  it('names the input when the text is not a kubeconfig', () => {
    expect(() => inspectKubeconfig('a: [b', 'The `kubeconfig` input')).toThrow(
      /The `kubeconfig` input is not valid YAML/,
    );
    expect(() => inspectKubeconfig('just text')).toThrow(/has no clusters/);
  });
});

describe('withEntraCredentialFile', () => {
  it.each([
    ['kubelogin exec', kubeloginExec()],
    ['azure auth-provider', azureAuthProvider],
  ])('replaces the %s user with an exec user printing the credential file, and keeps the rest', (_, user) => {
    const original = kubeconfig(user, [{ name: 'someone-else', user: { token: 'keep-me' } }]);
    const rewritten = parse(withEntraCredentialFile(original, '/tmp/ws/cluster-credential.json', '/opt/node')) as {
      users: { name: string; user: { exec?: { command: string; args: string[] } } }[];
      clusters: unknown;
      contexts: unknown;
    };
    expect(rewritten.users[0]).toEqual({
      name: 'clusterUser_rg_aks',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: '/opt/node',
          args: ['-e', expect.stringContaining('readFileSync'), '/tmp/ws/cluster-credential.json'],
          interactiveMode: 'Never',
        },
      },
    });
    expect(rewritten.users[1]).toEqual({ name: 'someone-else', user: { token: 'keep-me' } });
    const before = parse(original) as { clusters: unknown; contexts: unknown };
    expect(rewritten.clusters).toEqual(before.clusters);
    expect(rewritten.contexts).toEqual(before.contexts);
  });

  it('the exec user prints the credential file through the given node', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'credential-'));
    const file = path.join(dir, 'cluster-credential.json');
    await writeFile(file, execCredential('entra-token', Date.parse('2026-11-22T10:00:00Z'), 60_000));
    const rewritten = parse(withEntraCredentialFile(kubeconfig(kubeloginExec()), file, process.execPath)) as {
      users: { user: { exec: { command: string; args: string[] } } }[];
    };
    const { command, args } = rewritten.users[0].user.exec;
    const printed = JSON.parse(execFileSync(command, args, { encoding: 'utf8' }));
    expect(printed).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: 'entra-token', expirationTimestamp: '2026-11-22T09:59:00Z' },
    });
  });
});

describe('kubeconfigSecrets', () => {
  it('lists tokens, passwords, client keys and auth-provider tokens, not the CA or server', () => {
    const text = kubeconfig({ token: 't0k3n', 'client-key-data': 'a2V5', 'client-certificate-data': 'Y2VydA==' }, [
      { name: 'basic', user: { username: 'admin', password: 'hunter2' } },
      { name: 'legacy', user: azureAuthProvider },
    ]);
    expect(kubeconfigSecrets(text).sort()).toEqual(
      ['t0k3n', 'a2V5', 'Y2VydA==', 'hunter2', 'stale-access-token', 'stale-refresh-token'].sort(),
    );
  });
});
