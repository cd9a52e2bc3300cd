// `command: render`: what would be deployed, without a cluster. Runs `helm template` with the planned values file
// and prints the values and the manifest with every secret hidden, so it can run on pull requests. What is secret is
// the run's SecretSet's and the secrets vocabulary's call: the env Secret's other values (SERVICE_NAME, PORT,
// LOG_STORE) are shown decoded, so a reviewer can read them.
import * as runner from '../runner.js';
import { parseAllDocuments, isMap as isYamlMap, isScalar, visit, type Document, type Scalar } from 'yaml';
import { ActionError } from '../errors.js';
import { HelmClient, type HelmSession } from '../helm/client.js';
import type { ChartConfig } from '../inputs/config.js';
import { checkManifest, logSchemaReport, type SchemaReport } from '../kubernetes-schema/index.js';
import type { Seams } from '../seams.js';
import { carriesSecret, isSecretName, printForeign, REDACTED, type SecretSet } from '../secrets/index.js';

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

const keyOf = (pair: { key: unknown }) => String((pair.key as Scalar | null)?.value ?? pair.key);

/** A Secret's `data` value decoded, when it is text that is no secret: its key does not name one, it carries none. */
function readableData(key: string, value: string, secrets: SecretSet): string | undefined {
  const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
  const text = /^[\P{Cc}\t]*$/u.test(decoded) && Buffer.from(decoded, 'utf8').toString('base64') === value.trim();
  // `has` as well: redact leaves alone a secret too short to cut out of text, but it is one all the same.
  const known = secrets.has(decoded) || secrets.redact(decoded) !== decoded;
  if (!text || isSecretName(key) || carriesSecret(decoded) || known) return undefined;
  return decoded;
}

/** A Secret's data and stringData: *** unless readableData shows the value is no secret. */
function redactSecretData(document: Document, secrets: SecretSet): void {
  for (const field of ['data', 'stringData']) {
    const map = document.get(field, true);
    if (!isYamlMap(map)) continue;
    for (const pair of map.items) {
      if (!isScalar(pair.value)) continue;
      const node = pair.value as Scalar;
      const value = String(node.value ?? '');
      const readable = field === 'data' ? readableData(keyOf(pair), value, secrets) : undefined;
      node.value = readable ?? (value === '' ? '' : REDACTED);
      if (readable !== undefined) node.comment = ' decoded from base64 to read; helm applies it encoded';
    }
  }
}

/**
 * A key the chart wrote twice in one map: helm and the API server keep the last, so the manifest shown does too, and
 * says so. (The chart's Ingress copies the Service's annotations and adds its own: the same key, twice.)
 */
function dropDuplicateKeys(document: Document, source: string, warnings: string[]): void {
  visit(document, {
    Map(_key, map) {
      const last = new Map<string, number>();
      map.items.forEach((pair, index) => last.set(keyOf(pair), index));
      if (last.size === map.items.length) return;
      const dropped = map.items.filter((pair, index) => last.get(keyOf(pair)) !== index);
      map.items = map.items.filter((_pair, index) => [...last.values()].includes(index));
      for (const pair of dropped) {
        warnings.push(
          `${source}: the chart renders key ${keyOf(pair)} twice in one map; ` +
            'helm and the API server keep the last, as the manifest shown does.',
        );
      }
    },
  });
}

export interface RenderedManifest {
  /** The manifest with every secret hidden. */
  manifest: string;
  /** `Deployment/portkey-ai-gateway`, in the chart's order. */
  objects: string[];
  warnings: string[];
}

/**
 * Every value under `data`/`stringData` of every Secret replaced by *** (those no secret shown decoded); in every
 * other object (a ConfigMap with `environment.secret: false`, an annotation, an env list) every value that holds a
 * secret in any form, decoded from YAML's quoting, escaping and line folding first; then every known secret cut out
 * of the text.
 */
export function redactManifest(manifest: string, secrets: SecretSet): RenderedManifest {
  const warnings: string[] = [];
  const objects: string[] = [];
  const documents = parseAllDocuments(manifest, { uniqueKeys: false });
  const parts = (Array.isArray(documents) ? documents : [documents]).map((document) => {
    if (document.errors.length > 0) return '---\n# (a document that could not be parsed is hidden)\n';
    const kind = document.get('kind');
    const name = document.getIn(['metadata', 'name']);
    if (kind !== undefined) objects.push(`${String(kind)}/${String(name)}`);
    dropDuplicateKeys(document, `${String(kind)}/${String(name)}`, warnings);
    if (kind === 'Secret') redactSecretData(document, secrets);
    visit(document, {
      Scalar(_key, node) {
        if (typeof node.value === 'string') node.value = redactScalar(node.value, secrets);
      },
    });
    return document.toString({ lineWidth: 0 });
  });
  // Each document prints its own `---`.
  return { manifest: secrets.redact(parts.join('')), objects, warnings };
}

/**
 * Prints the manifest (the values are already in the log, from the values stage) and checks its objects against the
 * Kubernetes schemas.
 */
export async function renderChart(
  input: RenderInput,
  seams: Seams,
): Promise<RenderedManifest & { schemaCheck: SchemaReport }> {
  const { chart, valuesPath, secrets } = input;
  const result = await new HelmClient(input.session, seams).template(chart, valuesPath);
  if (result.exitCode !== 0) {
    const output = secrets.redact(result.stderr.trim() || result.stdout.trim());
    throw new ActionError(`helm template failed (exit ${result.exitCode}): ${output}`, {
      input: 'chart',
      hint: 'Check `chart`, `chart-version` and the values named in the error; the merged values above are what helm received.',
    });
  }
  const rendered = redactManifest(result.stdout, secrets);
  runner.info('Rendered manifest (every secret masked; Secret values that are no secret decoded):');
  printForeign(rendered.manifest);
  for (const warning of rendered.warnings) runner.warning(warning);
  const schemaCheck = await checkManifest(rendered.manifest, { render: true });
  logSchemaReport(schemaCheck);
  return { ...rendered, schemaCheck };
}
