// Turns `helm-version` / `kubectl-version` (exact, `X.Y` or `latest`) into one exact release, asking the download
// sites themselves rather than the GitHub API (no token, no rate limit). A failed resolution is an error naming the
// input: silently installing some other version would deploy with flags nobody tested.
import type { ToolRequest } from '../inputs/config.js';
import { ActionError } from '../errors.js';
import type { HttpRequest, HttpResponse, Seams } from '../seams.js';
import { withoutTrailingSlash, helmArtifact } from './artifacts.js';
import type { Platform } from './platform.js';

export type VersionRequest = { kind: 'exact'; version: string } | { kind: 'minor'; minor: string } | { kind: 'latest' };

const exactPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const minorPattern = /^\d+\.\d+$/;

/** `4.1.4`, `v4.1.4`, `4.1`, `latest`; anything else is an error naming `input`. */
export function parseVersionRequest(raw: string, input: string): VersionRequest {
  const text = raw.trim().replace(/^v/i, '');
  if (text.toLowerCase() === 'latest') return { kind: 'latest' };
  if (exactPattern.test(text)) return { kind: 'exact', version: text };
  if (minorPattern.test(text)) return { kind: 'minor', minor: text };
  throw new ActionError(`${input} "${raw}" is not a version.`, {
    input,
    hint: 'Use an exact version like 4.1.4, a minor version like 4.1 for its newest patch, or latest.',
  });
}

/** A version as published in `helm-latest-version` or `stable.txt` (`v1.35.2`), without the `v`. */
export function parsePublishedVersion(body: string): string | undefined {
  const text = body.trim().replace(/^v/, '');
  return exactPattern.test(text) ? text : undefined;
}

export function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

/** The deploy stage speaks Helm 3 and Helm 4 flags only. */
export function assertSupportedHelm(version: string): 3 | 4 {
  const major = majorOf(version);
  if (major === 3 || major === 4) return major;
  throw new ActionError(`helm ${version} is not supported: this action drives Helm 3 or Helm 4.`, {
    input: 'helm-version',
    hint: 'Set helm-version to a 4.x (recommended, e.g. 4.1.4) or 3.x release.',
  });
}

async function ask(request: HttpRequest, input: string, purpose: string, seams: Seams): Promise<HttpResponse> {
  try {
    return await seams.http(request);
  } catch (error) {
    throw new ActionError(`Could not reach ${request.url} to ${purpose}: ${(error as Error).message}`, {
      input,
      hint: 'Check that the runner can reach the download site, or pin an exact version.',
    });
  }
}

/** GETs a file holding one published version. */
async function readPublishedVersion(url: string, input: string, purpose: string, seams: Seams): Promise<string> {
  const response = await ask({ url }, input, purpose, seams);
  const version = response.status === 200 ? parsePublishedVersion(response.body) : undefined;
  if (!version) {
    const got = response.status === 200 ? `"${response.body.trim().slice(0, 80)}"` : `HTTP ${response.status}`;
    throw new ActionError(`Could not ${purpose}: ${url} answered ${got}.`, {
      input,
      hint: `Pin an exact version in ${input}, or check the download URL.`,
    });
  }
  return version;
}

/** Highest probes for one minor: a guard against a mirror that answers 200 to everything. */
const maxPatchProbes = 100;

/**
 * helm publishes no per-minor index, so the newest patch of `X.Y` is found by asking for the checksum file of
 * X.Y.0, X.Y.1, … until the first 404. Checking this platform's file also proves the release has a build for it.
 */
async function newestHelmPatch(minor: string, request: ToolRequest, platform: Platform, seams: Seams): Promise<string> {
  let newest: string | undefined;
  for (let patch = 0; patch < maxPatchProbes; patch++) {
    const candidate = `${minor}.${patch}`;
    const { checksumUrl } = helmArtifact(request.downloadBaseUrl, candidate, platform);
    const response = await ask({ url: checksumUrl, method: 'HEAD' }, 'helm-version', `resolve helm ${minor}`, seams);
    if (response.status === 404) break;
    if (response.status !== 200) {
      throw new ActionError(`Could not resolve helm ${minor}: ${checksumUrl} answered HTTP ${response.status}.`, {
        input: 'helm-version',
        hint: 'Retry, or pin an exact version such as 4.1.4.',
      });
    }
    newest = candidate;
  }
  if (!newest) {
    throw new ActionError(
      `helm-version ${minor}: no helm ${minor}.0 is published at ${withoutTrailingSlash(request.downloadBaseUrl)}.`,
      {
        input: 'helm-version',
        hint: 'Check the version on https://github.com/helm/helm/releases (or your helm-download-url mirror).',
      },
    );
  }
  return newest;
}

export async function resolveHelmVersion(request: ToolRequest, platform: Platform, seams: Seams): Promise<string> {
  const wanted = parseVersionRequest(request.version, 'helm-version');
  const version =
    wanted.kind === 'exact'
      ? wanted.version
      : wanted.kind === 'minor'
        ? await newestHelmPatch(wanted.minor, request, platform, seams)
        : await readPublishedVersion(
            `${withoutTrailingSlash(request.downloadBaseUrl)}/helm-latest-version`,
            'helm-version',
            'resolve helm-version latest',
            seams,
          );
  assertSupportedHelm(version);
  return version;
}

export async function resolveKubectlVersion(request: ToolRequest, seams: Seams): Promise<string> {
  const wanted = parseVersionRequest(request.version, 'kubectl-version');
  if (wanted.kind === 'exact') return wanted.version;
  const file = wanted.kind === 'minor' ? `stable-${wanted.minor}.txt` : 'stable.txt';
  const purpose = `resolve kubectl-version ${wanted.kind === 'minor' ? wanted.minor : 'latest'}`;
  return readPublishedVersion(
    `${withoutTrailingSlash(request.downloadBaseUrl)}/release/${file}`,
    'kubectl-version',
    purpose,
    seams,
  );
}

/** `v4.1.4` (from `helm version --template {{.Version}}`) → 4; undefined for anything else. */
export function parseHelmMajor(output: string): 3 | 4 | undefined {
  const version = parsePublishedVersion(output);
  const major = version && majorOf(version);
  return major === 3 || major === 4 ? major : undefined;
}

/** Asks the installed binary itself, so a cached or mirrored build that differs from its label cannot fool the deploy stage. */
export async function detectHelmMajor(helmPath: string, seams: Seams): Promise<3 | 4> {
  const result = await seams.run(helmPath, ['version', '--template', '{{.Version}}']);
  const major = result.exitCode === 0 ? parseHelmMajor(result.stdout) : undefined;
  if (!major) {
    const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
    throw new ActionError(
      `The installed helm at ${helmPath} did not report a Helm 3 or 4 version (exit ${result.exitCode}): ${said}`,
      {
        input: 'helm-version',
        hint: 'Set helm-version to a 4.x or 3.x release; if a mirror is in use, check that it serves real helm archives.',
      },
    );
  }
  return major;
}
