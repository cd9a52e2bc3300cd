// installTools against the download mirror: real archives, real checksums, the real @actions/tool-cache.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { ToolsConfig } from '../../src/inputs/config.js';
import { realSeams } from '../../src/seams.js';
import { installTools } from '../../src/tools/install-tools.js';
import { type DownloadMirror, startDownloadMirror } from '../../sandbox/download-mirror.js';
import { rejection } from './rejection.js';

const execFileAsync = promisify(execFile);

// tool-cache would otherwise sleep 10–20 s before retrying a 5xx.
const testGlobals = globalThis as Record<string, unknown>;
testGlobals.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS = 0;
testGlobals.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS = 0;

const kubectl1352 = '/kubectl/release/v1.35.2/bin/linux/amd64/kubectl';
const helm414 = '/helm/helm-v4.1.4-linux-amd64.tar.gz';

let mirror: DownloadMirror;
let root: string;
/** A tool cache shared by the tests that build on an earlier install, like later jobs on a self-hosted runner. */
let sharedCache: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  mirror = await startDownloadMirror();
  root = mkdtempSync(path.join(os.tmpdir(), 'tools-test-'));
  sharedCache = path.join(root, 'shared-cache');
}, 120_000);

afterAll(async () => {
  await mirror.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  const run = mkdtempSync(path.join(root, 'run-'));
  process.env.RUNNER_TEMP = path.join(run, 'temp');
  process.env.RUNNER_TOOL_CACHE = sharedCache;
  // The runner creates this file before the step starts; core.addPath appends to it.
  process.env.GITHUB_PATH = path.join(run, 'github-path');
  writeFileSync(process.env.GITHUB_PATH, '');
  mirror.requests.length = 0;
  mirror.wrongChecksum = false;
  mirror.missingChecksum = false;
  mirror.delayMs = 0;
});

afterEach(() => {
  process.env = { ...savedEnv };
});

function config(helm: string, kubectl: string, sha256: { helm?: string; kubectl?: string } = {}): ToolsConfig {
  return {
    helm: { version: helm, downloadBaseUrl: mirror.helmBaseUrl, sha256: sha256.helm ?? '' },
    kubectl: { version: kubectl, downloadBaseUrl: mirror.kubectlBaseUrl, sha256: sha256.kubectl ?? '' },
  };
}

/** A tool cache of its own, for tests that must start from nothing. */
function freshCache(): string {
  process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(root, 'cache-'));
  return process.env.RUNNER_TOOL_CACHE;
}

