// Objects the action adds to the release that Portkey's chart has no template for (the PodDisruptionBudget), added so
// that helm owns them: a post-renderer appends them to what the chart rendered, so the plan's dry run shows them, the
// release's manifest records them and `helm uninstall` removes them. Helm 3 runs a post-renderer given as a path;
// helm 4 only as a `postrenderer/v1` plugin, found in HELM_PLUGINS (by default $HELM_DATA_HOME/plugins, which the
// session puts in the run's private folder). The program is a shell script that copies its input and then prints
// the objects written into it: no secret is in them, it reads nothing else and runs nothing from PATH.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseApiVersions } from '../cluster/discovery.js';
import { clusterPort } from '../cluster/local.js';
import type { ClusterSession } from '../cluster/port.js';
import type { Seams } from '../seams.js';
import type { DisruptionBudgetApi } from '../values/zero-downtime.js';

export const PLUGIN_NAME = 'portkey-added-objects';

/**
 * `policy/v1` where the API server serves it (Kubernetes 1.21+, every supported AKS version), else `policy/v1beta1`;
 * an API server that cannot say gets v1, which helm's dry run then checks.
 */
export async function disruptionBudgetApi(session: ClusterSession, seams: Seams): Promise<DisruptionBudgetApi> {
  const served = parseApiVersions(await clusterPort(session, seams).read({ kind: 'api-versions' })) ?? [];
  return served.includes('policy/v1beta1') && !served.includes('policy/v1') ? 'policy/v1beta1' : 'policy/v1';
}

/** The shell program: helm's rendered manifests from stdin, then the objects, each a JSON document. */
export function postRendererScript(objects: object[]): string {
  const documents = objects.map((object) => `---\n${JSON.stringify(object)}`).join('\n');
  // A quoted here-document: the shell expands nothing in it. JSON has no line of its own equal to the delimiter.
  // /bin/cat by its path, as every tool the action runs: a `cat` planted on PATH would rewrite what helm applies.
  return `#!/bin/sh\nset -e\n/bin/cat\nprintf '\\n'\n/bin/cat <<'PORTKEY_ADDED_OBJECTS'\n${documents}\nPORTKEY_ADDED_OBJECTS\n`;
}

export function pluginManifest(): string {
  return [
    'apiVersion: v1',
    'type: postrenderer/v1',
    `name: ${PLUGIN_NAME}`,
    'version: 1.0.0',
    'runtime: subprocess',
    'runtimeConfig:',
    '  platformCommand:',
    '    - command: ${HELM_PLUGIN_DIR}/render.sh',
    '',
  ].join('\n');
}

/**
 * Writes the post-renderer into the session's helm data folder and returns what `--post-renderer` takes: the
 * plugin's name for helm 4, the script's path for helm 3. Written fresh each run, never over a file already there.
 */
export async function writePostRenderer(
  objects: object[],
  session: Pick<ClusterSession, 'env' | 'helm'>,
): Promise<string> {
  const dataHome = session.env.HELM_DATA_HOME;
  if (!dataHome) throw new Error('the session has no private helm data folder for the post-renderer');
  // Helm 3 would refuse the versioned plugin.yaml it finds in HELM_PLUGINS (with a warning on every command).
  const helm4 = session.helm.major === 4;
  const dir = helm4 ? path.join(dataHome, 'plugins', PLUGIN_NAME) : path.join(dataHome, PLUGIN_NAME);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const script = path.join(dir, 'render.sh');
  await writeFile(script, postRendererScript(objects), { mode: 0o700, flag: 'wx' });
  if (!helm4) return script;
  await writeFile(path.join(dir, 'plugin.yaml'), pluginManifest(), { mode: 0o600, flag: 'wx' });
  return PLUGIN_NAME;
}
