// The runCommand cluster against a stand-in command pod: bash running the command in a folder holding the unzipped
// context, with stand-in helm and kubectl on PATH. What travels where (files in the zip, nothing secret on the line),
// how a running helm is stopped, and what happens to output AKS cut.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { RunCommandApi } from '../../src/azure/run-command.js';
import { RunCommandCluster } from '../../src/cluster/run-command/remote.js';
import type { ClusterSession } from '../../src/cluster/session.js';
import { ActionError } from '../../src/errors.js';
import { realSeams } from '../../src/seams.js';

const execFileAsync = promisify(execFile);
const root = mkdtempSync(path.join(os.tmpdir(), 'remote-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function stub(bin: string, name: string, body: string) {
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
  chmodSync(path.join(bin, name), 0o755);
}

const HELM = [
  'if [ "$1" = version ]; then printf "${PK_HELM_VERSION:-v3.18.0}"; exit 0; fi',
  'if [ "$1" = upgrade ] && [ -n "$PK_SLOW" ]; then trap \'echo "helm: stopped, rolling back"; exit 1\' TERM; while true; do sleep 0.1; done; fi',
  'echo "helm $*"',
  // What helm reads through -f: proof the values file arrived next to the command.
  'for i in $(seq 1 $#); do if [ "${!i}" = -f ]; then j=$((i+1)); echo "values: $(cat "${!j}")"; fi; done',
].join('\n');
const KUBECTL = [
  'case "$1 $2" in',
  '  "get configmap") [ -f "$PK_DIR/stop" ] ;;',
  '  "create configmap") touch "$PK_DIR/stop" ;;',
  '  "delete configmap") rm -f "$PK_DIR/stop" ;;',
  '  "version --client") echo \'{"clientVersion":{"gitVersion":"v1.33.0"}}\' ;;',
  '  *) echo "kubectl $*"; printf "%0${PK_PAD:-0}d" 0 ;;',
  'esac',
].join('\n');

/** A command pod: unzips the context, runs the command with bash; `cut` keeps only the first bytes of the logs. */
function podApi(env: Record<string, string> = {}, cut = Infinity) {
  const pod = mkdtempSync(path.join(root, 'pod-'));
  const bin = path.join(pod, 'bin');
  stub(bin, 'helm', HELM);
  stub(bin, 'kubectl', KUBECTL);
  const commands: string[] = [];
  const contexts: string[][] = [];
  const submitted: string[] = [];
  const exec = async (command: string, context?: Buffer) => {
    const work = mkdtempSync(path.join(pod, 'work-'));
    if (context) {
      writeFileSync(path.join(work, '.context.zip'), context);
      contexts.push(
        (await execFileAsync('zipinfo', ['-1', '.context.zip'], { cwd: work })).stdout.split('\n').filter(Boolean),
      );
      await execFileAsync('unzip', ['-q', '.context.zip'], { cwd: work });
    }
    const run = await execFileAsync('bash', ['-c', command], {
      cwd: work,
      env: { PATH: `${bin}:/usr/bin:/bin`, PK_DIR: pod, ...env },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    return {
      exitCode: 'code' in run && typeof run.code === 'number' ? run.code : 0,
      logs: `${run.stdout}${run.stderr}`,
    };
  };
  const api: RunCommandApi = {
    async submit(request) {
      submitted.push(request.command);
      void exec(request.command);
      return { id: `s${submitted.length}`, location: '' };
    },
    async run(request) {
      commands.push(request.command);
      const { exitCode, logs } = await exec(request.command, request.context);
      return { id: `c${commands.length}`, exitCode, logs: logs.slice(0, cut) };
    },
  };
  return { api, commands, contexts, submitted };
}

const workspaceDir = mkdtempSync(path.join(root, 'workspace-'));
const valuesPath = path.join(workspaceDir, 'values.yaml');
const VALUES = 'environment:\n  data:\n    PORTKEY_CLIENT_AUTH: pk-secret-4242\n';
writeFileSync(valuesPath, VALUES, { mode: 0o600 });
mkdirSync(path.join(workspaceDir, 'chart-x'));
const chartPath = path.join(workspaceDir, 'chart-x', 'gateway-1.7.7.tgz');
writeFileSync(chartPath, 'not really a chart');

const local = {} as ClusterSession;
const cluster = (pod: ReturnType<typeof podApi>) =>
  new RunCommandCluster({ local, api: pod.api, clusterName: 'aks-private', workspaceDir, seams: realSeams });

describe('RunCommandCluster', () => {
  it('sends the workspace files a command names in the context zip and names them where AKS unpacks them', async () => {
    const pod = podApi();
    const lines: string[] = [];
    const args = [
      'upgrade',
      '--install',
      'portkey-ai',
      chartPath,
      '-n',
      'portkeyai',
      '-f',
      valuesPath,
      '--description',
      "it's deployed",
    ];
    const result = await cluster(pod).run('helm', args, { onLine: (line) => lines.push(line) });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      "helm upgrade --install portkey-ai ./gateway-1.7.7.tgz -n portkeyai -f ./values.yaml --description it's deployed\n" +
        `values: ${VALUES.trimEnd()}\n`,
    );
    expect(lines[0]).toBe(
      "helm upgrade --install portkey-ai ./gateway-1.7.7.tgz -n portkeyai -f ./values.yaml --description it's deployed",
    );
    expect(pod.contexts).toEqual([['gateway-1.7.7.tgz', 'values.yaml']]);
    // Neither the values nor the runner's paths are on the command line.
    expect(pod.commands[0]).not.toContain('pk-secret-4242');
    expect(pod.commands[0]).not.toContain(workspaceDir);
    expect(pod.commands[0]).toContain("'it'\\''s deployed'");
  });

  it('asks reads made side by side in one invocation, each with its own answer', async () => {
    const pod = podApi();
    const remote = cluster(pod);
    const [a, b] = await Promise.all([remote.run('kubectl', ['get', 'pods']), remote.run('helm', ['status', 'x'])]);
    expect(a.stdout).toBe('kubectl get pods\n0');
    expect(b.stdout).toBe('helm status x\n');
    expect(pod.commands).toHaveLength(1);
  });

  it("asks a plan's first reads, the cluster's discovery with them, in one invocation", async () => {
    const pod = podApi();
    const remote = cluster(pod);
    await Promise.all([
      remote.run('helm', ['status', 'x']),
      remote.run('helm', ['get', 'manifest', 'x']),
      remote.run('kubectl', ['version', '-o', 'json']),
      remote.run('kubectl', ['api-versions']),
    ]);
    expect(pod.commands).toHaveLength(1);
  });

  it('stops a running helm the way a local one gets SIGINT: the pod sees the stop ConfigMap and signals it', async () => {
    const pod = podApi({ PK_SLOW: '1' });
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('the watcher found a crash loop')), 500);
    const result = await cluster(pod).run('helm', ['upgrade', '--install', 'x', chartPath, '-n', 'portkeyai'], {
      signal: stop.signal,
    });
    expect(result).toEqual({ exitCode: 1, stdout: 'helm: stopped, rolling back\n', stderr: '' });
    expect(pod.submitted).toHaveLength(1);
    expect(pod.submitted[0]).toMatch(/kubectl create configmap portkey-stop-[0-9a-f]+ -n portkeyai/);
  }, 20_000);

  it('does not start a change that was stopped before it began', async () => {
    const pod = podApi();
    const result = await cluster(pod).run('helm', ['rollback', 'x', '1', '-n', 'ns'], { signal: AbortSignal.abort() });
    expect(result.exitCode).toBe(130);
    expect(pod.commands).toEqual([]);
  });

  it('asks again in smaller pieces when AKS cut a batch, and says so when one command alone is too much', async () => {
    const pod = podApi({ PK_PAD: '300' }, 900);
    const remote = cluster(pod);
    const answers = await Promise.all(['a', 'b', 'c'].map((name) => remote.run('kubectl', ['get', name])));
    expect(answers.map((a) => a.stdout.split('\n')[0])).toEqual(['kubectl get a', 'kubectl get b', 'kubectl get c']);
    expect(pod.commands.length).toBeGreaterThan(1);

    const huge = podApi({ PK_PAD: '5000' }, 900);
    const error = (await cluster(huge)
      .run('kubectl', ['get', 'events'])
      .catch((e: unknown) => e)) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.message).toBe(
      "The output of `kubectl get events`, run through runCommand on AKS cluster aks-private, was cut at AKS's 512 kB limit.",
    );
  });

  it('learns the command pod’s helm and kubectl, and refuses a helm that is not 3 or 4', async () => {
    const pod = podApi();
    const remote = cluster(pod);
    expect(await remote.tools()).toEqual({
      helm: { path: 'helm', version: '3.18.0', major: 3 },
      kubectl: { path: 'kubectl', version: '1.33.0' },
    });
    expect(remote.description).toBe('AKS runCommand (helm 3.18.0 in the command pod)');
    await expect(cluster(podApi({ PK_HELM_VERSION: 'v2.17.0' })).tools()).rejects.toThrow(
      /did not report a Helm 3 or 4 version/,
    );
  });

  it('says so when the pod could not run the script at all', async () => {
    const api: RunCommandApi = {
      submit: async () => ({ id: 'x', location: '' }),
      run: async () => ({ id: 'c1', exitCode: 127, logs: 'bash: not found' }),
    };
    const remote = new RunCommandCluster({ local, api, clusterName: 'aks-private', workspaceDir, seams: realSeams });
    await expect(remote.run('kubectl', ['get', 'pods'])).rejects.toThrow(
      "The runCommand pod of AKS cluster aks-private could not run the action's script (exit 127): bash: not found",
    );
  });
});
