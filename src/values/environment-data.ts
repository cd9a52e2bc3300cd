// `environment.data` becomes the gateway's environment: the chart stringifies every value, so we do too (then
// `PORT: 8787` in a values file and `container-port: 8787` agree), and names from Portkey's older enterprise guide
// are renamed to the ones today's gateway reads.
import { isMap, type Values } from './merge.js';

export const OLD_NAMES: Readonly<Record<string, string>> = {
  AZURE_STORAGE_ACCOUNT_NAME: 'AZURE_STORAGE_ACCOUNT',
  AZURE_STORAGE_ACCOUNT_KEY: 'AZURE_STORAGE_KEY',
  AZURE_CONTAINER_NAME: 'AZURE_STORAGE_CONTAINER',
  PORTKEY_ORGANISATION_ID: 'ORGANISATIONS_TO_SYNC',
};

/** The chart's toString: numbers and booleans become strings; null (delete the key) and maps/lists stay. */
export function stringifyEnvValue(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** The name today's gateway reads, with a warning when an old name was used. */
export function currentEnvName(name: string, source: string, warnings: string[]): string {
  const current = OLD_NAMES[name];
  if (!current) return name;
  warnings.push(`${source} uses the old name ${name}: renamed to ${current}; use ${current} to silence this warning.`);
  return current;
}

/** A copy of `data` with old names renamed (a current name given alongside wins) and values stringified. */
export function normalizeEnvironmentData(data: Values, source: string, warnings: string[]): Values {
  const result: Values = {};
  for (const [name, value] of Object.entries(data)) {
    const current = currentEnvName(name, source, warnings);
    if (current !== name && Object.hasOwn(data, current)) continue;
    result[current] = stringifyEnvValue(value);
  }
  return result;
}

/** A layer with its `environment.data` normalized; the rest untouched. */
export function normalizeLayer(layer: Values, source: string, warnings: string[]): Values {
  const environment = layer.environment;
  if (!isMap(environment) || !isMap(environment.data)) return layer;
  return {
    ...layer,
    environment: { ...environment, data: normalizeEnvironmentData(environment.data, source, warnings) },
  };
}
