// What helm, kubectl and every other child process get to see of the runner's environment.
import { afterEach, describe, expect, it } from '@jest/globals';
import { privateHelmEnv } from '../../src/cluster/session.js';
import { realSeams, runnerEnv } from '../../src/seams.js';

const job = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/runner',
  https_proxy: 'http://proxy:3128',
  NO_PROXY: 'localhost',
  SSL_CERT_FILE: '/etc/ssl/runner-ca.pem',
  'INPUT_PORTKEY-CLIENT-AUTH': 'pk-live-secret',
  INPUT_KUBECONFIG: 'apiVersion: v1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token',
  HELM_DEBUG: 'true',
  HELM_KUBEAPISERVER: 'https://elsewhere:6443',
  HELM_KUBETOKEN: 'someone-elses-token',
  KUBECONFIG: '/home/runner/.kube/config',
  NODE_OPTIONS: '--require /tmp/evil.js',
  GITHUB_TOKEN: 'ghs_job_token',
};

describe('runnerEnv', () => {
  it('keeps the paths, locale, proxies and CA bundle, and nothing else of the job', () => {
    expect(runnerEnv(job)).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      https_proxy: 'http://proxy:3128',
      NO_PROXY: 'localhost',
      SSL_CERT_FILE: '/etc/ssl/runner-ca.pem',
    });
  });

  it("matches Windows' names whatever their case", () => {
    expect(Object.keys(runnerEnv({ Path: 'C:\\bin', SystemRoot: 'C:\\Windows', ComSpec: 'cmd.exe' }))).toEqual([
      'Path',
      'SystemRoot',
      'ComSpec',
    ]);
  });
});

describe('privateHelmEnv', () => {
  it("sets the action's own helm home, kubectl cache and kubeconfig over the allow-listed environment", () => {
    expect(privateHelmEnv('/tmp/ws', '/tmp/ws/kubeconfig', job)).toEqual({
      ...runnerEnv(job),
      HELM_CONFIG_HOME: '/tmp/ws/helm/config',
      HELM_CACHE_HOME: '/tmp/ws/helm/cache',
      HELM_DATA_HOME: '/tmp/ws/helm/data',
      HELM_REPOSITORY_CONFIG: '/tmp/ws/helm/config/repositories.yaml',
      HELM_REPOSITORY_CACHE: '/tmp/ws/helm/cache/repository',
      KUBECACHEDIR: '/tmp/ws/kube-cache',
      KUBECONFIG: '/tmp/ws/kubeconfig',
    });
  });

  it('gives helm template no kubeconfig at all, not the job one', () => {
    expect(privateHelmEnv('/tmp/ws', undefined, job).KUBECONFIG).toBeUndefined();
  });
});

describe('realSeams.run', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('starts a child with the allow-listed environment when none is given', async () => {
    Object.assign(process.env, { 'INPUT_REGISTRY-PASSWORD': 'dckr_pat_secret', HELM_DEBUG: 'true' });
    const result = await realSeams.run('/usr/bin/env', []);
    const names = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=')[0]);
    expect(names).toContain('PATH');
    expect(names.filter((name) => /^(INPUT_|ACTIONS_|HELM_|KUBECONFIG$)/.test(name))).toEqual([]);
    expect(result.stdout).not.toContain('dckr_pat_secret');
  });
});
