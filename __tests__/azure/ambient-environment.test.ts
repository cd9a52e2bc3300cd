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

/** Variable names the code reads literally: `process.env.X`, `process.env["X"]`, `getEnvironmentVariable("X")`. */
function namesRead(): Set<string> {
  const names = new Set<string>();
  const pattern =
    /process\.env\.([A-Za-z_]\w*)|process\.env\[["']([A-Za-z_]\w*)["']\]|getEnvironment(?:Variable|Value)\(["']([A-Za-z_]\w*)["']\)/g;
  for (const file of SDK_CODE.flatMap((dir) => sources(path.join(modules, dir)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) names.add(match[1] ?? match[2] ?? match[3]);
  }
  return names;
}

describe('the Azure SDK variables the action clears', () => {
  it('cover every variable the installed SDK names in its code', () => {
    const read = namesRead();
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !isAmbientAzureSetting(name) && !KEPT.has(name))).toEqual([]);
  });

  it('cover those MSAL and the logger read through constants', () => {
    const throughConstants = [
      'AZURE_LOG_LEVEL',
      'MSAL_FORCE_REGION',
      'REGION_NAME',
      'IDENTITY_ENDPOINT',
      'IDENTITY_HEADER',
      'IDENTITY_SERVER_THUMBPRINT',
      'IMDS_ENDPOINT',
      'MSI_ENDPOINT',
      'MSI_SECRET',
      'DEFAULT_IDENTITY_CLIENT_ID',
      'DEBUG',
    ];
    expect(throughConstants.filter((name) => !isAmbientAzureSetting(name))).toEqual([]);
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
