// The Azure SDK's own reading of the environment, checked against the SDK as installed: every variable its code
// names is one the action clears before loading it, or one of the few it may keep (the runner's proxies, Windows'
// system folders). An SDK upgrade that starts reading a new variable fails here until it is judged.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAmbientAzureSetting, removeAmbientAzureSettings } from '../../src/azure/ambient-environment.js';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules');
const SDK_CODE = [
  '@azure/identity/dist/esm',
  '@azure/msal-node/dist',
  '@azure/msal-common/dist',
  '@azure/logger/dist/esm',
  '@azure/core-rest-pipeline/dist/esm',
  '@azure/core-util/dist/esm',
  '@typespec/ts-http-runtime/dist/esm',
];
/** Kept on purpose: the runner's proxy settings, and Windows' folders (read only by managed identity on Azure Arc). */
const KEPT = new Set([
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SystemRoot',
  'SYSTEMROOT',
  'ProgramData',
  'ProgramFiles',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(m?js)$/.test(entry) ? [file] : [];
  });
}

/**
 * Variable names the code reads: literally (`process.env.X`, `process.env["X"]`, `getEnvironmentVariable("X")`), or
 * through the constants MSAL and the logger keep them in (`MSAL_FORCE_REGION = "…"`, the managed identity sources'
 * table, `logLevelEnvVarName: "…"`).
 */
function namesRead(): Set<string> {
  const names = new Set<string>();
  const literal =
    /process\.env\.([A-Za-z_]\w*)|process\.env\[["']([A-Za-z_]\w*)["']\]|getEnvironment(?:Variable|Value)\(["']([A-Za-z_]\w*)["']\)/g;
  const constant =
    /(?:logLevelEnvVarName:\s*|(?:MSAL_FORCE_REGION|REGION_ENVIRONMENT_VARIABLE)\s*=\s*)"([A-Za-z_]\w*)"/g;
  const table = /ManagedIdentityEnvironmentVariableNames = \{([^}]*)\}/g;
  for (const file of SDK_CODE.flatMap((dir) => sources(path.join(modules, dir)))) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(literal)) names.add(match[1] ?? match[2] ?? match[3]);
    for (const match of code.matchAll(constant)) names.add(match[1]);
    for (const match of code.matchAll(table)) for (const value of match[1].matchAll(/"(\w+)"/g)) names.add(value[1]);
  }
  return names;
}

describe('the Azure SDK variables the action clears', () => {
  it('cover every variable the installed SDK reads', () => {
    const read = namesRead();
    // The scan finds each way of reading: literal, MSAL's constants and table, the logger's option.
    expect([...read]).toEqual(
      expect.arrayContaining([
        'AZURE_AUTHORITY_HOST',
        'MSAL_FORCE_REGION',
        'REGION_NAME',
        'MSI_ENDPOINT',
        'AZURE_LOG_LEVEL',
        'DEBUG',
      ]),
    );
    expect([...read].filter((name) => !isAmbientAzureSetting(name) && !KEPT.has(name))).toEqual([]);
  });

  it('are removed from the environment, and nothing else is', () => {
    const env: NodeJS.ProcessEnv = {
      AZURE_AUTHORITY_HOST: 'https://evil.example',
      azure_client_id: 'lower-case counts on Windows',
      MSAL_FORCE_REGION: 'westus',
      DEBUG: 'azure*',
      PATH: '/usr/bin',
      HTTPS_PROXY: 'http://proxy:3128',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token',
    };
    removeAmbientAzureSettings(env);
    expect(env).toEqual({
      PATH: '/usr/bin',
      HTTPS_PROXY: 'http://proxy:3128',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token',
    });
  });
});
