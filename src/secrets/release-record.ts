// Which values of a release were secret when it was deployed, recorded in the release itself: a later plan compares
// the deployed values with its own and must keep them hidden whatever that later run is told (its `secret-env` and
// `secret-values` may have dropped them). Helm keeps each revision's values, so the record travels with every
// revision, rollbacks included, and `helm get values` reads it back; the chart ignores a top-level key it does not
// know. The record holds key paths only, never a value.

/** The top-level values key of the record; nothing in Portkey's chart reads it. */
export const SECRET_PATHS_RECORD = 'portkeyAzureDeploy';

type Values = Record<string, unknown>;

/** The values as written for helm: `values` and the record of which of their paths are secret. */
export function withSecretPaths(values: Values, paths: readonly string[]): Values {
  return { ...values, [SECRET_PATHS_RECORD]: { secretPaths: [...new Set(paths)].sort() } };
}

/**
 * A deployed revision's values without the record, and the secret paths it recorded: undefined when it has none
 * (deployed by an older version of the action, or by hand), so the caller knows to assume more is secret.
 */
export function readSecretPaths(deployed: Values): { values: Values; secretPaths?: string[] } {
  const { [SECRET_PATHS_RECORD]: record, ...values } = deployed;
  const listed = (record as { secretPaths?: unknown } | undefined)?.secretPaths;
  if (!Array.isArray(listed)) return { values };
  return { values, secretPaths: listed.filter((path): path is string => typeof path === 'string') };
}
