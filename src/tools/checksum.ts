// A binary that will run with cluster credentials is installed only when its SHA-256 matches what the publisher
// (or the workflow author, via helm-sha256 / kubectl-sha256) says it should be. No checksum, no install.
import { ActionError } from '../errors.js';
import type { Seams } from '../seams.js';

const sha256Pattern = /^[0-9a-f]{64}$/;

/** The hash in a published checksum file: `<hash>  <file>` (helm) or a bare `<hash>` (kubectl). */
export function parseChecksumFile(text: string): string | undefined {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return sha256Pattern.test(first) ? first : undefined;
}

export interface ExpectedChecksum {
  sha256: string;
  /** Where the hash came from, for messages: the input name or the checksum file URL. */
  source: string;
}

export interface ChecksumInputs {
  /** Tool and version for messages: `helm 4.1.4`. */
  label: string;
  /** The user's hash (`helm-sha256`), empty when not given. */
  userSha256: string;
  sha256Input: string;
  urlInput: string;
  checksumUrl: string;
}

/** The user's hash when given, else the published checksum file; a missing or unreadable one fails closed. */
export async function expectedChecksum(inputs: ChecksumInputs, seams: Seams): Promise<ExpectedChecksum> {
  const { label, userSha256, sha256Input, urlInput, checksumUrl } = inputs;
  if (userSha256) {
    const sha256 = userSha256.trim().toLowerCase();
    if (!sha256Pattern.test(sha256)) {
      throw new ActionError(`${sha256Input} is not a SHA-256 (64 hexadecimal characters).`, { input: sha256Input });
    }
    return { sha256, source: sha256Input };
  }
  const refuse = (why: string) =>
    new ActionError(`Refusing to install ${label} without a checksum: ${why}`, {
      input: urlInput,
      hint: `If your mirror does not publish checksum files, set ${sha256Input} to the expected SHA-256 of the download.`,
    });
  let response;
  try {
    response = await seams.http({ url: checksumUrl });
  } catch (error) {
    throw refuse(`could not fetch ${checksumUrl}: ${(error as Error).message}`);
  }
  if (response.status !== 200) throw refuse(`${checksumUrl} answered HTTP ${response.status}.`);
  const sha256 = parseChecksumFile(response.body);
  if (!sha256) throw refuse(`${checksumUrl} does not hold a SHA-256.`);
  return { sha256, source: checksumUrl };
}

export function assertChecksum(actual: string, expected: ExpectedChecksum, inputs: ChecksumInputs, url: string): void {
  if (actual === expected.sha256) return;
  throw new ActionError(
    `Checksum mismatch for ${inputs.label}: ${url} has SHA-256 ${actual}, but ${expected.source} expects ${expected.sha256}. Nothing was installed.`,
    {
      input: expected.source === inputs.sha256Input ? inputs.sha256Input : inputs.urlInput,
      hint:
        expected.source === inputs.sha256Input
          ? `Check the value of ${inputs.sha256Input} against the publisher's checksum.`
          : 'The download was corrupted or the mirror serves a different file than it lists; retry, then check the mirror.',
    },
  );
}
