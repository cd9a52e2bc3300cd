// A private AKS cluster's helm and kubectl, run in its command pod through Resource Manager's runCommand: the cluster
// port (src/cluster/port.ts) for a cluster the runner cannot reach, so the deploy and verify stages run unchanged.
// It reads nothing back from a command line: the reads a caller hands over together share one invocation (each
// starts a pod, seconds to a minute); a change runs alone, with exactly the files it names in the context zip (the
// 0600 values file, the chart packaged here, the object to apply), which the line names relative to where AKS
// unpacks it, so nothing secret is ever on the line; a change given a stop handle is asked to stop, the way a local
// helm gets SIGINT, through a ConfigMap the pod watches for in the release's namespace (see script.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as runner from '../runner.js';
import type { RunCommandApi } from '../azure/run-command.js';
import {
  changeCommand,
  readCommand,
  type ChangeOptions,
  type ClusterChange,
  type ClusterRead,
  type ClusterSession,
  type CommandLine,
  type RemoteClusterPort,
} from '../cluster/port.js';
import { ActionError } from '../errors.js';
import { HelmClient } from '../helm/client.js';
import type { ChartConfig } from '../inputs/config.js';
import type { RunResult, Seams } from '../seams.js';
import { parseHelmMajor } from '../tools/versions.js';
import { batchScript, commandText, parseBatchOutput, stopScript, type StopSignal } from './script.js';
import { storedZip, type ZipEntry } from './zip.js';

/** A read that takes longer than this is stuck (a pod that never got scheduled, say); changes have helm's --timeout. */
const READ_DEADLINE_MS = 10 * 60_000;
/** The name the object of an `apply` travels under. */
const OBJECT_FILE = 'object.json';

export interface RunCommandClusterInput {
  /** The runner's own helm and its private home: it packages the chart. */
  local: Pick<ClusterSession, 'helm' | 'env'>;
  api: RunCommandApi;
  clusterName: string;
  /** The action's private folder: the packaged chart goes here. */
  workspaceDir: string;
  seams: Seams;
}

interface Execution {
  signal?: AbortSignal;
  stop?: StopSignal;
  deadline?: number;
  /** Files for the context zip. */
  entries?: ZipEntry[];
  /** Say in the log what runs (a change; reads only in the debug log). */
  announce?: boolean;
}

const hex = () => randomBytes(6).toString('hex');

/** AKS keeps 512 kB of a command's output; what follows is gone. */
function truncatedOutputError(command: string, clusterName: string): ActionError {
  return new ActionError(
    `The output of \`${command}\`, run through runCommand on AKS cluster ${clusterName}, was cut at AKS's 512 kB limit.`,
    {
      hint:
        'The action reads releases and pods in pieces to stay below it; output this large usually means very many ' +
        'pods or events in the namespace. Run the job on a runner inside the cluster’s network with ' +
        '`private-cluster: false`, or clean up the namespace.',
    },
  );
}

/**
 * The files a helm change names, as zip entries, and its arguments with each such file named where AKS unpacks it.
 * Only the files declared travel; a name already taken gets its index in front.
 */
export async function shipFiles(args: string[], files: string[]): Promise<{ args: string[]; entries: ZipEntry[] }> {
  const names = new Map<string, string>();
  const entries: ZipEntry[] = [];
  for (const file of new Set(files)) {
    const base = path.basename(file);
    const name = entries.some((entry) => entry.name === base) ? `${entries.length}-${base}` : base;
    names.set(file, name);
    entries.push({ name, data: await readFile(file) });
  }
  return { args: args.map((arg) => (names.has(arg) ? `./${names.get(arg)}` : arg)), entries };
}

/** What a change runs in the pod, with what it carries, and where a stop for it goes. */
async function shippedChange(
  change: ClusterChange,
  stopping: boolean,
): Promise<{ command: CommandLine; entries: ZipEntry[]; stop?: StopSignal }> {
  switch (change.kind) {
    case 'helm': {
      const { args, entries } = await shipFiles(change.args, change.files);
      const stop = stopping ? { configMap: `portkey-stop-${hex()}`, namespace: change.release.namespace } : undefined;
      return { command: { tool: 'helm', args }, entries, stop };
    }
    case 'apply':
      return {
        command: changeCommand(change, `./${OBJECT_FILE}`),
        entries: [{ name: OBJECT_FILE, data: Buffer.from(JSON.stringify(change.object)) }],
      };
    case 'delete':
      return { command: changeCommand(change), entries: [] };
  }
}

export class RunCommandCluster implements RemoteClusterPort {
  description = 'AKS runCommand';

  constructor(private readonly input: RunCommandClusterInput) {}

  private readDeadline() {
    return this.input.seams.now() + READ_DEADLINE_MS;
  }

  async read(request: ClusterRead, signal?: AbortSignal): Promise<RunResult> {
    const [result] = await this.readAll([request], signal);
    return result;
  }

  /** One invocation for all of them. */
  readAll(requests: ClusterRead[], signal?: AbortSignal): Promise<RunResult[]> {
    if (requests.length === 0) return Promise.resolve([]);
    return this.execute(requests.map(readCommand), { signal, deadline: this.readDeadline() });
  }

