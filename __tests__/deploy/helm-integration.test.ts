// The helm stage with the real helm 3 and helm 4 binaries against the Kubernetes stand-in: install, upgrade,
// a stuck release refused and then recovered, a rollback, and uninstall.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ChartConfig, DeployConfig } from '../../src/inputs/config.js';
import {
  clusterJournal,
  runReleaseTransaction,
  uninstallRelease,
  type TransactionInput,
  type VerificationStep,
} from '../../src/deploy/index.js';
import { ActionError } from '../../src/errors.js';
import type { ClusterSession } from '../../src/cluster/port.js';
import { realSeams } from '../../src/seams.js';
import { CHART, clusterTools, startTestCluster, type TestCluster } from '../sandbox/kube-api-cluster.js';
import { captureLog } from './fake-helm.js';

describe.each([4, 3] as const)('the helm stage with real helm %i', (major) => {
  let cluster: TestCluster;
  let tools: ClusterSession;
  let valuesPath: string;
  let brokenValuesPath: string;

  const chart: ChartConfig = {
    source: { kind: 'local', path: CHART },
    version: '',
    releaseName: 'portkey-ai',
    namespace: `portkeyai-helm${major}`,
    createNamespace: true,
  };
  const release = { name: chart.releaseName, namespace: chart.namespace };
  const deploy: DeployConfig = {
    timeoutSeconds: 60,
    rollbackOnFailure: true,
    recoverStuckRelease: false,
    waitForPendingSeconds: 0,
  };
  const runEnv = { GITHUB_REPOSITORY: 'contoso/ai-platform', GITHUB_SHA: 'abc123', GITHUB_RUN_ID: '42' };

  beforeAll(async () => {
    cluster = await startTestCluster();
    tools = clusterTools(cluster, major);
    valuesPath = path.join(cluster.dir, 'values.yaml');
    // The broken upgrade changes a value rather than adding one: the stand-in's server-side apply merges and does
    // not remove fields a manager stopped applying, so helm 4's rollback could not drop an added annotation.
    await writeFile(valuesPath, 'serviceAccount:\n  create: true\npodAnnotations:\n  build: good\n', { mode: 0o600 });
    brokenValuesPath = path.join(cluster.dir, 'values-broken.yaml');
    await writeFile(brokenValuesPath, 'serviceAccount:\n  create: true\npodAnnotations:\n  build: broken\n', {
      mode: 0o600,
    });
  });
  afterAll(() => cluster?.close());

  /** A transaction with the real journal (kubectl against the stand-in) and no stages of its own. */
  const transaction = (
    overrides: Partial<TransactionInput<unknown>> & { values?: string } = {},
  ): Promise<Awaited<ReturnType<typeof runReleaseTransaction<unknown>>>> =>
    runReleaseTransaction(
      {
        chart,
        deploy,
        valuesPath: overrides.values ?? valuesPath,
        runEnv,
        journal: clusterJournal(release, tools, realSeams, '42'),
        steps: [],
        stage: (_name, fn) => fn(),
        cancellation: { signal: new AbortController().signal, recoveryOver: new AbortController().signal },
        ...overrides,
      },
      tools,
      realSeams,
    );

  async function quietly<T>(work: () => Promise<T>): Promise<{ result: T; log: string[] }> {
    const log = captureLog();
    try {
      return { result: await work(), log: log.lines };
    } finally {
      log.restore();
    }
  }

  it('installs revision 1, then upgrades to revision 2 with the run recorded in the history', async () => {
    const first = await quietly(async () => (await transaction()).release);
    expect(first.result).toMatchObject({
      ...release,
      revision: 1,
      status: 'deployed',
      chartVersion: '100.0.0-fixture',
      appVersion: '0.0.0-fixture',
    });
    expect(first.result.previousRevision).toBeUndefined();
    expect(first.result.manifest).toContain('kind: Deployment');
    expect(first.log.join('\n')).toContain('first install');

    const second = await quietly(() => transaction());
    expect(second.result.release).toMatchObject({ revision: 2, status: 'deployed', previousRevision: 1 });

    const helm = (...args: string[]) =>
      realSeams.run(tools.helm.path, [...args, '-n', release.namespace, '--kubeconfig', cluster.kubeconfig], {
        env: tools.env,
      });
    const history = JSON.parse((await helm('history', release.name, '-o', 'json')).stdout);
    expect(history.at(-1).description).toBe(
      'Deployed by portkey-azure-deploy from contoso/ai-platform, commit abc123, ' +
        'run https://github.com/contoso/ai-platform/actions/runs/42',
    );
    // helm keeps the release labels on its storage Secret (helm 3 does not print them in get metadata)
    const secrets = cluster.api.list('', 'secrets', release.namespace) as {
      metadata: { labels?: Record<string, string> };
    }[];
    const record = secrets.find(
      (secret) => secret.metadata.labels?.owner === 'helm' && secret.metadata.labels.version === '2',
    );
    expect(record?.metadata.labels).toMatchObject({
      'deployed-by': 'portkey-azure-deploy',
      'github-repository': 'contoso_ai-platform',
      'github-sha': 'abc123',
      'github-run-id': '42',
    });
  });

  it('refuses a release left pending-upgrade, and recovers it with recover-stuck-release', async () => {
    cluster.api.markReleaseStatus(release.namespace, release.name, 'pending-upgrade');
    const refused = await quietly(() => transaction().catch((error: unknown) => error));
    expect(refused.result).toBeInstanceOf(ActionError);
    const error = refused.result as ActionError;
    expect(error.message).toContain('has been pending-upgrade');
    expect(error.details.input).toBe('recover-stuck-release');
    expect(error.details.hint).toContain(`helm rollback portkey-ai 1 -n ${release.namespace}`);

    const recovered = await quietly(() => transaction({ deploy: { ...deploy, recoverStuckRelease: true } }));
    // rollback to 1 made revision 3, the upgrade revision 4
    expect(recovered.result.release).toMatchObject({ revision: 4, status: 'deployed', previousRevision: 3 });
  });

  it('rolls back to the previous revision after a failed smoke test', async () => {
    const smoke: VerificationStep = {
      name: 'Smoke test',
      after: async () => {
        throw new ActionError('smoke test failed');
      },
    };
    const { result } = await quietly(() => transaction({ steps: [smoke] }).catch((error: unknown) => error));
    // revision 5 passed helm and failed the smoke test; rolling back to 4 made revision 6
    expect((result as ActionError).details.recovery).toEqual({
      summary: 'rolled back to revision 4',
      restoredRevision: 4,
    });
    const status = await realSeams.run(
      tools.helm.path,
      ['status', release.name, '-n', release.namespace, '-o', 'json', '--kubeconfig', cluster.kubeconfig],
      { env: tools.env },
    );
    expect(JSON.parse(status.stdout)).toMatchObject({ version: 6, info: { status: 'deployed' } });
  });

  it('stops helm when the watcher fails mid-rollout; helm only marks it failed, the transaction rolls back', async () => {
    // As when the rollout watcher spots crash-looping pods: the new pods never get ready, then the watcher fails.
    cluster.api.setScenario({ pods: 'never-ready' });
    // Fail once helm has recorded revision 7, however slow the machine: before it, there is nothing to roll back.
    const recorded = () =>
      (cluster.api.list('', 'secrets', release.namespace) as { metadata: { name: string } }[]).some(
        (secret) => secret.metadata.name === `sh.helm.release.v1.${release.name}.v7`,
      );
    const watch = () =>
      new Promise<never>((_resolve, reject) => {
        const watching = setInterval(() => {
          if (!recorded()) return;
          clearInterval(watching);
          setTimeout(() => {
            cluster.api.setScenario({ pods: 'healthy' });
            reject(new ActionError('pod portkey-ai-gateway-x is in CrashLoopBackOff'));
          }, 500);
        }, 100);
      });
    const aborted = await quietly(() =>
      transaction({ values: brokenValuesPath, watch }).catch((error: unknown) => error),
    );
    const error = aborted.result as ActionError;
    expect(error.message).toBe('pod portkey-ai-gateway-x is in CrashLoopBackOff');
    // helm, stopped, marked revision 7 failed and did nothing more; the transaction brought revision 6 back (8)
    expect(error.details.recovery).toEqual({ summary: 'rolled back to revision 6', restoredRevision: 6 });
    const history = await realSeams.run(
      tools.helm.path,
      ['history', release.name, '-n', release.namespace, '-o', 'json', '--kubeconfig', cluster.kubeconfig],
      { env: tools.env },
    );
    const statuses = (JSON.parse(history.stdout) as { revision: number; status: string }[]).slice(-2);
    expect(statuses).toEqual([
      expect.objectContaining({ revision: 7, status: 'failed' }),
      expect.objectContaining({ revision: 8, status: 'deployed' }),
    ]);
  });

  it('uninstalls the release, listing what it removed, and then finds nothing to uninstall', async () => {
    const { result } = await quietly(() => uninstallRelease({ ...release, timeoutSeconds: 60 }, tools, realSeams));
    expect(result.found).toBe(true);
    expect(result.removed).toEqual(
      expect.arrayContaining(['Deployment/portkey-ai-gateway', 'Service/portkey-ai-gateway']),
    );
    const again = await quietly(() => uninstallRelease({ ...release, timeoutSeconds: 60 }, tools, realSeams));
    expect(again.result).toMatchObject({ found: false, removed: [] });
  });
});
