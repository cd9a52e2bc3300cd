import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensureBinaries } from '../../sandbox/binaries.js';
import { GATEWAY_GREETING } from '../../sandbox/gateway.js';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { liveDescendants } from './processes.js';

const execFileAsync = promisify(execFile);

/** An HTTPS GET trusting only the sandbox's CA (this process started before the CA existed). */
function httpsGet(url: string, ca: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the composed sandbox', () => {
  let sandbox: Sandbox;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('hands the action every input it needs to deploy into the sandbox', () => {
    expect(sandbox.inputs).toMatchObject({
      'authority-host': sandbox.entra.url,
      'resource-manager-endpoint': sandbox.arm.url,
      'helm-download-url': sandbox.mirror.helmBaseUrl,
      'kubectl-download-url': sandbox.mirror.kubectlBaseUrl,
      'service-port': String(sandbox.gateway.port),
      'smoke-test-path': '/',
      'smoke-test-expected-body': GATEWAY_GREETING,
      'smoke-test-custom-host': sandbox.gateway.upstream.url,
    });
    for (const name of ['client-id', 'tenant-id', 'subscription-id', 'resource-group', 'cluster-name']) {
      expect(sandbox.inputs[name]).toMatch(/\S/);
    }
    // The fixture chart is vendored in every run's workspace, where the action reads local charts from.
    expect(sandbox.inputs.chart).toBe('./charts/gateway');
    expect(existsSync(path.join(sandbox.workspaceFolders['charts/gateway'], 'Chart.yaml'))).toBe(true);
    expect(existsSync(sandbox.env.NODE_EXTRA_CA_CERTS)).toBe(true);
    expect(sandbox.env.ACTIONS_ID_TOKEN_REQUEST_URL).toContain('?');
  });

  it('issues a GitHub OIDC token to a caller holding the request token', async () => {
    const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: token } = sandbox.env;
    const answer = await httpsGet(`${url}&audience=api://AzureADTokenExchange`, sandbox.tls.cert, {
      authorization: `Bearer ${token}`,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).value.split('.')).toHaveLength(3);
    expect(sandbox.secrets().map((s) => s.name)).toContain('GitHub OIDC token #1');
  });

  it('serves the download mirror over the test CA', async () => {
    const answer = await httpsGet(`${sandbox.mirror.helmBaseUrl}/helm-latest-version`, sandbox.tls.cert);
    expect(answer).toEqual({ status: 200, body: expect.stringMatching(/^v4\./) });
  });

  it('runs a real kubectl against the AKS stand-in with its kubeconfig', async () => {
    const { kubectl } = await ensureBinaries();
    const kubeconfig = path.join(scratch, 'kubeconfig');
    writeFileSync(kubeconfig, sandbox.kubeconfig(), { mode: 0o600 });
    const { stdout } = await execFileAsync(kubectl, ['get', 'namespaces', '-o', 'name', '--kubeconfig', kubeconfig]);
    expect(stdout).toContain('namespace/default');
  });

  it('routes a chat completion through the real gateway to the upstream', async () => {
    const response = await fetch(`${sandbox.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': sandbox.inputs['smoke-test-custom-host'],
        authorization: `Bearer ${sandbox.inputs['smoke-test-provider-key']}`,
      },
      body: JSON.stringify({
        model: sandbox.inputs['smoke-test-chat-model'],
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini' });
    expect(sandbox.gateway.upstream.requests).toHaveLength(1);
  });

  it('stops everything it started: no process left, no port still answering', async () => {
    const second = await startSandbox();
    expect(liveDescendants().map((p) => p.pid)).toContain(second.gateway.pid);
    await second.close();
    expect(liveDescendants().filter((p) => p.pid !== sandbox.gateway.pid)).toEqual([]);
    for (const url of [second.kube.url, second.entra.url, second.arm.url, second.oidc.url, second.gateway.url]) {
      await expect(fetch(url)).rejects.toThrow();
    }
    expect(existsSync(second.env.NODE_EXTRA_CA_CERTS)).toBe(false);
  });
});
