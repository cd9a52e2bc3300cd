import { describe, expect, it } from '@jest/globals';
import type { ChartConfig } from '../../src/inputs/config.js';
import {
  buildUpgradeArgs,
  dryRunArgs,
  chartSourceArgs,
  deployTrace,
  pullArgs,
  sanitizeLabelValue,
  upgradeFiles,
  type UpgradeRequest,
} from '../../src/helm/args.js';
import { repositoryChart } from '../deploy/fake-helm.js';

const runEnv = {
  GITHUB_REPOSITORY: 'contoso/ai-platform',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '987654321',
};

function request(overrides: Partial<UpgradeRequest> = {}): UpgradeRequest {
  return {
    chart: repositoryChart,
    deploy: { timeoutSeconds: 600 },
    valuesPath: '/runner/temp/portkey-azure-deploy-x/values.yaml',
    runEnv,
    ...overrides,
  };
}

const description =
  'Deployed by portkey-azure-deploy from contoso/ai-platform, commit 0123456789abcdef0123456789abcdef01234567, ' +
  'run https://github.com/contoso/ai-platform/actions/runs/987654321';
const labels =
  'deployed-by=portkey-azure-deploy,github-repository=contoso_ai-platform,' +
  'github-sha=0123456789abcdef0123456789abcdef01234567,github-run-id=987654321';

/** How both helm majors' commands for the repository chart begin. */
const upgradeInstall = ['upgrade', '--install', 'portkey-ai', 'gateway', '-n', 'portkeyai'];

describe('dryRunArgs', () => {
  it('renders the same release, chart and values as the upgrade, validated by the API server, as JSON', () => {
    const { chart, valuesPath } = request();
    const upgrade = buildUpgradeArgs(request(), 4);
    const dryRun = dryRunArgs(chart, valuesPath);
    expect(dryRun.slice(0, -3)).toEqual(upgrade.slice(0, dryRun.length - 3));
    expect(dryRun.slice(-3)).toEqual(['--dry-run=server', '-o', 'json']);
    expect(dryRun).not.toContain('--wait=watcher');
  });
});

describe('buildUpgradeArgs', () => {
  it('builds the helm 4 command: watcher wait, no rollback of its own (the action owns rollback)', () => {
    expect(buildUpgradeArgs(request(), 4)).toEqual([
      ...upgradeInstall,
      '-f',
      '/runner/temp/portkey-azure-deploy-x/values.yaml',
      '--repo',
      'https://portkey-ai.github.io/helm',
      '--version',
      '1.7.7',
      '--create-namespace',
      '--timeout',
      '600s',
      '--wait=watcher',
      '--description',
      description,
      '--labels',
      labels,
    ]);
  });

  it('builds the helm 3 command: plain --wait, no --atomic', () => {
    const args = buildUpgradeArgs(request(), 3);
    expect(args).toContain('--wait');
    expect(args).not.toContain('--atomic');
    expect(args).not.toContain('--wait=watcher');
    expect(args).not.toContain('--rollback-on-failure');
    expect(args.slice(0, upgradeInstall.length)).toEqual(upgradeInstall);
  });

  it('passes an OCI reference with its version and no --repo', () => {
    const chart: ChartConfig = {
      ...repositoryChart,
      source: { kind: 'oci', reference: 'oci://contoso.azurecr.io/helm/gateway' },
      createNamespace: false,
    };
    const args = buildUpgradeArgs(request({ chart }), 4);
    expect(args.slice(0, 8)).toEqual([
      'upgrade',
      '--install',
      'portkey-ai',
      'oci://contoso.azurecr.io/helm/gateway',
      '-n',
      'portkeyai',
      '-f',
      '/runner/temp/portkey-azure-deploy-x/values.yaml',
    ]);
    expect(args).not.toContain('--repo');
    expect(args).not.toContain('--create-namespace');
    expect(args[args.indexOf('--version') + 1]).toBe('1.7.7');
  });

  it('passes a local chart path without --version', () => {
    const chart: ChartConfig = { ...repositoryChart, source: { kind: 'local', path: './charts/gateway' }, version: '' };
    const args = buildUpgradeArgs(request({ chart }), 4);
    expect(args[3]).toBe('./charts/gateway');
    expect(args).not.toContain('--version');
    expect(args).not.toContain('--repo');
  });

  it('never puts values on the command line: only the values file', () => {
    const args = buildUpgradeArgs(request(), 4);
    expect(args.filter((arg) => arg.startsWith('--set'))).toEqual([]);
    expect(args.filter((arg) => arg === '-f')).toHaveLength(1);
  });
});

