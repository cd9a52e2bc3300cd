// installTools against the download mirror: real archives, real checksums, the real @actions/tool-cache.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { ToolsConfig } from '../../src/inputs/config.js';
import { realSeams } from '../../src/seams.js';
import { installTools } from '../../src/tools/install-tools.js';
import { helmSpec, installTool } from '../../src/tools/install.js';
import { toolPlatform } from '../../src/tools/platform.js';
import { HELM_RELEASE_KEYS } from '../../src/tools/helm-release-keys.js';
import { dearmor } from '../../src/tools/signature.js';
import { RECORD_FILE } from '../../src/tools/verification.js';
import { type DownloadMirror, startDownloadMirror } from '../../sandbox/download-mirror.js';
import { createSigningKey, type SigningKey } from '../../sandbox/signing-key.js';
import { captureStdout } from '../inputs/fixture.js';
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

    // The mirror publishes no signature: the published checksum is the trust.
    expect(installed.helm).toEqual({
      path: path.join(sharedCache, 'helm/4.1.4/amd64/helm'),
      version: '4.1.4',
      major: 4,
      verifiedBy: 'published checksum',
      fromCache: false,
    });
    expect(installed.kubectl).toEqual({
      path: path.join(sharedCache, 'kubectl/1.35.2/amd64/kubectl'),
      version: '1.35.2',
      verifiedBy: 'published checksum',
      fromCache: false,
    });
    expect((await execFileAsync(installed.helm.path, ['version', '--short'])).stdout).toMatch(/^v4\.1\.4\+/);
    expect((await execFileAsync(installed.kubectl.path, ['version', '--client'])).stdout).toContain('v1.35.2');

    expect(readFileSync(process.env.GITHUB_PATH!, 'utf8').split(/\r?\n/).filter(Boolean).sort()).toEqual([
      path.join(sharedCache, 'helm/4.1.4/amd64'),
      path.join(sharedCache, 'kubectl/1.35.2/amd64'),
    ]);
    expect(requested().sort()).toEqual([
      `GET ${helm414} 200`,
      `GET ${helm414}.asc 404`,
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

  it('cache hit: a pinned version costs no request at all, and says how it was verified', async () => {
    const started = Date.now();
    const installed = await installTools(config('4.1.4', '1.35.2'), undefined, realSeams);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(mirror.requests).toEqual([]);
    expect(installed.helm).toMatchObject({
      path: path.join(sharedCache, 'helm/4.1.4/amd64/helm'),
      major: 4,
      verifiedBy: 'published checksum',
      fromCache: true,
    });
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

/**
 * A wrapper planted over a cached binary, as someone sharing a self-hosted runner would plant it: it leaves a mark
 * when run, then hands over to the real binary so that a run that used it would look normal.
 */
function plantWrapper(binary: string): string {
  const mark = path.join(root, `ran-${path.basename(binary)}-${Date.now()}`);
  renameSync(binary, `${binary}.real`);
  writeFileSync(binary, `#!/bin/sh\ntouch '${mark}'\nexec '${binary}.real' "$@"\n`, { mode: 0o755 });
  return mark;
}

describe('every use of a cached binary is verified', () => {
  it('refuses a binary changed after it was verified, pinned or not, and never runs it', async () => {
    const cache = freshCache();
    const pins = { helm: mirror.sha256[helm414], kubectl: mirror.sha256[kubectl1352] };
    await installTools(config('4.1.4', '1.35.2', pins), undefined, realSeams);
    const helm = path.join(cache, 'helm/4.1.4/amd64/helm');
    const mark = plantWrapper(helm);
    mirror.requests.length = 0;
    writeFileSync(process.env.GITHUB_PATH!, '');

    const pinned = await rejection(installTools(config('4.1.4', '1.35.2', pins), undefined, realSeams));
    expect(pinned.message).toMatch(
      new RegExp(
        `^The cached helm 4\\.1\\.4 at ${helm} has SHA-256 [0-9a-f]{64}, but it had [0-9a-f]{64} when this action verified it \\(pin: helm-sha256\\)\\. It was changed after it was cached, and was not run\\.$`,
      ),
    );
    expect(pinned.details).toMatchObject({
      input: 'helm-sha256',
      hint: expect.stringContaining(`delete ${path.dirname(helm)}`),
    });
    const unpinned = await rejection(installTools(config('4.1.4', '1.35.2'), ['helm'], realSeams));
    expect(unpinned.details.input).toBe('helm-version');
    expect(existsSync(mark)).toBe(false);
    expect(mirror.requests).toEqual([]);
    expect(readFileSync(process.env.GITHUB_PATH!, 'utf8')).not.toContain('helm/4.1.4');
  });

  it('downloads again over an entry this action has no record of verifying, so a planted one never runs', async () => {
    const cache = freshCache();
    await installTools(config('4.1.4', '1.35.2'), ['kubectl'], realSeams);
    const kubectl = path.join(cache, 'kubectl/1.35.2/amd64/kubectl');
    const mark = plantWrapper(kubectl);
    rmSync(path.join(path.dirname(kubectl), RECORD_FILE));
    mirror.requests.length = 0;

    const installed = await installTools(config('4.1.4', '1.35.2'), ['kubectl'], realSeams);
    expect(installed.kubectl).toMatchObject({ path: kubectl, fromCache: false, verifiedBy: 'published checksum' });
    expect(requested()).toEqual([`GET ${kubectl1352} 200`, `GET ${kubectl1352}.sha256 200`]);
    await execFileAsync(kubectl, ['version', '--client']);
    expect(existsSync(mark)).toBe(false);
  });

  it('downloads again when the pin names another download than the one the entry was verified from', async () => {
    freshCache();
    await installTools(config('4.1.4', '1.35.2'), ['kubectl'], realSeams);
    mirror.requests.length = 0;
    const error = await rejection(
      installTools(config('4.1.4', '1.35.2', { kubectl: 'e'.repeat(64) }), ['kubectl'], realSeams),
    );
    expect(error.message).toContain(`but kubectl-sha256 expects ${'e'.repeat(64)}`);
    expect(requested()).toEqual([`GET ${kubectl1352} 200`]);
  });

  it('keeps the record of what vouched for the download beside the binary', async () => {
    const cache = freshCache();
    await installTools(config('4.1.4', '1.35.2'), ['helm'], realSeams);
    const folder = path.join(cache, 'helm/4.1.4/amd64');
    const record = JSON.parse(readFileSync(path.join(folder, RECORD_FILE), 'utf8')) as Record<string, string>;
    const { stdout } = await execFileAsync('sha256sum', [path.join(folder, 'helm')]);
    expect(record).toEqual({
      tool: 'helm',
      version: '4.1.4',
      sha256: stdout.split(' ')[0],
      downloadSha256: mirror.sha256[helm414],
      trust: 'published checksum',
      source: `${mirror.helmBaseUrl}/helm-v4.1.4-linux-amd64.tar.gz.sha256sum`,
    });
  });
});

describe("helm's signature", () => {
  let signer: SigningKey;
  let signing: DownloadMirror;
  beforeAll(async () => {
    signer = await createSigningKey();
    signing = await startDownloadMirror({ signingKey: signer });
  }, 120_000);
  afterAll(async () => {
    await signing.close();
    await signer.dispose();
  });
  const helmFrom = (site: DownloadMirror, sha256 = '') => ({
    version: '4.1.4',
    downloadBaseUrl: site.helmBaseUrl,
    sha256,
  });

  it("ships helm's ten release keys as a keyring gpg reads", async () => {
    const keyring = path.join(root, 'helm-release-keys.gpg');
    writeFileSync(keyring, dearmor(HELM_RELEASE_KEYS));
    const { stdout } = await execFileAsync('gpg', ['--show-keys', '--with-colons', keyring]);
    const primaries = stdout.match(/^pub:.*\nfpr:+([0-9A-F]{40}):/gm)?.map((entry) => entry.slice(-41, -1)) ?? [];
    expect(primaries).toHaveLength(10);
    // Matthew Farina's, which signed the helm 3 releases, and the newest (2026).
    expect(primaries).toEqual(
      expect.arrayContaining(['672C657BE06B4B30969C4A57461449C25E36B98E', 'BF888333D96A1C18E2682AAED79D67C9EC016739']),
    );
  });

  it('is verified with gpgv against the release keys, and becomes the trust of the install', async () => {
    const cache = freshCache();
    const spec = { ...helmSpec, releaseKeys: signer.publicKey };
    const { result, lines } = await captureStdout(() =>
      installTool(spec, helmFrom(signing), toolPlatform(), realSeams),
    );
    expect(result).toMatchObject({ path: path.join(cache, 'helm/4.1.4/amd64/helm'), verifiedBy: 'signature' });
    expect(lines.join('\n')).toContain(`made by key ${signer.fingerprint}`);
    const again = await captureStdout(() => installTool(spec, helmFrom(signing), toolPlatform(), realSeams));
    expect(again.result).toMatchObject({ verifiedBy: 'signature', fromCache: true });
  });

  it("refuses an archive signed by a key that is not one of helm's, and a signature of other bytes", async () => {
    const cache = freshCache();
    const foreign = await rejection(installTool(helmSpec, helmFrom(signing), toolPlatform(), realSeams));
    expect(foreign.message).toMatch(
      /^Refusing to install helm 4\.1\.4: its signature \S+\.tar\.gz\.asc does not verify against the release keys this action ships \(.*\)\. Nothing was installed\.$/,
    );
    expect(foreign.details.input).toBe('helm-download-url');

    signing.wrongSignature = true;
    try {
      const spec = { ...helmSpec, releaseKeys: signer.publicKey };
      const forged = await rejection(installTool(spec, helmFrom(signing), toolPlatform(), realSeams));
      expect(forged.message).toContain('does not verify against the release keys this action ships');
    } finally {
      signing.wrongSignature = false;
    }
    expect(readdirSync(cache)).toEqual([]);
  });

  it('is skipped, saying so, where gpgv is missing; a pin needs no signature', async () => {
    freshCache();
    const noGpgv: typeof realSeams = {
      ...realSeams,
      run: (file, args, options) =>
        file === 'gpgv'
          ? Promise.reject(new Error('Could not run gpgv: spawn gpgv ENOENT'))
          : realSeams.run(file, args, options),
    };
    const spec = { ...helmSpec, releaseKeys: signer.publicKey };
    const { result, lines } = await captureStdout(() => installTool(spec, helmFrom(signing), toolPlatform(), noGpgv));
    expect(result.verifiedBy).toBe('published checksum');
    expect(lines.join('\n')).toContain('signature not checked (gpgv is not installed on this runner)');

    freshCache();
    signing.requests.length = 0;
    const pinned = await captureStdout(() =>
      installTool(helmSpec, helmFrom(signing, signing.sha256[helm414]), toolPlatform(), realSeams),
    );
    expect(pinned.result.verifiedBy).toBe('pin');
    expect(signing.requests.map((r) => r.path)).toEqual([helm414]);
  });
});
