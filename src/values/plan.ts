// The values plan: every source of values merged in a fixed order of precedence, checked, with its secrets found
// and masked, before any network call. Lowest first (the chart's own defaults are applied by helm underneath):
//   action defaults (named inputs left at their action.yml default, plus ALWAYS_SET)
//   < values-files, in order < inline `values` < named inputs the user changed < `env`, `secret-env` < `set`.
import { readFile as readFileFromDisk } from 'node:fs/promises';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { ActionConfig } from '../inputs/config.js';
import type { KeyPath } from '../inputs/key-path.js';
import { ValidationError } from '../errors.js';
import type { Workspace } from '../workspace.js';
import { fitToChart } from './chart-fit.js';
import { currentEnvName, normalizeLayer, stringifyEnvValue } from './environment-data.js';
import { ACTION_DEFAULTS, isMap, ValuesMerger, type Values } from './merge.js';
import { ALWAYS_SET, namedInputSettings } from './named-inputs.js';
import { withSecretPaths, type SecretSet } from '../secrets/index.js';
import { parseValuesYaml } from './parse-yaml.js';
import { findSecrets, redactValues, type SecretHints } from './secrets.js';
import { validateValues } from './validate.js';

export interface ValuesPlan {
  /** Merged user layers and named inputs; helm merges it over the chart's defaults. */
  values: Record<string, unknown>;
  /** What is written to the 0600 values file (JSON, which helm reads as YAML). */
  yaml: string;
  /** Every secret leaf replaced by "***"; safe for logs and the summary. */
  redactedYaml: string;
  /** `values` with every secret leaf replaced by "***". */
  redacted: Values;
  /** Which source set the value at a key path ('action defaults', 'values-files (v.yaml)', 'input `set`'…). */
  sourceOf: (path: KeyPath) => string | undefined;
  /** Every secret the values hold (and the pull secret's derived forms), already added to the run's SecretSet. */
  secrets: string[];
  /** Where secrets are whatever they look like (`secret-env` names, `secret-values` paths): the deployed values too. */
  secretHints: Pick<SecretHints, 'secretEnvNames' | 'secretPaths'>;
  warnings: string[];
}

export type ReadFile = (path: string) => Promise<string>;

interface Layer {
  source: string;
  values: Values;
}

// Helm reads values as YAML 1.1, where an unquoted `yes` or `on` is a boolean: writing 1.1 quotes such strings.
const YAML_OUT = { version: '1.1', lineWidth: 0 } as const;

/**
 * Values, all sources together, the action takes. Helm keeps each revision, values included, in a Secret of at most
 * 1 MiB (compressed): far larger values fail there, and would only make this stage slow to say so.
 */
export const MAX_VALUES_BYTES = 16 * 2 ** 20;
/** Values printed in the log: past this, a line saying how large they are, since nobody reads megabytes of YAML. */
const MAX_PRINTED_BYTES = 2 ** 20;

const mebibytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The first line of a YAML error only: the rest quotes the source, which may hold a secret. */
function parseError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
}

function parseLayer(text: string, input: string, what: string, problems: string[]): Values | undefined {
  let parsed: unknown;
  try {
    parsed = parseValuesYaml(text);
  } catch (error) {
    problems.push(`\`${input}\`: ${what} is not valid YAML: ${parseError(error)}.`);
    return undefined;
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isMap(parsed)) {
    problems.push(`\`${input}\`: ${what} must be a YAML map of values (key: value), not a ${typeof parsed}.`);
    return undefined;
  }
  return parsed;
}

async function readUserLayers(config: ActionConfig, readFile: ReadFile, problems: string[]): Promise<Layer[]> {
  const layers: Layer[] = [];
  let total = 0;
  const tooLarge = (input: string, what: string, bytes: number) => {
    total += bytes;
    if (total <= MAX_VALUES_BYTES) return false;
    problems.push(
      `\`${input}\`: with ${what} (${mebibytes(bytes)}) the values come to ${mebibytes(total)}, more than the ${mebibytes(MAX_VALUES_BYTES)} the action takes: helm keeps every revision's values in a Secret of at most 1 MiB, so values this large would fail there. Move the bulk into a ConfigMap or a file the gateway reads.`,
    );
    return true;
  };
  if (tooLarge('values', 'the inline YAML', Buffer.byteLength(config.values.inline))) return layers;
  for (const file of config.values.files) {
    let text: string;
    try {
      text = await readFile(file);
    } catch (error) {
      problems.push(`\`values-files\`: cannot read ${file}: ${(error as Error).message}.`);
      continue;
    }
    if (tooLarge('values-files', file, Buffer.byteLength(text))) return layers;
    const values = parseLayer(text, 'values-files', file, problems);
    if (values) layers.push({ source: `values-files (${file})`, values });
  }
  if (config.values.inline) {
    const values = parseLayer(config.values.inline, 'values', 'the inline YAML', problems);
    if (values) layers.push({ source: 'input `values`', values });
  }
  return layers;
}

