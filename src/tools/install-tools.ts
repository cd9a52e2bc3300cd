// The tools stage: helm and kubectl, pinned and verified, installed side by side into the action's private folder.
import * as runner from '../runner.js';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { ToolsConfig } from '../inputs/config.js';
import { realSeams, type Seams } from '../seams.js';
import type { InstalledTools, ToolName } from './installed.js';
import { helmSpec, installTool, kubectlSpec } from './install.js';
import { toolPlatform } from './platform.js';
import { detectHelmMajor } from './versions.js';

/**
 * Installs the tools named in `which` (both by default) concurrently into `<workDir>/bin`, the action's private folder,
 * and puts that folder on PATH once all of them are in. The result has exactly those keys, so a caller that asked
 * only for helm (render) cannot reach for kubectl by mistake.
 */
export async function installTools<W extends ToolName = ToolName>(
  tools: ToolsConfig,
  workDir: string,
  which: readonly W[] = ['helm', 'kubectl'] as W[],
  seams: Seams = realSeams,
): Promise<Pick<InstalledTools, W>> {
  const platform = toolPlatform();
  const binDir = path.join(workDir, 'bin');
  await mkdir(binDir, { recursive: true, mode: 0o700 });
  const installHelm = async (): Promise<InstalledTools['helm']> => {
    const helm = await installTool(helmSpec, tools.helm, platform, binDir, seams);
    return { ...helm, major: await detectHelmMajor(helm.path, seams) };
  };
  const installs: { [T in ToolName]: () => Promise<InstalledTools[T]> } = {
    helm: installHelm,
    kubectl: () => installTool(kubectlSpec, tools.kubectl, platform, binDir, seams),
  };
  // allSettled: a failing tool must not leave the other one downloading behind the error.
  const settled = await Promise.allSettled(which.map(async (name) => [name, await installs[name]()] as const));
  const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
  for (const extra of failures.slice(1)) runner.error(extra.message);
  if (failures.length > 0) throw failures[0];
  const installed = settled.map((outcome) => (outcome as PromiseFulfilledResult<readonly [W, unknown]>).value);
  runner.addPath(binDir);
  return Object.fromEntries(installed) as Pick<InstalledTools, W>;
}
