// `command: render`: what would be deployed, without a cluster. Runs `helm template` with the planned values file
// and prints the values and the manifest with every secret hidden, so it can run on pull requests.
import * as core from '@actions/core';
import { parseAllDocuments, isMap as isYamlMap, isScalar } from 'yaml';
import { ActionError } from '../errors.js';
import { HelmClient, type HelmSession } from '../helm/client.js';
import type { ChartConfig } from '../inputs/config.js';
import type { Seams } from '../seams.js';
import { REDACTED, type SecretSet } from '../secrets.js';

export interface RenderInput {
  chart: ChartConfig;
  /** helm and its private environment; no cluster. */
  session: HelmSession;
  valuesPath: string;
  secrets: SecretSet;
}

/** Every value under `data`/`stringData` of every Secret replaced by ***, then every known secret cut out. */
export function redactManifest(manifest: string, secrets: SecretSet): string {
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
  return secrets.redact(parts.join('---\n'));
}

/** Prints the manifest (the values are already in the log, from the values stage). */
export async function renderChart(input: RenderInput, seams: Seams): Promise<{ manifest: string }> {
  const { chart, valuesPath, secrets } = input;
  const result = await new HelmClient(input.session, seams).template(chart, valuesPath);
  if (result.exitCode !== 0) {
    const output = secrets.redact(result.stderr.trim() || result.stdout.trim());
    throw new ActionError(`helm template failed (exit ${result.exitCode}): ${output}`, {
      input: 'chart',
      hint: 'Check `chart`, `chart-version` and the values named in the error; the merged values above are what helm received.',
    });
  }
  const manifest = redactManifest(result.stdout, secrets);
  core.info(`Rendered manifest (Secret data masked):\n${manifest}`);
  return { manifest };
}
