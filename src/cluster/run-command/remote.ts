// A private AKS cluster's helm and kubectl, run in its command pod through Resource Manager's runCommand: a
// RemoteCluster the cluster session hands every command line to, so the deploy and verify stages run unchanged. Files
// of the action's private folder named on a command line (the 0600 values file, the chart packaged here) travel in
// the context zip and the line names them relative to where AKS unpacks it; nothing secret is ever on the line.
// Reads go through the ReadBatcher; a change (an upgrade, a rollback) runs alone and, when its caller stops it the
// way a local helm gets SIGINT, is asked to stop through a ConfigMap the pod watches for (see script.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as core from '@actions/core';
import type { RunCommandApi } from '../../azure/run-command.js';
import { truncatedOutputError } from '../../azure/run-command-errors.js';
import { ActionError } from '../../errors.js';
import { HelmClient } from '../../helm/client.js';
import type { ChartConfig } from '../../inputs/config.js';
import type { RunOptions, RunResult, Seams } from '../../seams.js';
import { parseHelmMajor } from '../../tools/versions.js';
import type { ToolName } from '../../tools/installed.js';
import type { ClusterSession, RemoteCluster } from '../types.js';
import { ReadBatcher } from './read-batch.js';
import { batchScript, commandText, parseBatchOutput, stopScript, type CommandLine, type StopSignal } from './script.js';
import { storedZip, type ZipEntry } from './zip.js';

/** The subcommands that only read, and so may share an invocation with the other reads of a look. */
const READS: Record<ToolName, readonly string[]> = {
  helm: ['status', 'history', 'get', 'list', 'version', 'show'],
  kubectl: ['get', 'logs', 'version', 'api-versions'],
};
/** A read that takes longer than this is stuck (a pod that never got scheduled, say); changes have helm's --timeout. */
const READ_DEADLINE_MS = 10 * 60_000;

export interface RemoteSessionInput {
  /** The runner's own session: its helm packages the chart. */
  local: ClusterSession;
  api: RunCommandApi;
  clusterName: string;
  /** The action's private folder. */
  workspaceDir: string;
  seams: Seams;
}

interface Execution {
  signal?: AbortSignal;
  stop?: StopSignal;
  deadline?: number;
  /** Say in the log what runs (a change; reads only in the debug log). */
  announce?: boolean;
}

const hex = () => randomBytes(6).toString('hex');
const flagValue = (args: string[], flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};

/** Puts each workspace file a command names into the zip, and names it as AKS will unpack it. */
async function attach(commands: CommandLine[], workspaceDir: string) {
  const names = new Map<string, string>();
  const entries: ZipEntry[] = [];
  const shipped: CommandLine[] = [];
  for (const command of commands) {
    const args: string[] = [];
    for (const arg of command.args) {
      if (!path.isAbsolute(arg) || !arg.startsWith(`${workspaceDir}${path.sep}`)) {
        args.push(arg);
        continue;
      }
      let name = names.get(arg);
      if (!name) {
        const base = path.basename(arg);
        name = entries.some((entry) => entry.name === base) ? `${entries.length}-${base}` : base;
        names.set(arg, name);
        entries.push({ name, data: await readFile(arg) });
      }
      args.push(`./${name}`);
    }
    shipped.push({ tool: command.tool, args });
  }
  return { shipped, entries };
}

export class RunCommandCluster implements RemoteCluster {
  description = 'AKS runCommand';
  private readonly reads: ReadBatcher;

  constructor(private readonly input: RemoteSessionInput) {
    this.reads = new ReadBatcher(
      (commands, signal) => this.execute(commands, { signal, deadline: this.readDeadline() }),
      input.seams.now,
    );
  }

  private readDeadline() {
    return this.input.seams.now() + READ_DEADLINE_MS;
  }

  async run(tool: ToolName, args: string[], options: RunOptions = {}): Promise<RunResult> {
    const command = { tool, args };
    if (READS[tool].includes(args[0] ?? '')) return this.reads.run(command, options.signal);
    return this.change(command, options);
  }

  /** The chart as the pod's helm can reach it: packaged here by the pinned helm, sent in the context zip. */
  async chart(chart: ChartConfig): Promise<ChartConfig> {
    const { local, workspaceDir, seams } = this.input;
    const directory = await mkdtemp(path.join(workspaceDir, 'chart-'));
    const pulled = await new HelmClient({ helm: local.helm, env: local.env }, seams).pull(chart, directory);
    core.info(
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

  /** An upgrade, rollback or uninstall: alone, waited for to the end even when stopped, as a local helm would be. */
  private async change(command: CommandLine, options: RunOptions): Promise<RunResult> {
    const { api } = this.input;
    if (options.signal?.aborted) return { exitCode: 130, stdout: '', stderr: 'stopped before it started' };
    const namespace = flagValue(command.args, '-n');
    const stop = options.signal && namespace ? { configMap: `portkey-stop-${hex()}`, namespace } : undefined;
    const askToStop = () => {
      if (!stop) return;
      api.submit({ command: stopScript(stop) }).then(
        ({ id }) => core.info(`Asked the command pod to stop helm (runCommand ${id}); waiting for helm to finish.`),
        (error: Error) => core.warning(`Could not ask the command pod to stop helm: ${error.message}`),
      );
    };
    options.signal?.addEventListener('abort', askToStop, { once: true });
    try {
      const [result] = await this.execute([command], { stop, announce: true });
      for (const [text, stream] of [
        [result.stdout, 'stdout'],
        [result.stderr, 'stderr'],
      ] as const) {
        for (const line of text.split('\n').filter(Boolean)) options.onLine?.(line, stream);
      }
      return result;
    } finally {
      options.signal?.removeEventListener('abort', askToStop);
      // What was read before or during the change may no longer be true (a release read as absent before its install).
      this.reads.forget();
    }
  }

  /** One invocation for `commands`; output cut at 512 kB is asked for again in smaller pieces. */
  private async execute(commands: CommandLine[], execution: Execution): Promise<RunResult[]> {
    const { api, workspaceDir, clusterName } = this.input;
    const { shipped, entries } = await attach(commands, workspaceDir);
    if (execution.announce) {
      const files = entries.length ? ` (with ${entries.map((entry) => entry.name).join(', ')})` : '';
      core.info(
        `Running in AKS cluster ${clusterName} through runCommand${files}: ${shipped.map(commandText).join('; ')}`,
      );
    }
    const boundary = `--portkey-${hex()}${hex()}`;
    const result = await api.run({
      command: batchScript(shipped, boundary, execution.stop),
      context: entries.length ? storedZip(entries) : undefined,
      signal: execution.signal,
      deadline: execution.deadline,
    });
    core.debug(`runCommand ${result.id} (exit ${result.exitCode}): ${shipped.map(commandText).join('; ')}`);
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
    if (commands.length === 1) throw truncatedOutputError(commandText(shipped[0]), clusterName);
    const whole = output.results.length ? output.results : await this.execute(commands.slice(0, 1), execution);
    return [...whole, ...(await this.execute(commands.slice(whole.length), execution))];
  }
}

/** The runner's session turned into the cluster's own: every helm and kubectl command runs in its command pod. */
export async function remoteSession(
  input: RemoteSessionInput,
  signal?: AbortSignal,
): Promise<ClusterSession & { remote: RunCommandCluster }> {
  const remote = new RunCommandCluster(input);
  const tools = await remote.tools(signal);
  core.info(`Reaching AKS cluster ${input.clusterName} through ${remote.description}.`);
  return { ...input.local, ...tools, kubeconfigPath: '', refreshCredentials: async () => {}, remote };
}
