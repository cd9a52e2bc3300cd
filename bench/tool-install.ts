// Figure 3: installing helm and kubectl from the sandbox's download mirror (HTTPS on loopback), with the action's own
// code (src/tools), each measurement in a fresh Node 24 process:
//   cold      both tools concurrently into an empty tool cache (what the action does);
//   one after another   helm, then kubectl, into another empty cache, in the same round, so the ratios compare
//                       like with like; each tool's time alone is also "a single download";
//   warm      both tools again, from the cache the cold install filled.
// The order of cold and one-after-another alternates between rounds so neither always runs on a warmer machine.
// On loopback a "download" is CPU work (TLS on both ends, SHA-256, gunzip and untar), which two concurrent installs
// share on a small machine; with `delayMs` the mirror holds each file back first, as a distant site's latency would,
// which is the waiting that installing side by side is meant to overlap.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { node24 } from '../sandbox/gateway.js';
import { actionDefaults } from '../sandbox/runner.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { ToolsConfig } from '../src/inputs/config.js';
import { summarize, type Summary } from './stats.js';
import { RESULT_PREFIX, type ToolInstallJob, type ToolInstallResult } from './tool-install-child.js';

export interface ToolInstall {
  coldBothMs: Summary;
  sequentialMs: Summary;
  helmAloneMs: Summary;
  kubectlAloneMs: Summary;
  warmMs: Summary;
  /** Per round: cold ÷ the slower of the two single installs (goal: close to 1). */
  coldVsSlowerSingle: Summary;
  /** Per round: cold ÷ one-after-another. */
  coldVsSequential: Summary;
  /** Time the mirror spent on each file (request in → response sent, any delay included), over every cold download. */
  mirrorTransferMs: { helmArchive: Summary; kubectlBinary: Summary };
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const childScript = path.join(import.meta.dirname, 'tool-install-child.ts');

async function runChild(sandbox: Sandbox, job: ToolInstallJob, toolCache: string): Promise<ToolInstallResult> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'bench-tools-temp-'));
  try {
    const githubPath = path.join(temp, 'github-path');
    await writeFile(githubPath, '');
    const env = {
      PATH: process.env.PATH,
      HOME: temp,
      RUNNER_TEMP: temp,
      RUNNER_TOOL_CACHE: toolCache,
      GITHUB_PATH: githubPath,
      NODE_EXTRA_CA_CERTS: sandbox.tls.caFile,
    };
    const child = spawn(node24, ['--import', 'tsx', childScript, JSON.stringify(job)], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
    if (code !== 0 || !line) throw new Error(`The ${job.mode} tool install exited ${code}:\n${stdout}\n${stderr}`);
    return JSON.parse(line.slice(RESULT_PREFIX.length)) as ToolInstallResult;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** `delayMs` holds back every archive and binary download that long, as a distant download site would. */
export async function measureToolInstall(sandbox: Sandbox, rounds: number, delayMs = 0): Promise<ToolInstall> {
  const defaults = actionDefaults();
  const tools: ToolsConfig = {
    helm: { version: defaults['helm-version'], downloadBaseUrl: sandbox.mirror.helmBaseUrl, sha256: '' },
    kubectl: { version: defaults['kubectl-version'], downloadBaseUrl: sandbox.mirror.kubectlBaseUrl, sha256: '' },
  };
  const samples = { cold: [] as number[], sequential: [] as number[], helm: [] as number[], kubectl: [] as number[] };
  const warm: number[] = [];
  const slowerRatio: number[] = [];
  const sequentialRatio: number[] = [];
  const firstRequest = sandbox.mirror.requests.length;
  sandbox.mirror.delayMs = delayMs;
  try {
    for (let round = 0; round < rounds; round++) {
      const coldCache = await mkdtemp(path.join(os.tmpdir(), 'bench-tools-cold-'));
      const sequentialCache = await mkdtemp(path.join(os.tmpdir(), 'bench-tools-sequential-'));
      try {
        const cold = () => runChild(sandbox, { mode: 'both', tools }, coldCache);
        const sequential = () => runChild(sandbox, { mode: 'sequential', tools }, sequentialCache);
        let both: ToolInstallResult;
        let oneByOne: ToolInstallResult;
        if (round % 2 === 0) {
          both = await cold();
          oneByOne = await sequential();
        } else {
          oneByOne = await sequential();
          both = await cold();
        }
        const warmRun = await runChild(sandbox, { mode: 'both', tools }, coldCache);
        if (both.mode !== 'both' || oneByOne.mode !== 'sequential' || warmRun.mode !== 'both') {
          throw new Error('Tool install child answered for the wrong mode.');
        }
        samples.cold.push(both.bothMs);
        samples.sequential.push(oneByOne.helmMs + oneByOne.kubectlMs);
        samples.helm.push(oneByOne.helmMs);
        samples.kubectl.push(oneByOne.kubectlMs);
        warm.push(warmRun.bothMs);
        slowerRatio.push(both.bothMs / Math.max(oneByOne.helmMs, oneByOne.kubectlMs));
        sequentialRatio.push(both.bothMs / (oneByOne.helmMs + oneByOne.kubectlMs));
      } finally {
        await rm(coldCache, { recursive: true, force: true });
        await rm(sequentialCache, { recursive: true, force: true });
      }
    }
  } finally {
    sandbox.mirror.delayMs = 0;
  }
  const transfers = (pattern: RegExp) =>
    summarize(
      sandbox.mirror.requests
        .slice(firstRequest)
        .filter((request) => pattern.test(request.path) && request.end !== undefined)
        .map((request) => request.end! - request.start),
    );
  return {
    coldBothMs: summarize(samples.cold),
    sequentialMs: summarize(samples.sequential),
    helmAloneMs: summarize(samples.helm),
    kubectlAloneMs: summarize(samples.kubectl),
    warmMs: summarize(warm),
    coldVsSlowerSingle: summarizeRatio(slowerRatio),
    coldVsSequential: summarizeRatio(sequentialRatio),
    mirrorTransferMs: { helmArchive: transfers(/\.tar\.gz$/), kubectlBinary: transfers(/\/kubectl$/) },
  };
}

/** Ratios to two decimals (summarize rounds to one). */
function summarizeRatio(values: number[]): Summary {
  const scaled = summarize(values.map((value) => value * 100));
  const back = (value: number) => Math.round(value) / 100;
  return {
    median: back(scaled.median),
    min: back(scaled.min),
    max: back(scaled.max),
    samples: scaled.samples.map(back),
  };
}
