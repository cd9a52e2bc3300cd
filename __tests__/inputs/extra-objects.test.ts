// `extra-objects`: which objects may join the release, how they are labelled and placed, and what each refusal says
// (never the object's content).
import { describe, expect, it } from '@jest/globals';
import type { ClusterSession } from '../../src/cluster/port.js';
import { withAddedObjects, type PreparedValues, type Run } from '../../src/commands/run.js';
import { ActionError } from '../../src/errors.js';
import type { ChartConfig } from '../../src/inputs/config.js';
import { clashWithOwn, parseExtraObjects, type KubernetesObject } from '../../src/inputs/extra-objects.js';
import { disruptionBudget } from '../../src/values/zero-downtime.js';
import { captureStdout } from './fixture.js';

const release = { releaseName: 'portkey-ai', namespace: 'portkeyai' };
const egress = `
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: allow-all-egress
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
      - to:
          - ipBlock: {cidr: 0.0.0.0/0}
`;

describe('parseExtraObjects', () => {
  it("adds the guide's egress NetworkPolicy in the release's namespace, labelled as the release's", () => {
    expect(parseExtraObjects(egress, release)).toEqual({
      problems: [],
      objects: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {
            name: 'allow-all-egress',
            namespace: 'portkeyai',
            labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'portkey-ai' },
          },
          spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
        },
      ],
    });
  });

  it('takes one object without a list, keeps its own labels and an explicit namespace equal to the release’s', () => {
    const one =
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: gw, namespace: portkeyai, labels: {team: ai}}\nspec: {}\n';
    const { objects, problems } = parseExtraObjects(one, release);
    expect(problems).toEqual([]);
    expect(objects[0].metadata.labels).toEqual({
      team: 'ai',
      'app.kubernetes.io/managed-by': 'Helm',
      'app.kubernetes.io/instance': 'portkey-ai',
    });
  });

  it('is empty when the input is', () => {
    expect(parseExtraObjects('', release)).toEqual({ objects: [], problems: [] });
  });

  const object = (fields: string) => `- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n${fields}`;
  it.each([
    ['not YAML', 'a: [1', 'is not valid YAML: Flow sequence'],
    ['a scalar item', '- just text', 'item 1 is not a map'],
    [
      'a Secret, whose content is never repeated',
      '- apiVersion: v1\n  kind: Secret\n  metadata: {name: creds}\n  stringData: {password: hunter2-e4}',
      'item 1 (Secret creds): kind "Secret" is not one of NetworkPolicy, PodDisruptionBudget, ServiceMonitor, PodMonitor',
    ],
    [
      'a cluster-scoped kind',
      '- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n  metadata: {name: all}',
      'kind "ClusterRole" is not one of',
    ],
    [
      'a wrong API version',
      '- apiVersion: extensions/v1beta1\n  kind: NetworkPolicy\n  metadata: {name: p}',
      'item 1 (NetworkPolicy p): apiVersion "extensions/v1beta1" is not networking.k8s.io/v1.',
    ],
    ['no name', object('  metadata: {}'), 'item 1 (NetworkPolicy): metadata.name "" is not a Kubernetes name'],
    ['a bad name', object('  metadata: {name: Egress_All}'), 'metadata.name "Egress_All" is not a Kubernetes name'],
    [
      'another namespace',
      object('  metadata: {name: p, namespace: kube-system}'),
      'item 1 (NetworkPolicy p): metadata.namespace "kube-system" is not the release\'s namespace "portkeyai"',
    ],
    ['labels that are a list', object('  metadata: {name: p, labels: [a]}'), 'metadata.labels is not a map.'],
    [
      'the same object twice',
      `${object('  metadata: {name: p}')}\n${object('  metadata: {name: p}')}`,
      'lists NetworkPolicy p twice.',
    ],
    [
      'more than 50 objects',
      Array.from({ length: 51 }, (_, i) => object(`  metadata: {name: p${i}}`)).join('\n'),
      'holds 51 objects; at most 50',
    ],
  ])('refuses %s', (_, raw, message) => {
    const { problems } = parseExtraObjects(raw, release);
    expect(problems.join('\n')).toContain(message);
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});

describe('clashWithOwn', () => {
  const budget = disruptionBudget('policy/v1', 'portkey-ai-gateway', 'portkeyai', { app: 'gateway' });
  const userBudget = (name: string) =>
    parseExtraObjects(
      `- apiVersion: policy/v1\n  kind: PodDisruptionBudget\n  metadata: {name: ${name}}\n  spec: {minAvailable: 1}`,
      release,
    ).objects as KubernetesObject[];

  it("names the input and the way out when a user's object has the name of the action's own", () => {
    expect(clashWithOwn([budget], userBudget('portkey-ai-gateway'))).toBe(
      "`extra-objects`: PodDisruptionBudget portkey-ai-gateway has the name of the one `zero-downtime` adds: give yours another name, or set `zero-downtime: 'false'` to keep only yours.",
    );
  });

  it('lets another name, or no budget of its own, through', () => {
    expect(clashWithOwn([budget], userBudget('strict-budget'))).toBeUndefined();
    expect(clashWithOwn([], userBudget('portkey-ai-gateway'))).toBeUndefined();
  });
});

describe('withAddedObjects through runCommand', () => {
  const run = (extraObjects: KubernetesObject[]) =>
    ({ config: { chart: release, values: { extraObjects }, zeroDowntime: { enabled: true } } }) as unknown as Run;
  const remote = { access: { via: 'run-command' } } as unknown as ClusterSession;
  const values = { plan: { values: {} }, valuesPath: 'v' } as unknown as PreparedValues;
  const chart = { releaseName: 'portkey-ai' } as ChartConfig;

  it('refuses extra-objects, naming the input and the way to deploy them', async () => {
    const objects = parseExtraObjects(egress, release).objects;
    const refused = await withAddedObjects(run(objects), remote, values, chart).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ActionError);
    expect(refused).toMatchObject({
      message: '`extra-objects` cannot be added through runCommand: its command pod runs helm without post-renderers.',
      details: { input: 'extra-objects', hint: expect.stringContaining('`private-cluster: false`') },
    });
  });

  it('deploys the chart as it is without them (the budget is left out, as before)', async () => {
    const { result } = await captureStdout(() => withAddedObjects(run([]), remote, values, chart));
    expect(result).toBe(chart);
  });
});