describe('upgradeFiles', () => {
  it.each<[string, ChartConfig, string[]]>([
    ['a repository chart: the values file alone', repositoryChart, ['/ws/values.yaml']],
    [
      "a packaged chart and helm 3's post-renderer script",
      {
        ...repositoryChart,
        source: { kind: 'local', path: '/ws/chart-1/gateway-1.7.7.tgz' },
        postRenderer: '/ws/helm/data/portkey-added-objects/render.sh',
      },
      ['/ws/chart-1/gateway-1.7.7.tgz', '/ws/values.yaml', '/ws/helm/data/portkey-added-objects/render.sh'],
    ],
    [
      "helm 4's post-renderer: a plugin name, no file",
      { ...repositoryChart, postRenderer: 'portkey-added-objects' },
      ['/ws/values.yaml'],
    ],
  ])('%s', (_, chart, files) => {
    expect(upgradeFiles(chart, '/ws/values.yaml')).toEqual(files);
  });
});

describe('chartSourceArgs', () => {
  it('ignores a version for a local path even when one is configured', () => {
    const chart: ChartConfig = { ...repositoryChart, source: { kind: 'local', path: '/charts/gw' } };
    expect(chartSourceArgs(chart)).toEqual({ chart: '/charts/gw', flags: [] });
  });
});

describe('pullArgs', () => {
  it.each([
    [
      repositoryChart,
      [
        'pull',
        'gateway',
        '--repo',
        'https://portkey-ai.github.io/helm',
        '--version',
        '1.7.7',
        '--destination',
        '/ws/chart-1',
      ],
    ],
    [
      { ...repositoryChart, source: { kind: 'oci', reference: 'oci://acr.example.io/helm/gateway' } } as ChartConfig,
      ['pull', 'oci://acr.example.io/helm/gateway', '--version', '1.7.7', '--destination', '/ws/chart-1'],
    ],
    [
      { ...repositoryChart, source: { kind: 'local', path: './charts/gateway' }, version: '' } as ChartConfig,
      ['package', './charts/gateway', '--destination', '/ws/chart-1'],
    ],
  ])('packages a chart into one file: %#', (chart, args) => {
    expect(pullArgs(chart, '/ws/chart-1')).toEqual(args);
  });
});

describe('sanitizeLabelValue', () => {
  it.each([
    ['contoso/ai-platform', 'contoso_ai-platform'],
    ['a b  c', 'a_b_c'],
    ['-leading.and.trailing-', 'leading.and.trailing'],
    ['owner/repo with ünïcode', 'owner_repo_with_n_code'],
    ['', ''],
    ['///', ''],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeLabelValue(input)).toBe(expected);
  });

  it('cuts long values to 63 characters that still end alphanumeric', () => {
    const value = sanitizeLabelValue(`${'a'.repeat(62)}-bbbb`);
    expect(value).toBe('a'.repeat(62));
    const long = sanitizeLabelValue('x'.repeat(100));
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
  });
});

describe('deployTrace', () => {
  it('names the repository, commit and run URL, honouring GitHub Enterprise Server URLs', () => {
    const trace = deployTrace({ ...runEnv, GITHUB_SERVER_URL: 'https://ghe.contoso.com' });
    expect(trace.description).toContain('run https://ghe.contoso.com/contoso/ai-platform/actions/runs/987654321');
    expect(trace.labels['github-run-id']).toBe('987654321');
  });

  it('outside GitHub Actions says only who deployed', () => {
    expect(deployTrace({})).toEqual({
      description: 'Deployed by portkey-azure-deploy',
      labels: { 'deployed-by': 'portkey-azure-deploy' },
    });
  });

  it('keeps every label value valid, so helm never rejects the labels', () => {
    const trace = deployTrace({ GITHUB_REPOSITORY: `${'o'.repeat(40)}/${'r'.repeat(60)}`, GITHUB_RUN_ID: '1' });
    for (const value of Object.values(trace.labels)) {
      expect(value.length).toBeLessThanOrEqual(63);
      expect(value).toMatch(/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/);
    }
  });
});
