// The values stage: every source of values merged in a fixed order of precedence, checked, with its secrets found
// and masked, before any network call. Lowest first (the chart's own defaults are applied by helm underneath):
//   action defaults (named inputs left at their action.yml default, ALWAYS_SET and the zero-downtime settings)
//   < values-files, in order < inline `values` < named inputs the user changed < `env`, `secret-env` < `set`.
// The files were read by the input stage (InputFiles); nothing here touches the disk but writeValues.
import { stringify } from 'yaml';
import type { ActionConfig } from '../inputs/config.js';
import { mebibytes } from '../inputs/input-files.js';
import type { KeyPath } from '../inputs/key-path.js';
import type { InputName } from '../inputs/table.js';
import { ValidationError } from '../errors.js';
import type { Workspace } from '../workspace.js';
import { fitToChart } from './chart-fit.js';
import { currentEnvName, normalizeLayer, stringifyEnvValue } from './environment-data.js';
import { ACTION_DEFAULTS, isMap, ValuesMerger, type Values, type ValuesSource } from './merge.js';
import { ALWAYS_SET, differencesFromPortkey, namedInputSettings } from './named-inputs.js';
import { withSecretPaths, type SecretSet } from '../secrets/index.js';
import { parseValuesYaml } from './parse-yaml.js';
import { findSecrets, redactValues, type SecretHints } from './secrets.js';
import { validateValues } from './validate.js';
import { gatewaySelector, singleReplicaWarning, zeroDowntimeValues } from './zero-downtime.js';

export interface MergedValues {
  /** Merged user layers and named inputs; helm merges it over the chart's defaults. */
  values: Record<string, unknown>;
  /** What is written to the 0600 values file (JSON, which helm reads as YAML). */
  yaml: string;
  /** Every secret leaf replaced by "***"; safe for logs and the summary. */
  redactedYaml: string;
  /** `values` with every secret leaf replaced by "***". */
  redacted: Values;
  /** Which source set the value at a key path ('action defaults', 'values-files (v.yaml)', 'input `set` line 2'…). */
  sourceOf: (path: KeyPath) => string | undefined;
  /** Every secret the values hold (and the pull secret's derived forms), already added to the run's SecretSet. */
  secrets: string[];
  /** Where secrets are whatever they look like (`secret-env` names, `secret-values` paths): the deployed values too. */
  secretHints: Pick<SecretHints, 'secretEnvNames' | 'secretPaths'>;
  warnings: string[];
  /** Where the release differs from Portkey's chart defaults on purpose (not a problem: said so nobody is surprised). */
  notes: string[];
}

interface Layer {
  source: ValuesSource;
  values: Values;
}

// Helm reads values as YAML 1.1, where an unquoted `yes` or `on` is a boolean: writing 1.1 quotes such strings.
const YAML_OUT = { version: '1.1', lineWidth: 0 } as const;

/** Values printed in the log: past this, a line saying how large they are, since nobody reads megabytes of YAML. */
const MAX_PRINTED_BYTES = 2 ** 20;

/** The first line of a YAML error only: the rest quotes the source, which may hold a secret. */
function parseError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
}

function parseLayer(text: string, source: Required<ValuesSource>, problems: string[]): Values | undefined {
  const problem = (message: string) => problems.push(`\`${source.input}\`: ${source.part} ${message}.`);
  let parsed: unknown;
  try {
    parsed = parseValuesYaml(text);
  } catch (error) {
    problem(`is not valid YAML: ${parseError(error)}`);
    return undefined;
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isMap(parsed)) {
    problem(`must be a YAML map of values (key: value), not a ${typeof parsed}`);
    return undefined;
  }
  return parsed;
}

function parseUserLayers(config: ActionConfig, problems: string[]): Layer[] {
  const sources: [Required<ValuesSource>, string][] = config.values.files.map(({ name, text }) => [
    { label: `values-files (${name})`, input: 'values-files', part: name },
    text,
  ]);
  if (config.values.inline) {
    sources.push([{ label: 'input `values`', input: 'values', part: 'the inline YAML' }, config.values.inline]);
  }
  return sources.flatMap(([source, text]) => {
    const values = parseLayer(text, source, problems);
    return values ? [{ source, values }] : [];
  });
}

const inputSource = (input: InputName, part?: string): ValuesSource => ({
  label: `input \`${input}\`${part ? ` ${part}` : ''}`,
  input,
  part,
});

function mergeAll(config: ActionConfig, userLayers: Layer[], warnings: string[]): ValuesMerger {
  const merger = new ValuesMerger();
  const given = config.values.given;
  const settings = namedInputSettings(config.portkey);
  const userChanged = settings.filter((setting) => setting.inputs.some((input) => given.has(input)));
  merger.merge(ALWAYS_SET, ACTION_DEFAULTS);
  const nameOverride = userLayers.map((layer) => layer.values.nameOverride).findLast((name) => name !== undefined);
  const selector = gatewaySelector(config.chart.releaseName, nameOverride);
  merger.merge(zeroDowntimeValues(config.zeroDowntime, selector, given.has('replicas')), ACTION_DEFAULTS);
  for (const setting of settings) if (!userChanged.includes(setting)) merger.merge(setting.values, ACTION_DEFAULTS);
  const envLayers: Layer[] = [
    { source: inputSource('env'), values: { environment: { data: config.portkey.env } } },
    { source: inputSource('secret-env'), values: { environment: { data: config.portkey.secretEnv } } },
  ];
  const layers = [
    ...userLayers,
    ...userChanged.map((setting) => ({ source: inputSource(setting.inputs[0]), values: setting.values })),
    ...envLayers,
  ];
  for (const layer of layers) {
    merger.merge(normalizeLayer(layer.values, layer.source.label, warnings), layer.source);
  }
  for (const line of config.values.set) {
    const source = inputSource('set', `line ${line.line}`);
    const [first, second, name] = line.path;
    const envVariable =
      first === 'environment' && second === 'data' && typeof name === 'string' && line.path.length === 3;
    const linePath = envVariable ? [first, second, currentEnvName(name, source.label, warnings)] : line.path;
    merger.assign(linePath, envVariable ? stringifyEnvValue(line.value) : line.value, source);
  }
  warnings.push(...merger.warnings, ...fitToChart(merger.values));
  const single = singleReplicaWarning(config.zeroDowntime, merger.values);
  if (single) warnings.push(single);
  return merger;
}

/** Merges, checks and masks the values of `config`; throws ValidationError naming the input behind each problem. */
export function prepareValues(config: ActionConfig, secretSet: SecretSet): MergedValues {
  const problems: string[] = [];
  const userLayers = parseUserLayers(config, problems);
  if (problems.length > 0) throw new ValidationError(problems);

  const warnings: string[] = [];
  const merger = mergeAll(config, userLayers, warnings);
  const values = merger.values;
  // Masked before validation, so that nothing printed from here on can show a secret from a values file.
  const secretHints = {
    secretEnvNames: Object.keys(config.portkey.secretEnv),
    secretPaths: config.values.secretPaths,
  };
  const found = findSecrets(values, { known: secretSet.added, ...secretHints });
  const secrets = found.secrets;
  secretSet.add(...secrets);

  const check = validateValues(values, config, (path) => merger.originAtOrUnder(path));
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
    notes: differencesFromPortkey(values),
  };
}

/** Writes the values file helm reads: 0600, inside the action's private folder. */
export function writeValues(merged: MergedValues, workspace: Workspace): Promise<string> {
  return workspace.writePrivateFile('values.yaml', merged.yaml);
}
