// Asks the deployed gateway whether it is alive, from where it is: by default from inside the cluster, through the
// API server's service proxy (whatever the Service type, the load balancer's allowed ranges or the runner's
// network), and optionally from the runner against the published address, to prove the internet path. Each check
// retries while the gateway warms up; then, if asked, one chat completion goes through it, and the MCP gateway is
// asked too when SERVER_MODE runs it. Credentials travel only over TLS. Returns a verdict instead of throwing: the
// caller decides on rollback.
import * as runner from '../runner.js';
import type { ClusterSession } from '../cluster/port.js';
import { ActionError } from '../errors.js';
import type { SmokeTestConfig } from '../inputs/config.js';
import { poll, throwIfCancelled } from '../poll.js';
import type { HttpResponse, Seams } from '../seams.js';
import type { SecretSet } from '../secrets/index.js';
import type { GatewayAddress, ServicePortRef } from './address.js';
import type { ReadResult } from './cluster-reads.js';
import { localAddressFor, runnerReach, type RunnerReach } from './runner-reach.js';
import { apiServerStatus, proxyRefusal, serviceProxy, type ProxyRequest, type ServiceProxy } from './service-proxy.js';

export type CheckVia = 'cluster' | 'runner';
export type CheckName = 'health' | 'chat' | 'mcp';
export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  check: CheckName;
  via: CheckVia;
  status: CheckStatus;
  /** `GET /v1/health` */
  request: string;
  /** Where it went: `http://20.1.2.3:8787`, or `Service portkeyai/portkey-ai-gateway:8787 through the API server`. */
  target: string;
  /** Status of the last answer; 0 when nothing answered (or the check was skipped). */
  httpCode: number;
  latencyMs: number;
  attempts: number;
  message: string;
  /** Set when something other than the gateway refused the check (the API server's RBAC, say). */
  refusal?: { message: string; input?: string; hint?: string };
}

export interface ChatResult {
  status: 'passed' | 'failed';
  httpCode: number;
  latencyMs: number;
  message: string;
}

