import { describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { AKS_SERVER_APP_ID, inspectKubeconfig, kubeconfigSecrets, withEntraToken } from '../../src/azure/kubeconfig.js';

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

describe('withEntraToken', () => {
  it.each([
    ['kubelogin exec', kubeloginExec()],
    ['azure auth-provider', azureAuthProvider],
  ])('replaces the %s user with a bearer token and keeps the rest', (_, user) => {
    const original = kubeconfig(user, [{ name: 'someone-else', user: { token: 'keep-me' } }]);
    const rewritten = parse(withEntraToken(original, 'entra-token')) as {
      users: { name: string; user: unknown }[];
      clusters: unknown;
      contexts: unknown;
    };
    expect(rewritten.users).toEqual([
      { name: 'clusterUser_rg_aks', user: { token: 'entra-token' } },
      { name: 'someone-else', user: { token: 'keep-me' } },
    ]);
    const before = parse(original) as { clusters: unknown; contexts: unknown };
    expect(rewritten.clusters).toEqual(before.clusters);
    expect(rewritten.contexts).toEqual(before.contexts);
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
