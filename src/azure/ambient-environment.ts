// What the Azure SDK would read from the job's environment on its own, wherever the variables came from (the runner,
// the workflow's `env:`, an earlier step writing GITHUB_ENV): AZURE_AUTHORITY_HOST sends the GitHub OIDC token to
// another host, AZURE_REGIONAL_AUTHORITY_NAME and MSAL_FORCE_REGION to a regional one, AZURE_LOG_LEVEL,
// TYPESPEC_RUNTIME_LOG_LEVEL and DEBUG make it log, and the managed identity variables point it at other token
// endpoints. The action signs in with its inputs alone (workload identity reads its four variables itself, in
// credential.ts, when `sign-in` asks for it), so all of these leave this process's environment before
// @azure/identity is loaded.

/** Read by @azure/identity 4, MSAL for Node and their loggers besides the `AZURE_*` family. */
const SDK_VARIABLES = new Set([
  'MSAL_FORCE_REGION',
  'REGION_NAME',
  'DEFAULT_IDENTITY_CLIENT_ID',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'IDENTITY_SERVER_THUMBPRINT',
  'IMDS_ENDPOINT',
  'MSI_ENDPOINT',
  'MSI_SECRET',
  'SYSTEM_OIDCREQUESTURI',
  'TYPESPEC_RUNTIME_LOG_LEVEL',
  'DEBUG',
]);

export function isAmbientAzureSetting(name: string): boolean {
  return name.toUpperCase().startsWith('AZURE_') || SDK_VARIABLES.has(name.toUpperCase());
}

/** Removes every such variable from `env` (this process's own by default). */
export function removeAmbientAzureSettings(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of Object.keys(env)) if (isAmbientAzureSetting(name)) delete env[name];
}
