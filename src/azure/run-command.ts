// Resource Manager's runCommand, without the az CLI: `POST …/managedClusters/{name}/runCommand` with the command, a
// base64 zip of the files it needs and, for an Entra ID cluster, a token of the AKS server application; AKS answers
// 202 with the Location of `…/commandResults/{id}`, which answers 202 while the pod runs and 200 with
// `{id, properties: {provisioningState, exitCode, startedAt, finishedAt, logs, reason}}` at the end. The wait has no
// limit of its own (az stops at 300 s while the command goes on): the caller's budget and helm's own --timeout bound
// it, and the run's cancellation ends it.
import * as runner from '../runner.js';
import { ActionError } from '../errors.js';
import { pause, poll } from '../poll.js';
import type { Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
import type { ClusterRef } from './arm-errors.js';
import { managedClusterUrl, sendArm, type ArmContext } from './arm-request.js';
import { AKS_API_VERSION } from './clouds.js';
import { retryDelay, type RetryPolicy } from './retry.js';
import {
  COMMAND_NAMESPACE,
  commandFailureReason,
  explainCommandFailure,
  explainRunCommandRefusal,
  resultOperation,
  submitOperation,
} from './run-command-errors.js';

export interface CommandRequest {
  /** A shell command; never holds a secret (see src/private-cluster/script.ts). */
  command: string;
  /** The zip AKS unpacks into the command's working directory. */
  context?: Buffer;
  /** Stops waiting (the command itself goes on in the cluster). */
  signal?: AbortSignal;
  /** Epoch ms after which waiting fails; no limit when omitted. */
  deadline?: number;
}

export interface CommandResult {
  id: string;
  exitCode: number;
  logs: string;
}

export interface RunCommandApi {
  /** Starts the command; resolves with its id once AKS accepted it. */
  submit(request: Pick<CommandRequest, 'command' | 'context' | 'signal'>): Promise<{ id: string; location: string }>;
  /** Starts the command and waits for its result. */
  run(request: CommandRequest): Promise<CommandResult>;
}

export interface RunCommandTarget {
  /** Without a signal: each request brings its own, and a stop must still go out after the run was cancelled. */
  arm: Omit<ArmContext, 'signal'>;
  cluster: ClusterRef;
  clientId: string;
  /** A token of the AKS server application, for an Entra ID cluster: the command runs as this identity. */
  clusterToken?: () => Promise<string>;
  secrets: SecretSet;
}

/** The pod start AKS could not manage is retried this often, a little apart. */
const POD_START_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 5000, maxDelayMs: 20_000 };
/** commandResults polling: quick for the short reads, then every 5 s like az. */
const resultInterval = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 5000);

interface ResultJson {
  id?: string;
  properties?: { provisioningState?: string; exitCode?: number; logs?: string; reason?: string };
}

type Finished = { state: 'succeeded'; result: CommandResult } | { state: 'failed'; reason: string };

export function runCommandApi(target: RunCommandTarget, seams: Seams): RunCommandApi {
  const { arm, cluster, clientId } = target;
  const url = managedClusterUrl(arm.resourceManager, cluster, '/runCommand', { 'api-version': AKS_API_VERSION });

  async function submit(request: Pick<CommandRequest, 'command' | 'context' | 'signal'>) {
    const clusterToken = target.clusterToken ? await target.clusterToken() : undefined;
    target.secrets.add(clusterToken);
    const body = JSON.stringify({
      command: request.command,
      context: request.context ? request.context.toString('base64') : '',
      ...(clusterToken ? { clusterToken } : {}),
    });
    // Never sent twice on a 5xx: a second helm upgrade could start beside the first.
    const response = await sendArm(
      { url, method: 'POST', body, idempotent: false },
      { ...arm, signal: request.signal },
      seams,
    );
    const location = response.headers.location;
    if (response.status !== 202 && response.status !== 200) {
      throw explainRunCommandRefusal(
        response.status,
        response.body,
        cluster,
        clientId,
        submitOperation(cluster.clusterName),
      );
    }
    const id = /\/commandResults\/([^/?]+)/.exec(location ?? '')?.[1];
    if (!location || !id) {
      throw new ActionError(
        `Resource Manager accepted the runCommand on AKS cluster ${cluster.clusterName} but gave no commandResults Location.`,
        {
          hint: 'Run again; if it persists, check https://azure.status.microsoft.',
        },
      );
    }
    return { id, location };
  }

  async function waitFor(id: string, location: string, request: CommandRequest): Promise<Finished | undefined> {
    return poll({ intervalMs: resultInterval, signal: request.signal, deadline: request.deadline }, seams, async () => {
      const response = await sendArm(
        { url: location, method: 'GET', idempotent: true },
        { ...arm, signal: request.signal },
        seams,
      );
      if (response.status === 202) return undefined;
      const failed = response.status === 200 ? undefined : commandFailureReason(response.status, response.body);
      if (failed) return { state: 'failed', reason: failed } as const;
      if (response.status !== 200) {
        throw explainRunCommandRefusal(
          response.status,
          response.body,
          cluster,
          clientId,
          resultOperation(cluster.clusterName, id),
        );
      }
      const properties = (JSON.parse(response.body) as ResultJson).properties ?? {};
      const state = (properties.provisioningState ?? '').toLowerCase();
      if (state === 'succeeded') {
        return { state, result: { id, exitCode: properties.exitCode ?? 0, logs: properties.logs ?? '' } } as const;
      }
      if (state === 'failed' || state === 'canceled')
        return { state: 'failed', reason: properties.reason ?? state } as const;
      return undefined;
    });
  }

  return {
    submit,
    async run(request) {
      for (let attempt = 1; ; attempt++) {
        const { id, location } = await submit(request);
        const finished = await waitFor(id, location, request);
        if (!finished) {
          throw new ActionError(`runCommand ${id} on AKS cluster ${cluster.clusterName} did not finish in time.`, {
            input: 'timeout',
            hint: `The command may still be running in namespace ${COMMAND_NAMESPACE}; its result stays readable for a while under commandResults/${id}.`,
          });
        }
        if (finished.state === 'succeeded') return finished.result;
        const failure = explainCommandFailure(finished.reason, cluster);
        const delay = failure.retryable
          ? retryDelay(attempt, undefined, undefined, seams.now(), POD_START_RETRY)
          : undefined;
        if (delay === undefined) throw failure.error;
        // The pod never ran the command: sending it again cannot run anything twice.
        runner.info(
          `${failure.error.message}; sending the command again in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}).`,
        );
        await pause(delay, { signal: request.signal }, seams);
      }
    },
  };
}
