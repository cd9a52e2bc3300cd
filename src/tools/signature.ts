// The publisher's signature on a download, checked with the release keys this action ships: helm signs each archive
// with a detached OpenPGP signature (`.asc`). The check runs in this process with OpenPGP.js (loaded only when a
// signature is there to check), so no `gpgv` is looked up in PATH, where a planted one could call any signature good.
// A site that publishes no signature leaves the download to its checksum alone, and the log says so; a signature that
// is published and does not verify is a refusal.
import * as runner from '../runner.js';
import { ActionError } from '../errors.js';
import type { Seams } from '../seams.js';

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

export interface SignatureRequest {
  /** Tool and version for messages: `helm 4.1.4`. */
  label: string;
  signatureUrl: string;
  /** The input that chose the download site, for the refusal. */
  urlInput: string;
}

function refusal(request: SignatureRequest, why: string): ActionError {
  return new ActionError(`Refusing to install ${request.label}: ${why} Nothing was installed.`, {
    input: request.urlInput,
    hint: 'The download or its signature was changed on the way, or the mirror serves files helm did not sign. Retry; if it persists, check the mirror, or pin the exact archive you trust with helm-sha256.',
  });
}

/** The armored signature published beside the download; undefined when the site publishes none (404). */
export async function fetchSignature(request: SignatureRequest, seams: Seams): Promise<string | undefined> {
  let response;
  try {
    response = await seams.http({ url: request.signatureUrl });
  } catch (error) {
    throw refusal(request, `could not fetch its signature ${request.signatureUrl}: ${(error as Error).message}.`);
  }
  if (response.status === 404) return undefined;
  if (response.status !== 200) {
    throw refusal(request, `its signature ${request.signatureUrl} answered HTTP ${response.status}.`);
  }
  return response.body;
}

/**
 * Every signature in `armored` must be a valid signature of `data` by one of `keys`; returns the fingerprint of the
 * (primary) key that made the first, or throws the refusal.
 */
export async function checkSignature(
  request: SignatureRequest,
  data: Uint8Array,
  armored: string,
  keys: string,
): Promise<string> {
  const openpgp = await import('openpgp');
  let fingerprint: string | undefined;
  try {
    const verificationKeys = await openpgp.readKeys({ binaryKeys: dearmor(keys) });
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: data }),
      signature: await openpgp.readSignature({ armoredSignature: armored }),
      verificationKeys,
      format: 'binary',
    });
    if (result.signatures.length === 0) throw new Error('it holds no signature');
    for (const signature of result.signatures) await signature.verified;
    const signer = verificationKeys.find((key) => key.getKeys(result.signatures[0].keyID).length > 0);
    fingerprint = signer?.getFingerprint().toUpperCase();
  } catch (error) {
    throw refusal(
      request,
      `its signature ${request.signatureUrl} does not verify against the release keys this action ships (${(error as Error).message}).`,
    );
  }
  runner.info(`${request.label}: signature ${request.signatureUrl} verified, made by key ${fingerprint}.`);
  return fingerprint ?? '';
}
