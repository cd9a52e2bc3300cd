// The only doors to the outside world. Stages receive a `Seams` object, so tests can swap any of these
// for a fake and assert on exactly what would have been sent or run.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import * as path from 'node:path';
import * as runner from './runner.js';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /**
   * TLS settings of this one request (an https URL only): the cluster's CA and client certificate when the request goes
   * to a Kubernetes API server. Without it, the runtime's own trust store applies.
   */
  tls?: HttpTls;
}

export interface HttpTls {
  /** PEM CA bundle that replaces the default trust store. */
  ca?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  /** The kubeconfig's insecure-skip-tls-verify. */
  insecure?: boolean;
  /** The kubeconfig's tls-server-name. */
  servername?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

export interface RunOptions {
  /** The child's whole environment; runnerEnv() when not given. Never process.env: see runnerEnv. */
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, then closed: the way secrets reach a child process, never argv. */
  stdin?: string;
  cwd?: string;
  /** Called with each complete line as it arrives, for streaming a long command's output into the log. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type ProcessRun = (file: string, args: string[], options?: RunOptions) => Promise<RunResult>;

export interface Seams {
  http: HttpSend;
  run: ProcessRun;
  /** Rejects (and the timer goes) when `signal` aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** The local address the runner would send from to reach `ip` (see verify/runner-reach.ts); the kernel's by default. */
  localAddressFor?: (ip: string) => Promise<string | undefined>;
}

/**
 * node:https with per-request TLS settings: fetch cannot take a CA or client certificate for one request. Loaded on
 * first use: node:https brings tls and http, which a run that never talks to an API server itself does not need.
 */
async function sendWithTls(request: HttpRequest & { tls: HttpTls }): Promise<HttpResponse> {
  if (!request.url.startsWith('https:')) throw new Error(`TLS settings need an https URL, not ${request.url}`);
  const { ca, cert, key, insecure, servername } = request.tls;
  const { request: httpsRequest } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      request.url,
      {
        method: request.method ?? 'GET',
        headers: request.headers,
        signal: request.signal,
        ca,
        cert,
        key,
        servername,
        rejectUnauthorized: !insecure,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

export const sendHttp: HttpSend = async (request) => {
  if (request.tls) return sendWithTls(request as HttpRequest & { tls: HttpTls });
  const response = await fetch(request.url, {
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { status: response.status, headers, body: await response.text() };
};

/**
 * What a child process may see of the runner's environment: where programs and the home folder are, the locale,
 * the proxies and the CA bundle the runner trusts. Not INPUT_* (every input, secrets included), not ACTIONS_* (the
 * runtime and OIDC request tokens), not the job's HELM_* or KUBECONFIG (HELM_DEBUG prints the values, secrets
 * included; HELM_KUBEAPISERVER would point helm at another cluster): the action sets its own on top.
 */
const RUNNER_ENV = new Set(
  [
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'LANG',
    'LC_ALL',
    'TZ',
    'TMPDIR',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    // Windows runners: programs do not start without these.
    'SYSTEMROOT',
    'WINDIR',
    'TEMP',
    'TMP',
    'USERPROFILE',
    'APPDATA',
    'LOCALAPPDATA',
    'PATHEXT',
    'COMSPEC',
  ].map((name) => name.toUpperCase()),
);

/** The allow-listed part of `env` (names compared case-insensitively: `http_proxy` and Windows' `Path` count). */
export function runnerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => RUNNER_ENV.has(name.toUpperCase())));
}

function splitLines(onLine: RunOptions['onLine'], stream: 'stdout' | 'stderr') {
  let pending = '';
  return {
    push(chunk: string) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, stream);
    },
    flush() {
      if (pending) onLine?.(pending, stream);
      pending = '';
    },
  };
}

export const runProcess: ProcessRun = (file, args, options = {}) =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(file, args, {
      env: options.env ?? runnerEnv(),
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
      killSignal: 'SIGINT',
    });
    let stdout = '';
    let stderr = '';
    const out = splitLines(options.onLine, 'stdout');
    const err = splitLines(options.onLine, 'stderr');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      out.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      err.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return;
      reject(new Error(`Could not run ${file}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      out.flush();
      err.flush();
      // Machine-readable for `npm run bench`, which separates the action's own time from its children's.
      runner.debug(
        `child-process ${path.basename(file)} ${args[0] ?? ''} exited ${code ?? signal} after ${Date.now() - started} ms`,
      );
      resolve({ exitCode: code ?? (signal ? 130 : 1), stdout, stderr });
    });
    // A child that exits without reading its stdin closes the pipe under us (EPIPE): its exit code tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });

export const realSeams: Seams = {
  http: sendHttp,
  run: runProcess,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  now: () => Date.now(),
};
