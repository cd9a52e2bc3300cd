// Runs the action's TypeScript source under GitHub's own local runner, `@github/local-action` (pinned in
// devDependencies), the way its README tells action authors to: `local-action <action folder> src/main.ts <.env>
// --post src/post.ts`. It imports `run` from the main file and then `run` from the post file in ONE Node process, with
// no STATE_* variables between them. Whatever only worked because GitHub's runner starts a fresh process per step
// shows up here. (local-action stubs `@actions/core`; the action speaks the runner's protocol itself, src/runner.ts,
// so it writes the job's files as under GitHub's runner and hands its state to the post step in memory.)
//
// A run reaches the cluster with the `kubeconfig` input: the job env here carries no OIDC request variables, as
// local-action offers no token. The inputs go in the .env file local-action reads, as its README says:
// it starts the action through `sh -c`, and Debian's sh (dash) drops variables whose names are not shell names, so
// `INPUT_PORTKEY-CLIENT-AUTH` in the process env never arrives. RUNNER_TEMP and the rest of the job env do.
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24 } from './gateway.js';
import {
  actionDefaults,
  evaluateDefaults,
  fillWorkspace,
  inputEnv,
  listFiles,
  parseFileCommands,
  prepareRunner,
  readIfPresent,
  type Inputs,
  type RunTarget,
} from './runner.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const localAction = path.join(repoRoot, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');

export interface LocalActionOptions {
  sandbox: RunTarget;
  /** The step's `with:`, over the sandbox's inputs and action.yml's defaults. */
  inputs?: Inputs;
  /** Files of the checked-out repository (GITHUB_WORKSPACE), by relative path: a kubeconfig, since inputs are one line. */
  workspaceFiles?: Record<string, string>;
  /** A RUNNER_TOOL_CACHE shared across runs. */
  toolCache?: string;
  /** Kills local-action's whole process group when it runs longer; 4 minutes by default. */
  timeoutMs?: number;
}

export interface LocalActionRun {
  exitCode: number;
  /** Both steps' log: local-action prints them one after the other, with its own banners. */
  stdout: string;
  /** The post step's part of it, from local-action's "Running Post Step" banner on (empty when it never got there). */
  postStdout: string;
  stderr: string;
  /** From the job's GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Files left in RUNNER_TEMP after the post step, relative to it, with their contents. */
  filesLeftBehind: Record<string, string>;
  /** The inputs the step saw, defaults included. */
  inputs: Inputs;
}

/**
 * The inputs as dotenv lines, each value single-quoted (taken literally). dotenv reads a multi-line value only with
 * escapes that would change other values, so one is refused: pass a file's path instead.
 */
function dotenvInputs(inputs: Inputs): string {
  return Object.entries(inputEnv(inputs))
    .map(([name, value]) => {
      if (/['\r\n]/.test(value))
        throw new Error(`${name} has a quote or a line break: give local-action a file instead.`);
      return `${name}='${value}'\n`;
    })
    .join('');
}

/** local-action in its own process group, from the repository's root (it runs `npm exec tsx` and `npm ls` there). */
function runLocalActionProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [localAction, ...args], { cwd: repoRoot, env, detached: true, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Nothing left in the group.
      }
    };
    const timer = setTimeout(() => {
      stderr += `\n[local-action] killed after ${timeoutMs} ms\n`;
      killGroup();
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', killGroup);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Main then post of the action's source under local-action, against a sandbox; everything observable comes back. */
export async function runLocalAction(options: LocalActionOptions): Promise<LocalActionRun> {
  const { sandbox } = options;
  const inputs: Inputs = {
    ...evaluateDefaults(actionDefaults(), sandbox.githubToken ?? ''),
    ...sandbox.inputs,
    ...options.inputs,
  };
  const runner = await prepareRunner(options.toolCache);
  try {
    await fillWorkspace(runner.dirs.workspace, sandbox.workspaceFolders, options.workspaceFiles);
    const dotenv = path.join(runner.dirs.root, '.env');
    await writeFile(dotenv, dotenvInputs(inputs));
    const sandboxEnv = Object.entries(sandbox.env).filter(([name]) => !name.startsWith('ACTIONS_ID_TOKEN_'));
    const env = {
      // Node 24 first: local-action's `npm exec tsx` and the action it loads run on whichever `node` PATH finds.
      PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
      LANG: 'C.UTF-8',
      ...runner.env,
      ...Object.fromEntries(sandboxEnv),
    };
    const args = [repoRoot, 'src/main.ts', dotenv, '--post', 'src/post.ts'];
    const run = await runLocalActionProcess(args, env, options.timeoutMs ?? 240_000);
    const outputs = parseFileCommands(await readIfPresent(runner.files.GITHUB_OUTPUT));
    const filesLeftBehind: Record<string, string> = {};
    for (const name of await listFiles(runner.dirs.temp)) {
      filesLeftBehind[name] = await readIfPresent(path.join(runner.dirs.temp, name));
    }
    const postBanner = run.stdout.indexOf('Running Post Step');
    return {
      ...run,
      postStdout: postBanner === -1 ? '' : run.stdout.slice(postBanner),
      outputs,
      summary: await readIfPresent(runner.files.GITHUB_STEP_SUMMARY),
      filesLeftBehind,
      inputs,
    };
  } finally {
    await rm(runner.dirs.root, { recursive: true, force: true });
  }
}
