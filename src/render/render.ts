// `command: render`: what would be deployed, without a cluster. Runs `helm template` with the planned values file
// and prints the values and the manifest with every secret hidden, so it can run on pull requests.
import * as core from '@actions/core';
import { parseAllDocuments, isMap as isYamlMap, isScalar, visit } from 'yaml';
import { ActionError } from '../errors.js';
import { HelmClient, type HelmSession } from '../helm/client.js';
import type { ChartConfig } from '../inputs/config.js';
import { checkManifest, logSchemaReport, type SchemaReport } from '../kubernetes-schema/index.js';
import type { Seams } from '../seams.js';
import { printForeign, REDACTED, type SecretSet } from '../secrets/index.js';

export interface RenderInput {
  chart: ChartConfig;
  /** helm and its private environment; no cluster. */
  session: HelmSession;
  valuesPath: string;
  secrets: SecretSet;
}

const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

/** A scalar of any object: *** when it is base64 of a text holding a secret, else its secrets cut out. */
function redactScalar(value: string, secrets: SecretSet): string {
  const compact = value.replace(/\s+/g, '');
  if (BASE64.test(compact)) {
    const decoded = Buffer.from(compact, 'base64').toString('utf8');
    if (secrets.redact(decoded) !== decoded) return REDACTED;
  }
  return secrets.redact(value);
}

/**
 * Every value under `data`/`stringData` of every Secret replaced by ***; in every other object (a ConfigMap with
 * `environment.secret: false`, an annotation, an env list) every value that holds a secret in any form, decoded
 * from YAML's quoting, escaping and line folding first; then every known secret cut out of the text.
 */
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
    visit(document, {
      Scalar(_key, node) {
        if (typeof node.value === 'string') node.value = redactScalar(node.value, secrets);
      },
    });
    return document.toString({ lineWidth: 0 });
  });
  return secrets.redact(parts.join('---\n'));
}

/**
 * Prints the manifest (the values are already in the log, from the values stage) and checks its objects against the
 * Kubernetes schemas.
 */
export async function renderChart(
  input: RenderInput,
  seams: Seams,
): Promise<{ manifest: string; schemaCheck: SchemaReport }> {
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
  core.info('Rendered manifest (Secret data and every secret masked):');
  printForeign(manifest);
  const schemaCheck = await checkManifest(manifest, { render: true });
  logSchemaReport(schemaCheck);
  return { manifest, schemaCheck };
}
