// What the API server says of itself, read with kubectl side by side; what it cannot say stays unknown.
import { describe, expect, it } from '@jest/globals';
import { DISCOVERY_READS, discoveryFrom } from '../../src/cluster/discovery.js';
import { clusterPort } from '../../src/cluster/local.js';
import type { Seams } from '../../src/seams.js';
import { fakeHelm, fakeTools } from '../deploy/fake-helm.js';

const version = { stdout: '{"clientVersion":{},"serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}}' };

const discover = async (seams: Seams) =>
  discoveryFrom(
    await clusterPort(fakeTools(), seams)
      .readAll(DISCOVERY_READS)
      .catch(() => []),
  );

describe('discoveryFrom the DISCOVERY_READS', () => {
  it('reads the version and the served group-versions with the session’s kubectl and kubeconfig', async () => {
    const kubectl = fakeHelm({ version: [version], 'api-versions': [{ stdout: 'apps/v1\npolicy/v1beta1\nv1\n' }] });
    expect(await discover(kubectl.seams)).toEqual({
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
    expect(await discover(refused.seams)).toEqual({});
    expect(await discover(fakeHelm({}).seams)).toEqual({});
  });
});
