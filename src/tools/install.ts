// Find a tool in the runner's tool cache, or download, verify, and cache it; check it again; then put it on PATH.
// A download is verified before anything is written to the cache, so a failed run leaves no half-trusted entry, and
// the binary is checked against the record of that verification on every use, cache hits included (verification.ts).
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { existsSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { ToolRequest } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import type { InstalledTool } from '../cluster/session.js';
import type { Seams } from '../seams.js';
import { type Artifact, helmArchiveFolder, helmArtifact, kubectlArtifact } from './artifacts.js';
import { assertChecksum, type ChecksumInputs, expectedChecksum, sha256OfFile } from './checksum.js';
import { HELM_RELEASE_KEYS } from './helm-release-keys.js';
import type { Platform } from './platform.js';
import { checkSignature } from './signature.js';
import { assertUnchanged, readRecord, type ToolTrust, type VerifiedRecord, writeRecord } from './verification.js';
import { resolveHelmVersion, resolveKubectlVersion } from './versions.js';

export interface ToolSpec {
  name: 'helm' | 'kubectl';
  inputs: { version: string; url: string; sha256: string };
  resolveVersion(request: ToolRequest, platform: Platform, seams: Seams): Promise<string>;
  artifact(base: string, version: string, platform: Platform): Artifact;
  /** Moves the verified download into the tool cache; returns the cached folder. Pushes temp paths onto `scratch` for removal. */
  cache(download: string, version: string, platform: Platform, scratch: string[]): Promise<string>;
  /** Armored OpenPGP keys the publisher signs its downloads with, when it does. */
  releaseKeys?: string;
}

export const helmSpec: ToolSpec = {
  name: 'helm',
  inputs: { version: 'helm-version', url: 'helm-download-url', sha256: 'helm-sha256' },
  resolveVersion: resolveHelmVersion,
  artifact: helmArtifact,
  releaseKeys: HELM_RELEASE_KEYS,
  async cache(download, version, platform, scratch) {
    const extracted =
      platform.helmArchive === 'zip' ? await tc.extractZip(download) : await tc.extractTar(download, undefined, 'xz');
    scratch.push(extracted);
    const folder = path.join(extracted, helmArchiveFolder(platform));
    if (!existsSync(path.join(folder, `helm${platform.exe}`))) {
      throw new ActionError(
        `The helm ${version} archive does not hold ${helmArchiveFolder(platform)}/helm${platform.exe}.`,
        {
          input: 'helm-download-url',
          hint: 'The mirror must serve the archives exactly as get.helm.sh publishes them.',
        },
      );
    }
    return tc.cacheDir(folder, 'helm', version, platform.arch);
  },
};

export const kubectlSpec: ToolSpec = {
  name: 'kubectl',
  inputs: { version: 'kubectl-version', url: 'kubectl-download-url', sha256: 'kubectl-sha256' },
  resolveVersion: (request, _platform, seams) => resolveKubectlVersion(request, seams),
  artifact: kubectlArtifact,
  async cache(download, version, platform) {
    await chmod(download, 0o755);
    return tc.cacheFile(download, `kubectl${platform.exe}`, 'kubectl', version, platform.arch);
  },
};

async function download(spec: ToolSpec, version: string, artifact: Artifact): Promise<string> {
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

interface Vouched {
  trust: ToolTrust;
  source: string;
}

/** The strongest word on a download whose checksum matched: the pin, else the publisher's signature if it has one. */
async function vouch(
  spec: ToolSpec,
  request: ToolRequest,
  artifact: Artifact,
  file: string,
  label: string,
  scratch: string[],
  seams: Seams,
): Promise<Vouched> {
  if (request.sha256) return { trust: 'pin', source: spec.inputs.sha256 };
  const published: Vouched = { trust: 'published checksum', source: artifact.checksumUrl };
  if (!spec.releaseKeys || !artifact.signatureUrl) return published;
  const signature = await checkSignature(
    { label, file, signatureUrl: artifact.signatureUrl, keys: spec.releaseKeys, urlInput: spec.inputs.url, scratch },
    seams,
  );
  if (signature.verified) return { trust: 'signature', source: `key ${signature.fingerprint}` };
  core.info(`${label}: signature not checked (${signature.why}); trusting the published checksum.`);
  return published;
}

async function downloadVerifyAndCache(
  spec: ToolSpec,
  request: ToolRequest,
  version: string,
  platform: Platform,
  seams: Seams,
): Promise<{ folder: string; record: VerifiedRecord }> {
  const artifact = spec.artifact(request.downloadBaseUrl, version, platform);
  const label = `${spec.name} ${version}`;
  const checksumInputs: ChecksumInputs = {
    label,
    userSha256: request.sha256,
    sha256Input: spec.inputs.sha256,
    urlInput: spec.inputs.url,
    checksumUrl: artifact.checksumUrl,
  };
  core.info(`Downloading ${label} from ${artifact.url}`);
  const scratch: string[] = [];
  try {
    const file = await download(spec, version, artifact);
    scratch.push(file);
    const expected = await expectedChecksum(checksumInputs, seams);
    const downloadSha256 = await sha256OfFile(file);
    assertChecksum(downloadSha256, expected, checksumInputs, artifact.url);
    core.info(`${artifact.fileName} (${label}): SHA-256 ${expected.sha256} matches ${expected.source}`);
    const vouched = await vouch(spec, request, artifact, file, label, scratch, seams);
    const folder = await spec.cache(file, version, platform, scratch);
    const sha256 = await sha256OfFile(path.join(folder, `${spec.name}${platform.exe}`));
    const record: VerifiedRecord = { tool: spec.name, version, sha256, downloadSha256, ...vouched };
    await writeRecord(folder, record);
    return { folder, record };
  } finally {
    await Promise.all(scratch.map((item) => rm(item, { recursive: true, force: true })));
  }
}

/** The record of a cache entry this action verified from the download the request asks for; else undefined. */
async function cachedRecord(
  spec: ToolSpec,
  request: ToolRequest,
  folder: string,
  version: string,
): Promise<VerifiedRecord | undefined> {
  const record = await readRecord(folder, spec.name, version);
  const again = 'downloading and verifying it again';
  if (!record) {
    core.info(
      `${spec.name} ${version} in the tool cache (${folder}) has no record of this action verifying it: ${again}.`,
    );
  } else if (request.sha256 && request.sha256 !== record.downloadSha256) {
    core.info(
      `${spec.name} ${version} in the tool cache was verified from another download than ${spec.inputs.sha256} names: ${again}.`,
    );
  } else {
    return record;
  }
  return undefined;
}

export async function installTool(
  spec: ToolSpec,
  request: ToolRequest,
  platform: Platform,
  seams: Seams,
): Promise<InstalledTool> {
  const version = await spec.resolveVersion(request, platform, seams);
  const binary = `${spec.name}${platform.exe}`;
  // Our cache entries are keyed by the download site's arch name (amd64), so entries left by other setup actions
  // (keyed x64, never checksum-verified by us) are not picked up.
  const cached = tc.find(spec.name, version, platform.arch);
  const hit =
    cached && existsSync(path.join(cached, binary)) ? await cachedRecord(spec, request, cached, version) : undefined;
  const { folder, record } = hit
    ? { folder: cached, record: hit }
    : await downloadVerifyAndCache(spec, request, version, platform, seams);
  const verifiedBy: ToolTrust = request.sha256 ? 'pin' : record.trust;
  // A fresh download's record was hashed from this very binary a moment ago; a cached one is checked against its own.
  if (hit) {
    const input = request.sha256 ? spec.inputs.sha256 : spec.inputs.version;
    await assertUnchanged({ binary: path.join(folder, binary), record, input });
  }
  core.info(
    `${spec.name} ${version}${hit ? ' from the tool cache' : ''}: ${path.join(folder, binary)} has SHA-256 ${record.sha256}, as when verified (${verifiedBy}: ${request.sha256 ? spec.inputs.sha256 : record.source}).`,
  );
  core.addPath(folder);
  return { path: path.join(folder, binary), version, verifiedBy, fromCache: Boolean(hit) };
}
