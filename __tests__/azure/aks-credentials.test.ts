import { describe, expect, it } from '@jest/globals';
import { credentialsUrl, fetchClusterKubeconfig } from '../../src/azure/aks-credentials.js';
import { ActionError } from '../../src/errors.js';
import type { HttpRequest, HttpResponse, Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';

const cluster = { subscriptionId: 'sub', resourceGroup: 'rg 1', clusterName: 'aks', admin: false };
const kubeconfig = 'apiVersion: v1\nclusters: []\n';
const ok: HttpResponse = {
  status: 200,
  headers: {},
  body: JSON.stringify({ kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(kubeconfig).toString('base64') }] }),
};

function fakeSeams(responses: (HttpResponse | Error)[]) {
  const requests: HttpRequest[] = [];
  const sleeps: number[] = [];
  const seams: Seams = {
    http: async (request) => {
      requests.push(request);
      const next = responses.shift();
      if (!next) throw new Error('no more responses');
      if (next instanceof Error) throw next;
      return next;
    },
    run: async () => {
      throw new Error('no processes here');
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => 0,
  };
  return { seams, requests, sleeps };
}

const fetchWith = (seams: Seams) =>
  fetchClusterKubeconfig(
    { resourceManager: 'https://arm.example', token: async () => 'arm-token' },
    cluster,
    'client',
    new SecretSet(),
    seams,
  );

describe('credentialsUrl', () => {
  it('asks for the exec format for users and nothing extra for admins, escaping names', () => {
    expect(credentialsUrl('https://arm.example', cluster)).toBe(
      'https://arm.example/subscriptions/sub/resourceGroups/rg%201/providers/Microsoft.ContainerService/managedClusters/aks/listClusterUserCredential?api-version=2024-09-01&format=exec',
    );
    expect(credentialsUrl('https://arm.example', { ...cluster, admin: true })).toBe(
      'https://arm.example/subscriptions/sub/resourceGroups/rg%201/providers/Microsoft.ContainerService/managedClusters/aks/listClusterAdminCredential?api-version=2024-09-01',
    );
  });
});

describe('fetchClusterKubeconfig', () => {
  it('POSTs with the ARM token and decodes the first kubeconfig', async () => {
    const { seams, requests } = fakeSeams([ok]);
    expect(await fetchWith(seams)).toBe(kubeconfig);
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer arm-token' } });
  });

  it('retries 429, 5xx and network errors with the decided delays', async () => {
    const { seams, requests, sleeps } = fakeSeams([
      { status: 429, headers: { 'retry-after': '2' }, body: '{}' },
      { status: 503, headers: {}, body: '{}' },
      new Error('ECONNRESET'),
      ok,
    ]);
    expect(await fetchWith(seams)).toBe(kubeconfig);
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 4000]);
  });

  it('gives up after the last attempt with the ARM message', async () => {
    const busy: HttpResponse = {
      status: 500,
      headers: {},
      body: '{"error":{"code":"InternalServerError","message":"boom"}}',
    };
    const { seams, requests } = fakeSeams([busy, busy, busy, busy, busy]);
    await expect(fetchWith(seams)).rejects.toThrow('(HTTP 500 InternalServerError): boom');
    expect(requests).toHaveLength(5);
  });

  it('does not retry a 404, and names the input', async () => {
    const { seams, requests } = fakeSeams([
      { status: 404, headers: {}, body: '{"error":{"code":"ResourceNotFound","message":"gone"}}' },
    ]);
    const error = (await fetchWith(seams).catch((e: unknown) => e)) as ActionError;
    expect(error.details.input).toBe('cluster-name');
    expect(requests).toHaveLength(1);
  });

  it('names resource-manager-endpoint when Resource Manager is unreachable', async () => {
    const offline = () => new Error('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND arm.example') });
    const { seams } = fakeSeams(Array.from({ length: 5 }, offline));
    const error = (await fetchWith(seams).catch((e: unknown) => e)) as ActionError;
    expect(error.message).toContain(
      'Could not reach Resource Manager at https://arm.example: fetch failed (getaddrinfo ENOTFOUND arm.example)',
    );
    expect(error.details.input).toBe('resource-manager-endpoint');
  });
});
