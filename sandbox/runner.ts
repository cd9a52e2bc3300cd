// Runs the bundled action (`dist/index.js`) the way a GitHub runner does: Node 24, `INPUT_<NAME>` variables with
// action.yml's defaults applied, fresh file-command files, then the post step with the saved `STATE_*` values.
// Everything the run leaves behind (outputs, summary, exported env, files in RUNNER_TEMP) comes back for assertions.
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { node24 } from './gateway.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(repoRoot, 'dist', 'index.js');

export type Inputs = Record<string, string>;

/** The workflow run every step belongs to: what the runner reports in GITHUB_REPOSITORY, GITHUB_SHA… */
export const JOB = {
  repository: 'octo-org/portkey-infra',
  sha: '4f1b6a0d2c3e5f7081923a4b5c6d7e8f90a1b2c3',
};

/** What runAction needs from a sandbox: the env a workflow job would have and the inputs pointing at it. */
export interface RunTarget {
  env: Record<string, string>;
  inputs: Inputs;
  /** The job's GITHUB_TOKEN: what `${{ github.token }}` in an input's default becomes. */
  githubToken?: string;
  /** Folders of the checked-out repository (a vendored chart), by relative path: copied into each run's workspace. */
  workspaceFolders?: Record<string, string>;
}

export interface RunOptions {
  /** The step's `with:`; merged over the sandbox's inputs and action.yml's defaults. */
  inputs?: Inputs;
  /** Extra job env, merged over the sandbox's env. */
  env?: Record<string, string>;
  sandbox?: RunTarget;
  /** Run the post step after the main step (like `post-if: always()`); true by default. */
  post?: boolean;
  /** A RUNNER_TOOL_CACHE shared across runs (warm-cache tests); a fresh one, deleted afterwards, by default. */
  toolCache?: string;
  /** Each line of the main step's stdout as it arrives (the demo streams the log). */
  onStdout?: (line: string) => void;
  /** Kills the step's whole process group when the step runs longer; 4 minutes by default. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The script to run; the committed bundle by default. */
  entry?: string;
  /** Sends SIGINT to the main step once its log matches, as a runner does when the workflow is cancelled. */
  cancelWhen?: RegExp;
  /**
   * How the cancel goes on after its SIGINT: `sigint` alone (the default), or `runner`, GitHub's runner's sequence:
   * SIGTERM 7.5 s after the SIGINT, then the step's whole process group killed 2.5 s after that.
   */
  cancelSequence?: 'sigint' | 'runner';
  /** How long after `cancelWhen` matched the SIGINT goes out (0 by default): helm under way, say. */
  cancelDelayMs?: number;
  /**
   * Instead of a delay: after `cancelWhen` matched, asked every 100 ms, and the SIGINT goes out once it says yes. For a
   * state the test needs (helm's revision written, say), which a fixed delay only guesses on a loaded machine.
   */
  cancelOnceTrue?: () => Promise<boolean>;
  /** Files of the checked-out repository (GITHUB_WORKSPACE, the step's working directory), by relative path. */
  workspaceFiles?: Record<string, string>;
  /**
   * A program and its arguments each step runs under, Node's command line appended (`strace -f …` to see every
   * process the step starts); it leads the step's process group in Node's place.
   */
  wrapper?: (step: 'main' | 'post') => string[];
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  exportedEnv: Record<string, string>;
  /** Lines the step appended to GITHUB_PATH. */
  addedPath: string[];
  state: Record<string, string>;
  /** Every `::add-mask::` value the steps registered. */
  masks: string[];
  postExitCode: number | undefined;
  postStdout: string;
  postStderr: string;
  /** The main or post step exited leaving processes of its own running. */
  strayProcesses: boolean;
  /** Files left in RUNNER_TEMP after the post step, relative to it. */
  runnerTempAfterPost: string[];
  /** Their contents (utf8), for the secret scan. */
  filesLeftBehind: Record<string, string>;
  /** Files in the job's HOME after the post step, relative to it: caches the tools would have left there. */
  homeAfterPost: string[];
  /** The file the `plan-file` output names, as a later step of the job reads it (the post step removes it). */
  planFile?: string;
  /** When the cancel's signals went out and when the step exited (epoch ms), for the runner's sequence. */
  cancelTimeline?: CancelTimeline;
  /** performance.now() when the main step's process exited: before the runner reads the files it left. */
  mainExitedAt: number;
  /** The inputs the step saw, defaults included. */
  inputs: Inputs;
}

let cachedDefaults: Inputs | undefined;

/** action.yml's input defaults, as the runner applies them. */
export function actionDefaults(): Inputs {
  if (!cachedDefaults) {
    const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: unknown }>;
    };
    cachedDefaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, spec]) => spec.default !== undefined)
        .map(([name, spec]) => [name, String(spec.default)]),
    );
  }
  return cachedDefaults;
}

