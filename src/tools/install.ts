// Find a tool in the runner's tool cache, or download, verify, and cache it; then put it on PATH.
// Verification happens before anything is written to the cache, so a failed run leaves no half-trusted entry.
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
import type { Platform } from './platform.js';
import { resolveHelmVersion, resolveKubectlVersion } from './versions.js';

export interface ToolSpec {
  name: 'helm' | 'kubectl';
  inputs: { version: string; url: string; sha256: string };
  resolveVersion(request: ToolRequest, platform: Platform, seams: Seams): Promise<string>;
  artifact(base: string, version: string, platform: Platform): Artifact;
  /** Moves the verified download into the tool cache; returns the cached folder. Pushes temp paths onto `scratch` for removal. */
  cache(download: string, version: string, platform: Platform, scratch: string[]): Promise<string>;
}

export const helmSpec: ToolSpec = {
  name: 'helm',
  inputs: { version: 'helm-version', url: 'helm-download-url', sha256: 'helm-sha256' },
  resolveVersion: resolveHelmVersion,
  artifact: helmArtifact,
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

async function downloadVerifyAndCache(
  spec: ToolSpec,
  request: ToolRequest,
  version: string,
  platform: Platform,
  seams: Seams,
): Promise<string> {
  const artifact = spec.artifact(request.downloadBaseUrl, version, platform);
  const checksumInputs: ChecksumInputs = {
    label: `${spec.name} ${version}`,
    userSha256: request.sha256,
    sha256Input: spec.inputs.sha256,
    urlInput: spec.inputs.url,
    checksumUrl: artifact.checksumUrl,
  };
  core.info(`Downloading ${spec.name} ${version} from ${artifact.url}`);
  const scratch: string[] = [];
  try {
    const file = await download(spec, version, artifact);
    scratch.push(file);
    const expected = await expectedChecksum(checksumInputs, seams);
    assertChecksum(await sha256OfFile(file), expected, checksumInputs, artifact.url);
    core.info(`${artifact.fileName} (${spec.name} ${version}): SHA-256 ${expected.sha256} matches ${expected.source}`);
    return await spec.cache(file, version, platform, scratch);
  } finally {
    await Promise.all(scratch.map((item) => rm(item, { recursive: true, force: true })));
  }
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
  const folder =
    cached && existsSync(path.join(cached, binary))
      ? cached
      : await downloadVerifyAndCache(spec, request, version, platform, seams);
  if (folder === cached) core.info(`${spec.name} ${version} found in the tool cache: ${cached}`);
  core.addPath(folder);
  return { path: path.join(folder, binary), version };
}
