// One Resource Manager call, retried the way ARM asks (throttling and server errors, honouring Retry-After), with a
// fresh access token per attempt and the run's cancellation. Every ARM call of the action goes through here; each
// caller reads the final answer and explains a refusal in its own words.
import * as runner from '../runner.js';
import { ActionError } from '../errors.js';
import { pause, throwIfCancelled } from '../poll.js';
import type { HttpResponse, Seams } from '../seams.js';
import { retryDelay } from './retry.js';

/** A stuck connection counts as a failed attempt, retried like a 503. */
const ATTEMPT_TIMEOUT_MS = 60_000;

export interface ArmCall {
  url: string;
  method: 'GET' | 'POST';
  /** JSON text. */
  body?: string;
  /**
   * False for a POST that starts something (a runCommand): a 5xx or a dropped connection may come after ARM accepted
   * it, so only throttling (429, refused before anything ran) is retried.
   */
  idempotent: boolean;
}

export interface ArmContext {
  /** The Resource Manager endpoint, for messages. */
  resourceManager: string;
  /** A Resource Manager access token, renewed by the credential when near expiry. */
  token: () => Promise<string>;
  signal?: AbortSignal;
}

/** The final answer, whatever its status; throws only when ARM could not be reached at all, or on cancellation. */
export async function sendArm(call: ArmCall, context: ArmContext, seams: Seams): Promise<HttpResponse> {
  const { signal } = context;
  for (let attempt = 1; ; attempt++) {
    let response: HttpResponse | undefined;
    let networkError: Error | undefined;
    try {
      response = await seams.http({
        url: call.url,
        method: call.method,
        headers: {
          authorization: `Bearer ${await context.token()}`,
          ...(call.body === undefined
            ? { 'content-length': '0' }
            : { 'content-type': 'application/json; charset=utf-8' }),
        },
        body: call.body,
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), ...(signal ? [signal] : [])]),
      });
    } catch (error) {
      if (error instanceof ActionError) throw error;
      const { message, cause } = error as Error;
      // fetch reports every network failure as "fetch failed"; the cause says which.
      networkError = new Error(cause instanceof Error ? `${message} (${cause.message})` : message);
    }
    throwIfCancelled(signal);
    if (response && response.status < 400) return response;
    const retryable = call.idempotent || response?.status === 429;
    const delay = retryable
      ? retryDelay(attempt, response?.status, response?.headers['retry-after'], seams.now())
      : undefined;
    if (delay === undefined) {
      if (response) return response;
      throw new ActionError(
        `Could not reach Resource Manager at ${context.resourceManager}: ${networkError?.message}`,
        {
          input: 'resource-manager-endpoint',
          hint: "Check `environment` or `resource-manager-endpoint`, and the runner's network access to it.",
        },
      );
    }
    runner.info(
      `Resource Manager answered ${response ? `HTTP ${response.status}` : networkError?.message}; retrying in ${Math.round(delay / 1000)} s (attempt ${attempt + 1}).`,
    );
    await pause(delay, { signal }, seams);
  }
}

/** `{resourceManager}/subscriptions/…/managedClusters/{name}{suffix}?api-version=…`, every name escaped. */
export function managedClusterUrl(
  resourceManager: string,
  cluster: { subscriptionId: string; resourceGroup: string; clusterName: string },
  suffix: string,
  query: Record<string, string>,
): string {
  const e = encodeURIComponent;
  const path =
    `subscriptions/${e(cluster.subscriptionId)}/resourceGroups/${e(cluster.resourceGroup)}` +
    `/providers/Microsoft.ContainerService/managedClusters/${e(cluster.clusterName)}${suffix}`;
  return `${resourceManager}/${path}?${new URLSearchParams(query)}`;
}