/** Input defaults as the runner evaluates them; `${{ github.token }}` is the only expression action.yml uses. */
export function evaluateDefaults(defaults: Inputs, githubToken: string): Inputs {
  return Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [
      name,
      value.replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken),
    ]),
  );
}

/** The runner's env for inputs: `INPUT_` + name upper-cased, spaces to `_`, hyphens kept. */
export function inputEnv(inputs: Inputs): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
  );
}

/** Parses the file-command format the runner reads (what src/runner.ts and @actions/core write): `name=value` lines or `name<<DELIM` … `DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end === -1) throw new Error(`File command "${name}" has no closing delimiter ${delimiter}`);
      result[name] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) throw new Error(`Unreadable file-command line: ${line}`);
    result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}

/** `::add-mask::value` lines, the values a runner would hide from the log. */
export function maskedValues(stdout: string): string[] {
  return [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((match) => match[1]);
}

interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Processes of the step (helm, kubectl port-forward…) still running when it exited; the runner killed them. */
  strays: boolean;
  cancelTimeline?: CancelTimeline;
  /** performance.now() when the step's process exited. */
  exitedAt: number;
}

export interface CancelTimeline {
  sigintAt: number;
  sigtermAt?: number;
  killedAt?: number;
  exitedAt?: number;
}

/** GitHub's runner after a cancel (actions/runner ProcessInvoker): SIGINT, SIGTERM 7.5 s later, the tree killed 2.5 s after. */
export const RUNNER_CANCEL = { sigtermAfterMs: 7_500, killAfterMs: 10_000 };

/** One step: dist/index.js in its own process group, so helm or kubectl it started cannot outlive it. */
function runStep(step: 'main' | 'post', env: NodeJS.ProcessEnv, options: RunOptions): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = [...(options.wrapper?.(step) ?? []), node24, options.entry ?? bundle];
    const child = spawn(program, args, {
      env,
      cwd: env.GITHUB_WORKSPACE,
      detached: true,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let cancelled = false;
    let cancelTimeline: CancelTimeline | undefined;
    const cancelTimers: NodeJS.Timeout[] = [];
    /** SIGINT to the step alone, as the runner does; with its sequence, then SIGTERM, then the group killed. */
    const cancel = () => {
      const timeline: CancelTimeline = { sigintAt: Date.now() };
      cancelTimeline = timeline;
      child.kill('SIGINT');
      if (options.cancelSequence !== 'runner') return;
      cancelTimers.push(
        setTimeout(() => {
          timeline.sigtermAt = Date.now();
          child.kill('SIGTERM');
        }, RUNNER_CANCEL.sigtermAfterMs),
        setTimeout(() => {
          timeline.killedAt = Date.now();
          killGroup();
        }, RUNNER_CANCEL.killAfterMs),
      );
    };
    let exited = false;
    const cancelOnce = async (ready: () => Promise<boolean>) => {
      while (!exited && !(await ready().catch(() => false))) await sleep(100);
      if (!exited) cancel();
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.cancelWhen && !cancelled && options.cancelWhen.test(stdout)) {
        cancelled = true;
        if (options.cancelOnceTrue) void cancelOnce(options.cancelOnceTrue);
        else cancelTimers.push(setTimeout(cancel, options.cancelDelayMs ?? 0));
      }
      if (!options.onStdout) return;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach((line) => options.onStdout!(line));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const signalGroup = (signal: NodeJS.Signals | 0) => {
      try {
        process.kill(-child.pid!, signal);
        return true;
      } catch {
        return false; // Nothing left in the group.
      }
    };
    const killGroup = () => signalGroup('SIGKILL');
    let strays = false;
    const timeoutMs = options.timeoutMs ?? 240_000;
    const timer = setTimeout(() => {
      stderr += `\n[runner] step killed after ${timeoutMs} ms\n`;
      killGroup();
    }, timeoutMs);
    const abort = () => killGroup();
    // Aborted while the runner was being prepared: the step stops at once, as it would have a moment later.
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', reject);
    // Like a runner at the end of a job: whatever the step left running is found and killed.
    let exitedAt = NaN;
    child.on('exit', () => {
      exitedAt = performance.now();
      exited = true;
      if (cancelTimeline) cancelTimeline.exitedAt = Date.now();
      cancelTimers.forEach(clearTimeout);
      strays = signalGroup(0);
      killGroup();
    });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (pending && options.onStdout) options.onStdout(pending);
      // SIGKILL is delivered asynchronously: report only once the group is really gone.
      for (let waited = 0; signalGroup(0) && waited < 2000; waited += 20) await sleep(20);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr, strays, cancelTimeline, exitedAt });
    });
  });
}

export async function readIfPresent(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}

