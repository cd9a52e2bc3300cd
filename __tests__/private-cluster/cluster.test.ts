// The runCommand cluster against a stand-in command pod: bash running the command in a folder holding the unzipped
// context, with stand-in helm and kubectl on PATH. What travels where (exactly the files a change names, in the zip;
// nothing secret on the line), which reads share an invocation (exactly those handed over together), how a running
// helm is stopped, and what happens to output AKS cut.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { RunCommandApi } from '../../src/azure/run-command.js';
import type { ClusterChange, ClusterRead, ClusterSession } from '../../src/cluster/port.js';
import { DISCOVERY_READS } from '../../src/cluster/discovery.js';
import { RunCommandCluster } from '../../src/private-cluster/cluster.js';
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

const release = { name: 'portkey-ai', namespace: 'portkeyai' };
const otherValues = path.join(workspaceDir, 'chart-x', 'values.yaml');
writeFileSync(otherValues, 'replicaCount: 2\n', { mode: 0o600 });
const journal = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'portkey-azure-deploy.portkey-ai', namespace: 'portkeyai' },
  data: { 'operation.json': '{}' },
};

describe('RunCommandCluster', () => {
  it.each<[string, ClusterChange, string[][], string]>([
    [
      'an upgrade: the chart and the values it names',
      {
        kind: 'helm',
        release,
        args: ['upgrade', '--install', 'portkey-ai', chartPath, '-f', valuesPath],
        files: [chartPath, valuesPath],
      },
      [['gateway-1.7.7.tgz', 'values.yaml']],
      'helm upgrade --install portkey-ai ./gateway-1.7.7.tgz -f ./values.yaml',
    ],
    [
      'a workspace file on the line that the change did not name: it stays here, its path untouched',
      {
        kind: 'helm',
        release,
        args: ['upgrade', '--install', 'portkey-ai', chartPath, '-f', valuesPath],
        files: [chartPath],
      },
      [['gateway-1.7.7.tgz']],
      `helm upgrade --install portkey-ai ./gateway-1.7.7.tgz -f ${valuesPath}`,
    ],
    [
      'two files of the same name',
      {
        kind: 'helm',
        release,
        args: ['upgrade', 'x', '-f', valuesPath, '-f', otherValues],
        files: [valuesPath, otherValues],
      },
      [['values.yaml', '1-values.yaml']],
      'helm upgrade x -f ./values.yaml -f ./1-values.yaml',
    ],
    [
      'a rollback, which names none',
      { kind: 'helm', release, args: ['rollback', 'portkey-ai', '2', '-n', 'portkeyai'], files: [] },
      [],
      'helm rollback portkey-ai 2 -n portkeyai',
    ],
    [
      'an object to apply: itself, as object.json',
      { kind: 'apply', object: journal },
      [['object.json']],
      'kubectl apply --server-side --force-conflicts --field-manager=portkey-azure-deploy -f ./object.json',
    ],
    [
      'a delete: nothing',
      { kind: 'delete', resource: 'deployment', name: 'canary', namespace: 'portkeyai' },
      [],
      'kubectl delete deployment canary -n portkeyai --ignore-not-found',
    ],
  ])('ships exactly the files a change names: %s', async (_, change, zipped, line) => {
    const pod = podApi();
    const result = await cluster(pod).change(change);
    expect(result.exitCode).toBe(0);
    expect(pod.contexts).toEqual(zipped);
    expect(pod.commands).toHaveLength(1);
    expect(pod.commands[0].split('\n')[0]).toBe(`${line} >.pk-out-0 2>.pk-err-0 </dev/null; pk_c=$?`);
  });

  it('sends what it ships intact, and nothing secret or of the runner on the line', async () => {
    const pod = podApi();
    const lines: string[] = [];
    const args = ['upgrade', '--install', 'portkey-ai', chartPath, '-n', 'portkeyai', '-f', valuesPath];
    const result = await cluster(pod).change(
      { kind: 'helm', release, args: [...args, '--description', "it's deployed"], files: [chartPath, valuesPath] },
      { onLine: (line) => lines.push(line) },
    );
    expect(result.stdout).toBe(
      "helm upgrade --install portkey-ai ./gateway-1.7.7.tgz -n portkeyai -f ./values.yaml --description it's deployed\n" +
        `values: ${VALUES.trimEnd()}\n`,
    );
    expect(lines[0]).toBe(
      "helm upgrade --install portkey-ai ./gateway-1.7.7.tgz -n portkeyai -f ./values.yaml --description it's deployed",
    );
    expect(pod.commands[0]).not.toContain('pk-secret-4242');
    expect(pod.commands[0]).not.toContain(workspaceDir);
    expect(pod.commands[0]).toContain("'it'\\''s deployed'");
  });

  const pods: ClusterRead = { kind: 'objects', resource: 'pods', namespace: 'portkeyai', selector: 'app=gateway' };
  const history: ClusterRead = { kind: 'release', what: 'history', release, max: 1 };
  const logs: ClusterRead = {
    kind: 'logs',
    namespace: 'portkeyai',
    pod: 'p',
    container: 'c',
    tail: 20,
    previous: true,
  };

  it.each<[string, (remote: RunCommandCluster) => Promise<unknown>, string[][]]>([
    [
      'reads handed over together: one invocation, in order',
      (remote) => remote.readAll([history, pods, logs]),
      [
        [
          'helm history --max 1 portkey-ai -n portkeyai -o json',
          'kubectl get pods -n portkeyai -l app=gateway -o json',
          'kubectl logs p -n portkeyai -c c --tail 20 --previous',
        ],
      ],
    ],
    [
      'one read: one invocation',
      (remote) => remote.read(pods),
      [['kubectl get pods -n portkeyai -l app=gateway -o json']],
    ],
    [
      'reads asked side by side but separately: nothing is learned, one invocation each',
      (remote) => Promise.all([remote.read(pods), remote.read(history)]),
      [
        ['kubectl get pods -n portkeyai -l app=gateway -o json'],
        ['helm history --max 1 portkey-ai -n portkeyai -o json'],
      ],
    ],
    [
      'the same read again: asked again',
      async (remote) => {
        await remote.read(pods);
        await remote.read(pods);
      },
      [
        ['kubectl get pods -n portkeyai -l app=gateway -o json'],
        ['kubectl get pods -n portkeyai -l app=gateway -o json'],
      ],
    ],
    ['no reads: no invocation', (remote) => remote.readAll([]), []],
  ])('batches exactly the reads handed over together: %s', async (_, act, invocations) => {
    const pod = podApi();
    await act(cluster(pod));
    const commandsOf = (script: string) =>
      script
        .split('\n')
        .filter((line) => line.includes('>.pk-out-'))
        .map((line) => line.replace(/ >\.pk-out-.*$/, ''));
    expect(pod.commands.map(commandsOf).sort()).toEqual([...invocations].sort());
    expect(pod.contexts).toEqual([]);
  });

  it('gives each read of a batch its own answer', async () => {
    const pod = podApi();
    const [a, b] = await cluster(pod).readAll([pods, history]);
    expect(a.stdout).toBe('kubectl get pods -n portkeyai -l app=gateway -o json\n0');
    expect(b.stdout).toBe('helm history --max 1 portkey-ai -n portkeyai -o json\n');
    expect(pod.commands).toHaveLength(1);
  });

  it("answers a plan's release reads and the cluster's discovery in one invocation", async () => {
    const pod = podApi();
    const status = { kind: 'release' as const, what: 'status' as const, release };
    const answers = await cluster(pod).readAll([status, ...DISCOVERY_READS]);
    expect(pod.commands).toHaveLength(1);
    expect(answers.map((answer) => answer.stdout)).toEqual([
      'helm status portkey-ai -n portkeyai -o json\n',
      'kubectl version -o json\n0',
      'kubectl api-versions\n0',
    ]);
  });

  it('stops a running helm the way a local one gets SIGINT: the pod sees the stop ConfigMap in the release namespace', async () => {
    const pod = podApi({ PK_SLOW: '1' });
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('the watcher found a crash loop')), 500);
    const args = ['upgrade', '--install', 'x', chartPath];
    const result = await cluster(pod).change(
      { kind: 'helm', release, args, files: [chartPath] },
      { stop: stop.signal },
    );
    expect(result).toEqual({ exitCode: 1, stdout: 'helm: stopped, rolling back\n', stderr: '' });
    expect(pod.submitted).toHaveLength(1);
    expect(pod.submitted[0]).toMatch(/kubectl create configmap portkey-stop-[0-9a-f]+ -n portkeyai/);
  }, 20_000);

  it('does not start a change that was stopped before it began', async () => {
    const pod = podApi();
    const change: ClusterChange = { kind: 'helm', release, args: ['rollback', 'x', '1'], files: [] };
    const result = await cluster(pod).change(change, { stop: AbortSignal.abort() });
    expect(result.exitCode).toBe(130);
    expect(pod.commands).toEqual([]);
  });

  it('asks again in smaller pieces when AKS cut a batch, and says so when one command alone is too much', async () => {
    const pod = podApi({ PK_PAD: '300' }, 900);
    const reads = ['a', 'b', 'c'].map((name): ClusterRead => ({ kind: 'objects', resource: name, namespace: 'n' }));
    const answers = await cluster(pod).readAll(reads);
    expect(answers.map((a) => a.stdout.split('\n')[0])).toEqual([
      'kubectl get a -n n -o json',
      'kubectl get b -n n -o json',
      'kubectl get c -n n -o json',
    ]);
    expect(pod.commands.length).toBeGreaterThan(1);

    const huge = podApi({ PK_PAD: '5000' }, 900);
    const error = (await cluster(huge)
      .read({ kind: 'objects', resource: 'events', namespace: 'n' })
      .catch((e: unknown) => e)) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.message).toBe(
      "The output of `kubectl get events -n n -o json`, run through runCommand on AKS cluster aks-private, was cut at AKS's 512 kB limit.",
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
    await expect(remote.read({ kind: 'api-versions' })).rejects.toThrow(
      "The runCommand pod of AKS cluster aks-private could not run the action's script (exit 127): bash: not found",
    );
  });
});
