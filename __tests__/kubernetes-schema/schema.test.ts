// The check of rendered objects against the Kubernetes schemas: the generated data matches its package, each kind of
// finding names its object and path, and the note says which version was checked and how the cluster compares.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dataPath, generate } from '../../scripts/kubernetes-schema.js';
import { parseServerVersion, type ClusterDiscovery } from '../../src/cluster/discovery.js';
import { describeCheck, servedByCluster, type CheckContext } from '../../src/kubernetes-schema/cluster.js';
import { checkManifest } from '../../src/kubernetes-schema/index.js';
import { SCHEMA } from '../../src/kubernetes-schema/schema-data.js';
import { checkObjects, type SchemaCheck } from '../../src/kubernetes-schema/schema.js';

describe('the generated schema data', () => {
  it('is what scripts/kubernetes-schema.ts derives from the kept package, byte for byte', () => {
    expect(readFileSync(dataPath, 'utf8')).toBe(generate());
  });

  it('is of the spec the package was generated from, with the kinds it serves and not the versions removed', () => {
    expect(SCHEMA.kubernetes).toBe('1.36');
    expect(SCHEMA.source).toBe('@kubernetes/client-node 2.0.2');
    const kinds = SCHEMA.kinds.map(([apiVersion, kind, , namespaced]) => `${apiVersion} ${kind} ${namespaced}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'apps/v1 Deployment true',
        'policy/v1 PodDisruptionBudget true',
        'autoscaling/v2 HorizontalPodAutoscaler true',
        'networking.k8s.io/v1 Ingress true',
        'v1 Namespace false',
        'rbac.authorization.k8s.io/v1 ClusterRole false',
      ]),
    );
    // Stale files of removed versions are in the package; they are not served.
    for (const removed of ['policy/v1beta1', 'autoscaling/v2beta2', 'flowcontrol.apiserver.k8s.io/v1beta3']) {
      expect(SCHEMA.kinds.filter(([apiVersion]) => apiVersion === removed)).toEqual([]);
    }
    expect(SCHEMA.types.V1Container.imagePullPolicy).toBe('string');
    expect(SCHEMA.types.V1PodDisruptionBudgetSpec.minAvailable).toBe('int-or-string');
  });
});

const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'gw', labels: { app: 'gw' }, ...extra },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'gw' } },
    template: {
      metadata: { labels: { app: 'gw' } },
      spec: { containers: [{ name: 'gw', image: 'portkeyai/gateway:2.13.0', ...container }] },
    },
  },
});

const brief = (check: SchemaCheck) => check.findings.map(({ object, path, problem }) => [object, path, problem]);

describe('checkObjects', () => {
  it.each([
    ['a correct Deployment', deployment({ resources: { limits: { cpu: 1, memory: '1Gi' } } }), []],
    ['null for any field (not set)', deployment({ ports: null, env: [{ name: 'A', value: null }] }), []],
    [
      'a misspelt field, with its path',
      deployment({ imagePullPolcy: 'Always' }),
      [['Deployment/gw', 'spec.template.spec.containers[0].imagePullPolcy', 'unknown-field']],
    ],
    [
      'a string where an integer goes',
      { ...deployment({}), spec: { ...deployment({}).spec, replicas: '2' } },
      [['Deployment/gw', 'spec.replicas', 'wrong-type']],
    ],
    [
      'an unquoted boolean in an annotation, keyed as written',
      deployment({}, { annotations: { 'service.beta.kubernetes.io/azure-pls-create': true } }),
      [['Deployment/gw', 'metadata.annotations["service.beta.kubernetes.io/azure-pls-create"]', 'wrong-type']],
    ],
    [
      'a map where a list goes',
      deployment({ ports: { containerPort: 8787 } }),
      [['Deployment/gw', 'spec.template.spec.containers[0].ports', 'wrong-type']],
    ],
    [
      'a version Kubernetes no longer serves',
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'gw' }, spec: {} },
      [['PodDisruptionBudget/gw', undefined, 'not-served']],
    ],
    [
      'int-or-string takes both',
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'gw' },
        spec: { minAvailable: 1, maxUnavailable: '50%' },
      },
      [],
    ],
  ])('%s', (_name, object, expected) => {
    expect(brief(checkObjects([object], SCHEMA))).toEqual(expected);
  });

  it('says which version serves a kind that moved, and checks what is served', () => {
    const check = checkObjects(
      [
        { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'gw' } },
        deployment({}),
      ],
      SCHEMA,
    );
    expect(check.checked).toBe(1);
    expect(check.findings.map((finding) => finding.message)).toEqual([
      'autoscaling/v2beta2 HorizontalPodAutoscaler is not served by Kubernetes 1.36; it serves HorizontalPodAutoscaler as autoscaling/v1, autoscaling/v2',
    ]);
  });

  it('says an alpha or beta API is served only where it is turned on, and still checks its fields', () => {
    const claim = {
      apiVersion: 'resource.k8s.io/v1beta2',
      kind: 'ResourceClaim',
      metadata: { name: 'c' },
      spec: { devics: {} },
    };
    const check = checkObjects([claim], SCHEMA);
    expect(check.checked).toBe(1);
    expect(check.findings.map(({ problem, path, message }) => [problem, path, message])).toEqual([
      [
        'off-by-default',
        undefined,
        'resource.k8s.io/v1beta2 is a beta API of Kubernetes 1.36: an API server serves it only when it is turned on (every alpha API and the beta APIs added since 1.24 are off by default)',
      ],
      ['unknown-field', 'spec.devics', 'spec.devics is not a field of ResourceClaimSpec'],
    ]);
  });

  it('leaves objects of groups it does not know (custom resources) to the cluster', () => {
    const check = checkObjects([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }], SCHEMA);
    expect(check).toMatchObject({ checked: 0, skipped: ['example.com/v1 Widget/w'], findings: [] });
  });

  it('names the field and the kind it is not part of', () => {
    const [finding] = checkObjects([deployment({ imagePullPolcy: 'Always' })], SCHEMA).findings;
    expect(finding.message).toBe('spec.template.spec.containers[0].imagePullPolcy is not a field of Container');
  });
});

describe('parseServerVersion', () => {
  it.each([
    [
      '{"serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.15"}}',
      { major: 1, minor: 20, gitVersion: 'v1.20.15' },
    ],
    [
      '{"serverVersion":{"major":"1","minor":"35+","gitVersion":"v1.35.2-aks"}}',
      { major: 1, minor: 35, gitVersion: 'v1.35.2-aks' },
    ],
    ['{"clientVersion":{"major":"1","minor":"35"}}', undefined],
    ['not json', undefined],
  ])('%s', (stdout, expected) => {
    expect(parseServerVersion(stdout)).toEqual(expected);
  });
});

describe('the note on versions', () => {
  const check = checkObjects([deployment({})], SCHEMA);
  const cluster = (gitVersion: string, minor: number): CheckContext => ({
    cluster: { version: { major: 1, minor, gitVersion } },
  });
  it.each([
    [
      'render: no cluster',
      { render: true } as const,
      '1 object checked against the OpenAPI schemas of Kubernetes 1.36 (@kubernetes/client-node 2.0.2), and against no other version: a render has no cluster.',
    ],
    [
      'the real-cluster tier: older',
      cluster('v1.20.15', 20),
      "1 object checked against the OpenAPI schemas of Kubernetes 1.36 (@kubernetes/client-node 2.0.2). The cluster is v1.20.15, older than the schemas checked (1.36): an API or field added after 1.20 is not known to it; the cluster's own API server validated the objects in the dry run.",
    ],
    [
      'the same minor',
      cluster('v1.36.3', 36),
      '1 object checked against the OpenAPI schemas of Kubernetes 1.36 (@kubernetes/client-node 2.0.2). The cluster is v1.36.3, the version checked.',
    ],
    [
      'newer',
      cluster('v1.37.1', 37),
      "1 object checked against the OpenAPI schemas of Kubernetes 1.36 (@kubernetes/client-node 2.0.2). The cluster is v1.37.1, newer than the schemas checked (1.36): an API removed or a field added after 1.36 is not known to the check; the cluster's own API server validated the objects in the dry run.",
    ],
    [
      'a version that could not be read',
      { cluster: {} },
      "1 object checked against the OpenAPI schemas of Kubernetes 1.36 (@kubernetes/client-node 2.0.2); the cluster's version could not be read.",
    ],
  ] as [string, CheckContext, string][])('%s', (_name, context, note) => {
    expect(describeCheck(check, context)).toBe(note);
  });
});

describe("the cluster's own discovery", () => {
  const tier: ClusterDiscovery = {
    version: { major: 1, minor: 20, gitVersion: 'v1.20.15' },
    apiVersions: ['apps/v1', 'autoscaling/v1', 'autoscaling/v2beta2', 'policy/v1beta1', 'v1'],
  };

  it('names each object whose apiVersion the cluster does not serve', () => {
    const objects = [
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'gw' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'gw' } },
    ];
    expect(servedByCluster(objects, tier)).toEqual([
      {
        object: 'HorizontalPodAutoscaler/gw',
        apiVersion: 'autoscaling/v2',
        problem: 'not-served',
        message: 'autoscaling/v2 is not served by this cluster (v1.20.15)',
      },
    ]);
    expect(servedByCluster(objects, { version: tier.version })).toEqual([]);
  });

  it('in a plan: what the schemas and the cluster say, and documents YAML cannot parse counted', async () => {
    const manifest = [
      '---',
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: gw}',
      'spec: {minReplicas: 1, maxReplicas: 2, scaleTargetRef: {kind: Deployment, name: gw}}',
      '---',
      'apiVersion: resource.k8s.io/v1beta2',
      'kind: ResourceClaim',
      'metadata: {name: claim}',
      '---',
      'apiVersion: policy/v1beta1',
      'kind: PodDisruptionBudget',
      'metadata: {name: gw}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: gw',
      '  annotations:',
      '    a: "1"',
      '    a: "2"',
      '',
    ].join('\n');
    const report = await checkManifest(manifest, { cluster: tier });
    expect(report.cluster).toBe('v1.20.15');
    expect(report.findings.map((finding) => `${finding.object}: ${finding.message}`)).toEqual([
      'PodDisruptionBudget/gw: policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.36; it serves PodDisruptionBudget as policy/v1 (this cluster, v1.20.15, still serves it: a cluster of 1.36 will not)',
      'HorizontalPodAutoscaler/gw: autoscaling/v2 is not served by this cluster (v1.20.15)',
      'ResourceClaim/claim: resource.k8s.io/v1beta2 is not served by this cluster (v1.20.15)',
    ]);
    expect(report.note).toMatch(
      /^2 objects checked .* older than the schemas checked \(1\.36\).* 1 document YAML could not parse, not checked\.$/,
    );
  });
});
