// The availability stream: from the moment helm starts until the rollout is complete, a steady, bounded stream of
// GETs to the gateway's health route through the same path as the in-cluster smoke test (the API server's service
// proxy), so a rollout that drops requests is seen by the deploy itself, not only by the gateway's users. Each
// answer's `x-pod-version` header (the image tag the pod says it runs) tells which version answered.
import * as runner from '../../runner.js';
import type { ClusterSession } from '../../cluster/port.js';
import type { AvailabilityConfig } from '../../inputs/config.js';
import type { Seams } from '../../seams.js';
import type { SecretSet } from '../../secrets/index.js';
import { readObjects } from '../cluster-reads.js';
import { gatewayFullname } from '../gateway-service.js';
import { apiServerStatus, serviceProxy, type ServiceProxy, type ServiceTarget } from '../service-proxy.js';
import { describeNetworkError } from '../smoke-test.js';
import { judgeAvailability, skippedAvailability, summarize, type AvailabilityReport, type Sample } from './stats.js';

/** The header a pod names its version in; a pod that does not send it counts as `unknown`. */
export const VERSION_HEADER = 'x-pod-version';
/** A health check slower than this is a failure: the user's request would have given up too. */
const REQUEST_TIMEOUT_MS = 5000;
/** Never more than this many requests outstanding, whatever the rate: a stuck API server is not to be piled on. */
const MAX_IN_FLIGHT = 20;

export interface AvailabilityRequest {
  releaseName: string;
  namespace: string;
  /** The merged values: the chart's fullname rule reads fullnameOverride. */
  values: Record<string, unknown>;
  /** smoke-test-path and smoke-test-expected-status: the health route and what it answers. */
  path: string;
  expectedStatus: number;
  config: AvailabilityConfig;
  secrets: SecretSet;
  /** helm installs the release now: nothing serves yet, and a Service appearing meanwhile is no old version. */
  firstInstall?: boolean;
  /** The run's cancellation: stops the stream and its requests. */
  signal?: AbortSignal;
}

export interface AvailabilityStream {
  /** Stops sending, lets the requests in flight finish and judges them against the budget. */
  finish(): Promise<AvailabilityReport>;
}

const settled = (report: AvailabilityReport): AvailabilityStream => ({ finish: async () => report });

interface Gateway {
  target: ServiceTarget;
  proxy: ServiceProxy;
}

/** The Service that serves now, before helm changes anything; a message when there is none to measure. */
async function servingGateway(
  request: AvailabilityRequest,
  session: ClusterSession,
  seams: Seams,
): Promise<Gateway | string> {
  if (session.access.via === 'run-command') {
    return 'a private cluster is reached through runCommand, one command at a time, too slow for a steady stream';
  }
  const name = gatewayFullname(request.releaseName, request.values);
  const read = await readObjects<{ spec?: { ports?: { name?: string; port: number }[] } }>(
    session,
    seams,
    { resource: 'service', names: [name], namespace: request.namespace, ignoreNotFound: true },
    request.signal,
  );
  if (!read.ok) return `Service ${request.namespace}/${name} could not be read: ${read.error}`;
  if (!read.value) return `nothing served before this deploy: Service ${request.namespace}/${name} does not exist yet`;
  const ports = read.value.spec?.ports ?? [];
  const port = ports.find((p) => p.name === 'gateway') ?? ports.find((p) => p.name !== 'mcp') ?? ports[0];
  if (!port) return `Service ${request.namespace}/${name} has no port`;
  try {
    return {
      target: { namespace: request.namespace, name, port: port.port },
      proxy: serviceProxy(session, seams, request.secrets),
    };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Starts the stream; resolves once it is sending (or once it knows it has nothing to measure). */
export async function startAvailability(
  request: AvailabilityRequest,
  session: ClusterSession,
  seams: Seams,
): Promise<AvailabilityStream> {
  const route = `GET ${request.path}`;
  if (request.config.rate === 0) return settled(skippedAvailability(route, '`availability-rate` is 0'));
  if (request.firstInstall)
    return settled(skippedAvailability(route, 'a first install has nothing serving to measure'));
  const gateway = await servingGateway(request, session, seams);
  if (typeof gateway === 'string') {
    runner.info(`Availability during the rollout is not measured: ${gateway}.`);
    return settled(skippedAvailability(route, gateway));
  }
  const { target, proxy } = gateway;
  const where = `${route} on Service ${target.namespace}/${target.name}:${target.port} through the API server`;
  runner.info(`Measuring availability during the rollout: ${request.config.rate} requests per second, ${where}.`);

  const samples: Sample[] = [];
  const inFlight = new Set<Promise<void>>();
  const stop = new AbortController();
  const requestSignal = request.signal ? AbortSignal.any([request.signal, stop.signal]) : stop.signal;
  let refused: string | undefined;

  const sendOne = async () => {
    const sentAt = seams.now();
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const response = await proxy.send(target, { method: 'GET', path: request.path, signal });
      const latencyMs = seams.now() - sentAt;
      const status = apiServerStatus(response);
      if (status && (response.status === 401 || response.status === 403)) {
        // The API server's RBAC, not the gateway: no measurement at all rather than a false verdict.
        refused = `the API server refused the service proxy (${response.status}: ${status.message ?? status.reason})`;
        stop.abort();
        return;
      }
      const ok = response.status === request.expectedStatus;
      const failure = ok
        ? undefined
        : status
          ? `API server ${response.status} ${status.reason ?? ''}`.trim()
          : `HTTP ${response.status}`;
      samples.push({
        sentAt,
        latencyMs,
        ok,
        status: response.status,
        version: response.headers[VERSION_HEADER],
        failure,
      });
    } catch (error) {
      // finish() lets requests in flight run to their end; only the run's cancellation cuts them, and then no
      // verdict is given anyway.
      if (request.signal?.aborted) return;
      samples.push({
        sentAt,
        latencyMs: seams.now() - sentAt,
        ok: false,
        status: 0,
        failure: describeNetworkError(error),
      });
    }
  };

  const interval = 1000 / request.config.rate;
  const loop = (async () => {
    let next = seams.now();
    while (!requestSignal.aborted) {
      if (inFlight.size < MAX_IN_FLIGHT) {
        const sent: Promise<void> = sendOne().finally(() => inFlight.delete(sent));
        inFlight.add(sent);
      }
      next += interval;
      await seams.sleep(Math.max(0, next - seams.now()), requestSignal).catch(() => undefined);
    }
  })();

  return {
    async finish() {
      stop.abort();
      await loop;
      await Promise.all(inFlight);
      if (refused) {
        runner.warning(`Availability during the rollout is not measured: ${refused}.`);
        return skippedAvailability(where, refused);
      }
      return judgeAvailability(summarize(samples), request.config.budget, where);
    },
  };
}
