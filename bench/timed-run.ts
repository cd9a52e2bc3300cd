// One main step of the bundled action against the sandbox, with its log timestamped line by line (RUNNER_DEBUG=1, so
// every helm/kubectl child process is reported) and its peak memory read from the preloaded probe.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAction, type ActionRun, type Inputs } from '../sandbox/runner.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { Timeline } from './timeline.js';

export interface TimedRun {
  run: ActionRun;
  timeline: Timeline;
  /** performance.now() just before runAction and just after it returned. */
  startedAt: number;
  endedAt: number;
  /** ru_maxrss of the action's Node process. */
  peakRssKiB: number | undefined;
}

const probe = pathToFileURL(path.join(import.meta.dirname, 'peak-memory.mjs')).href;

/** The main step only (no post step): its wall time is what the figures are about. */
export async function timedRun(sandbox: Sandbox, toolCache: string, inputs: Inputs): Promise<TimedRun> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-run-'));
  const memoryFile = path.join(scratch, 'peak-memory.json');
  const timeline = new Timeline();
  try {
    const startedAt = performance.now();
    const run = await runAction({
      sandbox,
      toolCache,
      inputs,
      post: false,
      onStdout: timeline.record,
      env: { RUNNER_DEBUG: '1', NODE_OPTIONS: `--import=${probe}`, BENCH_PEAK_MEMORY_FILE: memoryFile },
    });
    // The main step's exit, not runAction's return: with no post step the runner then reads every file left in
    // RUNNER_TEMP, the tool binaries included, which is over a second of the harness's own work.
    const endedAt = run.mainExitedAt;
    const memory = await readFile(memoryFile, 'utf8').then(
      (text) => (JSON.parse(text) as { maxRssKiB: number }).maxRssKiB,
      () => undefined,
    );
    return { run, timeline, startedAt, endedAt, peakRssKiB: memory };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The step's log tail, for an error message when a run did not go the way a figure needs. */
export function describeRun({ run }: TimedRun): string {
  return `exit ${run.exitCode}\n${run.stdout.split('\n').slice(-15).join('\n')}\n${run.stderr.slice(-1000)}`;
}
