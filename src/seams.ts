// The only doors to the outside world. Stages receive a `Seams` object, so tests can swap any of these
// for a fake and assert on exactly what would have been sent or run.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import * as path from 'node:path';
import * as core from '@actions/core';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

export interface RunOptions {
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
}

export const sendHttp: HttpSend = async (request) => {
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
      env: options.env ?? process.env,
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
      core.debug(
        `child-process ${path.basename(file)} ${args[0] ?? ''} exited ${code ?? signal} after ${Date.now() - started} ms`,
      );
      resolve({ exitCode: code ?? (signal ? 130 : 1), stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });

export const realSeams: Seams = {
  http: sendHttp,
  run: runProcess,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  now: () => Date.now(),
};
