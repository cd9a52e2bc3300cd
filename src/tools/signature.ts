// The publisher's signature on a download, checked with the release keys this action ships: helm signs each archive
// with a detached OpenPGP signature (`.asc`). The check runs gpgv, GnuPG's verify-only tool, which GitHub's Linux
// runners have; where it is missing, or the site publishes no signature, the download is trusted on its checksum
// alone and the log says so. A signature that is published and does not verify is a refusal.
import * as core from '@actions/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActionError } from '../errors.js';
import type { Seams } from '../seams.js';

/** Whether the signature vouched for the download, and by which key or why it could not. */
export type SignatureCheck = { verified: true; fingerprint: string } | { verified: false; why: string };

/** The binary packets of every armored block in `armored` (a KEYS file holds several, with prose between). */
export function dearmor(armored: string): Buffer {
  const blocks = armored.match(/-----BEGIN PGP [A-Z ]+-----[\s\S]*?-----END PGP [A-Z ]+-----/g) ?? [];
  return Buffer.concat(
    blocks.map((block) => {
      const body = block
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n');
      // The last lines are the CRC-24 (`=abcd`) and the END line: only base64 before them.
      const base64 = body
        .split(/\r?\n/)
        .filter((line) => line && !line.startsWith('=') && !line.startsWith('-----'))
        .join('');
      return Buffer.from(base64, 'base64');
    }),
  );
}

/** `[GNUPG:] VALIDSIG <fingerprint> …` in gpgv's status output: the key that made a good signature. */
export function validSignatureKey(status: string): string | undefined {
  return /^\[GNUPG:\] VALIDSIG ([0-9A-F]{40})/m.exec(status)?.[1];
}

export interface SignatureRequest {
  /** Tool and version for messages: `helm 4.1.4`. */
  label: string;
  file: string;
  signatureUrl: string;
  /** Armored public keys whose signatures are accepted. */
  keys: string;
  /** The input that chose the download site, for the refusal. */
  urlInput: string;
  /** Where gpgv may write its keyring and the signature: a private scratch folder, removed by the caller. */
  scratch: string[];
}

async function gpgvAvailable(seams: Seams): Promise<boolean> {
  try {
    return (await seams.run('gpgv', ['--version'])).exitCode === 0;
  } catch {
    return false;
  }
}

export async function checkSignature(request: SignatureRequest, seams: Seams): Promise<SignatureCheck> {
  const { label, signatureUrl } = request;
  const refuse = (why: string) =>
    new ActionError(`Refusing to install ${label}: ${why} Nothing was installed.`, {
      input: request.urlInput,
      hint: 'The download or its signature was changed on the way, or the mirror serves files helm did not sign. Retry; if it persists, check the mirror, or pin the exact archive you trust with helm-sha256.',
    });
  let response;
  try {
    response = await seams.http({ url: signatureUrl });
  } catch (error) {
    throw refuse(`could not fetch its signature ${signatureUrl}: ${(error as Error).message}.`);
  }
  if (response.status === 404) return { verified: false, why: `no signature is published at ${signatureUrl}` };
  if (response.status !== 200) throw refuse(`its signature ${signatureUrl} answered HTTP ${response.status}.`);
  if (!(await gpgvAvailable(seams))) return { verified: false, why: 'gpgv is not installed on this runner' };

  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'signature-'));
  request.scratch.push(dir);
  const keyring = path.join(dir, 'release-keys.gpg');
  const signature = path.join(dir, 'download.asc');
  await writeFile(keyring, dearmor(request.keys), { mode: 0o600 });
  await writeFile(signature, response.body, { mode: 0o600 });
  const result = await seams.run('gpgv', [
    '--homedir',
    dir,
    '--status-fd',
    '1',
    '--keyring',
    keyring,
    signature,
    request.file,
  ]);
  const fingerprint = validSignatureKey(result.stdout);
  if (result.exitCode !== 0 || !fingerprint) {
    const said = result.stderr
      .trim()
      .split('\n')
      .slice(-3)
      .map((line) => line.replace(/^gpgv: /, ''))
      .join('; ');
    throw refuse(`its signature ${signatureUrl} does not verify against the release keys this action ships (${said}).`);
  }
  core.info(`${label}: signature ${signatureUrl} verified, made by key ${fingerprint}.`);
  return { verified: true, fingerprint };
}