const requested = () => mirror.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('installTools against the download mirror', () => {
  it('fresh install: both downloaded concurrently, verified, cached, on PATH, and they run', async () => {
    mirror.delayMs = 300;
    const installed = await installTools(config('4.1.4', 'v1.35.2'), undefined, realSeams);

    expect(installed.helm).toEqual({
      path: path.join(sharedCache, 'helm/4.1.4/amd64/helm'),
      version: '4.1.4',
      major: 4,
    });
    expect(installed.kubectl).toEqual({
      path: path.join(sharedCache, 'kubectl/1.35.2/amd64/kubectl'),
      version: '1.35.2',
    });
    expect((await execFileAsync(installed.helm.path, ['version', '--short'])).stdout).toMatch(/^v4\.1\.4\+/);
    expect((await execFileAsync(installed.kubectl.path, ['version', '--client'])).stdout).toContain('v1.35.2');

    expect(readFileSync(process.env.GITHUB_PATH!, 'utf8').split(/\r?\n/).filter(Boolean).sort()).toEqual([
      path.join(sharedCache, 'helm/4.1.4/amd64'),
      path.join(sharedCache, 'kubectl/1.35.2/amd64'),
    ]);
    expect(requested().sort()).toEqual([
      `GET ${helm414} 200`,
      `GET ${helm414}.sha256sum 200`,
      `GET ${kubectl1352} 200`,
      `GET ${kubectl1352}.sha256 200`,
    ]);
    // Both downloads were in flight at once: each started before the other ended.
    const helmDownload = mirror.requests.find((r) => r.path === helm414)!;
    const kubectlDownload = mirror.requests.find((r) => r.path === kubectl1352)!;
    expect(helmDownload.start).toBeLessThan(kubectlDownload.end!);
    expect(kubectlDownload.start).toBeLessThan(helmDownload.end!);
    // Scratch files (download, extraction) are gone.
    expect(readdirSync(process.env.RUNNER_TEMP!)).toEqual([]);
  });

  it('cache hit: a pinned version costs no request at all', async () => {
    const started = Date.now();
    const installed = await installTools(config('4.1.4', '1.35.2'), undefined, realSeams);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(mirror.requests).toEqual([]);
    expect(installed.helm.path).toBe(path.join(sharedCache, 'helm/4.1.4/amd64/helm'));
    expect(installed.helm.major).toBe(4);
    expect(installed.kubectl.version).toBe('1.35.2');
  });

  it('latest resolves through helm-latest-version and stable.txt, then uses the cache', async () => {
    const installed = await installTools(config('latest', 'latest'), undefined, realSeams);
    expect(installed.helm.version).toBe('4.1.4');
    expect(installed.kubectl.version).toBe('1.35.2');
    expect(requested().sort()).toEqual(['GET /helm/helm-latest-version 200', 'GET /kubectl/release/stable.txt 200']);
  });

  it('helm X.Y probes checksum files up to the first 404; kubectl X.Y reads stable-X.Y.txt', async () => {
    const installed = await installTools(config('4.1', '1.35'), undefined, realSeams);
    expect(installed.helm.version).toBe('4.1.4');
    expect(installed.kubectl.version).toBe('1.35.2');
    const probes = [0, 1, 2, 3, 4].map((patch) => `HEAD /helm/helm-v4.1.${patch}-linux-amd64.tar.gz.sha256sum 200`);
    expect(requested().filter((r) => r.startsWith('HEAD'))).toEqual([
      ...probes,
      'HEAD /helm/helm-v4.1.5-linux-amd64.tar.gz.sha256sum 404',
    ]);
    expect(requested()).toContain('GET /kubectl/release/stable-1.35.txt 200');
  });

  it('Helm 3 is detected as major 3 (3.18 resolves to 3.18.0); kubectl 1.33 to 1.33.0', async () => {
    const installed = await installTools(config('3.18', '1.33'), undefined, realSeams);
    expect(installed.helm).toMatchObject({ version: '3.18.0', major: 3 });
    expect(installed.kubectl.version).toBe('1.33.0');
    expect((await execFileAsync(installed.helm.path, ['version', '--short'])).stdout).toMatch(/^v3\.18\.0\+/);
    expect((await execFileAsync(installed.kubectl.path, ['version', '--client'])).stdout).toContain('v1.33.0');
  });

  it('which: only helm is installed, and kubectl is absent from the result', async () => {
    const installed = await installTools(config('4.1.4', '1.35.2'), ['helm'], realSeams);
    expect(Object.keys(installed)).toEqual(['helm']);
    expect(installed.helm.major).toBe(4);
    expect(mirror.requests).toEqual([]);
  });

  it('a checksum mismatch is refused with a clear message, and nothing is cached', async () => {
    const cache = freshCache();
    mirror.wrongChecksum = true;
    const error = await rejection(installTools(config('4.1.4', '1.35.2'), ['helm'], realSeams));
    expect(error.message).toBe(
      `Checksum mismatch for helm 4.1.4: ${mirror.helmBaseUrl}/helm-v4.1.4-linux-amd64.tar.gz has SHA-256 ` +
        `${mirror.sha256[helm414]}, but ${mirror.helmBaseUrl}/helm-v4.1.4-linux-amd64.tar.gz.sha256sum expects ` +
        `${'0'.repeat(64)}. Nothing was installed.`,
    );
    expect(error.details.input).toBe('helm-download-url');
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(process.env.RUNNER_TEMP!)).toEqual([]);
    expect(readFileSync(process.env.GITHUB_PATH!, 'utf8')).toBe('');
  });

  it('a missing checksum file is refused, and nothing is cached', async () => {
    const cache = freshCache();
    mirror.missingChecksum = true;
    const error = await rejection(installTools(config('4.1.4', '1.35.2'), ['kubectl'], realSeams));
    expect(error.message).toBe(
      `Refusing to install kubectl 1.35.2 without a checksum: ${mirror.kubectlBaseUrl}/release/v1.35.2/bin/linux/amd64/kubectl.sha256 answered HTTP 404.`,
    );
    expect(error.details).toMatchObject({
      input: 'kubectl-download-url',
      hint: expect.stringContaining('kubectl-sha256'),
    });
    expect(readdirSync(cache)).toEqual([]);
  });

  it('an explicit sha256 is used instead of the checksum file, and a wrong one names its input', async () => {
    freshCache();
    mirror.missingChecksum = true;
    const wrong = await rejection(
      installTools(config('4.1.4', '1.35.2', { kubectl: 'f'.repeat(64) }), ['kubectl'], realSeams),
    );
    expect(wrong.message).toContain(`but kubectl-sha256 expects ${'f'.repeat(64)}`);
    expect(wrong.details.input).toBe('kubectl-sha256');

    const installed = await installTools(
      config('4.1.4', '1.35.2', { kubectl: mirror.sha256[kubectl1352].toUpperCase() }),
      ['kubectl'],
      realSeams,
    );
    expect(installed.kubectl.version).toBe('1.35.2');
    expect(existsSync(installed.kubectl.path)).toBe(true);
    expect(requested().filter((r) => r.includes('.sha256'))).toEqual([]);
  });

  it('a version that is not published is named in the error', async () => {
    freshCache();
    const helm = await rejection(installTools(config('4.1.9', '1.35.2'), ['helm'], realSeams));
    expect(helm.message).toBe(
      `helm 4.1.9 is not published at ${mirror.helmBaseUrl}/helm-v4.1.9-linux-amd64.tar.gz (HTTP 404).`,
    );
    expect(helm.details.input).toBe('helm-version');

    const kubectl = await rejection(installTools(config('4.1.4', '1.99'), ['kubectl'], realSeams));
    expect(kubectl.message).toContain('kubectl-version 1.99');
    expect(kubectl.details.input).toBe('kubectl-version');
  });
});
