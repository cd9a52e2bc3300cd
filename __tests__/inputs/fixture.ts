// Inputs for tests: a complete, valid `render` of the fixture chart, which each test adjusts.
import { jest } from '@jest/globals';
import { getConfig } from '../../src/inputs/read-inputs.js';
import type { ActionConfig } from '../../src/inputs/config.js';

export const SECRETS = {
  clientAuth: 'pk-client-auth-5f1e9c',
  registryPassword: 'registry-pw-8c2d71',
  storageKey: 'storage-key-a9b3e0',
  secretEnv: 'secret-env-value-4d7f',
};

export const validInputs = (): Record<string, string> => ({
  command: 'render',
  chart: './sandbox/charts/gateway',
  'portkey-client-auth': SECRETS.clientAuth,
  'organisations-to-sync': 'org-123',
  'registry-username': 'portkey-user',
  'registry-password': SECRETS.registryPassword,
  'allowed-ip-ranges': '203.0.113.0/24',
});

export const azureInputs = {
  'client-id': '11111111-2222-3333-4444-555555555555',
  'tenant-id': '66666666-7777-8888-9999-000000000000',
  'subscription-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  'resource-group': 'rg-portkey',
  'cluster-name': 'aks-portkey',
};

export function configFrom(inputs: Record<string, string>): ActionConfig {
  return getConfig((name) => inputs[name] ?? '');
}

/** Everything written to stdout while `action` runs (where @actions/core logs), minus the mask commands. */
export async function captureStdout<T>(action: () => Promise<T> | T): Promise<{ result: T; lines: string[] }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const result = await action();
    return { result, lines: chunks.join('').split('\n') };
  } finally {
    spy.mockRestore();
  }
}

export const logLines = (lines: string[]) => lines.filter((line) => !line.startsWith('::add-mask::'));
export const maskedValues = (lines: string[]) =>
  lines.filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length));