/** The version of the chart about to be used, when known without the network. */
async function knownChartVersion(config: ActionConfig, readFile: ReadFile): Promise<string> {
  const source = config.chart.source;
  if (source.kind !== 'local') return config.chart.version;
  try {
    const chart: unknown = parse(await readFile(path.join(source.path, 'Chart.yaml')));
    return isMap(chart) ? String(chart.version ?? '') : '';
  } catch {
    return '';
  }
}

function mergeAll(config: ActionConfig, userLayers: Layer[], warnings: string[]): ValuesMerger {
  const merger = new ValuesMerger();
  const changed = new Set(config.values.changedInputs);
  const settings = namedInputSettings(config.portkey);
  const userChanged = settings.filter((setting) => setting.inputs.some((input) => changed.has(input)));
  merger.merge(ALWAYS_SET, ACTION_DEFAULTS);
  for (const setting of settings) if (!userChanged.includes(setting)) merger.merge(setting.values, ACTION_DEFAULTS);
  const envLayers: Layer[] = [
    { source: 'input `env`', values: { environment: { data: config.portkey.env } } },
    { source: 'input `secret-env`', values: { environment: { data: config.portkey.secretEnv } } },
  ];
  const layers = [
    ...userLayers,
    ...userChanged.map((setting) => ({ source: `input \`${setting.inputs[0]}\``, values: setting.values })),
    ...envLayers,
  ];
  for (const layer of layers) merger.merge(normalizeLayer(layer.values, layer.source, warnings), layer.source);
  for (const line of config.values.set) {
    const [first, second, name] = line.path;
    const envVariable =
      first === 'environment' && second === 'data' && typeof name === 'string' && line.path.length === 3;
    const linePath = envVariable ? [first, second, currentEnvName(name, 'input `set`', warnings)] : line.path;
    merger.assign(linePath, envVariable ? stringifyEnvValue(line.value) : line.value, 'input `set`');
  }
  warnings.push(...merger.warnings, ...fitToChart(merger.values));
  return merger;
}

export async function planValues(
  config: ActionConfig,
  secretSet: SecretSet,
  readFile: ReadFile = (file) => readFileFromDisk(file, 'utf8'),
): Promise<ValuesPlan> {
  const problems: string[] = [];
  const userLayers = await readUserLayers(config, readFile, problems);
  if (problems.length > 0) throw new ValidationError(problems);

  const warnings: string[] = [];
  const merger = mergeAll(config, userLayers, warnings);
  const values = merger.values;
  const p = config.portkey;
  // Masked before validation, so that nothing printed from here on can show a secret from a values file.
  const secretHints = { secretEnvNames: Object.keys(p.secretEnv), secretPaths: config.values.secretPaths };
  const found = findSecrets(values, { known: secretSet.added, ...secretHints });
  const secrets = found.secrets;
  secretSet.add(...secrets);

  const check = validateValues(values, config, await knownChartVersion(config, readFile));
  if (check.errors.length > 0) throw new ValidationError(check.errors.map((error) => secretSet.redact(error)));
  // JSON is YAML to helm, with every string quoted (so its YAML 1.1 reads `on` as the string it is), and takes a
  // fraction of YAML's time to write for large values.
  // The release records which of its values are secret, for the plans of later runs.
  const yaml = `${JSON.stringify(withSecretPaths(values, found.paths), null, 2)}\n`;
  const size = Buffer.byteLength(yaml);
  const redacted = redactValues(values, secrets);
  return {
    values,
    yaml,
    redactedYaml:
      size <= MAX_PRINTED_BYTES
        ? stringify(redacted, YAML_OUT)
        : `# The merged values (secrets masked) are ${mebibytes(size)}, too large to print; top-level keys: ${Object.keys(values).join(', ')}.\n`,
    redacted,
    sourceOf: (path) => merger.sourceOf(path),
    secrets,
    secretHints,
    warnings: [...warnings, ...check.warnings].map((warning) => secretSet.redact(warning)),
  };
}

/** Writes the values file helm reads: 0600, inside the action's private folder. */
export function writeValues(plan: ValuesPlan, workspace: Workspace): Promise<string> {
  return workspace.writePrivateFile('values.yaml', plan.yaml);
}
