// A stand-in for AKS runCommand behind the ARM emulator (arm.ts):
//   POST …/managedClusters/{name}/runCommand {command, context, clusterToken} → 202, Location: …/commandResults/{id}
//   GET  …/managedClusters/{name}/commandResults/{id} → 202 (Location again) while it runs, then 200
//        {id, properties: {provisioningState, exitCode, startedAt, finishedAt, logs}}
// Each command runs the way AKS's command pod runs it: `bash -c <command>` in a fresh folder holding the unzipped
// context, with the REAL helm and kubectl of sandbox/binaries.ts on PATH (helm 3 by default: the pod's helm is AKS's,
// not the runner's), against the test's cluster (the real API server in the real-cluster tier) as its administrator,
// or, for an Entra ID cluster, as the identity whose clusterToken came with the request. stdout and stderr are one
// `logs` text, cut at AKS's 512 kB. Faults: runCommand disabled (400), the identity lacking runCommand/action or
// commandResults/read (403), a pod that does not start in time, Azure Policy refusing the pod. Every command and the
// time of every poll are recorded; the values and the token live only in the command's folder, deleted afterwards.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { ensureBinaries } from './binaries.js';

const execFileAsync = promisify(execFile);

export interface RunCommandFaults {
  /** `apiServerAccessProfile.disableRunCommand`: every POST is refused with 400. */
  disabled: boolean;
  /** The identity lacks Microsoft.ContainerService/managedClusters/runCommand/action: POST answers 403. */
  denyRunCommand: boolean;
  /** The identity lacks …/commandResults/read: every result GET answers 403. */
  denyCommandResults: boolean;
  /** The next this many commands never get their pod started (AKS's KubernetesPerformanceError). */
  podsNotStarting: number;
  /** Azure Policy (Gatekeeper) refuses the command pod in namespace aks-command. */
  policyBlocks: boolean;
  /** How much of a command's output AKS keeps: 512 kB. */
  outputLimitBytes: number;
}

export interface RunCommandOptions {
  /** The cluster as its administrator reaches it (a kubeconfig with a client certificate or a static token). */
  kubeconfig: () => string;
  /** An Entra ID cluster: the command runs with the request's clusterToken instead of the administrator's. */
  entraId: boolean;
  /** Which helm the command pod has. */
  podHelm?: 'helm3' | 'helm4';
  /** How long the pod takes to start before the command runs. */
  podStartMs?: number;
}

export interface CommandRecord {
  id: string;
  command: string;
  /** Names of the files the context zip held. */
  contextFiles: string[];
  withClusterToken: boolean;
  submittedAt: number;
  finishedAt?: number;
  state: 'Running' | 'Succeeded' | 'Failed';
  exitCode?: number;
  reason?: string;
  /** Epoch ms of every GET of its result. */
  polls: number[];
}

