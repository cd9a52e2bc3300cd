// One tool: resolve its version, take the download from the runner's tool cache or the download site, verify it as a
// fresh download is verified (the pin, else the published checksum and, for helm, the signature), and only then write
// the binary into the action's private folder. The tool cache is a cache of downloads exactly as published: it saves
// the transfer, never the verification, because any job sharing the runner can write to it (docs/security.md).
import * as runner from '../runner.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { ToolRequest } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import type { Seams } from '../seams.js';
import { extractMember } from './archive.js';
import { type Artifact, helmArchiveMember, helmArtifact, kubectlArtifact } from './artifacts.js';
import { assertChecksum, type ChecksumInputs, expectedChecksum, type ExpectedChecksum } from './checksum.js';
import { HELM_RELEASE_KEYS } from './helm-release-keys.js';
import type { InstalledTool, ToolName, ToolTrust } from './installed.js';
import type { Platform } from './platform.js';
import { checkSignature, fetchSignature, type SignatureRequest } from './signature.js';
import { resolveHelmVersion, resolveKubectlVersion } from './versions.js';

/**
 * Checks a download's bytes against the evidence gathered for it (throws the refusal) and says what vouched for it.
 * `bytes` is the whole download, for a signature; a tool without one passes only the hash.
 */
type Verify = (sha256: string, bytes?: Uint8Array) => Promise<ToolTrust>;

export interface ToolSpec {
  name: ToolName;
  inputs: { version: string; url: string; sha256: string };
  resolveVersion(request: ToolRequest, platform: Platform, seams: Seams): Promise<string>;
  artifact(base: string, version: string, platform: Platform): Artifact;
  /** Armored OpenPGP keys the publisher signs its downloads with, when it does. */
  releaseKeys?: string;
  /** Verifies `download` with `verify` and, once it passed, writes the binary to `destination` (which must not exist). */
  unpack(
    download: string,
    destination: string,
    verify: Verify,
    platform: Platform,
    version: string,
  ): Promise<ToolTrust>;
}

/** Large reads: a stream's 64 kB chunks cost several times the CPU of the hash itself on a 60 MB binary. */
const COPY_CHUNK = 4 << 20;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const helmSpec: ToolSpec = {
  name: 'helm',
  inputs: { version: 'helm-version', url: 'helm-download-url', sha256: 'helm-sha256' },
  resolveVersion: resolveHelmVersion,
  artifact: helmArtifact,
  releaseKeys: HELM_RELEASE_KEYS,
  // The checksum and the signature cover the archive, not the binary: the archive is read once into memory,
  // verified, and the binary taken from those same bytes.
  async unpack(download, destination, verify, platform, version) {
    const archive = await readFile(download);
    const trust = await verify(sha256Of(archive), archive);
    const member = helmArchiveMember(platform);
    if (!(await extractMember(archive, platform.helmArchive, member, destination))) {
      throw new ActionError(`The helm ${version} archive does not hold ${member}.`, {
        input: 'helm-download-url',
        hint: 'The mirror must serve the archives exactly as get.helm.sh publishes them.',
      });
    }
    return trust;
  },
};

export const kubectlSpec: ToolSpec = {
  name: 'kubectl',
  inputs: { version: 'kubectl-version', url: 'kubectl-download-url', sha256: 'kubectl-sha256' },
  resolveVersion: (request, _platform, seams) => resolveKubectlVersion(request, seams),
  artifact: kubectlArtifact,
  // The download is the binary: copied and hashed in one pass, so the bytes verified are the bytes that run.
  async unpack(download, destination, verify) {
    const partial = `${destination}.partial`;
    const hash = createHash('sha256');
    const [input, output] = await Promise.all([open(download), open(partial, 'wx', 0o700)]);
    try {
      const buffer = Buffer.allocUnsafe(COPY_CHUNK);
      for (let read = await input.read(buffer); read.bytesRead > 0; read = await input.read(buffer)) {
        const chunk = buffer.subarray(0, read.bytesRead);
        hash.update(chunk);
        await output.write(chunk);
      }
      await output.close();
      const trust = await verify(hash.digest('hex'));
      await rename(partial, destination);
      return trust;
    } finally {
      await Promise.all([input.close(), output.close().catch(() => undefined), rm(partial, { force: true })]);
    }
  },
};

/** @actions/tool-cache brings an HTTP stack: loaded only when a download is due, not on a run the cache serves. */
const toolCache = () => import('@actions/tool-cache');

async function download(spec: ToolSpec, version: string, artifact: Artifact): Promise<string> {
  const tc = await toolCache();
  try {
    return await tc.downloadTool(artifact.url);
  } catch (error) {
    if (error instanceof tc.HTTPError && error.httpStatusCode === 404) {
      throw new ActionError(`${spec.name} ${version} is not published at ${artifact.url} (HTTP 404).`, {
        input: spec.inputs.version,
        hint: `Check that ${spec.name} ${version} exists (and has a build for this platform), or fix ${spec.inputs.url}.`,
      });
    }
    throw new ActionError(
      `Downloading ${spec.name} ${version} from ${artifact.url} failed: ${(error as Error).message}`,
      {
        input: spec.inputs.url,
        hint: 'Retry the job; if it keeps failing, check that the runner can reach the download site.',
      },
    );
  }
}

