// A throw-away OpenPGP key for the download mirror to sign helm archives with, the way helm's release managers sign
// get.helm.sh's: detached, armored `.asc` files. Made with the machine's gpg in a GnuPG home of its own, which
// dispose() removes (its gpg-agent too).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface SigningKey {
  /** The armored public key: what a verifier must trust. */
  publicKey: string;
  fingerprint: string;
  /** An armored detached signature of the file. */
  sign(file: string): Promise<string>;
  dispose(): Promise<void>;
}

/** `algorithm` as gpg --quick-gen-key names it: helm's newer release keys are ed25519, most older ones RSA. */
export async function createSigningKey(
  name = 'Sandbox Release Signer <signer@sandbox.invalid>',
  algorithm: 'ed25519' | 'rsa3072' = 'ed25519',
): Promise<SigningKey> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'gnupg-'));
  const gpg = (args: string[]) =>
    execFileAsync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      maxBuffer: 16 * 2 ** 20,
    });
  await gpg(['--quick-gen-key', name, algorithm, 'sign', 'never']);
  const publicKey = (await gpg(['--armor', '--export', name])).stdout;
  const listing = (await gpg(['--with-colons', '--list-keys', name])).stdout;
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(listing)?.[1] ?? '';
  return {
    publicKey,
    fingerprint,
    sign: async (file) => (await gpg(['--armor', '--detach-sign', '--output', '-', file])).stdout,
    async dispose() {
      await execFileAsync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']).catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}