export interface RunCommandService {
  faults: RunCommandFaults;
  commands: CommandRecord[];
  /** Commands still polled for after 300 s: where `az aks command invoke` would have given up. */
  outlivedCli(): CommandRecord[];
  /** Answers the two routes; false when the request is not one of them. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    reply: (status: number, body: object, headers?: Record<string, string>) => void,
  ): boolean;
  close(): Promise<void>;
}

const DEFAULT_OUTPUT_LIMIT = 512 * 1024;
/** How long `az aks command invoke` waits for a result. */
const AZ_CLI_PATIENCE_MS = 300_000;

/** The kubeconfig the command pod gets: the administrator's, or its user swapped for the clusterToken. */
function podKubeconfig(admin: string, clusterToken: string | undefined): string {
  if (!clusterToken) return admin;
  const doc = parse(admin) as { users?: { name: string; user: unknown }[] };
  for (const user of doc.users ?? []) user.user = { token: clusterToken };
  return stringify(doc);
}

export function startRunCommand(clusterPath: string, options: RunCommandOptions): RunCommandService {
  const faults: RunCommandFaults = {
    disabled: false,
    denyRunCommand: false,
    denyCommandResults: false,
    podsNotStarting: 0,
    policyBlocks: false,
    outputLimitBytes: DEFAULT_OUTPUT_LIMIT,
  };
  const commands: CommandRecord[] = [];
  const results = new Map<string, CommandRecord & { logs?: string }>();
  const running = new Set<Promise<void>>();
  let origin = '';

  async function execute(record: CommandRecord & { logs?: string }, context: Buffer | undefined, token?: string) {
    const binaries = await ensureBinaries();
    const pod = await mkdtemp(path.join(os.tmpdir(), 'aks-command-'));
    try {
      const work = path.join(pod, 'work');
      const bin = path.join(pod, 'bin');
      await mkdir(work, { mode: 0o700 });
      await mkdir(bin);
      await symlink(options.podHelm === 'helm4' ? binaries.helm4 : binaries.helm3, path.join(bin, 'helm'));
      await symlink(binaries.kubectl133, path.join(bin, 'kubectl'));
      const kubeconfig = path.join(pod, 'kubeconfig');
      await writeFile(kubeconfig, podKubeconfig(options.kubeconfig(), token), { mode: 0o600 });
      if (context) {
        const zip = path.join(pod, 'context.zip');
        await writeFile(zip, context, { mode: 0o600 });
        record.contextFiles = (await execFileAsync('zipinfo', ['-1', zip])).stdout.split('\n').filter(Boolean);
        await execFileAsync('unzip', ['-q', zip, '-d', work]);
        await rm(zip);
      }
      const chunks: Buffer[] = [];
      const exitCode = await new Promise<number>((resolve) => {
        const child = spawn('bash', ['-c', record.command], {
          cwd: work,
          env: { PATH: `${bin}:/usr/bin:/bin`, HOME: path.join(pod, 'home'), KUBECONFIG: kubeconfig },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.on('close', (code) => resolve(code ?? 1));
        child.on('error', () => resolve(127));
      });
      const logs = Buffer.concat(chunks);
      Object.assign(record, {
        state: 'Succeeded',
        exitCode,
        logs: logs.subarray(0, faults.outputLimitBytes).toString('utf8'),
      });
    } catch (error) {
      Object.assign(record, { state: 'Failed', reason: `the emulator could not run it: ${(error as Error).message}` });
    } finally {
      record.finishedAt = Date.now();
      await rm(pod, { recursive: true, force: true });
    }
  }

  function start(record: CommandRecord & { logs?: string }, context: Buffer | undefined, token?: string) {
    const job = (async () => {
      await new Promise((resolve) => setTimeout(resolve, options.podStartMs ?? 0));
      await execute(record, context, token);
    })();
    running.add(job);
    void job.finally(() => running.delete(job));
  }

  function submit(body: string, reply: Parameters<RunCommandService['handle']>[3]) {
    if (faults.disabled) {
      return reply(400, {
        error: {
          code: 'BadRequest',
          message: 'Run command is disabled for this managed cluster (apiServerAccessProfile.disableRunCommand).',
        },
      });
    }
    if (faults.denyRunCommand) {
      return reply(403, {
        error: {
          code: 'AuthorizationFailed',
          message: `The client does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/runCommand/action' over scope '${clusterPath}' or the scope is invalid.`,
        },
      });
    }
    let request: { command?: string; context?: string; clusterToken?: string };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return reply(400, { error: { code: 'InvalidRequestContent', message: 'The request content was invalid.' } });
    }
    if (!request.command) {
      return reply(400, { error: { code: 'InvalidParameter', message: 'The command is required.' } });
    }
    const id = randomBytes(16).toString('hex');
    const record: CommandRecord & { logs?: string } = {
      id,
      command: request.command,
      contextFiles: [],
      withClusterToken: !!request.clusterToken,
      submittedAt: Date.now(),
      state: 'Running',
      polls: [],
    };
    commands.push(record);
    results.set(id, record);
    if (faults.podsNotStarting > 0) {
      faults.podsNotStarting--;
      Object.assign(record, {
        state: 'Failed',
        finishedAt: Date.now(),
        reason: `KubernetesPerformanceError: Failed to run command due to cluster perf issue, container command-${id} in aks-command namespace did not start within 30s on your cluster, retry may helps. If issue persist, you may need to tune your cluster with better performance (larger node/paid tier).`,
      });
    } else if (faults.policyBlocks) {
      Object.assign(record, {
        state: 'Failed',
        finishedAt: Date.now(),
        reason: `KubernetesOperationError: Failed to run command in managed cluster due to kubernetes failure. details: admission webhook "validation.gatekeeper.sh" denied the request: [azurepolicy-k8sazurev3readonlyrootfilesystem] only read-only root filesystem container is allowed: command-${id}`,
      });
    } else {
      start(record, request.context ? Buffer.from(request.context, 'base64') : undefined, request.clusterToken);
    }
    reply(202, {}, { location: locationOf(id) });
  }

  const locationOf = (id: string) => `${origin}${clusterPath}/commandResults/${id}?api-version=2024-09-01`;

  function result(id: string, reply: Parameters<RunCommandService['handle']>[3]) {
    if (faults.denyCommandResults) {
      return reply(403, {
        error: {
          code: 'AuthorizationFailed',
          message: `The client does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/commandResults/read' over scope '${clusterPath}/commandResults/${id}' or the scope is invalid.`,
        },
      });
    }
    const record = results.get(id);
    if (!record) return reply(404, { error: { code: 'NotFound', message: `Command ${id} was not found.` } });
    record.polls.push(Date.now());
    if (record.state === 'Running') {
      return reply(202, { id, properties: { provisioningState: 'Running' } }, { location: locationOf(id) });
    }
    const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : undefined);
    reply(200, {
      id,
      properties:
        record.state === 'Succeeded'
          ? {
              provisioningState: 'Succeeded',
              exitCode: record.exitCode,
              startedAt: iso(record.submittedAt),
              finishedAt: iso(record.finishedAt),
              logs: record.logs,
            }
          : { provisioningState: 'Failed', reason: record.reason },
    });
  }

  return {
    faults,
    commands,
    outlivedCli: () => commands.filter((c) => c.polls.some((at) => at - c.submittedAt > AZ_CLI_PATIENCE_MS)),
    handle(req, _res, body, reply) {
      const url = new URL(req.url ?? '/', 'https://localhost');
      origin = `https://${req.headers.host}`;
      const prefix = clusterPath.toLowerCase();
      const route = url.pathname.toLowerCase();
      if (req.method === 'POST' && route === `${prefix}/runcommand`) {
        submit(body, reply);
        return true;
      }
      const polled = /\/commandResults\/([^/]+)$/i.exec(url.pathname);
      if (req.method === 'GET' && polled && route.startsWith(`${prefix}/commandresults/`)) {
        result(polled[1], reply);
        return true;
      }
      return false;
    },
    async close() {
      await Promise.allSettled([...running]);
    },
  };
}
