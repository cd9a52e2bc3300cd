// A scripted cluster behind fake Seams: answers the helm and kubectl commands the verify stage runs from plain
// objects a test can change between ticks, on a fake clock that only moves when the code sleeps.
import type { ClusterSession } from '../../src/cluster/port.js';
import type { RunOptions, RunResult, Seams } from '../../src/seams.js';
import type { KubeEvent } from '../../src/verify/cluster-reads.js';
import type { Pod } from '../../src/verify/pod-health.js';
import type { ReplicaSet, Workload } from '../../src/verify/workloads.js';

export interface FakeClusterState {
  release?: { revision: number; status: string; updated?: string; manifest: string };
  workloads: Workload[];
  pods: Pod[];
  replicaSets: ReplicaSet[];
  /** By involved object name. */
  events: Record<string, KubeEvent[]>;
  /** By `<pod>/<container>` plus `/previous` for the previous run. */
  logs: Record<string, string>;
  /** Services and Ingresses by `<kind>/<name>`. */
  objects: Record<string, unknown>;
  /** A command that fails: exit code and stderr for argv containing this text. */
  failing?: { match: string; stderr: string };
}

export const tools: ClusterSession = {
  helm: { path: '/bin/helm', version: '4.1.4', major: 4 },
  kubectl: { path: '/bin/kubectl', version: '1.35.2' },
  access: { via: 'kubeconfig', kubeconfigPath: '/work/kubeconfig', refreshCredentials: async () => {} },
  env: {},
};

const ok = (value: unknown): RunResult => ({ exitCode: 0, stdout: JSON.stringify(value), stderr: '' });
const list = (items: unknown[]) => ok({ apiVersion: 'v1', kind: 'List', items });

export function fakeCluster(state: FakeClusterState, onTick?: (now: number) => void) {
  let now = 1_000_000;
  const calls: string[][] = [];
  const sleeps: number[] = [];

  function answer(args: string[], _options: RunOptions): RunResult | Promise<RunResult> {
    const [tool, verb, ...rest] = args;
    const line = args.join(' ');
    if (state.failing && line.includes(state.failing.match)) {
      return { exitCode: 1, stdout: '', stderr: state.failing.stderr };
    }
    if (tool === 'helm' && verb === 'history') {
      const r = state.release;
      return r
        ? ok([{ revision: r.revision, status: r.status, updated: r.updated }])
        : { exitCode: 1, stdout: '', stderr: 'Error: release: not found' };
    }
    if (tool === 'helm' && verb === 'get') return { exitCode: 0, stdout: state.release?.manifest ?? '', stderr: '' };
    if (tool !== 'kubectl') throw new Error(`unexpected command ${line}`);
    if (verb === 'get' && rest[0] === 'events') {
      const name = /involvedObject\.name=([^\s,]+)/.exec(line)?.[1] ?? '';
      return list(state.events[name] ?? []);
    }
    if (verb === 'get' && rest[0].startsWith('pods')) {
      const rs = rest[0].includes('replicasets') ? state.replicaSets.map((r) => ({ kind: 'ReplicaSet', ...r })) : [];
      return list([...state.pods.map((p) => ({ kind: 'Pod', ...p })), ...rs]);
    }
    if (verb === 'get' && (rest[0] === 'service' || rest[0] === 'ingress')) {
      const found = state.objects[`${rest[0]}/${rest[1]}`];
      return found
        ? ok(found)
        : { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): ${rest[0]} "${rest[1]}" not found` };
    }
    if (verb === 'get') {
      const names = rest.filter((a) => a.includes('/'));
      const found = state.workloads.filter((w) => names.includes(`${w.kind.toLowerCase()}/${w.metadata.name}`));
      if (found.length === 0) return { exitCode: 0, stdout: '', stderr: '' };
      return names.length === 1 ? ok(found[0]) : list(found);
    }
    if (verb === 'logs') {
      const pod = rest[0];
      const container = rest[rest.indexOf('-c') + 1];
      const key = `${pod}/${container}${rest.includes('--previous') ? '/previous' : ''}`;
      return key in state.logs
        ? { exitCode: 0, stdout: state.logs[key], stderr: '' }
        : {
            exitCode: 1,
            stdout: '',
            stderr: `Error from server (BadRequest): previous terminated container "${container}" in pod "${pod}" not found`,
          };
    }
    throw new Error(`unexpected command ${line}`);
  }

  const seams: Seams = {
    http: async () => {
      throw new Error('no HTTP in this fake');
    },
    run: async (file, args, options = {}) => {
      const kubeconfig = args.indexOf('--kubeconfig');
      if (kubeconfig < 0 || args[kubeconfig + 1] !== '/work/kubeconfig')
        throw new Error(`no --kubeconfig in ${args.join(' ')}`);
      const argv = [file === tools.helm.path ? 'helm' : 'kubectl', ...args.slice(0, kubeconfig)];
      calls.push(argv);
      onTick?.(now);
      return answer(argv, options);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
  };
  return { seams, calls, sleeps, now: () => now, start: now };
}
