import { describe, expect, it } from '@jest/globals';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { getConfig } from '../../src/inputs/read-inputs.js';
import { ValidationError } from '../../src/errors.js';
import { azureInputs, captureStdout, checkout, configFrom, maskedValues, validInputs } from './fixture.js';
import { kubeconfigYaml } from '../kubeconfig/fixture.js';

function problemsOf(inputs: Record<string, string>): string[] {
  try {
    configFrom(inputs);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('getConfig', () => {
  it('fills action.yml defaults and types every section', async () => {
    const { result: config } = await captureStdout(() => configFrom({ ...azureInputs, timeout: '90s' }));
    expect(config.command).toBe('deploy');
    expect(config.azure).toMatchObject({ clientId: azureInputs['client-id'], cloud: 'AzureCloud', authorityHost: '' });
    expect(config.chart).toEqual({
      source: { kind: 'repository', repositoryUrl: 'https://portkey-ai.github.io/helm', name: 'gateway' },
      version: '1.7.7',
      releaseName: 'portkey-ai',
      namespace: 'portkeyai',
      createNamespace: true,
    });
    expect(config.tools.helm).toEqual({ version: '4.1.4', downloadBaseUrl: 'https://get.helm.sh', sha256: '' });
    expect(config.deploy).toEqual({
      timeoutSeconds: 90,
      rollbackOnFailure: true,
      recoverStuckRelease: false,
      waitForPendingSeconds: 120,
    });
    expect(config.portkey).toMatchObject({ serverMode: '', servicePort: 8787, containerPort: 8787, cache: 'none' });
    expect(config.smokeTest).toMatchObject({
      enabled: true,
      path: '/v1/health',
      expectedStatus: 200,
      timeoutSeconds: 120,
    });
    expect([...config.values.given].sort()).toEqual([...Object.keys(azureInputs), 'timeout'].sort());
  });

  it.each([
    ['azurecloud', 'AzureCloud'],
    ['AzureUSGovernment', 'AzureUSGovernment'],
    ['AZURECHINACLOUD', 'AzureChinaCloud'],
  ])('reads environment %s, spelled as Azure/login allows, as the cloud %s', (environment, cloud) => {
    expect(configFrom({ command: 'render', environment }).azure.cloud).toBe(cloud);
  });

  it('counts an input as given only when it differs from its default', () => {
    const config = configFrom({ command: 'render', 'service-port': '8787', 'service-name': 'edge', replicas: '2' });
    expect([...config.values.given].sort()).toEqual(['command', 'replicas', 'service-name']);
  });

  it('masks every secret input as soon as it is read, even when other inputs are wrong', async () => {
    const kubeconfig = kubeconfigYaml('token: kube-token-77');
    const secrets = {
      'portkey-client-auth': 'client-auth-1',
      'registry-username': 'user',
      'registry-password': 'registry-pw-2',
      'redis-password': 'redis-pw-3',
      'azure-storage-key': 'storage-key-4',
      'azure-storage-entra-client-secret': 'entra-secret-5',
      'smoke-test-provider-key': 'provider-key-6',
      'smoke-test-portkey-api-key': 'portkey-key-7',
      'secret-env': 'A=secret-env-8\nB=secret-env-9',
      'github-token': 'ghs_token-10',
      kubeconfig,
      admin: 'maybe',
    };
    const { lines } = await captureStdout(() => problemsOf(secrets));
    expect(maskedValues(lines)).toEqual(
      expect.arrayContaining([
        'client-auth-1',
        'registry-pw-2',
        'redis-pw-3',
        'storage-key-4',
        'entra-secret-5',
        'provider-key-6',
        'portkey-key-7',
        'secret-env-8',
        'secret-env-9',
        'ghs_token-10',
        'kube-token-77',
      ]),
    );
  });

  it('masks the password or key a URL input carries, and the URL itself, before it can be printed', async () => {
    const inputs = {
      ...validInputs(),
      ...azureInputs,
      'helm-download-url': 'https://ci:mirror-pw-31@artifacts.example.com/helm',
      'kubectl-download-url': 'https://blobs.example.com/kubectl?sig=sas-sig-32',
      'chart-repository': 'https://charts:repo-pw-33@charts.example.com/portkey',
    };
    const { lines } = await captureStdout(() => problemsOf(inputs));
    expect(maskedValues(lines)).toEqual(
      expect.arrayContaining([
        inputs['helm-download-url'],
        'mirror-pw-31',
        inputs['kubectl-download-url'],
        'sas-sig-32',
        inputs['chart-repository'],
        'repo-pw-33',
      ]),
    );
    expect(maskedValues(lines)).not.toContain('https://get.helm.sh');
  });

  it("reads the GitHub Deployment inputs; the token's default is the runner's to fill in, never its literal text", async () => {
    const { result: config, lines } = await captureStdout(() => configFrom({ command: 'render' }));
    expect(config.github).toEqual({ record: true, strict: false, token: '', environment: '', planComment: true });
    expect(maskedValues(lines).join('\n')).not.toContain('${{');
    expect(config.values.given.has('github-token')).toBe(false);
    const strict = configFrom({ command: 'render', 'github-deployment': 'strict', 'github-token': 'ghs_x' });
    expect(strict.github).toMatchObject({ record: true, strict: true, token: 'ghs_x' });
    expect(configFrom({ command: 'render', 'github-deployment': 'false' }).github.record).toBe(false);
    expect(problemsOf({ command: 'render', 'github-deployment': 'yes' })).toEqual([
      '`github-deployment`: "yes" is not one of `true`, `false`, `strict`.',
    ]);
  });

  it('takes `environment` as the Azure cloud in any case, and points `environment: prod` at the GitHub one', () => {
    expect(configFrom({ ...validInputs(), environment: 'azureusgovernment' }).azure.cloud).toBe('AzureUSGovernment');
    expect(problemsOf({ ...validInputs(), environment: 'prod' })).toEqual([
      '`environment`: "prod" is not one of `AzureCloud`, `AzureUSGovernment`, `AzureChinaCloud`. It names the Azure ' +
        'cloud, as in Azure/login; to name the GitHub environment the deployment is recorded in, use ' +
        "`github-deployment-environment` (the job's own `environment:` sets which secrets and rules apply).",
    ]);
  });

  it('needs the Azure inputs or a kubeconfig to deploy or uninstall, and neither to render', () => {
    const missing = (name: string) =>
      `\`${name}\`: is required for \`command: uninstall\` (or give \`kubeconfig\` to skip Azure sign-in).`;
    expect(problemsOf({ command: 'uninstall', 'client-id': azureInputs['client-id'] })).toEqual(
      ['tenant-id', 'subscription-id', 'resource-group', 'cluster-name'].map(missing),
    );
    expect(problemsOf({ kubeconfig: kubeconfigYaml() })).toEqual([]);
    expect(problemsOf(validInputs())).toEqual([]);
  });

  it('refuses a runCommand deploy (`private-cluster: true`) with a kubeconfig instead of the Azure sign-in', () => {
    const kubeconfig = kubeconfigYaml();
    expect(problemsOf({ kubeconfig, 'private-cluster': 'true' })).toEqual([
      '`private-cluster`: is `true`, but runCommand goes through Azure Resource Manager and `kubeconfig` skips the Azure sign-in: give the Azure sign-in inputs instead of `kubeconfig`, or set `private-cluster: false`.',
    ]);
    expect(problemsOf({ kubeconfig, 'private-cluster': 'auto' })).toEqual([]);
    expect(problemsOf({ ...validInputs(), 'private-cluster': 'maybe' })).toEqual([
      '`private-cluster`: "maybe" is not one of `auto`, `true`, `false`.',
    ]);
  });

  it('takes client and tenant from the workload identity environment only with sign-in: workload-identity', () => {
    const inputs: Record<string, string> = { ...azureInputs, 'client-id': '', 'tenant-id': '', command: 'uninstall' };
    const problems = (env: NodeJS.ProcessEnv, signIn = '') => {
      try {
        getConfig((name) => (name === 'sign-in' ? signIn : (inputs[name] ?? '')), env);
        return [];
      } catch (error) {
        return (error as ValidationError).problems.map((problem) => /^`([a-z-]+)`/.exec(problem)?.[1]);
      }
    };
    const workload = {
      AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/token',
      AZURE_CLIENT_ID: 'c',
      AZURE_TENANT_ID: 't',
    };
    expect(problems({})).toEqual(['client-id', 'tenant-id']);
    // A job's AZURE_* variables are not the inputs' stand-ins unless sign-in says so.
    expect(problems(workload)).toEqual(['client-id', 'tenant-id']);
    expect(problems(workload, 'workload-identity')).toEqual([]);
    expect(problems(workload, 'kerberos')).toEqual(['sign-in', 'client-id', 'tenant-id']);
    expect(configFrom({ ...azureInputs, 'sign-in': 'workload-identity' }).azure.signIn).toBe('workload-identity');
    expect(configFrom(azureInputs).azure.signIn).toBe('github-oidc');
  });

  it('reads a kubeconfig from a file path in the workspace', () => {
    const read = JSON.parse(
      configFrom({ kubeconfig: 'ci/kubeconfig' }, { 'ci/kubeconfig': kubeconfigYaml() }).cluster.kubeconfig,
    );
    expect(read).toMatchObject({ 'current-context': 'ci', users: [{ name: 'ci', user: { token: 'kube-token-1' } }] });
  });

  it("hands helm a local chart's real path in the workspace, never one relative to the working directory", () => {
    // This repository, the working directory, has a sandbox/charts/gateway too: helm must not read that one.
    const workspace = checkout({});
    const inputs = validInputs();
    const config = getConfig((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: workspace });
    const real = realpathSync(path.join(workspace, 'sandbox', 'charts', 'gateway'));
    expect(config.chart.source).toEqual({ kind: 'local', path: real });
    expect(config.chart.version).toBe('100.0.0-fixture');
  });

  it('reads the values files once, as text, except for an uninstall, which merges no values', () => {
    const inputs = { ...validInputs(), 'values-files': 'deploy/values.yaml' };
    const config = configFrom(inputs, { 'deploy/values.yaml': 'replicaCount: 2\n' });
    expect(config.values.files).toEqual([{ name: 'deploy/values.yaml', text: 'replicaCount: 2\n' }]);
    const teardown = { ...inputs, ...azureInputs, command: 'uninstall' };
    expect(problemsOf(teardown)).toEqual([]);
    expect(problemsOf({ ...teardown, command: 'deploy' })).toEqual([
      '`values-files`: cannot read deploy/values.yaml: no such file.',
    ]);
  });

  it('maps server-mode gateway to the empty SERVER_MODE the chart expects', () => {
    expect(configFrom({ ...validInputs(), 'server-mode': 'gateway' }).portkey.serverMode).toBe('');
    expect(configFrom({ ...validInputs(), 'server-mode': 'all' }).portkey.serverMode).toBe('all');
  });

  it('reports every problem at once in one ValidationError', () => {
    const problems = problemsOf({ ...validInputs(), 'release-name': 'Portkey_AI', timeout: 'soon', admin: 'yes' });
    expect(problems).toEqual([
      '`admin`: "yes" is not a boolean: write true or false.',
      '`release-name`: "Portkey_AI" is not a valid release name: use lower-case letters, digits and \'-\', starting with a letter, at most 53 characters.',
      '`timeout`: "soon" is not a duration: write it like 10m, 90s, 1h30m or a number of seconds.',
    ]);
  });
});
