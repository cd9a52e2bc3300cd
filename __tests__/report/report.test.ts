import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ActionError } from '../../src/errors.js';
import { describeFailure, StageTimer, type DeployOutcome } from '../../src/report/outcome.js';
import { publishOutputs } from '../../src/report/outputs.js';
import { formatSummary, writeSummary } from '../../src/report/summary.js';
import { SecretSet } from '../../src/secrets.js';

const runEnv = {
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REPOSITORY: 'contoso/gateway-infra',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
};

function deployed(): DeployOutcome {
  return {
    command: 'deploy',
    succeeded: true,
    release: {
      name: 'portkey-ai',
      namespace: 'portkeyai',
      revision: 3,
      status: 'deployed',
      chartVersion: '1.7.7',
      appVersion: '2.13.0',
    },
    cluster: {
      name: 'aks-prod',
      resourceGroup: 'rg-gateway',
      server: 'https://aks-prod-dns.hcp.westeurope.azmk8s.io:443',
    },
    address: {
      ip: '20.50.1.2',
      url: 'http://20.50.1.2:8787',
      mcpUrl: 'http://20.50.1.2:8788',
      internal: false,
      via: 'load-balancer',
      inClusterUrl: 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787',
    },
    workloads: ['Deployment portkey-ai-gateway: 2/2 ready, 2 updated, 2 available'],
    smokeTest: {
      status: 'passed',
      httpCode: 200,
      latencyMs: 42,
      attempts: 2,
      url: 'http://20.50.1.2:8787/v1/health',
      message: 'GET http://20.50.1.2:8787/v1/health answered 200 in 42 ms (attempt 2).',
    },
    tools: {
      helm: { version: '4.1.4', path: '/opt/hostedtoolcache/helm/4.1.4/x64/helm' },
      kubectl: { version: '1.35.2', path: '/opt/kubectl' },
    },
    kubeconfigPath: '/home/runner/work/_temp/portkey-azure-deploy-x/kubeconfig',
    stages: [
      { name: 'Azure sign-in', ms: 412, ok: true },
      { name: 'helm upgrade', ms: 48_250, ok: true },
      { name: 'Load balancer', ms: 61_900, ok: true },
    ],
    warnings: ['key environment.data.PORT set by values-files and by input container-port; input container-port wins'],
  };
}

describe('StageTimer and describeFailure', () => {
  it('times stages, records failures and passes errors on', async () => {
    let now = 0;
    const timer = new StageTimer(() => now);
    await expect(timer.time('helm', async () => ((now += 1500), 'ok'))).resolves.toBe('ok');
    await expect(timer.time('rollout', async () => ((now += 700), Promise.reject(new Error('boom'))))).rejects.toThrow(
      'boom',
    );
    expect(timer.stages).toEqual([
      { name: 'helm', ms: 1500, ok: true },
      { name: 'rollout', ms: 700, ok: false },
    ]);
  });

  it('keeps an ActionError’s details', () => {
    expect(
      describeFailure(new ActionError('x failed', { input: 'timeout', hint: 'raise it', diagnosis: 'd' })),
    ).toEqual({
      message: 'x failed',
      input: 'timeout',
      hint: 'raise it',
      diagnosis: 'd',
    });
    expect(describeFailure('weird')).toEqual({ message: 'weird' });
  });
});

