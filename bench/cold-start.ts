// Figure 1: how long a fresh Node 24 process takes from spawn to the action's first stage (`::group::Read inputs`),
// side by side with a bare Node 24 process printing one line; and how big the bundle is.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { node24 } from '../sandbox/gateway.js';
import { actionDefaults, inputEnv, type Inputs } from '../sandbox/runner.js';
import { summarize, type Summary } from './stats.js';

export interface ColdStart {
  /** Spawn → `::group::` of the first stage. */
  actionMs: Summary;
  /** Spawn → first line of `node -e` printing one line: the part no bundle can save. */
  bareNodeMs: Summary;
  /** Per round, the action's time less the bare Node's just before it: what the bundle costs, whatever the machine. */
  aboveBareMs: Summary;
  /** dist/index.js alone, and every file Node may load from dist/ (source maps excluded). */
  bundleBytes: { indexJs: number; runtimeFiles: number };
}

const distDir = path.resolve(import.meta.dirname, '..', 'dist');

/** Milliseconds from spawn until a stdout line starting with `::group::` arrives; then the process group is killed. */
function timeToFirstGroup(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node24, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let elapsed: number | undefined;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      if (elapsed !== undefined || !/^::group::/m.test(seen)) return;
      elapsed = performance.now() - started;
      process.kill(-child.pid!, 'SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () =>
      elapsed === undefined
        ? reject(new Error(`No ::group:: line from node ${args.join(' ')}.\n${seen}\n${stderr}`))
        : resolve(elapsed),
    );
  });
}

async function bundleBytes(): Promise<ColdStart['bundleBytes']> {
  const runtime = (await readdir(distDir)).filter((name) => !name.endsWith('.map') && name !== 'licenses.txt');
  const sizes = await Promise.all(runtime.map(async (name) => (await stat(path.join(distDir, name))).size));
  return {
    indexJs: (await stat(path.join(distDir, 'index.js'))).size,
    runtimeFiles: sizes.reduce((a, b) => a + b, 0),
  };
}

/**
 * `runs` rounds, each a bare node then the action, after one unmeasured round that puts the bundle in the page cache
 * (on a runner the checkout just wrote it there too). The action gets a deploy's inputs and the file-command files.
 */
export async function measureColdStart(inputs: Inputs, runs: number): Promise<ColdStart> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-cold-start-'));
  try {
    const files = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'];
    for (const name of files) await writeFile(path.join(dir, name), '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      RUNNER_TEMP: dir,
      GITHUB_WORKSPACE: dir,
      GITHUB_ACTIONS: 'true',
      ...Object.fromEntries(files.map((name) => [name, path.join(dir, name)])),
      ...inputEnv({ ...actionDefaults(), ...inputs }),
    };
    const bare = ['-e', "process.stdout.write('::group::ready\\n')"];
    const action = [path.join(distDir, 'index.js')];
    await timeToFirstGroup(bare, env, dir);
    await timeToFirstGroup(action, env, dir);
    const bareNodeMs: number[] = [];
    const actionMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      bareNodeMs.push(await timeToFirstGroup(bare, env, dir));
      actionMs.push(await timeToFirstGroup(action, env, dir));
    }
    return {
      actionMs: summarize(actionMs),
      bareNodeMs: summarize(bareNodeMs),
      aboveBareMs: summarize(actionMs.map((ms, round) => ms - bareNodeMs[round])),
      bundleBytes: await bundleBytes(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