  /** Alone, waited for to the end even when stopped, as a local helm would be. */
  async change(request: ClusterChange, options: ChangeOptions = {}): Promise<RunResult> {
    const { api } = this.input;
    if (options.stop?.aborted) return { exitCode: 130, stdout: '', stderr: 'stopped before it started' };
    const { command, entries, stop } = await shippedChange(request, options.stop !== undefined);
    const askToStop = () => {
      if (!stop) return;
      api.submit({ command: stopScript(stop) }).then(
        ({ id }) => runner.info(`Asked the command pod to stop helm (runCommand ${id}); waiting for helm to finish.`),
        (error: Error) => runner.warning(`Could not ask the command pod to stop helm: ${error.message}`),
      );
    };
    options.stop?.addEventListener('abort', askToStop, { once: true });
    try {
      const [result] = await this.execute([command], { stop, entries, announce: true });
      for (const [text, stream] of [
        [result.stdout, 'stdout'],
        [result.stderr, 'stderr'],
      ] as const) {
        for (const line of text.split('\n').filter(Boolean)) options.onLine?.(line, stream);
      }
      return result;
    } finally {
      options.stop?.removeEventListener('abort', askToStop);
    }
  }

  /** The chart as the pod's helm can reach it: packaged here by the pinned helm, sent in the context zip. */
  async chart(chart: ChartConfig): Promise<ChartConfig> {
    const { local, workspaceDir, seams } = this.input;
    const directory = await mkdtemp(path.join(workspaceDir, 'chart-'));
    const pulled = await new HelmClient(local, seams).pull(chart, directory);
    runner.info(
      `Fetched chart ${pulled.name} ${pulled.version} here with helm ${local.helm.version} (sha256 ${pulled.sha256}); ` +
        'it travels to the cluster with the values file in the runCommand context.',
    );
    return { ...chart, source: { kind: 'local', path: pulled.path }, version: '' };
  }

  /** The helm (and kubectl) of the command pod: AKS's own, whatever the runner installed. */
  async tools(signal?: AbortSignal): Promise<Pick<ClusterSession, 'helm' | 'kubectl'>> {
    const [helm, kubectl] = await this.execute(
      [
        { tool: 'helm', args: ['version', '--template', '{{.Version}}'] },
        { tool: 'kubectl', args: ['version', '--client', '-o', 'json'] },
      ],
      { signal, deadline: this.readDeadline() },
    );
    const major = helm.exitCode === 0 ? parseHelmMajor(helm.stdout) : undefined;
    if (!major) {
      throw new ActionError(
        `The helm in the runCommand pod of AKS cluster ${this.input.clusterName} did not report a Helm 3 or 4 version (exit ${helm.exitCode}): ${(helm.stderr || helm.stdout).trim().slice(0, 300)}`,
        {
          input: 'private-cluster',
          hint: 'AKS chooses that helm; run the job on a runner inside the cluster’s network with `private-cluster: false`.',
        },
      );
    }
    const helmVersion = helm.stdout.trim().replace(/^v/, '');
    const kubectlVersion = (() => {
      try {
        const parsed = JSON.parse(kubectl.stdout) as { clientVersion?: { gitVersion?: string } };
        return parsed.clientVersion?.gitVersion?.replace(/^v/, '') ?? 'unknown';
      } catch {
        return 'unknown';
      }
    })();
    this.description = `AKS runCommand (helm ${helmVersion} in the command pod)`;
    return {
      helm: { path: 'helm', version: helmVersion, major },
      kubectl: { path: 'kubectl', version: kubectlVersion },
    };
  }

  /** One invocation for `commands`; output cut at 512 kB is asked for again in smaller pieces. */
  private async execute(commands: CommandLine[], execution: Execution): Promise<RunResult[]> {
    const { api, clusterName } = this.input;
    const entries = execution.entries ?? [];
    if (execution.announce) {
      const files = entries.length ? ` (with ${entries.map((entry) => entry.name).join(', ')})` : '';
      runner.info(
        `Running in AKS cluster ${clusterName} through runCommand${files}: ${commands.map(commandText).join('; ')}`,
      );
    }
    const boundary = `--portkey-${hex()}${hex()}`;
    const result = await api.run({
      command: batchScript(commands, boundary, execution.stop),
      context: entries.length ? storedZip(entries) : undefined,
      signal: execution.signal,
      deadline: execution.deadline,
    });
    runner.debug(`runCommand ${result.id} (exit ${result.exitCode}): ${commands.map(commandText).join('; ')}`);
    const output = parseBatchOutput(result.logs, boundary, commands.length);
    if (output.complete) return output.results;
    if (!result.logs.includes(boundary)) {
      throw new ActionError(
        `The runCommand pod of AKS cluster ${clusterName} could not run the action's script (exit ${result.exitCode}): ${result.logs.trim().slice(0, 300)}`,
        {
          input: 'private-cluster',
          hint: 'Run again; if it persists, run the job on a runner inside the cluster’s network with `private-cluster: false`.',
        },
      );
    }
    if (commands.length === 1) throw truncatedOutputError(commandText(commands[0]), clusterName);
    const whole = output.results.length ? output.results : await this.execute(commands.slice(0, 1), execution);
    return [...whole, ...(await this.execute(commands.slice(whole.length), execution))];
  }
}

/** The session of a private cluster: its own helm and kubectl, every command run in its command pod. */
export async function runCommandSession(input: RunCommandClusterInput, signal?: AbortSignal): Promise<ClusterSession> {
  const cluster = new RunCommandCluster(input);
  const tools = await cluster.tools(signal);
  runner.info(`Reaching AKS cluster ${input.clusterName} through ${cluster.description}.`);
  return { ...tools, env: input.local.env, access: { via: 'run-command', cluster } };
}