describe('formatSummary', () => {
  it('tells what was deployed where, by which commit, where it answers and how long it took', () => {
    const text = formatSummary(deployed(), { env: runEnv });
    expect(text).toContain('## ✅ Portkey AI Gateway deployed: `portkey-ai` in `portkeyai`');
    expect(text).toContain(
      '| Cluster | `aks-prod` (resource group `rg-gateway`), `https://aks-prod-dns.hcp.westeurope.azmk8s.io:443` |',
    );
    expect(text).toContain('| Release | `portkey-ai` revision 3 (deployed) |');
    expect(text).toContain('| Chart | chart 1.7.7, app 2.13.0 |');
    expect(text).toContain(
      '| Commit | `0123456789ab` of `contoso/gateway-infra` ([workflow run](https://github.com/contoso/gateway-infra/actions/runs/4242/attempts/2)) |',
    );
    expect(text).toContain('| AI gateway | http://20.50.1.2:8787 |');
    expect(text).toContain('| MCP gateway | http://20.50.1.2:8788 |');
    expect(text).toContain('| Reached via | public load balancer: 20.50.1.2 |');
    expect(text).toContain('| Health | ✅ GET http://20.50.1.2:8787/v1/health | 200 | 42 ms | 2 |');
    expect(text).toContain('| helm upgrade | 48.3 s | ✅ |');
    expect(text).toContain('| Load balancer | 1 min 2 s | ✅ |');
    expect(text).toContain('| **Total** | 1 min 51 s |  |');
    expect(text).toContain('- key environment.data.PORT set by values-files');
    expect(text).not.toContain('What failed');
  });

  it('on failure, shows the error, the input, the hint and the diagnosis in a details block, with secrets removed', () => {
    const outcome: DeployOutcome = {
      ...deployed(),
      succeeded: false,
      address: undefined,
      smokeTest: undefined,
      release: { name: 'portkey-ai', namespace: 'portkeyai', revision: 4, status: 'failed', rolledBackTo: 3 },
      error: {
        message: 'The rollout of release portkey-ai failed: pod p, container gateway is in CrashLoopBackOff',
        hint: 'Read the log lines.',
        input: 'portkey-client-auth',
        diagnosis:
          'Reason: CrashLoopBackOff\nLast log lines:\n  auth key s3cr3t-client-auth rejected\n  ``` not a fence end',
      },
    };
    const secrets = new SecretSet(() => undefined);
    secrets.add('s3cr3t-client-auth', 'ab');
    const text = formatSummary(outcome, { env: {}, secrets });
    expect(text).toContain('## ❌ Portkey AI Gateway deploy failed: `portkey-ai` in `portkeyai`');
    expect(text).toContain('| Rolled back to | revision 3 |');
    expect(text).toContain('Input to check: `portkey-client-auth`');
    expect(text).toContain('<details><summary>Diagnosis</summary>\n\n````text\nReason: CrashLoopBackOff');
    expect(text).toContain('auth key *** rejected');
    expect(text).not.toContain('s3cr3t-client-auth');
    expect(text).not.toContain('Smoke test');
    expect(text).not.toContain('Commit');
  });

  it('labels a port-forwarded gateway with its lasting in-cluster URL and escapes table cells', () => {
    const outcome = deployed();
    outcome.address = {
      url: 'http://127.0.0.1:41234',
      internal: false,
      via: 'port-forward',
      inClusterUrl: 'http://gw.ns.svc.cluster.local:8787',
    };
    outcome.stages = [{ name: 'a | b', ms: 5, ok: true }];
    outcome.smokeTest = undefined;
    const text = formatSummary(outcome, { env: {} });
    expect(text).toContain('| AI gateway | http://gw.ns.svc.cluster.local:8787 |');
    expect(text).toContain('| Reached via | in the cluster only (tested through kubectl port-forward) |');
    expect(text).toContain('| a \\| b | 5 ms | ✅ |');
    expect(text).toContain('### Smoke test\n\nSkipped.');
  });
});

describe('publishing', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'report-test-'));
    process.env.GITHUB_OUTPUT = path.join(dir, 'output');
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary');
    await writeFile(process.env.GITHUB_OUTPUT, '');
    await writeFile(process.env.GITHUB_STEP_SUMMARY, '');
  });
  afterEach(async () => {
    process.env = { ...saved };
    await rm(dir, { recursive: true, force: true });
  });

  async function outputs(): Promise<Record<string, string>> {
    const text = await readFile(path.join(dir, 'output'), 'utf8');
    const found: Record<string, string> = {};
    for (const m of text.matchAll(/^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n?\2$/gm)) found[m[1]] = m[3];
    return found;
  }

  it('sets every output action.yml declares', async () => {
    publishOutputs(deployed());
    const declared = Object.keys((parse(await readFile('action.yml', 'utf8')) as { outputs: object }).outputs);
    const set = await outputs();
    expect(Object.keys(set).sort()).toEqual(declared.sort());
    expect(set).toMatchObject({
      'load-balancer-ip': '20.50.1.2',
      'load-balancer-hostname': '',
      'gateway-url': 'http://20.50.1.2:8787',
      'mcp-url': 'http://20.50.1.2:8788',
      'release-revision': '3',
      'smoke-test-status': 'passed',
      'smoke-test-http-code': '200',
      'smoke-test-latency-ms': '42',
      'helm-path': '/opt/hostedtoolcache/helm/4.1.4/x64/helm',
      'kubeconfig-path': '/home/runner/work/_temp/portkey-azure-deploy-x/kubeconfig',
    });
  });

  it("redacts every output with the run's secrets", async () => {
    const secrets = new SecretSet(() => undefined);
    secrets.add('20.50.1.2:8787-is-a-secret-here');
    const outcome = deployed();
    outcome.address!.url = 'http://20.50.1.2:8787-is-a-secret-here';
    publishOutputs(outcome, secrets);
    expect((await outputs())['gateway-url']).toBe('http://***');
  });

  it('marks a smoke test that did not run as skipped', async () => {
    publishOutputs({
      command: 'deploy',
      succeeded: false,
      release: { name: 'r', namespace: 'n' },
      stages: [],
      warnings: [],
    });
    expect(await outputs()).toMatchObject({
      'smoke-test-status': 'skipped',
      'gateway-url': '',
      'release-name': 'r',
      namespace: 'n',
    });
  });

  it('writes the summary file', async () => {
    await writeSummary(deployed(), { env: runEnv });
    expect(await readFile(path.join(dir, 'summary'), 'utf8')).toBe(formatSummary(deployed(), { env: runEnv }) + os.EOL);
  });
});
