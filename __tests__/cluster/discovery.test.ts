// What the API server says of itself, read with kubectl side by side; what it cannot say stays unknown.
import { describe, expect, it } from '@jest/globals';
import { discoverCluster } from '../../src/cluster/discovery.js';
import { fakeHelm, fakeTools } from '../deploy/fake-helm.js';

const version = { stdout: '{"clientVersion":{},"serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}}' };

describe('discoverCluster', () => {
  it('reads the version and the served group-versions with the session’s kubectl and kubeconfig', async () => {
    const kubectl = fakeHelm({ version: [version], 'api-versions': [{ stdout: 'apps/v1\npolicy/v1beta1\nv1\n' }] });
    expect(await discoverCluster(fakeTools(), kubectl.seams)).toEqual({
      version: { major: 1, minor: 20, gitVersion: 'v1.20.2' },
      apiVersions: ['apps/v1', 'policy/v1beta1', 'v1'],
    });
    expect(kubectl.calls.map((call) => [call.file, ...call.args])).toEqual([
      ['/tools/kubectl', 'version', '-o', 'json', '--kubeconfig', '/ws/kubeconfig'],
      ['/tools/kubectl', 'api-versions', '--kubeconfig', '/ws/kubeconfig'],
    ]);
  });

  it('knows nothing it could not read: a refusal, or kubectl that could not run', async () => {
    const refused = fakeHelm({ version: [{ exitCode: 1, stderr: 'Forbidden' }], 'api-versions': [{ exitCode: 1 }] });
    expect(await discoverCluster(fakeTools(), refused.seams)).toEqual({});
    expect(await discoverCluster(fakeTools(), fakeHelm({}).seams)).toEqual({});
  });
});
