// The helm stage: preflight, `helm upgrade --install` streamed into the log, then the release read back.
// main.ts may run it next to the rollout watcher and abort it through `signal` (helm gets SIGINT and finishes
// cleanly); recovering the release afterwards is recoverFailedRelease's job.
import * as core from '@actions/core';
import type { ChartConfig, DeployConfig } from '../config.js';
import { ActionError } from '../errors.js';
import { runTool, type ClusterTools } from '../kube/cluster-tools.js';
import type { Seams } from '../seams.js';
import { adviseOnUpgradeFailure } from './failure-hints.js';
import {
  helmMessage,
  logHelmLine,
  readManifest,
  readReleaseMetadata,
  type ReleaseInfo,
  type ReleaseRef,
} from './helm-release.js';
import { preflightRelease } from './preflight.js';
import { buildUpgradeArgs } from './upgrade-args.js';

export interface DeployInput {
  chart: ChartConfig;
  deploy: DeployConfig;
  /** The 0600 values file written by the values stage. */
  valuesPath: string;
  signal?: AbortSignal;
  /** Called once the preflight is done, just before helm upgrade starts (main starts its rollout watcher here). */
  beforeUpgrade?: () => Promise<void> | void;
  /** The GITHUB_* variables recorded in the release's description and labels; defaults to process.env. */
  runEnv?: NodeJS.ProcessEnv;
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}

export async function readReleaseInfo(release: ReleaseRef, tools: ClusterTools, seams: Seams): Promise<ReleaseInfo> {
  const metadata = await readReleaseMetadata(release, tools, seams);
  const manifest = await readManifest(release, tools, seams);
  if (!metadata || manifest === undefined) {
    throw new ActionError(
      `helm reported success, but release ${release.name} is not in namespace ${release.namespace}.`,
    );
  }
  return { ...release, ...metadata, manifest };
}

export async function deployRelease(input: DeployInput, tools: ClusterTools, seams: Seams): Promise<ReleaseInfo> {
  const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
  const plan = await preflightRelease(release, { deploy: input.deploy, signal: input.signal }, tools, seams);
  core.info(
    plan.action === 'install'
      ? `Release ${release.name} does not exist in namespace ${release.namespace} yet: first install.`
      : `Upgrading release ${release.name} (deployed revision before this run: ${plan.previousRevision ?? 'none'}).`,
  );
  const args = buildUpgradeArgs(
    { chart: input.chart, deploy: input.deploy, valuesPath: input.valuesPath, runEnv: input.runEnv ?? process.env },
    tools.helm.major,
  );
  await input.beforeUpgrade?.();
  const result = await runTool(tools, seams, 'helm', args, { onLine: logHelmLine, signal: input.signal });
  if (input.signal?.aborted) {
    throw new ActionError(`helm upgrade of release ${release.name} was cancelled: ${reasonOf(input.signal)}`, {
      hint: `helm history ${release.name} -n ${release.namespace} shows where the release was left.`,
    });
  }
  if (result.exitCode !== 0) {
    const message = helmMessage(result.stderr, result.stdout);
    const advice = adviseOnUpgradeFailure(message, release);
    throw new ActionError(`helm upgrade --install of release ${release.name} failed: ${message}`, advice);
  }
  const info = await readReleaseInfo(release, tools, seams);
  return plan.action === 'upgrade' ? { ...info, previousRevision: plan.previousRevision } : info;
}
