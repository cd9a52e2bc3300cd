// The `kubeconfig` input skips Azure entirely: no HTTP, no process, just a masked 0600 file.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { connectToCluster } from '../../src/azure/connect.js';
import type { AzureConfig, ClusterConfig } from '../../src/inputs/config.js';
import type { Seams } from '../../src/seams.js';
import { createWorkspace } from '../../src/workspace.js';
import { SecretSet } from '../../src/secrets/index.js';

const unreachable = async () => {
  throw new Error('Azure must not be contacted when a kubeconfig is given');
};
const seams: Seams = { http: unreachable, run: unreachable, sleep: unreachable, now: () => 0 };
const azure: AzureConfig = {
  signIn: 'github-oidc',
  clientId: '',
  tenantId: '',
  subscriptionId: '',
  cloud: 'AzureCloud',
  authorityHost: '',
  resourceManagerEndpoint: '',
  oidcAudience: '',
};
const userKubeconfig = stringify({
  apiVersion: 'v1',
  'current-context': 'ci',
  clusters: [{ name: 'ci', cluster: { server: 'https://10.0.0.1:6443' } }],
  contexts: [{ name: 'ci', context: { cluster: 'ci', user: 'deployer' } }],
  users: [{ name: 'deployer', user: { token: 'user-supplied-token' } }],
});

describe('connectToCluster with the kubeconfig input', () => {
  let temp: string;
  let output: string[];
  beforeEach(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-input-'));
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(temp, { recursive: true, force: true });
  });

  const cluster = (changes: Partial<ClusterConfig> = {}): ClusterConfig => ({
    resourceGroup: '',
    clusterName: '',
    admin: false,
    privateCluster: 'auto',
    kubeconfig: userKubeconfig,
    exportKubeconfig: false,
    ...changes,
  });

  it('writes it 0600 in the workspace, masks its token and skips Azure', async () => {
    const workspace = await createWorkspace(temp);
    const connection = await connectToCluster(azure, cluster(), workspace, seams, { secrets: new SecretSet() }, {});

    expect(connection).toMatchObject({ server: 'https://10.0.0.1:6443', entraId: false });
    const { route } = connection;
    if (!('kubeconfigPath' in route)) throw new Error('a kubeconfig was expected');
    expect(path.dirname(route.kubeconfigPath)).toBe(workspace.dir);
    expect((await stat(route.kubeconfigPath)).mode & 0o777).toBe(0o600);
    // The same document, normalised: one JSON text helm and kubectl cannot read two ways.
    expect(JSON.parse(await readFile(route.kubeconfigPath, 'utf8'))).toEqual({
      ...parse(userKubeconfig),
      kind: 'Config',
    });
    const masked = output.findIndex((line) => line === `::add-mask::user-supplied-token${os.EOL}`);
    expect(masked).toBeGreaterThanOrEqual(0);
    expect(output.filter((line) => !line.startsWith('::add-mask::')).join('')).not.toContain('user-supplied-token');
    await expect(route.refreshCredentials()).resolves.toBeUndefined();
  });

  it('rejects text that is not a kubeconfig, naming the input', async () => {
    const workspace = await createWorkspace(temp);
    await expect(
      connectToCluster(azure, cluster({ kubeconfig: 'server: [' }), workspace, seams, { secrets: new SecretSet() }, {}),
    ).rejects.toThrow(/The `kubeconfig` input is not valid YAML/);
  });
});
