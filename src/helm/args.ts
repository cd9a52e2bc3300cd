// helm's command lines, built without side effects so tests can pin them for helm 3 and 4. Values (and so every
// secret) reach helm through the 0600 values file, never through argv.
import type { ChartConfig, DeployConfig } from '../inputs/config.js';

/** Helm 4 made `--wait` take a strategy; `watcher` is the one that follows the resources' readiness. */
export function waitFlag(helmMajor: 3 | 4): string {
  return helmMajor === 4 ? '--wait=watcher' : '--wait';
}

export interface UpgradeRequest {
  chart: ChartConfig;
  deploy: Pick<DeployConfig, 'timeoutSeconds'>;
  valuesPath: string;
  /** The GITHUB_* variables of the run, for the release's description and labels. */
  runEnv: NodeJS.ProcessEnv;
}

/** Where helm finds the chart: its argument plus the flags that go with it. */
export function chartSourceArgs(chart: ChartConfig): { chart: string; flags: string[] } {
  const version = chart.version ? ['--version', chart.version] : [];
  switch (chart.source.kind) {
    case 'repository':
      // --repo keeps the user's repositories.yaml out of it: nothing is added to any helm repo list.
      return { chart: chart.source.name, flags: ['--repo', chart.source.repositoryUrl, ...version] };
    case 'oci':
      return { chart: chart.source.reference, flags: version };
    case 'local':
      return { chart: chart.source.path, flags: [] };
  }
}

/** The chart as one packaged file in `destination`: `helm pull` from its repository or registry, `helm package` of a local one. */
export function pullArgs(chart: ChartConfig, destination: string): string[] {
  if (chart.source.kind === 'local') return ['package', chart.source.path, '--destination', destination];
  const source = chartSourceArgs(chart);
  return ['pull', source.chart, ...source.flags, '--destination', destination];
}

const postRendererArgs = (chart: ChartConfig) => (chart.postRenderer ? ['--post-renderer', chart.postRenderer] : []);

/** The release, the chart, the namespace, the values and the post-renderer: what template and an upgrade share. */
function releaseAndChart(chart: ChartConfig, valuesPath: string): string[] {
  const source = chartSourceArgs(chart);
  const where = ['-n', chart.namespace, '-f', valuesPath];
  return [chart.releaseName, source.chart, ...where, ...source.flags, ...postRendererArgs(chart)];
}

/**
 * The runner's files an upgrade (or its dry run) reads, in the order its line names them: a chart given as a path,
 * the values file, and a post-renderer given as a path (helm 3; helm 4's is a plugin name).
 */
export function upgradeFiles(chart: ChartConfig, valuesPath: string): string[] {
  const chartFile = chart.source.kind === 'local' ? [chart.source.path] : [];
  const postRenderer = chart.postRenderer?.startsWith('/') ? [chart.postRenderer] : [];
  return [...chartFile, valuesPath, ...postRenderer];
}

/** `helm template`: the same chart and values an upgrade would use, rendered offline. */
export function templateArgs(chart: ChartConfig, valuesPath: string): string[] {
  return ['template', ...releaseAndChart(chart, valuesPath)];
}

const LABEL_VALUE_MAX = 63;

/** A Kubernetes label value: at most 63 of `[A-Za-z0-9_.-]`, starting and ending alphanumeric, possibly empty. */
export function sanitizeLabelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .slice(0, LABEL_VALUE_MAX)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export interface DeployTrace {
  description: string;
  labels: Record<string, string>;
}

/** Who deployed this revision, so `helm history` leads back to the commit and the workflow run. */
export function deployTrace(env: NodeJS.ProcessEnv): DeployTrace {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const sha = env.GITHUB_SHA ?? '';
  const runId = env.GITHUB_RUN_ID ?? '';
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  const runUrl = repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : '';
  const source = [repository, sha && `commit ${sha}`, runUrl && `run ${runUrl}`].filter(Boolean).join(', ');
  const labels: Record<string, string> = { 'deployed-by': 'portkey-azure-deploy' };
  for (const [key, value] of Object.entries({
    'github-repository': repository,
    'github-sha': sha,
    'github-run-id': runId,
  })) {
    const clean = sanitizeLabelValue(value);
    if (clean) labels[key] = clean;
  }
  return {
    description: source ? `Deployed by portkey-azure-deploy from ${source}` : 'Deployed by portkey-azure-deploy',
    labels,
  };
}

/** The release, the chart and the values: what an upgrade and its dry run share. */
function upgradeTarget(chart: ChartConfig, valuesPath: string): string[] {
  return ['upgrade', '--install', ...releaseAndChart(chart, valuesPath)];
}

export function buildUpgradeArgs(request: UpgradeRequest, helmMajor: 3 | 4): string[] {
  const { chart, deploy } = request;
  const trace = deployTrace(request.runEnv);
  // No --rollback-on-failure (--atomic): the action owns rollback (src/deploy/recovery.ts, docs/architecture.md).
  return [
    ...upgradeTarget(chart, request.valuesPath),
    ...(chart.createNamespace ? ['--create-namespace'] : []),
    '--timeout',
    `${deploy.timeoutSeconds}s`,
    waitFlag(helmMajor),
    '--description',
    trace.description,
    '--labels',
    Object.entries(trace.labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(','),
  ];
}

/**
 * The same upgrade as a server-side dry run: the API server validates every object and the chart's `lookup` calls
 * see the cluster, nothing is changed; `-o json` gives the rendered manifest.
 */
export function dryRunArgs(chart: ChartConfig, valuesPath: string): string[] {
  return [...upgradeTarget(chart, valuesPath), '--dry-run=server', '-o', 'json'];
}
