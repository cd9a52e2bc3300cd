// GitHub's own local runner for actions, @github/local-action, runs the main step and then the post step in one
// process, so the saved state reaches the post step in memory, not in STATE_* (see sandbox/local-action.ts). The post
// step must still find the private folder main saved and delete it: the values with the client auth key, the
// kubeconfig, the binaries.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import * as path from 'node:path';
import { runLocalAction } from '../../sandbox/local-action.js';
import { leaksIn, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const namespace = 'local-action';

describe("under GitHub's local-action: main then post in one process (e2e)", () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('deploys with a kubeconfig input, and the post step leaves nothing in RUNNER_TEMP', async () => {
    const { sandbox } = e2e;
    const run = await runLocalAction({
      sandbox,
      toolCache: e2e.toolCache,
      // local-action has no OIDC token to give: the cluster's own kubeconfig.
      workspaceFiles: { 'kubeconfig.yaml': sandbox.kubeconfig() },
      inputs: { kubeconfig: 'kubeconfig.yaml', namespace },
    });
    const log = `exit ${run.exitCode}\n${run.stdout.slice(-6000)}\n${run.stderr.slice(-2000)}`;
    expect({ outputs: run.outputs, log }).toMatchObject({
      outputs: { 'release-revision': '1', 'release-status': 'deployed', 'smoke-test-status': 'passed' },
    });

    // What main wrote, all in its private folder: the kubeconfig, helm and kubectl, and the values with the key.
    const workDir = path.dirname(run.outputs['kubeconfig-path']);
    expect(path.basename(workDir)).toMatch(/^portkey-azure-deploy-/);
    expect([run.outputs['helm-path'], run.outputs['kubectl-path']]).toEqual([
      path.join(workDir, 'bin', 'helm'),
      path.join(workDir, 'bin', 'kubectl'),
    ]);
    const env = sandbox.kube.get('', 'secrets', namespace, 'portkey-ai-gateway') as { data: Record<string, string> };
    expect(Buffer.from(env.data.PORTKEY_CLIENT_AUTH, 'base64').toString()).toBe(run.inputs['portkey-client-auth']);

    // The post step, in the same process, read the folder main saved after it had loaded, and removed it.
    expect(Object.keys(run.filesLeftBehind)).toEqual([]);
    expect(run.postStdout).toContain(`Removed ${workDir}:`);
    // local-action prints workflow commands as they come; GitHub's runner consumes each `::add-mask::` line. Every
    // other line is what the action printed itself, through its redaction.
    const withoutMaskCommands = run.stdout.replace(/^::add-mask::.*$/gm, '');
    const places: [string, string][] = [
      ['the log', withoutMaskCommands],
      ['stderr', run.stderr],
      ['the summary', run.summary],
    ];
    expect(leaksIn(places, sandbox.secrets())).toEqual([]);
  });
});
