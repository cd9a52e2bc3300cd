// Runs in its own Node 24 process (started by bench/tool-install.ts), because the sandbox CA must be trusted from
// start-up (NODE_EXTRA_CA_CERTS) and because a fresh process is what the action has: nothing already compiled or
// connected. Times src/tools' installTools and prints one `BENCH_RESULT {json}` line.
import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ToolsConfig } from '../src/inputs/config.js';
import { installTools } from '../src/tools/install-tools.js';

export interface ToolInstallJob {
  /** `both`: helm and kubectl concurrently, as the action does. `sequential`: helm, then kubectl. */
  mode: 'both' | 'sequential';
  tools: ToolsConfig;
}

export type ToolInstallResult =
  { mode: 'both'; bothMs: number } | { mode: 'sequential'; helmMs: number; kubectlMs: number };

export const RESULT_PREFIX = 'BENCH_RESULT ';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main(job: ToolInstallJob): Promise<ToolInstallResult> {
  // The action's private folder, which the binaries are written into.
  const workDir = await mkdtemp(path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'portkey-azure-deploy-'));
  if (job.mode === 'both') return { mode: 'both', bothMs: await timed(() => installTools(job.tools, workDir)) };
  const helmMs = await timed(() => installTools(job.tools, workDir, ['helm']));
  const kubectlMs = await timed(() => installTools(job.tools, workDir, ['kubectl']));
  return { mode: 'sequential', helmMs, kubectlMs };
}

if (process.argv[2]) {
  const result = await main(JSON.parse(process.argv[2]) as ToolInstallJob);
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