/** What a download must match: the pin alone, else the published checksum and, where the publisher signs, the signature. */
interface Evidence {
  expected: ExpectedChecksum;
  /** The armored signature published beside the download. */
  signature?: string;
}

async function gatherEvidence(
  checksumInputs: ChecksumInputs,
  signature: SignatureRequest | undefined,
  seams: Seams,
): Promise<Evidence> {
  const [expected, armored] = await Promise.all([
    expectedChecksum(checksumInputs, seams),
    checksumInputs.userSha256 || !signature ? undefined : fetchSignature(signature, seams),
  ]);
  if (signature && !checksumInputs.userSha256 && armored === undefined) {
    runner.info(
      `${signature.label}: no signature is published at ${signature.signatureUrl}; trusting the published checksum.`,
    );
  }
  return { expected, signature: armored };
}

/**
 * The download in the tool cache, exactly as published, when an earlier run cached it: where tool-cache's cacheFile
 * puts it (`<RUNNER_TOOL_CACHE>/<name>/<version without its v>/<arch>`, complete once `<folder>.complete` exists).
 */
function cachedDownload(spec: ToolSpec, version: string, platform: Platform, artifact: Artifact): string | undefined {
  const root = process.env.RUNNER_TOOL_CACHE;
  if (!root) return undefined;
  const folder = path.join(root, spec.name, version.replace(/^v/, ''), platform.arch);
  const file = path.join(folder, artifact.fileName);
  return existsSync(`${folder}.complete`) && existsSync(file) ? file : undefined;
}

/** A download in the tool cache that no longer matches its evidence: someone changed it after it was cached. */
class ChangedInCache extends Error {}

/** Installs `spec`'s tool as `binDir/<name>`, from the tool cache or the download site, verified either way. */
export async function installTool(
  spec: ToolSpec,
  request: ToolRequest,
  platform: Platform,
  binDir: string,
  seams: Seams,
): Promise<InstalledTool> {
  const version = await spec.resolveVersion(request, platform, seams);
  const artifact = spec.artifact(request.downloadBaseUrl, version, platform);
  const label = `${spec.name} ${version}`;
  const checksumInputs: ChecksumInputs = {
    label,
    userSha256: request.sha256,
    sha256Input: spec.inputs.sha256,
    urlInput: spec.inputs.url,
    checksumUrl: artifact.checksumUrl,
  };
  const signature: SignatureRequest | undefined =
    spec.releaseKeys && artifact.signatureUrl
      ? { label, signatureUrl: artifact.signatureUrl, urlInput: spec.inputs.url }
      : undefined;
  const binary = path.join(binDir, `${spec.name}${platform.exe}`);

  const install = async (cached: string | undefined, evidence: Promise<Evidence>): Promise<InstalledTool> => {
    if (!cached) runner.info(`Downloading ${label} from ${artifact.url}`);
    // Side by side; a download that is not there explains itself better than its missing checksum does.
    const [gathered, downloaded] = await Promise.allSettled([evidence, cached ?? download(spec, version, artifact)]);
    if (downloaded.status === 'rejected') throw downloaded.reason;
    const file = downloaded.value;
    if (gathered.status === 'rejected') {
      if (!cached) await rm(file, { force: true });
      throw gathered.reason;
    }
    const { expected, signature: armored } = gathered.value;
    const verify: Verify = async (sha256, bytes) => {
      if (cached && sha256 !== expected.sha256) {
        const changed = request.sha256 ? `${spec.inputs.sha256} was just changed` : 'the download site republished it';
        throw new ChangedInCache(
          `The ${label} download in the tool cache (${cached}) has SHA-256 ${sha256}, not the ${expected.sha256} that ${expected.source} gives: downloading it again. Unless ${changed}, something changed this runner's tool cache after the action cached it: find out what writes to it.`,
        );
      }
      assertChecksum(sha256, expected, checksumInputs, artifact.url);
      runner.info(`${artifact.fileName}${cached ? ' (tool cache)' : ''}: SHA-256 ${sha256} matches ${expected.source}`);
      if (request.sha256) return 'pin';
      if (!signature || armored === undefined || !bytes) return 'published checksum';
      await checkSignature(signature, bytes, armored, spec.releaseKeys ?? '');
      return 'signature';
    };
    try {
      await rm(binary, { force: true });
      const verifiedBy = await spec.unpack(file, binary, verify, platform, version);
      // Only a verified download goes into the cache, and it is verified again on every use from there.
      if (!cached) await (await toolCache()).cacheFile(file, artifact.fileName, spec.name, version, platform.arch);
      return { path: binary, version, verifiedBy, fromCache: Boolean(cached) };
    } catch (error) {
      await rm(binary, { force: true });
      throw error;
    } finally {
      if (!cached) await rm(file, { force: true });
    }
  };

  const evidence = gatherEvidence(checksumInputs, signature, seams);
  evidence.catch(() => undefined);
  const cached = cachedDownload(spec, version, platform, artifact);
  try {
    return await install(cached, evidence);
  } catch (error) {
    if (!(error instanceof ChangedInCache)) throw error;
    runner.warning(error.message);
    return install(undefined, evidence);
  }
}
