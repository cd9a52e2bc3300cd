// Asks the deployed gateway whether it is alive (retrying while the load balancer warms up), then, if asked to,
// sends one chat completion through it. Returns a verdict instead of throwing: the caller decides on rollback.
import * as core from '@actions/core';
import { ActionError } from '../errors.js';
import type { SmokeTestConfig } from '../inputs/config.js';
import { plainHttpProblem } from '../inputs/transport.js';
import { poll } from '../poll.js';
import type { HttpResponse, Seams } from '../seams.js';
import type { SecretSet } from '../secrets.js';

export interface ChatResult {
  status: 'passed' | 'failed';
  httpCode: number;
  latencyMs: number;
  message: string;
}

export interface SmokeTestResult {
  status: 'passed' | 'failed';
  /** Status of the last health request; 0 when nothing answered. */
  httpCode: number;
  latencyMs: number;
  attempts: number;
  url: string;
  chat?: ChatResult;
  message: string;
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 8000;
const REQUEST_TIMEOUT_MS = 10000;
const CHAT_TIMEOUT_MS = 60000;

interface Attempt {
  response?: HttpResponse;
  error?: string;
  latencyMs: number;
}

async function timedRequest(
  seams: Seams,
  request: Parameters<Seams['http']>[0],
  timeoutMs: number,
  cancelled?: AbortSignal,
): Promise<Attempt> {
  const started = seams.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const signal = cancelled ? AbortSignal.any([timeout, cancelled]) : timeout;
    const response = await seams.http({ ...request, signal });
    return { response, latencyMs: seams.now() - started };
  } catch (error) {
    return { error: describeNetworkError(error), latencyMs: seams.now() - started };
  }
}

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND, a certificate problem) in `cause`. */
function describeNetworkError(error: unknown): string {
  // The timeout arrives as a DOMException, which is not always an Error instance.
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (e?.name === 'TimeoutError') return 'no answer in time';
  if (e?.cause?.code) return `${e.cause.code}${e.cause.message ? ` (${e.cause.message})` : ''}`;
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

export interface SmokeTestContext {
  secrets: SecretSet;
  /** Aborted when the workflow is cancelled. */
  signal?: AbortSignal;
}

/** Runs the checks and says in the log how they went. */
export async function runSmokeTest(
  config: SmokeTestConfig,
  gatewayUrl: string,
  context: SmokeTestContext,
  seams: Seams,
): Promise<SmokeTestResult> {
  const result = await check(config, gatewayUrl, context, seams);
  core.info(`Smoke test ${result.status}: ${result.message}`);
  return result;
}

async function check(
  config: SmokeTestConfig,
  gatewayUrl: string,
  context: SmokeTestContext,
  seams: Seams,
): Promise<SmokeTestResult> {
  const url = joinUrl(gatewayUrl, config.path);
  const { secrets, signal } = context;
  const started = seams.now();
  const backoff = (attempt: number) => Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
  let attempts = 0;
  let last: Attempt = { latencyMs: 0, error: 'not tried' };
  let verdict: string | undefined;

  await poll({ deadline: started + config.timeoutSeconds * 1000, intervalMs: backoff, signal }, seams, async (n) => {
    attempts = n;
    last = await timedRequest(seams, { url, method: 'GET' }, REQUEST_TIMEOUT_MS, signal);
    verdict = judgeHealth(last, config, secrets);
    return verdict ? undefined : true;
  });

  const httpCode = last.response?.status ?? 0;
  const base = { httpCode, latencyMs: last.latencyMs, attempts, url };
  if (verdict) {
    const seconds = Math.round((seams.now() - started) / 1000);
    return {
      ...base,
      status: 'failed',
      message: `GET ${url} ${verdict} (${attempts} attempt(s) over ${seconds} s).`,
    };
  }
  const healthy = `GET ${url} answered ${httpCode} in ${last.latencyMs} ms (attempt ${attempts}).`;
  if (!config.chat.model) return { ...base, status: 'passed', message: healthy };

  const chat = await sendChatCompletion(config, gatewayUrl, context, seams);
  return { ...base, status: chat.status, chat, message: `${healthy} ${chat.message}` };
}

/** Undefined when the answer is the expected one, else what was wrong with it. */
function judgeHealth(attempt: Attempt, config: SmokeTestConfig, secrets: SecretSet): string | undefined {
  if (!attempt.response) return `got no answer: ${attempt.error}`;
  const { status, body } = attempt.response;
  if (status !== config.expectedStatus) {
    return `answered ${status}, expected ${config.expectedStatus}; body: ${safeSnippet(body, secrets) || '(empty)'}`;
  }
  if (config.expectedBody && !body.includes(config.expectedBody)) {
    return `answered ${status} but the body does not contain "${config.expectedBody}"; body: ${safeSnippet(body, secrets) || '(empty)'}`;
  }
  return undefined;
}

async function sendChatCompletion(
  config: SmokeTestConfig,
  gatewayUrl: string,
  { secrets, signal }: SmokeTestContext,
  seams: Seams,
): Promise<ChatResult> {
  const { model, provider, providerKey, portkeyApiKey, customHost } = config.chat;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-portkey-provider': provider };
  if (providerKey) headers.authorization = `Bearer ${providerKey}`;
  if (portkeyApiKey) headers['x-portkey-api-key'] = portkeyApiKey;
  if (customHost) headers['x-portkey-custom-host'] = customHost;
  const url = joinUrl(gatewayUrl, '/v1/chat/completions');
  const what = `Chat completion with ${model} via ${provider}`;
  // The address is only known now: a load balancer's is plain HTTP, and would carry the keys in clear text.
  const insecure = (providerKey || portkeyApiKey) && !config.allowInsecureTransport && plainHttpProblem(url);
  if (insecure) {
    const message = `${what} was not sent: ${insecure}, and it would carry the smoke test's keys in clear text. Set smoke-test-url to the gateway's https:// address, or allow-insecure-transport: 'true' if that network is yours.`;
    return { status: 'failed', httpCode: 0, latencyMs: 0, message };
  }
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Reply with the single word: ok' }] });
  const attempt = await timedRequest(seams, { url, method: 'POST', headers, body }, CHAT_TIMEOUT_MS, signal);
  if (!attempt.response) {
    return {
      status: 'failed',
      httpCode: 0,
      latencyMs: attempt.latencyMs,
      message: `${what} got no answer: ${attempt.error}.`,
    };
  }
  const { status: httpCode, body: answer } = attempt.response;
  const parsed = parseJson(answer) as { choices?: { message?: unknown }[]; error?: { message?: unknown } } | undefined;
  if (httpCode >= 200 && httpCode < 300 && parsed?.choices?.[0]?.message) {
    return {
      status: 'passed',
      httpCode,
      latencyMs: attempt.latencyMs,
      message: `${what} answered in ${attempt.latencyMs} ms.`,
    };
  }
  // Only the error's own message, keys removed: a provider may echo the request (and its key) back.
  const reason =
    typeof parsed?.error?.message === 'string'
      ? safeSnippet(parsed.error.message, secrets)
      : 'no choices[0].message in the answer';
  return {
    status: 'failed',
    httpCode,
    latencyMs: attempt.latencyMs,
    message: `${what} failed with ${httpCode}: ${reason}.`,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error a failed smoke test becomes, naming the input that points at what failed. */
export function smokeTestError(result: SmokeTestResult): ActionError {
  if (result.chat?.status === 'failed') {
    return new ActionError(`The smoke test's chat completion failed: ${result.chat.message}`, {
      input: 'smoke-test-chat-model',
      hint:
        'The gateway answers but could not complete a chat: check smoke-test-provider, smoke-test-provider-key, ' +
        'smoke-test-portkey-api-key and smoke-test-chat-model, and that the gateway reaches the provider.',
    });
  }
  return new ActionError(`The smoke test failed: ${result.message}`, {
    input: 'smoke-test-path',
    hint: "Check the gateway pods' logs, or adjust smoke-test-path / smoke-test-expected-status / smoke-test-url.",
  });
}
