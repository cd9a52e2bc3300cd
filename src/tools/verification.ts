// What the action knows about a binary it installed, and the check that runs before every use of it. The record is
// written beside the binary in the tool cache once the download was verified; on every later run the binary must
// still hash to what the record says (and, with helm-sha256/kubectl-sha256, come from the pinned download), else it
// is not run: on a self-hosted runner the tool cache is shared by every job, and anything there may have been changed.
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ActionError } from '../errors.js';
import { sha256OfFile } from './checksum.js';

/** What vouched for a download: the workflow's pin, the publisher's signature, or its published checksum file. */
export type ToolTrust = 'pin' | 'signature' | 'published checksum';

export interface VerifiedRecord {
  tool: string;
  version: string;
  /** SHA-256 of the installed binary. */
  sha256: string;
  /** SHA-256 of what was downloaded and verified: the helm archive, the kubectl binary itself. */
  downloadSha256: string;
  trust: ToolTrust;
  /** The input, checksum URL or signing key behind `trust`. */
  source: string;
}

export const RECORD_FILE = '.portkey-azure-deploy-verified.json';

export async function writeRecord(folder: string, record: VerifiedRecord): Promise<void> {
  await writeFile(path.join(folder, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The record of `tool` `version` in `folder`, or undefined when there is none this action wrote for it. */
export async function readRecord(folder: string, tool: string, version: string): Promise<VerifiedRecord | undefined> {
  let record: Partial<VerifiedRecord>;
  try {
    record = JSON.parse(await readFile(path.join(folder, RECORD_FILE), 'utf8')) as Partial<VerifiedRecord>;
  } catch {
    return undefined;
  }
  const hex = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
  const trusted = ['pin', 'signature', 'published checksum'].includes(record.trust ?? '');
  if (record.tool !== tool || record.version !== version || !hex(record.sha256) || !hex(record.downloadSha256)) {
    return undefined;
  }
  return trusted ? (record as VerifiedRecord) : undefined;
}

export interface UseCheck {
  binary: string;
  record: VerifiedRecord;
  /** The input naming what the user pinned or asked for, for the refusal. */
  input: string;
}

/** Hashes the binary about to be used; one that differs from its record is refused and never run. */
export async function assertUnchanged({ binary, record, input }: UseCheck): Promise<void> {
  const actual = await sha256OfFile(binary);
  if (actual === record.sha256) return;
  const folder = path.dirname(binary);
  throw new ActionError(
    `The cached ${record.tool} ${record.version} at ${binary} has SHA-256 ${actual}, but it had ${record.sha256} when this action verified it (${record.trust}: ${record.source}). It was changed after it was cached, and was not run.`,
    {
      input,
      hint: `Find out who changed it: on a self-hosted runner every job shares the tool cache. Then delete ${folder} and ${folder}.complete, so that the action downloads and verifies ${record.tool} again.`,
    },
  );
}
