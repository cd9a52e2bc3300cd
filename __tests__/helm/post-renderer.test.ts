// The post-renderer that adds the PodDisruptionBudget: the real helm 3 and 4 run it (helm 4 as a plugin found in the
// run's private helm folder, helm 3 by path) and render the chart's objects and the budget; the API version follows
// what the API server serves; the flag reaches the upgrade, its dry run and `helm template`, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureBinaries } from '../../sandbox/binaries.js';
import { REAL_CHARTS_DIR } from '../../sandbox/chart-repository.js';
import type { ClusterSession } from '../../src/cluster/port.js';
import { buildUpgradeArgs, dryRunArgs, pullArgs, templateArgs } from '../../src/helm/args.js';
import {
  disruptionBudgetApi,
  PLUGIN_NAME,
  postRendererScript,
  writePostRenderer,
} from '../../src/helm/post-renderer.js';
import type { Seams } from '../../src/seams.js';
import { disruptionBudget } from '../../src/values/zero-downtime.js';
import { repositoryChart } from '../deploy/fake-helm.js';

const CHART = path.join(REAL_CHARTS_DIR, 'gateway-1.7.7.tgz');
const selector = { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'portkey-ai' };
const budget = disruptionBudget('policy/v1', 'portkey-ai-gateway', 'portkeyai', selector);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'post-renderer-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const session = (major: 3 | 4, home: string) =>
  ({
    helm: { path: 'helm', version: `${major}.0.0`, major },
    env: {
      HELM_DATA_HOME: path.join(home, 'data'),
      HELM_CONFIG_HOME: path.join(home, 'config'),
      HELM_CACHE_HOME: path.join(home, 'cache'),
    },
  }) as unknown as ClusterSession;

describe('the post-renderer, run by the real helm', () => {
  it.each([
    ['4.1.4', 4, 'helm4'],
    ['3.18.0', 3, 'helm3'],
  ] as [string, 3 | 4, 'helm3' | 'helm4'][])(
    'helm %s renders the chart’s objects and the budget, which the chart has no template for',
    async (_version, major, binary) => {
      const home = mkdtempSync(path.join(scratch, `helm${major}-`));
      const s = session(major, home);
      const renderer = await writePostRenderer([budget], s);
      expect(renderer).toBe(major === 4 ? PLUGIN_NAME : path.join(home, 'data', PLUGIN_NAME, 'render.sh'));
      const script = major === 4 ? path.join(home, 'data', 'plugins', PLUGIN_NAME, 'render.sh') : renderer;
      expect(statSync(script).mode & 0o777).toBe(0o700);
      const values = path.join(home, 'values.yaml');
      writeFileSync(values, 'serviceAccount: {create: true}\n');
      const chart = { ...repositoryChart, source: { kind: 'local' as const, path: CHART }, postRenderer: renderer };
      const helm = (await ensureBinaries())[binary];
      const out = execFileSync(helm, templateArgs(chart, values), {
        env: { ...process.env, ...s.env },
        encoding: 'utf8',
      });
      const objects = parseAllDocuments(out).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
      expect(objects.map((o) => o?.kind)).toEqual(
        expect.arrayContaining(['Deployment', 'Service', 'PodDisruptionBudget']),
      );
      expect(objects.find((o) => o?.kind === 'PodDisruptionBudget')).toEqual(budget);
    },
  );

  it('never writes over a renderer already there', async () => {
    const home = mkdtempSync(path.join(scratch, 'twice-'));
    await writePostRenderer([budget], session(4, home));
    await expect(writePostRenderer([budget], session(4, home))).rejects.toThrow(/EEXIST/);
  });
});

describe('the budget’s API version', () => {
  const served = (stdout: string, exitCode = 0) =>
    ({ run: async () => ({ exitCode, stdout, stderr: '' }) }) as unknown as Seams;
  const s = {
    helm: { major: 4 },
    kubectl: { path: 'kubectl' },
    access: { via: 'kubeconfig', kubeconfigPath: '/k', refreshCredentials: async () => {} },
    env: {},
  } as unknown as ClusterSession;

  it.each([
    ['an AKS-era API server', 'apps/v1\npolicy/v1\npolicy/v1beta1\nv1\n', 0, 'policy/v1'],
    ['Kubernetes 1.25 and newer', 'apps/v1\npolicy/v1\nv1\n', 0, 'policy/v1'],
    ['Kubernetes 1.20 (the tier)', 'apps/v1\npolicy/v1beta1\nv1\n', 0, 'policy/v1beta1'],
    ['an API server that cannot say', '', 1, 'policy/v1'],
  ])('%s: %s', async (_name, stdout, exitCode, expected) => {
    expect(await disruptionBudgetApi(s, served(stdout, exitCode))).toBe(expected);
  });
});

describe('--post-renderer', () => {
  const chart = { ...repositoryChart, postRenderer: PLUGIN_NAME };
  const runEnv = {};
  it.each([
    ['the upgrade', buildUpgradeArgs({ chart, deploy: { timeoutSeconds: 60 }, valuesPath: '/v', runEnv }, 4)],
    ['its dry run', dryRunArgs(chart, '/v')],
    ['helm template', templateArgs(chart, '/v')],
  ])('goes to %s', (_name, args) => {
    expect(args.join(' ')).toContain(`--post-renderer ${PLUGIN_NAME}`);
  });

  it('not to helm pull, and nowhere without a renderer', () => {
    expect(pullArgs(chart, '/d')).not.toContain('--post-renderer');
    expect(dryRunArgs(repositoryChart, '/v')).not.toContain('--post-renderer');
  });
});

describe('the post-renderer program', () => {
  it('runs nothing from PATH: a `cat` planted there never sees or rewrites the manifests', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'post-renderer-path-'));
    try {
      const marker = path.join(dir, 'planted-cat-ran');
      writeFileSync(path.join(dir, 'cat'), `#!/bin/sh\ntouch ${marker}\necho forged\n`, { mode: 0o755 });
      const script = path.join(dir, 'render.sh');
      writeFileSync(script, postRendererScript([{ kind: 'PodDisruptionBudget' }]), { mode: 0o700 });
      const out = execFileSync(script, { input: 'kind: Deployment\n', env: { PATH: `${dir}:/usr/bin:/bin` } });
      expect(out.toString()).toBe('kind: Deployment\n\n---\n{"kind":"PodDisruptionBudget"}\n');
      expect(() => statSync(marker)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
