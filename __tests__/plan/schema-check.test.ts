// The plan's schema check: the planned manifest of the dry run against the Kubernetes schemas and the cluster's own
// discovery, in the plan (and so its file), the log, the outcome's warnings and the summary.
import { describe, expect, it } from '@jest/globals';
import { planRelease } from '../../src/plan/index.js';
import { formatSummary, RunOutcome } from '../../src/report/index.js';
import { schemaWarnings } from '../../src/kubernetes-schema/index.js';
import { SecretSet } from '../../src/secrets/index.js';
import type { MergedValues } from '../../src/values/index.js';
import { captureLog, fakeHelm, fakeTools, notFound, repositoryChart } from '../deploy/fake-helm.js';

const planned = [
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: portkey-ai-gateway}',
  'spec:',
  '  selector: {matchLabels: {app: gw}}',
  '  template:',
  '    metadata: {labels: {app: gw}}',
  '    spec: {containers: [{name: gw, image: gw, imagePullPolcy: Always}]}',
  '---',
  'apiVersion: autoscaling/v2',
  'kind: HorizontalPodAutoscaler',
  'metadata: {name: portkey-ai-gateway}',
  'spec: {maxReplicas: 2, scaleTargetRef: {kind: Deployment, name: portkey-ai-gateway}}',
  '',
].join('\n');

const values: MergedValues = {
  notes: [],
  values: {},
  yaml: '',
  redactedYaml: '',
  redacted: {},
  sourceOf: () => undefined,
  secrets: [],
  secretHints: { secretEnvNames: [], secretPaths: [] },
  warnings: [],
};

describe('the plan against the Kubernetes schemas', () => {
  it('names a misspelt field and what the 1.20 cluster does not serve, and says the cluster is older', async () => {
    const helm = fakeHelm({
      status: [notFound],
      'get manifest': [notFound],
      'get values': [notFound],
      upgrade: [{ stdout: JSON.stringify({ manifest: planned }) }],
      version: [{ stdout: '{"serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}}' }],
      'api-versions': [{ stdout: 'apps/v1\nautoscaling/v1\nautoscaling/v2beta2\nv1\n' }],
    });
    const input = { chart: repositoryChart, valuesPath: '/ws/values.yaml', merged: values, secrets: new SecretSet() };
    const log = captureLog();
    const plan = await planRelease(input, fakeTools(), helm.seams).finally(() => log.restore());

    const check = plan.schemaCheck!;
    expect(check.cluster).toBe('v1.20.2');
    expect(check.findings.map(({ object, path, message }) => [object, path, message])).toEqual([
      [
        'Deployment/portkey-ai-gateway',
        'spec.template.spec.containers[0].imagePullPolcy',
        'spec.template.spec.containers[0].imagePullPolcy is not a field of Container',
      ],
      [
        'HorizontalPodAutoscaler/portkey-ai-gateway',
        undefined,
        'autoscaling/v2 is not served by this cluster (v1.20.2)',
      ],
    ]);
    expect(check.note).toContain(
      "The cluster is v1.20.2, older than the schemas checked (1.36): an API or field added after 1.20 is not known to it; the cluster's own API server validated the objects in the dry run.",
    );
    expect(log.lines).toContain(check.note);
    expect(log.lines.filter((line) => line.startsWith('::warning::'))).toEqual(
      schemaWarnings(check).map((warning) => `::warning::${warning}`),
    );

    const outcome = new RunOutcome([]);
    outcome.record({ command: 'plan', plan, schemaCheck: check, warnings: schemaWarnings(check) });
    const summary = formatSummary(outcome.current, { env: {} });
    expect(summary).toContain('### Kubernetes schemas\n\n⚠️ 2 findings (under Warnings): 2 objects checked against');
    expect(summary).toContain(
      '- Kubernetes 1.36 schema check: Deployment/portkey-ai-gateway: spec.template.spec.containers\\[0\\].imagePullPolcy is not a field of Container.',
    );
  });
});
