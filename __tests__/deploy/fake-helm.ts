// A scripted helm behind `seams.run` plus a fake clock, so deploy tests assert the exact argv without a cluster.
import { jest } from '@jest/globals';
import type { ChartConfig } from '../../src/inputs/config.js';
import type { ClusterSession } from '../../src/cluster/port.js';
import type { RunOptions, RunResult, Seams } from '../../src/seams.js';

/** The Portkey chart from its Helm repository, as the action's defaults name it. */
export const repositoryChart: ChartConfig = {
  source: { kind: 'repository', repositoryUrl: 'https://portkey-ai.github.io/helm', name: 'gateway' },
  version: '1.7.7',
  releaseName: 'portkey-ai',
  namespace: 'portkeyai',
  createNamespace: true,
};

export type Reply = Partial<RunResult> | ((args: string[], options: RunOptions) => Partial<RunResult>);

export interface Call {
  file: string;
  args: string[];
  options: RunOptions;
}

/** Replies per helm command (`status`, `history`, `upgrade`, `get manifest`…); the last reply repeats. */
export function fakeHelm(script: Record<string, Reply[]>, startMs = Date.parse('2026-11-20T10:00:00Z')) {
  const calls: Call[] = [];
  const sleeps: number[] = [];
  let clock = startMs;
  const seams: Seams = {
    http: () => Promise.reject(new Error('no HTTP in deploy tests')),
    run: async (file, args, options = {}) => {
      calls.push({ file, args, options });
      const key = args[0] === 'get' ? `get ${args[1]}` : args[0];
      const queue = script[key];
      if (!queue?.length) throw new Error(`unscripted helm ${args.join(' ')}`);
      const reply = queue.length > 1 ? queue.shift()! : queue[0];
      const result = {
        exitCode: 0,
        stdout: '',
        stderr: '',
        ...(typeof reply === 'function' ? reply(args, options) : reply),
      };
      // Like runProcess: every complete line also goes to onLine.
      for (const stream of ['stdout', 'stderr'] as const) {
        for (const line of result[stream].split('\n').slice(0, -1)) options.onLine?.(line, stream);
      }
      return result;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
  };
  /** The helm commands run, without the trailing `--kubeconfig <path>` every call carries. */
  const commands = () => calls.map((call) => call.args.slice(0, -2).join(' '));
  return { seams, calls, sleeps, commands };
}

export function fakeTools(major: 3 | 4 = 4): ClusterSession {
  return {
    helm: { path: '/tools/helm', version: major === 4 ? '4.1.4' : '3.18.0', major },
    kubectl: { path: '/tools/kubectl', version: '1.35.2' },
    access: { via: 'kubeconfig', kubeconfigPath: '/ws/kubeconfig', refreshCredentials: async () => {} },
    env: { HELM_REPOSITORY_CONFIG: '/ws/helm/config/repositories.yaml' },
  };
}

export const notFound: Partial<RunResult> = { exitCode: 1, stderr: 'Error: release: not found\n' };

export function statusJson(
  revision: number,
  status: string,
  lastDeployed = '2026-11-20T09:55:00Z',
): Partial<RunResult> {
  return {
    stdout: JSON.stringify({
      name: 'portkey-ai',
      namespace: 'portkeyai',
      version: revision,
      info: { status, last_deployed: lastDeployed, description: 'whatever' },
      config: { environment: { data: { PORTKEY_CLIENT_AUTH: 'not-for-logs' } } },
      manifest: '---\nkind: Secret\nmetadata:\n  name: portkey-ai-gateway\n',
    }),
  };
}

export function metadataJson(revision: number, status = 'deployed'): Partial<RunResult> {
  return {
    stdout: JSON.stringify({
      name: 'portkey-ai',
      chart: 'gateway',
      version: '1.7.7',
      appVersion: '2.13.0',
      namespace: 'portkeyai',
      revision,
      status,
      deployedAt: '2026-11-20T10:00:00Z',
    }),
  };
}

export const manifest =
  '---\n# Source: gateway/templates/service.yaml\nkind: Service\nmetadata:\n  name: portkey-ai-gateway\n';

export function historyJson(...entries: [number, string, string?][]): Partial<RunResult> {
  return {
    stdout: JSON.stringify(
      entries.map(([revision, status, description]) => ({
        revision,
        status,
        chart: 'gateway-1.7.7',
        app_version: '2.13.0',
        description: description ?? 'Upgrade complete',
      })),
    ),
  };
}

/** Collects what src/runner.ts writes to stdout (runner.info, runner.warning), line by line (helm's output is fenced). */
export function captureLog() {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).trimEnd().split(/\r?\n/));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}
