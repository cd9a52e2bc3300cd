import { describe, expect, it } from '@jest/globals';
import { decideClusterPath, probeApiServer, reachedServer, type PathEvidence } from '../../src/azure/cluster-path.js';
import { managedClusterFacts, type ManagedClusterFacts } from '../../src/azure/managed-cluster.js';
import { ActionError } from '../../src/errors.js';
import type { PrivateClusterMode } from '../../src/inputs/config.js';

const facts = (changes: Partial<ManagedClusterFacts> = {}): ManagedClusterFacts => ({
  privateApiServer: false,
  runCommandDisabled: false,
  entraId: false,
  ...changes,
});
const privateOne = facts({ privateApiServer: true, privateFqdn: 'aks-dns-1.privatelink.westeurope.azmk8s.io' });

describe('managedClusterFacts', () => {
  it('reads a private cluster with a public FQDN, as AKS returns it (2024-09-01 example)', () => {
    const body = JSON.stringify({
      id: '/subscriptions/s/resourcegroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1',
      properties: {
        provisioningState: 'Succeeded',
        apiServerAccessProfile: {
          enablePrivateCluster: true,
          enablePrivateClusterPublicFQDN: true,
          privateDNSZone: 'system',
        },
        fqdn: 'dnsprefix1-ee788a1f.hcp.location1.azmk8s.io',
        privateFQDN: 'dnsprefix1-aae7e0f0.5cef6058.privatelink.location1.azmk8s.io',
        aadProfile: { managed: true, enableAzureRBAC: true },
      },
    });
    expect(managedClusterFacts(body)).toEqual({
      privateApiServer: true,
      fqdn: 'dnsprefix1-ee788a1f.hcp.location1.azmk8s.io',
      privateFqdn: 'dnsprefix1-aae7e0f0.5cef6058.privatelink.location1.azmk8s.io',
      runCommandDisabled: false,
      entraId: true,
    });
  });

  it('reads a public cluster without the optional profiles, and runCommand turned off', () => {
    const body = JSON.stringify({
      properties: { fqdn: 'x.hcp.azmk8s.io', apiServerAccessProfile: { disableRunCommand: true } },
    });
    expect(managedClusterFacts(body)).toEqual({
      privateApiServer: false,
      fqdn: 'x.hcp.azmk8s.io',
      privateFqdn: undefined,
      runCommandDisabled: true,
      entraId: false,
    });
    expect(managedClusterFacts('{}').privateApiServer).toBe(false);
  });
});

describe('decideClusterPath', () => {
  const cases: [PrivateClusterMode, string, string, PathEvidence][] = [
    ['direct', 'a private cluster', 'direct: private-cluster: false', { facts: privateOne }],
    ['run-command', 'a public cluster', 'run-command: private-cluster: true', { facts: facts() }],
    ['run-command', 'settings unread', 'run-command: private-cluster: true', {}],
    ['auto', 'settings unread', 'direct: the cluster’s settings could not be read', {}],
    ['auto', 'a public cluster', 'direct: the API server is public', { facts: facts() }],
    [
      'auto',
      'a public cluster, runCommand off',
      'direct: the API server is public',
      { facts: facts({ runCommandDisabled: true }) },
    ],
    [
      'auto',
      'a private cluster this runner reaches',
      'direct: the API server is private, and this runner reaches it (inside the cluster’s network)',
      { facts: privateOne, reachable: true },
    ],
    [
      'auto',
      'a private cluster out of reach',
      'run-command: the API server is private and this runner cannot reach it',
      { facts: privateOne, reachable: false },
    ],
  ];
  it.each(cases)('%s, %s → %s', (mode, _what, expected, evidence) => {
    const path = decideClusterPath(mode, 'aks-prod', evidence);
    expect(path).not.toBeInstanceOf(ActionError);
    const { via, why } = path as { via: string; why: string };
    expect(`${via}: ${why}`).toBe(expected);
  });

  it.each([
    ['run-command', { facts: facts({ runCommandDisabled: true }) }, 'and private-cluster is true'],
    [
      'auto',
      { facts: { ...privateOne, runCommandDisabled: true }, reachable: false },
      'and the API server is private and this runner cannot reach it',
    ],
  ] as [PrivateClusterMode, PathEvidence, string][])(
    '%s with runCommand disabled and no other way in: an error naming the setting',
    (mode, evidence, why) => {
      const error = decideClusterPath(mode, 'aks-prod', evidence) as ActionError;
      expect(error).toBeInstanceOf(ActionError);
      expect(error.message).toBe(
        `AKS cluster aks-prod has runCommand disabled (apiServerAccessProfile.disableRunCommand), ${why}: the action cannot reach its API server.`,
      );
      expect(error.details.input).toBe('private-cluster');
      expect(error.details.hint).toContain(
        'az aks update --resource-group <group> --name aks-prod --enable-run-command',
      );
      expect(error.details.hint).toContain('`private-cluster: false`');
    },
  );
});

describe('reaching the API server', () => {
  const failure = (name: string, code?: string) => Object.assign(new Error('fetch failed'), { name, cause: { code } });

  it.each([
    [
      'a certificate the runner does not trust: something answered',
      'TypeError',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      true,
    ],
    ['a self-signed chain', 'TypeError', 'SELF_SIGNED_CERT_IN_CHAIN', true],
    ['a wrong host name in the certificate', 'TypeError', 'ERR_TLS_CERT_ALTNAME_INVALID', true],
    ['a private DNS name that does not resolve out here', 'TypeError', 'ENOTFOUND', false],
    ['a refused connection', 'TypeError', 'ECONNREFUSED', false],
    ['a dropped connection', 'TypeError', 'ECONNRESET', false],
    ['a private IP that never answers', 'TimeoutError', undefined, false],
  ])('%s (%s %s) → reached: %s', (_what, name, code, reached) => {
    expect(reachedServer(failure(name, code))).toBe(reached);
  });

  it('asks /version once; any HTTP answer, 401 included, means reachable', async () => {
    const urls: string[] = [];
    const reachable = await probeApiServer('https://10.0.0.4:443/', {
      http: async (request) => {
        urls.push(request.url);
        return { status: 401, headers: {}, body: '' };
      },
    });
    expect(reachable).toBe(true);
    expect(urls).toEqual(['https://10.0.0.4:443/version']);
    expect(
      await probeApiServer('https://aks.privatelink.azmk8s.io:443', {
        http: async () => {
          throw failure('TypeError', 'ENOTFOUND');
        },
      }),
    ).toBe(false);
  });
});