export interface SmokeTestResult {
  status: 'passed' | 'failed';
  /** The first health check that ran (the in-cluster one when both did): its last status, 0 when nothing answered. */
  httpCode: number;
  latencyMs: number;
  attempts: number;
  /** Its request and target, in one line. */
  url: string;
  /** Every check, in the order they ran, skipped ones included. */
  checks: CheckResult[];
  chat?: ChatResult;
  message: string;
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 8000;
const REQUEST_TIMEOUT_MS = 10000;
const CHAT_TIMEOUT_MS = 60000;
/** What the MCP gateway answers to prove it runs: the chart's own probe path on the MCP port. */
export const MCP_HEALTH_PATH = '/v1/health';

/** A request's answer, or why there was none (a poll survives it: the next attempt retries), and how long it took. */
type Attempt = ReadResult<HttpResponse> & { latencyMs: number };

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND, a certificate problem) in `cause`. */
export function describeNetworkError(error: unknown): string {
  // The timeout arrives as a DOMException, which is not always an Error instance.
  const e = error as
    { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer in time';
  if (e?.cause?.code) return `${e.cause.code}${e.cause.message ? ` (${e.cause.message})` : ''}`;
  if (e?.code) return `${e.code}${e.message && !e.message.startsWith(e.code) ? ` (${e.message})` : ''}`;
  return e?.message ?? String(error);
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Text safe to print: every secret replaced, long bodies cut. */
function safeSnippet(text: string, secrets: SecretSet, max = 200): string {
  const safe = secrets.redact(text).replace(/\s+/g, ' ').trim();
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

/** One way to the gateway: the API server's service proxy, or the runner's own network. */
interface Route {
  via: CheckVia;
  /** May credentials travel on it (TLS all the way to the machinery that carries them)? */
  secure: boolean;
  /** Can a request on it carry headers and a body (a chat completion)? */
  carriesHeaders: boolean;
  /** Where a request to `service` goes, for messages. */
  describe(service: ServicePortRef | 'mcp'): string;
  send(service: ServicePortRef | 'mcp', request: ProxyRequest): Promise<HttpResponse>;
  /** The route's own refusal (not the gateway's answer), when the answer is one. */
  refusal(service: ServicePortRef | 'mcp', request: ProxyRequest, response: HttpResponse): ActionError | undefined;
  /** The API server speaking for a gateway it could not reach (no ready endpoints, connection refused). */
  relayError(response: HttpResponse): string | undefined;
}

function clusterRoute(proxy: ServiceProxy, namespace: string, address: GatewayAddress): Route {
  const resolve = (service: ServicePortRef | 'mcp') => {
    const ref = service === 'mcp' ? address.mcpService! : service;
    return { namespace, name: ref.name, port: ref.port };
  };
  return {
    via: 'cluster',
    secure: proxy.secure,
    carriesHeaders: proxy.carriesHeaders,
    describe: (service) => {
      const t = resolve(service);
      return `Service ${t.namespace}/${t.name}:${t.port} through the API server`;
    },
    send: (service, request) => proxy.send(resolve(service), request),
    refusal(service, request, response) {
      if (response.status !== 401 && response.status !== 403) return undefined;
      const status = apiServerStatus(response);
      return status ? proxyRefusal(resolve(service), request, status, response.status) : undefined;
    },
    relayError(response) {
      const status = apiServerStatus(response);
      return status ? `the API server answered ${response.status}: ${status.message ?? status.reason}` : undefined;
    },
  };
}

function runnerRoute(baseUrl: string, mcpUrl: string | undefined, seams: Seams): Route {
  const base = (service: ServicePortRef | 'mcp') => (service === 'mcp' ? mcpUrl! : baseUrl);
  return {
    via: 'runner',
    secure: baseUrl.startsWith('https:'),
    carriesHeaders: true,
    describe: base,
    send: (service, request) => seams.http({ ...request, url: joinUrl(base(service), request.path) }),
    refusal: () => undefined,
    relayError: () => undefined,
  };
}

async function timed(
  seams: Seams,
  send: (signal: AbortSignal) => Promise<HttpResponse>,
  timeoutMs: number,
  cancelled?: AbortSignal,
): Promise<Attempt> {
  const started = seams.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await send(cancelled ? AbortSignal.any([timeout, cancelled]) : timeout);
    return { ok: true, value: response, latencyMs: seams.now() - started };
  } catch (error) {
    if (error instanceof ActionError) throw error;
    return { ok: false, error: describeNetworkError(error), latencyMs: seams.now() - started };
  }
}

export interface SmokeTestContext {
  secrets: SecretSet;
  /** Aborted when the workflow is cancelled. */
  signal?: AbortSignal;
}

export interface SmokeTestRequest {
  config: SmokeTestConfig;
  address: GatewayAddress;
  namespace: string;
  /** allowed-ip-ranges: whether the runner may reach a public load balancer at all. */
  allowedIpRanges: string[];
  /** The cluster session; the in-cluster checks use its kubeconfig. */
  session?: ClusterSession;
}

interface Expectation {
  status: number;
  body: string;
}

/** Undefined when the answer is the expected one, else what was wrong with it. */
function judge(attempt: Attempt, expected: Expectation, route: Route, secrets: SecretSet): string | undefined {
  if (!attempt.ok) return `got no answer: ${attempt.error}`;
  const { status, body } = attempt.value;
  if (status === expected.status && (!expected.body || body.includes(expected.body))) return undefined;
  const relayed = route.relayError(attempt.value);
  if (relayed) return `got no answer from the gateway (${safeSnippet(relayed, secrets, 300)})`;
  if (status !== expected.status) {
    return `answered ${status}, expected ${expected.status}; body: ${safeSnippet(body, secrets) || '(empty)'}`;
  }
  return `answered ${status} but the body does not contain "${expected.body}"; body: ${safeSnippet(body, secrets) || '(empty)'}`;
}

/** GETs `path` on `service` until the expected answer, the deadline, or a refusal that waiting cannot fix. */
async function healthCheck(
  check: 'health' | 'mcp',
  route: Route,
  service: ServicePortRef | 'mcp',
  path: string,
  expected: Expectation,
  timeoutSeconds: number,
  { secrets, signal }: SmokeTestContext,
  seams: Seams,
): Promise<CheckResult> {
  const request: ProxyRequest = { method: 'GET', path };
  const target = route.describe(service);
  const started = seams.now();
  const backoff = (attempt: number) => Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
  let attempts = 0;
  // Widened: it is set inside the poll's callback, which TypeScript's narrowing does not follow.
  let last = { ok: false, error: 'not tried', latencyMs: 0 } as Attempt;
  let verdict: string | undefined;
  let refused: ActionError | undefined;

  await poll({ deadline: started + timeoutSeconds * 1000, intervalMs: backoff, signal }, seams, async (n) => {
    attempts = n;
    try {
      last = await timed(seams, (s) => route.send(service, { ...request, signal: s }), REQUEST_TIMEOUT_MS, signal);
    } catch (error) {
      // A cancelled run is not a gateway that failed its check: no rollback for it.
      throwIfCancelled(signal);
      refused = error as ActionError;
      return true;
    }
    refused = last.ok ? route.refusal(service, request, last.value) : undefined;
    verdict = refused ? refused.message : judge(last, expected, route, secrets);
    runner.debug(`${check} check from the ${route.via}, attempt ${n}: ${verdict ?? 'as expected'}`);
    return verdict && !refused ? undefined : true;
  });

  const base = {
    check,
    via: route.via,
    request: `GET ${path}`,
    target,
    httpCode: last.ok ? last.value.status : 0,
    latencyMs: last.latencyMs,
    attempts,
  };
  if (refused) {
    const message = secrets.redact(refused.message);
    return {
      ...base,
      status: 'failed',
      message,
      refusal: { message, input: refused.details.input, hint: refused.details.hint },
    };
  }
  if (verdict) {
    const seconds = Math.round((seams.now() - started) / 1000);
    return {
      ...base,
      status: 'failed',
      message: `GET ${path} on ${target} ${verdict} (${attempts} attempt(s) over ${seconds} s).`,
    };
  }
  return {
    ...base,
    status: 'passed',
    message: `GET ${path} on ${target} answered ${base.httpCode} in ${last.latencyMs} ms (attempt ${attempts}).`,
  };
}

function skipped(check: CheckName, via: CheckVia, request: string, target: string, why: string): CheckResult {
  return { check, via, status: 'skipped', request, target, httpCode: 0, latencyMs: 0, attempts: 0, message: why };
}

/**
 * The chat completion's headers. Through the API server the provider key cannot ride in `Authorization` (the API
 * server takes that header for itself and drops it): it goes in the gateway's `x-portkey-config` instead.
 */
function chatHeaders(config: SmokeTestConfig, via: CheckVia): Record<string, string> {
  const { provider, providerKey, portkeyApiKey, customHost } = config.chat;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-portkey-provider': provider };
  if (portkeyApiKey) headers['x-portkey-api-key'] = portkeyApiKey;
  if (via === 'cluster' && providerKey) {
    headers['x-portkey-config'] = JSON.stringify({
      provider,
      api_key: providerKey,
      ...(customHost ? { custom_host: customHost } : {}),
    });
    return headers;
  }
  if (providerKey) headers.authorization = `Bearer ${providerKey}`;
  if (customHost) headers['x-portkey-custom-host'] = customHost;
  return headers;
}

async function chatCheck(
  config: SmokeTestConfig,
  route: Route,
  service: ServicePortRef,
  { secrets, signal }: SmokeTestContext,
  seams: Seams,
): Promise<CheckResult> {
  const { model, provider } = config.chat;
  const path = '/v1/chat/completions';
  const request: ProxyRequest = {
    method: 'POST',
    path,
    headers: chatHeaders(config, route.via),
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Reply with the single word: ok' }] }),
  };
  const what = `Chat completion with ${model} via ${provider}`;
  const target = route.describe(service);
  const base = { check: 'chat' as const, via: route.via, request: `POST ${path}`, target, attempts: 1 };
  let attempt: Attempt;
  try {
    attempt = await timed(seams, (s) => route.send(service, { ...request, signal: s }), CHAT_TIMEOUT_MS, signal);
  } catch (error) {
    throwIfCancelled(signal);
    const refused = error as ActionError;
    const message = secrets.redact(refused.message);
    return { ...base, status: 'failed', httpCode: 0, latencyMs: 0, message, refusal: { message, ...refused.details } };
  }
  if (!attempt.ok) {
    return {
      ...base,
      status: 'failed',
      httpCode: 0,
      latencyMs: attempt.latencyMs,
      message: `${what} on ${target} got no answer: ${attempt.error}.`,
    };
  }
  const refused = route.refusal(service, request, attempt.value);
  const { status: httpCode, body: answer } = attempt.value;
  if (refused) {
    const message = secrets.redact(refused.message);
    return {
      ...base,
      status: 'failed',
      httpCode,
      latencyMs: attempt.latencyMs,
      message,
      refusal: { message, input: refused.details.input, hint: refused.details.hint },
    };
  }
  const parsed = parseJson(answer) as
    { choices?: { message?: unknown }[]; error?: { message?: unknown }; message?: unknown } | undefined;
  if (httpCode >= 200 && httpCode < 300 && parsed?.choices?.[0]?.message) {
    return {
      ...base,
      status: 'passed',
      httpCode,
      latencyMs: attempt.latencyMs,
      message: `${what} on ${target} answered in ${attempt.latencyMs} ms.`,
    };
  }
  // Only the error's own message, keys removed: a provider may echo the request (and its key) back.
  // The gateway's own refusals are `{status: 'failure', message}`.
  const reason =
    typeof parsed?.error?.message === 'string'
      ? safeSnippet(parsed.error.message, secrets)
      : typeof parsed?.message === 'string'
        ? safeSnippet(parsed.message, secrets)
        : (route.relayError(attempt.value) ?? 'no choices[0].message in the answer');
  return {
    ...base,
    status: 'failed',
    httpCode,
    latencyMs: attempt.latencyMs,
    message: `${what} on ${target} failed with ${httpCode}: ${safeSnippet(reason, secrets, 300)}.`,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How the in-cluster route names the gateway Service, for a check that never went. */
function describeClusterTarget(address: GatewayAddress, namespace: string): string {
  return `Service ${namespace}/${address.service.name}:${address.service.port} through the API server`;
}

/** An unanswered runner check where the address filter is the likely reason: skipped, not failed. */
function settleUnsure(result: CheckResult, reach: RunnerReach): CheckResult {
  if (reach.kind !== 'unsure' || result.status !== 'failed' || result.httpCode !== 0) return result;
  return { ...result, status: 'skipped', message: `${result.message} Not counted as a failure: ${reach.why}.` };
}

/** Runs the checks the request asks for and says in the log how they went. */
export async function runSmokeTest(
  request: SmokeTestRequest,
  context: SmokeTestContext,
  seams: Seams,
): Promise<SmokeTestResult> {
  const result = await check(request, context, seams);
  for (const c of result.checks) {
    runner.info(`${c.check} check from the ${c.via === 'cluster' ? 'cluster' : 'runner'}: ${c.status}: ${c.message}`);
  }
  runner.info(`Smoke test ${result.status}.`);
  return result;
}

async function check(request: SmokeTestRequest, context: SmokeTestContext, seams: Seams): Promise<SmokeTestResult> {
  const { config, address } = request;
  const from = config.from ?? 'cluster';
  const wantsCluster = from !== 'runner';
  const wantsRunner = from !== 'cluster' || !!config.url;
  const expected = { status: config.expectedStatus, body: config.expectedBody };
  const checks: CheckResult[] = [];
  let proxy: ServiceProxy | undefined;
  const cluster = (): Route => {
    if (!request.session) throw new Error('The in-cluster smoke test needs the cluster session.');
    proxy ??= serviceProxy(request.session, seams, context.secrets);
    return clusterRoute(proxy, request.namespace, address);
  };

  // The runner's way: the smoke-test-url, else the published address (a ClusterIP Service has none).
  const runnerUrl = config.url || address.url;
  // An in-cluster MCP URL (a ClusterIP MCP Service) is no way for the runner.
  const mcpInCluster = address.mcpUrl?.includes('.svc.cluster.local');
  const runnerMcpUrl = !config.url && !mcpInCluster ? address.mcpUrl : undefined;
  const runnerWay = runnerRoute(runnerUrl, runnerMcpUrl, seams);
  const reach: RunnerReach = wantsRunner
    ? await runnerReach({
        address,
        explicitUrl: !!config.url,
        allowedIpRanges: request.allowedIpRanges,
        localAddressFor: seams.localAddressFor ?? localAddressFor,
      })
    : { kind: 'try' };

  const health = (route: Route) =>
    healthCheck('health', route, address.service, config.path, expected, config.timeoutSeconds, context, seams);
  const [clusterHealth, runnerHealth] = await Promise.all([
    wantsCluster ? health(cluster()) : undefined,
    !wantsRunner
      ? undefined
      : reach.kind === 'skip'
        ? skipped('health', 'runner', `GET ${config.path}`, runnerUrl, `Skipped: ${reach.why}.`)
        : health(runnerWay).then((r) => settleUnsure(r, reach)),
  ]);
  let fromCluster = clusterHealth;
  if (!wantsCluster && runnerHealth?.status === 'skipped') {
    // Nothing proved the gateway healthy: ask from inside the cluster instead.
    runner.info(
      `The runner cannot reach the gateway (${runnerHealth.message}); checking from inside the cluster instead.`,
    );
    fromCluster = await health(cluster());
  }
  if (runnerHealth) checks.push(runnerHealth);
  if (fromCluster) checks.unshift(fromCluster);

  const passed = (r?: CheckResult) => r?.status === 'passed';
  if (address.mcpService) {
    const mcpExpected = { status: 200, body: '' };
    if (passed(fromCluster)) {
      checks.push(
        await healthCheck('mcp', cluster(), 'mcp', MCP_HEALTH_PATH, mcpExpected, config.timeoutSeconds, context, seams),
      );
    }
    if (passed(runnerHealth) && runnerMcpUrl) {
      checks.push(
        await healthCheck('mcp', runnerWay, 'mcp', MCP_HEALTH_PATH, mcpExpected, config.timeoutSeconds, context, seams),
      );
    }
  }

  let chat: CheckResult | undefined;
  if (config.chat.model && checks.every((c) => c.status !== 'failed')) {
    // One chat completion, over the first route that can carry it where the credentials travel over TLS (or the
    // user allowed otherwise).
    const passedRoutes = [passed(fromCluster) ? cluster() : undefined, passed(runnerHealth) ? runnerWay : undefined];
    const carrying = passedRoutes.filter((r): r is Route => !!r?.carriesHeaders);
    const route = carrying.find((r) => r.secure || config.allowInsecureTransport);
    if (route) chat = await chatCheck(config, route, address.service, context, seams);
    else {
      const why = carrying.length
        ? 'Not sent: the smoke test sends the provider and Portkey API keys only over TLS, and the only way to the ' +
          `gateway here is plain HTTP (${carrying.map((r) => (r === runnerWay ? runnerUrl : proxy?.server)).join(', ')}). ` +
          'Check from the cluster (smoke-test-from: cluster or both) over an https API server, give an https ' +
          "smoke-test-url, or set allow-insecure-transport: 'true' if that network is yours."
        : `Not sent: from inside the cluster the gateway is asked by kubectl through ${proxy?.server}, which cannot ` +
          "send the chat completion's headers. Give a smoke-test-url this runner reaches (or smoke-test-from: " +
          'both on a runner in the network) to send it from the runner.';
      runner.warning(`The smoke test's chat completion was ${why.charAt(0).toLowerCase()}${why.slice(1)}`);
      const via: CheckVia = passed(fromCluster) ? 'cluster' : 'runner';
      const where = via === 'cluster' ? describeClusterTarget(address, request.namespace) : runnerUrl;
      chat = skipped('chat', via, 'POST /v1/chat/completions', where, why);
    }
    checks.push(chat);
  }

  const primary = checks.find((c) => c.check === 'health' && c.status !== 'skipped') ?? checks[0];
  const failed = checks.some((c) => c.status === 'failed');
  return {
    status: failed ? 'failed' : 'passed',
    httpCode: primary?.httpCode ?? 0,
    latencyMs: primary?.latencyMs ?? 0,
    attempts: primary?.attempts ?? 0,
    url: primary ? `${primary.request} on ${primary.target}` : '',
    checks,
    chat:
      chat && chat.status !== 'skipped'
        ? { status: chat.status, httpCode: chat.httpCode, latencyMs: chat.latencyMs, message: chat.message }
        : undefined,
    message: checks.map((c) => `${c.status === 'passed' ? '' : `[${c.status}] `}${c.message}`).join(' '),
  };
}

/** The error a failed smoke test becomes, naming the input that points at what failed. */
export function smokeTestError(result: SmokeTestResult): ActionError {
  const failed = result.checks.find((c) => c.status === 'failed');
  const runnerSkipped = result.checks.find((c) => c.via === 'runner' && c.check === 'health' && c.status === 'skipped');
  if (failed?.refusal && runnerSkipped) {
    // smoke-test-from: runner, whose fallback was refused: neither way could check the gateway.
    return new ActionError(
      `The smoke test could check the gateway neither from the runner (${runnerSkipped.message.replace(/^Skipped: /, '').replace(/\.$/, '')}) nor from inside the cluster: ${failed.refusal.message}`,
      {
        input: failed.refusal.input,
        hint:
          'Let the runner reach the gateway (allowed-ip-ranges must include its address: a self-hosted runner in ' +
          'your network, or a smoke-test-url it can reach), or grant the in-cluster check its permission. ' +
          (failed.refusal.hint ?? ''),
      },
    );
  }
  if (failed?.refusal) {
    return new ActionError(failed.refusal.message, { input: failed.refusal.input, hint: failed.refusal.hint });
  }
  const from = failed?.via === 'runner' ? ' from the runner' : failed ? ' from inside the cluster' : '';
  if (failed?.check === 'chat') {
    return new ActionError(`The smoke test's chat completion failed${from}: ${failed.message}`, {
      input: 'smoke-test-chat-model',
      hint:
        'The gateway answers but could not complete a chat: check smoke-test-provider, smoke-test-provider-key, ' +
        'smoke-test-portkey-api-key and smoke-test-chat-model, and that the gateway reaches the provider.',
    });
  }
  if (failed?.check === 'mcp') {
    return new ActionError(`The smoke test's MCP gateway check failed${from}: ${failed.message}`, {
      input: 'server-mode',
      hint: `The MCP gateway (SERVER_MODE all or mcp) did not answer GET ${MCP_HEALTH_PATH} on its port: check mcp-port, mcp-service and the gateway pods' logs.`,
    });
  }
  // The rollout had passed: a Service with no endpoint then has no pod to send to, which no path would change.
  if (failed && failed.via !== 'runner' && /no endpoints available/i.test(failed.message)) {
    return new ActionError(`The smoke test failed${from}: ${failed.message}`, {
      input: 'replicas',
      hint:
        "No pod stood behind the gateway's Service. With replicas (or replicaCount in the values) at 0 there is " +
        "nothing to test: scale it up, or set smoke-test: 'false' to deploy the gateway scaled to zero. Otherwise " +
        "the pods' labels do not match the Service's selector (kubectl get pods,endpoints in the namespace).",
    });
  }
  const hint =
    failed?.via === 'runner'
      ? 'The gateway did not answer the runner as expected: check that the load balancer lets the runner in ' +
        '(allowed-ip-ranges, an internal load balancer, a firewall), or check from the cluster only ' +
        '(smoke-test-from: cluster). Adjust smoke-test-path / smoke-test-expected-status / smoke-test-url if needed.'
      : "Check the gateway pods' logs, or adjust smoke-test-path / smoke-test-expected-status / smoke-test-expected-body.";
  return new ActionError(`The smoke test failed${from}: ${failed?.message ?? result.message}`, {
    input: 'smoke-test-path',
    hint,
  });
}
