// The cluster port's one translation of intent into command lines, and its local implementation: the kubeconfig on
// every command, credentials refreshed first, an object to apply on stdin (no file), a stop handle as the signal.
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { clusterPort } from '../../src/cluster/local.js';
import {
  changeCommand,
  readCommand,
  type ClusterChange,
  type ClusterRead,
  type ClusterSession,
} from '../../src/cluster/port.js';
import type { RunOptions, Seams } from '../../src/seams.js';

const release = { name: 'portkey-ai', namespace: 'portkeyai' };
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'portkey-ai-canary', namespace: 'portkeyai' },
  spec: { replicas: 1 },
};

describe('readCommand', () => {
  it.each<[ClusterRead, string]>([
    [{ kind: 'release', what: 'status', release }, 'helm status portkey-ai -n portkeyai -o json'],
    [{ kind: 'release', what: 'metadata', release }, 'helm get metadata portkey-ai -n portkeyai -o json'],
    [{ kind: 'release', what: 'history', release, max: 1 }, 'helm history --max 1 portkey-ai -n portkeyai -o json'],
    [
      { kind: 'release', what: 'manifest', release, revision: 3 },
      'helm get manifest --revision 3 portkey-ai -n portkeyai',
    ],
    [{ kind: 'release', what: 'values', release }, 'helm get values portkey-ai -n portkeyai -o json'],
    [
      { kind: 'objects', names: ['deployment/a', 'statefulset/b'], namespace: 'n', ignoreNotFound: true },
      'kubectl get deployment/a statefulset/b -n n --ignore-not-found -o json',
    ],
    [
      { kind: 'objects', resource: 'pods,replicasets', namespace: 'n', selector: 'app=x' },
      'kubectl get pods,replicasets -n n -l app=x -o json',
    ],
    [
      { kind: 'objects', resource: 'events', namespace: 'n', fieldSelector: 'involvedObject.name=p' },
      'kubectl get events -n n --field-selector involvedObject.name=p -o json',
    ],
    [
      { kind: 'logs', namespace: 'n', pod: 'p', container: 'c', tail: 20, previous: true },
      'kubectl logs p -n n -c c --tail 20 --previous',
    ],
    [
      { kind: 'raw', path: '/api/v1/namespaces/n/pods/p:9090/proxy/metrics' },
      'kubectl get --raw /api/v1/namespaces/n/pods/p:9090/proxy/metrics -v=6',
    ],
    [{ kind: 'api-versions' }, 'kubectl api-versions'],
    [
      { kind: 'can-i', verb: 'get', resource: 'services', subresource: 'proxy', namespace: 'n' },
      'kubectl auth can-i get services --subresource=proxy --namespace n',
    ],
  ])('%j is `%s`', (read, line) => {
    const { tool, args } = readCommand(read);
    expect([tool, ...args].join(' ')).toBe(line);
  });
});

describe('changeCommand', () => {
  it.each<[ClusterChange, string]>([
    [{ kind: 'helm', release, args: ['rollback', 'portkey-ai', '2'], files: [] }, 'helm rollback portkey-ai 2'],
    [
      { kind: 'apply', object: deployment },
      'kubectl apply --server-side --force-conflicts --field-manager=portkey-azure-deploy -f -',
    ],
    [
      { kind: 'delete', resource: 'deployment', name: 'portkey-ai-canary', namespace: 'portkeyai' },
      'kubectl delete deployment portkey-ai-canary -n portkeyai --ignore-not-found',
    ],
  ])('%j is `%s`', (change, line) => {
    const { tool, args } = changeCommand(change);
    expect([tool, ...args].join(' ')).toBe(line);
  });
});

describe('the local cluster port', () => {
  function local() {
    const events: string[] = [];
    const runs: { file: string; args: string[]; options: RunOptions }[] = [];
    const session: ClusterSession = {
      helm: { path: '/tools/helm', version: '4.1.4', major: 4 },
      kubectl: { path: '/tools/kubectl', version: '1.35.2' },
      env: { HELM_DATA_HOME: '/ws/helm/data' },
      access: {
        via: 'kubeconfig',
        kubeconfigPath: '/ws/kubeconfig',
        refreshCredentials: async () => void events.push('refresh'),
      },
    };
    const seams = {
      run: async (file: string, args: string[], options: RunOptions = {}) => {
        events.push(`run ${path.basename(file)}`);
        runs.push({ file, args, options });
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`done ${path.basename(file)}`);
        return { exitCode: 0, stdout: `ok ${path.basename(file)}`, stderr: '' };
      },
    } as unknown as Seams;
    return { cluster: clusterPort(session, seams), events, runs };
  }

  it('runs the reads of one look side by side, each with the kubeconfig and fresh credentials, answers in order', async () => {
    const { cluster, events, runs } = local();
    const results = await cluster.readAll([
      { kind: 'release', what: 'status', release },
      { kind: 'raw', path: '/metrics' },
    ]);
    expect(results.map((r) => r.stdout)).toEqual(['ok helm', 'ok kubectl']);
    expect(events).toEqual(['refresh', 'refresh', 'run helm', 'run kubectl', 'done helm', 'done kubectl']);
    expect(runs.map((r) => [r.file, ...r.args])).toEqual([
      ['/tools/helm', 'status', 'portkey-ai', '-n', 'portkeyai', '-o', 'json', '--kubeconfig', '/ws/kubeconfig'],
      ['/tools/kubectl', 'get', '--raw', '/metrics', '-v=6', '--kubeconfig', '/ws/kubeconfig'],
    ]);
    expect(runs[0].options.env).toEqual({ HELM_DATA_HOME: '/ws/helm/data' });
  });

  it('applies an object through stdin, and hands the stop handle and the line callback to the process', async () => {
    const { cluster, runs } = local();
    const stop = new AbortController();
    const onLine = () => undefined;
    await cluster.change({ kind: 'apply', object: deployment }, { stop: stop.signal, onLine });
    expect(runs[0].args.slice(-3)).toEqual(['-', '--kubeconfig', '/ws/kubeconfig']);
    expect(JSON.parse(runs[0].options.stdin ?? '')).toEqual(deployment);
    expect(runs[0].options.signal).toBe(stop.signal);
    expect(runs[0].options.onLine).toBe(onLine);

    await cluster.change({ kind: 'delete', resource: 'deployment', name: 'portkey-ai-canary', namespace: 'portkeyai' });
    expect(runs[1].options.stdin).toBeUndefined();
  });
});
