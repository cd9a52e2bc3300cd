// Inputs for tests: a complete, valid `render` of the fixture chart, which each test adjusts, and the checkout of
// the repository (GITHUB_WORKSPACE) the files they name live in.
import { afterAll, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../sandbox/binaries.js';
import { getConfig } from '../../src/inputs/read-inputs.js';
import type { ActionConfig } from '../../src/inputs/config.js';
import { INPUT_NAMES, spec, type InputName } from '../../src/inputs/table.js';
import { SecretSet } from '../../src/secrets/index.js';

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

/**
 * A file of the checkout: its text, a symbolic link to `symlinkTo` (absolute, or relative to the link), or a FIFO
 * nobody writes to (reading it would wait forever).
 */
export type CheckoutFile = string | { symlinkTo: string } | { fifo: true };
export type Files = Record<string, CheckoutFile>;

const checkouts: string[] = [];
afterAll(() => {
  for (const dir of checkouts.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A checkout of its own, removed after the test file: the fixture chart copied (never linked: some cases write their
 * own Chart.yaml) plus `files`, all named relative to it as a workflow names them.
 */
export function checkout(files: Files): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'checkout-'));
  checkouts.push(dir);
  cpSync(path.join(repoRoot, 'sandbox', 'charts'), path.join(dir, 'sandbox', 'charts'), { recursive: true });
  for (const [name, file] of Object.entries(files)) {
    const at = path.join(dir, name);
    mkdirSync(path.dirname(at), { recursive: true });
    if (typeof file === 'string') writeFileSync(at, file);
    else if ('fifo' in file) execFileSync('mkfifo', [at]);
    else symlinkSync(file.symlinkTo, at);
  }
  return dir;
}

/**
 * The inputs read as a run reads them, with GITHUB_WORKSPACE a checkout holding `files` (when given; else the
 * working directory, this repository, stands for it), their secrets added to `secrets` (the run's, for the values).
 */
export function configFrom(
  inputs: Record<string, string>,
  files?: Files,
  secrets: SecretSet = new SecretSet(),
): ActionConfig {
  return getConfig((name) => inputs[name] ?? '', files ? { GITHUB_WORKSPACE: checkout(files) } : {}, secrets);
}

/** Everything written to stdout while `action` runs (where src/runner.ts logs), minus the mask commands. */
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

/** Each renamed input's old name, to the input it now is, in the table's order. */
export const RENAMED: ReadonlyMap<string, InputName> = new Map(
  INPUT_NAMES.flatMap((name) => {
    const old = spec(name).renamedFrom;
    return old ? [[old, name] as const] : [];
  }),
);
