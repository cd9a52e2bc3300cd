// The pure pieces of the Kubernetes API stand-in: patch semantics, selectors, the protobuf envelope, helm's
// release encoding and the Deployment status a waiting client reads.
import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { decodeRelease, encodeRelease } from '../../sandbox/kube-api/helm-release.js';
import { jsonPatch, strategicMerge, type Json } from '../../sandbox/kube-api/patch.js';
import { decodeProtobufObject } from '../../sandbox/kube-api/protobuf.js';
import { parseFieldSelector, parseLabelSelector, type KubeObject } from '../../sandbox/kube-api/selectors.js';
import { deploymentStatus } from '../../sandbox/kube-api/workloads.js';

describe('strategicMerge', () => {
  const live: Json = {
    spec: {
      containers: [
        { name: 'gateway', image: 'a:1', ports: [{ containerPort: 8787 }] },
        { name: 'sidecar', image: 's:1' },
      ],
      tolerations: [{ key: 'x' }],
    },
  };

  it('merges list items on their key and honours deletion directives', () => {
    const patch: Json = {
      spec: {
        '$setElementOrder/containers': [{ name: 'gateway' }],
        containers: [
          { name: 'gateway', image: 'a:2' },
          { name: 'sidecar', $patch: 'delete' },
        ],
        tolerations: [{ key: 'y' }],
      },
    };
    expect(strategicMerge(live, patch)).toEqual({
      spec: {
        containers: [{ name: 'gateway', image: 'a:2', ports: [{ containerPort: 8787 }] }],
        tolerations: [{ key: 'y' }],
      },
    });
  });

  it('removes fields set to null', () => {
    expect(strategicMerge({ a: 1, b: { c: 2 } }, { b: null })).toEqual({ a: 1 });
  });
});

it('jsonPatch adds, replaces and removes', () => {
  const doc = { metadata: { labels: { a: '1' } }, list: [1, 2] };
  const ops = [
    { op: 'add', path: '/metadata/labels/b', value: '2' },
    { op: 'replace', path: '/list/0', value: 9 },
    { op: 'remove', path: '/metadata/labels/a' },
    { op: 'add', path: '/list/-', value: 3 },
  ];
  expect(jsonPatch(doc, ops)).toEqual({ metadata: { labels: { b: '2' } }, list: [9, 2, 3] });
});

describe('selectors', () => {
  const object: KubeObject = {
    metadata: { name: 'x', labels: { owner: 'helm', status: 'deployed' } },
    involvedObject: { name: 'pod-1' },
  };
  it.each([
    ['owner=helm,status=deployed', true],
    ['owner==helm,status!=deployed', false],
    ['status in (deployed, superseded)', true],
    ['status notin (deployed)', false],
    ['owner', true],
    ['!owner', false],
  ])('label selector %s → %s', (selector, expected) => {
    expect(parseLabelSelector(selector)(object)).toBe(expected);
  });
  it('field selectors read dotted paths', () => {
    expect(parseFieldSelector('involvedObject.name=pod-1,metadata.name=x')(object)).toBe(true);
    expect(parseFieldSelector('involvedObject.name=pod-2')(object)).toBe(false);
  });
});

/** Protobuf helpers to build a body the way client-go would. */
const varint = (n: number): Buffer => {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
};
const field = (n: number, value: Buffer | string) => {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([varint((n << 3) | 2), varint(bytes.length), bytes]);
};

it('decodes a protobuf Secret inside the k8s envelope', () => {
  const meta = Buffer.concat([
    field(1, 'sh.helm.release.v1.gw.v1'),
    field(3, 'portkeyai'),
    field(11, Buffer.concat([field(1, 'owner'), field(2, 'helm')])),
  ]);
  const secret = Buffer.concat([
    field(1, meta),
    field(2, Buffer.concat([field(1, 'release'), field(2, Buffer.from([0, 1, 2]))])),
    field(3, 'helm.sh/release.v1'),
  ]);
  const unknown = Buffer.concat([field(1, Buffer.concat([field(1, 'v1'), field(2, 'Secret')])), field(2, secret)]);
  expect(decodeProtobufObject(Buffer.concat([Buffer.from('k8s\0'), unknown]))).toEqual({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'sh.helm.release.v1.gw.v1', namespace: 'portkeyai', labels: { owner: 'helm' } },
    data: { release: 'AAEC' },
    type: 'helm.sh/release.v1',
  });
});

it('reads helm release data in single and double base64', () => {
  const release = { name: 'gw', version: 3, info: { status: 'deployed' } };
  expect(decodeRelease(encodeRelease(release))).toEqual(release);
  expect(decodeRelease(gzipSync(JSON.stringify(release)).toString('base64'))).toEqual(release);
});

describe('deploymentStatus', () => {
  const deployment: KubeObject = {
    metadata: { name: 'gw', generation: 2 },
    spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } } },
  };
  const set = (name: string, replicas: number, available: number): KubeObject => ({
    metadata: { name },
    status: { replicas, readyReplicas: available, availableReplicas: available },
  });

  it('is complete only when the new ReplicaSet has every replica available', () => {
    const done = deploymentStatus(deployment, set('gw-new', 2, 2), [set('gw-new', 2, 2), set('gw-old', 0, 0)]);
    expect(done).toMatchObject({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    expect(done.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'True' }),
      expect.objectContaining({ type: 'Progressing', reason: 'NewReplicaSetAvailable' }),
    ]);
    const rolling = deploymentStatus(deployment, set('gw-new', 2, 1), [set('gw-new', 2, 1)]);
    expect(rolling).toMatchObject({ unavailableReplicas: 1 });
    expect(rolling.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'False' }),
      expect.objectContaining({ type: 'Progressing', reason: 'ReplicaSetUpdated' }),
    ]);
  });
});
