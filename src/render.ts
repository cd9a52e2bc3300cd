// `command: render`: what would be deployed, without a cluster. Runs `helm template` with the planned values file
// and prints the manifest with every secret hidden, so it can run on pull requests.
import * as core from '@actions/core';
import { parseAllDocuments, isMap as isYamlMap, isScalar } from 'yaml';
import type { ChartConfig } from './config.js';
import { ActionError } from './errors.js';
import type { Seams } from './seams.js';
import { REDACTED, redactText } from './values/secrets.js';
import type { ValuesPlan } from './values/index.js';

export interface RenderInput {
  chart: ChartConfig;
  helmPath: string;
  valuesPath: string;
  plan: ValuesPlan;
  /** Env for helm, normally privateHelmEnv(workspace.dir). */
  env: NodeJS.ProcessEnv;
}

/** `helm template` argv: only names, paths and versions, never a value (values travel in the 0600 file). */
export function templateArgs(chart: ChartConfig, valuesPath: string): string[] {
  const source = chart.source;
  const reference = source.kind === 'repository' ? source.name : source.kind === 'oci' ? source.reference : source.path;
  const args = ['template', chart.releaseName, reference, '-n', chart.namespace, '-f', valuesPath];
  if (chart.version && source.kind !== 'local') args.push('--version', chart.version);
  if (source.kind === 'repository') args.push('--repo', source.repositoryUrl);
  return args;
}

/** Every value under `data`/`stringData` of every Secret replaced by ***, then every known secret cut out. */
export function redactManifest(manifest: string, secrets: readonly string[]): string {
  const documents = parseAllDocuments(manifest);
  const parts = (Array.isArray(documents) ? documents : [documents]).map((document) => {
    if (document.errors.length > 0) return '# (a document that could not be parsed is hidden)\n';
    if (document.get('kind') === 'Secret') {
      for (const field of ['data', 'stringData']) {
        const map = document.get(field, true);
        if (!isYamlMap(map)) continue;
        for (const pair of map.items) {
          if (isScalar(pair.value)) pair.value.value = REDACTED;
        }
      }
    }
    return document.toString({ lineWidth: 0 });
  });
  return redactText(parts.join('---\n'), secrets);
}

export async function renderChart(input: RenderInput, seams: Seams): Promise<{ manifest: string }> {
  const { chart, helmPath, valuesPath, plan, env } = input;
  const result = await seams.run(helmPath, templateArgs(chart, valuesPath), { env });
  if (result.exitCode !== 0) {
    const output = redactText(result.stderr.trim() || result.stdout.trim(), plan.secrets);
    throw new ActionError(`helm template failed (exit ${result.exitCode}): ${output}`, {
      input: 'chart',
      hint: 'Check `chart`, `chart-version` and the values named in the error; the "Merge values" log group shows what helm received.',
    });
  }
  const manifest = redactManifest(result.stdout, plan.secrets);
  // Printed into the caller's log group: groups do not nest in the Actions log, and the values are already shown.
  core.info(`Rendered manifest of ${chart.releaseName} (Secret data masked):`);
  core.info(manifest);
  return { manifest };
}