/** Every file under `dir`, relative to it, sorted; none when `dir` is gone. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The checked-out repository: `folders` copied in and `files` written, each by its path relative to `workspace`. */
export async function fillWorkspace(
  workspace: string,
  folders: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<void> {
  for (const [name, source] of Object.entries(folders)) {
    await cp(source, path.join(workspace, name), { recursive: true });
  }
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(workspace, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/**
 * A fresh folder for one run: RUNNER_TEMP, the file commands, a workspace and a home, all removed afterwards (remove
 * `dirs.root`). Exported for runners other than this one (GitHub's local-action, __tests__/e2e/local-action.test.ts).
 */
export async function prepareRunner(toolCache: string | undefined) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'action-run-'));
  const dirs = {
    root,
    temp: await mkdtemp(path.join(root, 'runner-temp-')),
    files: await mkdtemp(path.join(root, 'file-commands-')),
    workspace: await mkdtemp(path.join(root, 'workspace-')),
    home: await mkdtemp(path.join(root, 'home-')),
    toolCache: toolCache ?? (await mkdtemp(path.join(root, 'tool-cache-'))),
  };
  const file = (name: string) => path.join(dirs.files, name);
  const files = {
    GITHUB_OUTPUT: file('output'),
    GITHUB_ENV: file('env'),
    GITHUB_PATH: file('path'),
    GITHUB_STATE: file('state'),
    GITHUB_STEP_SUMMARY: file('step-summary'),
  };
  for (const name of Object.values(files)) await writeFile(name, '');
  const env: Record<string, string> = {
    ...files,
    RUNNER_TEMP: dirs.temp,
    RUNNER_TOOL_CACHE: dirs.toolCache,
    GITHUB_WORKSPACE: dirs.workspace,
    HOME: dirs.home,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'sandbox-runner',
    GITHUB_REPOSITORY: JOB.repository,
    GITHUB_REPOSITORY_OWNER: JOB.repository.split('/')[0],
    GITHUB_SHA: JOB.sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1661412345',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_WORKFLOW: 'Deploy gateway',
    GITHUB_SERVER_URL: 'https://github.com',
    // A sandbox points this at its GitHub API emulator; without one nothing may call it (no test reaches the internet).
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_ACTOR: 'sandbox-user',
    GITHUB_EVENT_NAME: 'push',
  };
  return { dirs, files, env };
}

/** Runs the action's main step, then (unless `post: false`) its post step, and reports everything observable. */
export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const defaults = evaluateDefaults(actionDefaults(), options.sandbox?.githubToken ?? '');
  const inputs: Inputs = { ...defaults, ...options.sandbox?.inputs, ...options.inputs };
  const runner = await prepareRunner(options.toolCache);
  try {
    await fillWorkspace(runner.dirs.workspace, options.sandbox?.workspaceFolders, options.workspaceFiles);
    // Only what a hosted runner's job would have: no KUBECONFIG, Azure or proxy settings leak in from this machine.
    const jobEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      ...runner.env,
      ...options.sandbox?.env,
      ...options.env,
    };
    const main = await runStep('main', { ...jobEnv, ...inputEnv(inputs) }, options);
    const state = parseFileCommands(await readIfPresent(runner.files.GITHUB_STATE));
    const outputs = parseFileCommands(await readIfPresent(runner.files.GITHUB_OUTPUT));
    const planFile = outputs['plan-file'] ? await readIfPresent(outputs['plan-file']) : undefined;
    let post: StepResult | undefined;
    if (options.post !== false && !options.signal?.aborted) {
      const stateEnv = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
      post = await runStep(
        'post',
        { ...jobEnv, ...inputEnv(inputs), ...stateEnv },
        { ...options, onStdout: undefined, cancelWhen: undefined },
      );
    }
    const runnerTempAfterPost = await listFiles(runner.dirs.temp);
    const filesLeftBehind: Record<string, string> = {};
    for (const name of runnerTempAfterPost) {
      filesLeftBehind[name] = await readIfPresent(path.join(runner.dirs.temp, name));
    }
    return {
      exitCode: main.exitCode,
      stdout: main.stdout,
      stderr: main.stderr,
      outputs,
      summary: await readIfPresent(runner.files.GITHUB_STEP_SUMMARY),
      exportedEnv: parseFileCommands(await readIfPresent(runner.files.GITHUB_ENV)),
      addedPath: (await readIfPresent(runner.files.GITHUB_PATH)).split('\n').filter(Boolean),
      state,
      masks: maskedValues(main.stdout + (post?.stdout ?? '')),
      postExitCode: post?.exitCode,
      postStdout: post?.stdout ?? '',
      postStderr: post?.stderr ?? '',
      strayProcesses: main.strays || !!post?.strays,
      runnerTempAfterPost,
      filesLeftBehind,
      homeAfterPost: await listFiles(runner.dirs.home),
      planFile,
      cancelTimeline: main.cancelTimeline,
      mainExitedAt: main.exitedAt,
      inputs,
    };
  } finally {
    await rm(runner.dirs.root, { recursive: true, force: true });
  }
}

/** A RUNNER_TOOL_CACHE to share between runs of one test file; remove it with the returned function. */
export function sharedToolCache(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tool-cache-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
