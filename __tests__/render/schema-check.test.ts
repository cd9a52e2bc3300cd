// The render of Portkey's real chart 1.7.7 (../shared/charts) by the real helm 4, checked against the Kubernetes
// schemas: the action's defaults and every documented configuration give no finding; a values override with a
// misspelt field, and a budget of a removed API version (what the action picks for a 1.20 cluster), are reported with
// their object and path.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureBinaries } from '../../sandbox/binaries.js';
import { REAL_CHARTS_DIR } from '../../sandbox/chart-repository.js';
import type { ClusterSession } from '../../src/cluster/port.js';
import { privateHelmEnv } from '../../src/cluster/session.js';
import { writePostRenderer } from '../../src/helm/post-renderer.js';
import { schemaWarnings } from '../../src/kubernetes-schema/index.js';
import { renderChart } from '../../src/render/render.js';
import { realSeams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';
import { prepareValues, writeValues } from '../../src/values/index.js';
import { disruptionBudget } from '../../src/values/zero-downtime.js';
import { createWorkspace } from '../../src/workspace.js';
import { splitList } from '../../src/inputs/scalars.js';
import { examplesIn, resolveExpressions } from '../docs/examples.js';
import { codeBlocks, documentationFiles } from '../docs/markdown.js';
import { captureStdout, configFrom, validInputs } from '../inputs/fixture.js';

let scratch: string;
let chartDir: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'schema-check-'));
  execFileSync('tar', ['xzf', path.join(REAL_CHARTS_DIR, 'gateway-1.7.7.tgz'), '-C', scratch]);
  chartDir = path.join(scratch, 'gateway');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function renderRealChart(inputs: Record<string, string>, added: object[] = []) {
  const { helm4 } = await ensureBinaries();
  const secrets = new SecretSet();
  // Values files named in examples live in the user's repository, not here: a checkout holds them empty.
  const files = Object.fromEntries(splitList(inputs['values-files'] ?? '').map((name) => [name, '']));
  const config = configFrom(inputs, files, secrets);
  const workspace = await createWorkspace(mkdtempSync(path.join(scratch, 'run-')));
  const valuesPath = await writeValues(prepareValues(config, secrets), workspace);
  const session = { helm: { path: helm4, version: '4.1.4', major: 4 as const }, env: privateHelmEnv(workspace.dir) };
  const postRenderer = added.length ? await writePostRenderer(added, session as ClusterSession) : undefined;
  const chart = { ...config.chart, source: { kind: 'local' as const, path: chartDir }, postRenderer };
  return captureStdout(() => renderChart({ chart, session, valuesPath, secrets }, realSeams));
}

describe('the real chart 1.7.7 against the Kubernetes schemas', () => {
  it('has no finding with the action’s defaults, and the log says which version was checked', async () => {
    const { result, lines } = await renderRealChart(validInputs());
    const check = result.schemaCheck;
    expect(check.findings).toEqual([]);
    expect(check.skipped).toEqual([]);
    expect(check.checked).toBeGreaterThanOrEqual(4);
    expect(lines).toContain(
      `${check.checked} objects checked against the OpenAPI schemas of Kubernetes 1.36 (@kubernetes/client-node 2.0.2), and against no other version: a render has no cluster.`,
    );
    expect(lines.filter((line) => line.startsWith('::warning'))).toEqual([]);
  });

  it('reports a misspelt field from the values and a budget of a removed version, each with its path', async () => {
    const selector = { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'portkey-ai' };
    const budget = disruptionBudget('policy/v1beta1', 'portkey-ai-gateway', 'portkeyai', selector);
    const { result, lines } = await renderRealChart(
      { ...validInputs(), values: 'extraContainerConfig:\n  imagePullPolcy: Always\n' },
      [budget],
    );
    const warnings = schemaWarnings(result.schemaCheck);
    expect([...warnings].sort()).toEqual([
      'Kubernetes 1.36 schema check: Deployment/portkey-ai-gateway: spec.template.spec.containers[0].imagePullPolcy is not a field of Container.',
      'Kubernetes 1.36 schema check: PodDisruptionBudget/portkey-ai-gateway: policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.36; it serves PodDisruptionBudget as policy/v1.',
    ]);
    expect(lines.filter((line) => line.startsWith('::warning'))).toEqual(warnings.map((w) => `::warning::${w}`));
  });
});

const documented = documentationFiles().flatMap((doc) =>
  codeBlocks(doc)
    .filter((block) => block.language === 'yaml' || block.language === 'yml')
    .flatMap((block) => examplesIn(block.code, doc.file, block.line + 1)),
);

describe('every documented configuration against the Kubernetes schemas', () => {
  it.each(documented.map((example) => [example.where, example.inputs] as const))(
    '%s renders objects Kubernetes 1.36 takes',
    async (_where, inputs) => {
      const { result } = await renderRealChart({ ...resolveExpressions(inputs), command: 'render' });
      expect(schemaWarnings(result.schemaCheck)).toEqual([]);
      expect(result.schemaCheck.checked).toBeGreaterThanOrEqual(4);
    },
  );
});
