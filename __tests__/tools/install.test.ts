// installTools against the download mirror: real archives, real checksums, the real @actions/tool-cache, and a tool
// cache shared the way a self-hosted runner shares it with every job, some of them hostile.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { ToolsConfig } from '../../src/inputs/config.js';
import { realSeams, type Seams } from '../../src/seams.js';
import { installTools } from '../../src/tools/install-tools.js';
import { helmSpec, installTool } from '../../src/tools/install.js';
import { toolPlatform } from '../../src/tools/platform.js';
import { HELM_RELEASE_KEYS } from '../../src/tools/helm-release-keys.js';
import { dearmor } from '../../src/tools/signature.js';
import { type DownloadMirror, startDownloadMirror } from '../../sandbox/download-mirror.js';
import { ensureBinaries } from '../../sandbox/binaries.js';
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

let workDir: string;

beforeEach(() => {
  const run = mkdtempSync(path.join(root, 'run-'));
  process.env.RUNNER_TEMP = path.join(run, 'temp');
  process.env.RUNNER_TOOL_CACHE = sharedCache;
  // The runner creates this file before the step starts; core.addPath appends to it.
  process.env.GITHUB_PATH = path.join(run, 'github-path');
  writeFileSync(process.env.GITHUB_PATH, '');
  // The action's private folder (createWorkspace makes it 0700).
  workDir = path.join(run, 'work');
  mkdirSync(workDir, { mode: 0o700 });
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

const install = (tools: ToolsConfig, which?: ('helm' | 'kubectl')[], seams: Seams = realSeams) =>
  installTools(tools, workDir, which, seams);

/** A tool cache of its own, for tests that must start from nothing. */
function freshCache(): string {
  process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(root, 'cache-'));
  return process.env.RUNNER_TOOL_CACHE;
}

const requested = () => mirror.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const pathEntries = () => readFileSync(process.env.GITHUB_PATH!, 'utf8').split(/\r?\n/).filter(Boolean);

describe('installTools against the download mirror', () => {
  it('fresh install: both downloaded concurrently, verified, cached as published, copied into the private folder', async () => {
    mirror.delayMs = 300;
    const installed = await install(config('4.1.4', 'v1.35.2'));
    const bin = path.join(workDir, 'bin');

    // The mirror publishes no signature: the published checksum is the trust.
    expect(installed.helm).toEqual({
      path: path.join(bin, 'helm'),
      version: '4.1.4',
      major: 4,
      verifiedBy: 'published checksum',
      fromCache: false,
    });
    expect(installed.kubectl).toEqual({
      path: path.join(bin, 'kubectl'),
      version: '1.35.2',
      verifiedBy: 'published checksum',
      fromCache: false,
    });
    const genuine = await ensureBinaries();
    expect(sha256(installed.helm.path)).toBe(sha256(genuine.helm4));
    expect(sha256(installed.kubectl.path)).toBe(sha256(genuine.kubectl));
    expect((await execFileAsync(installed.helm.path, ['version', '--short'])).stdout).toMatch(/^v4\.1\.4\+/);
    expect((await execFileAsync(installed.kubectl.path, ['version', '--client'])).stdout).toContain('v1.35.2');
    expect(readdirSync(bin).sort()).toEqual(['helm', 'kubectl']);

    // The cache holds the downloads exactly as published, the helm archive, not a binary taken out of it.
    const helmEntry = path.join(sharedCache, 'helm/4.1.4/amd64');
    expect(readdirSync(helmEntry)).toEqual(['helm-v4.1.4-linux-amd64.tar.gz']);
    expect(sha256(path.join(helmEntry, 'helm-v4.1.4-linux-amd64.tar.gz'))).toBe(mirror.sha256[helm414]);
    expect(readdirSync(path.join(sharedCache, 'kubectl/1.35.2/amd64'))).toEqual(['kubectl']);

    expect(pathEntries()).toEqual([bin]);
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
    // Scratch files (the downloads) are gone.
    expect(readdirSync(process.env.RUNNER_TEMP!)).toEqual([]);
  });

  it('cache hit: no download, but the publisher is asked again and the cached download verified like a new one', async () => {
    const { result, lines } = await captureStdout(() => install(config('4.1.4', '1.35.2')));
    expect(result.helm).toMatchObject({
      path: path.join(workDir, 'bin/helm'),
      major: 4,
      verifiedBy: 'published checksum',
      fromCache: true,
    });
    expect(result.kubectl).toMatchObject({ version: '1.35.2', fromCache: true });
    expect(requested().sort()).toEqual([
      `GET ${helm414}.asc 404`,
      `GET ${helm414}.sha256sum 200`,
      `GET ${kubectl1352}.sha256 200`,
    ]);
    expect(lines).toContain(
      `helm-v4.1.4-linux-amd64.tar.gz (tool cache): SHA-256 ${mirror.sha256[helm414]} matches ${mirror.helmBaseUrl}/helm-v4.1.4-linux-amd64.tar.gz.sha256sum`,
    );
  });

  it('latest resolves through helm-latest-version and stable.txt, then uses the cache', async () => {
    const installed = await install(config('latest', 'latest'));
    expect(installed.helm.version).toBe('4.1.4');
    expect(installed.kubectl.version).toBe('1.35.2');
    expect(requested()).toEqual(
      expect.arrayContaining(['GET /helm/helm-latest-version 200', 'GET /kubectl/release/stable.txt 200']),
    );
    expect(requested()).not.toContain(`GET ${helm414} 200`);
  });

  it('helm X.Y probes checksum files up to the first 404; kubectl X.Y reads stable-X.Y.txt', async () => {
    const installed = await install(config('4.1', '1.35'));
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
    const installed = await install(config('3.18', '1.33'));
    expect(installed.helm).toMatchObject({ version: '3.18.0', major: 3 });
    expect(installed.kubectl.version).toBe('1.33.0');
    expect((await execFileAsync(installed.helm.path, ['version', '--short'])).stdout).toMatch(/^v3\.18\.0\+/);
    expect((await execFileAsync(installed.kubectl.path, ['version', '--client'])).stdout).toContain('v1.33.0');
  });

  it('which: only helm is installed, and kubectl is absent from the result', async () => {
    const installed = await install(config('4.1.4', '1.35.2'), ['helm']);
    expect(Object.keys(installed)).toEqual(['helm']);
    expect(installed.helm.major).toBe(4);
    expect(requested().filter((r) => r.includes('kubectl'))).toEqual([]);
    expect(readdirSync(path.join(workDir, 'bin'))).toEqual(['helm']);
  });

  it('a checksum mismatch is refused with a clear message, and nothing is cached, installed or put on PATH', async () => {
    const cache = freshCache();
    mirror.wrongChecksum = true;
    const error = await rejection(install(config('4.1.4', '1.35.2'), ['helm']));
    expect(error.message).toBe(
      `Checksum mismatch for helm 4.1.4: ${mirror.helmBaseUrl}/helm-v4.1.4-linux-amd64.tar.gz has SHA-256 ` +
        `${mirror.sha256[helm414]}, but ${mirror.helmBaseUrl}/helm-v4.1.4-linux-amd64.tar.gz.sha256sum expects ` +
        `${'0'.repeat(64)}. Nothing was installed.`,
    );
    expect(error.details.input).toBe('helm-download-url');
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(process.env.RUNNER_TEMP!)).toEqual([]);
    expect(readdirSync(path.join(workDir, 'bin'))).toEqual([]);
    expect(pathEntries()).toEqual([]);
  });

  it('a missing checksum file is refused, and nothing is cached', async () => {
    const cache = freshCache();
    mirror.missingChecksum = true;
    const error = await rejection(install(config('4.1.4', '1.35.2'), ['kubectl']));
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
    const wrong = await rejection(install(config('4.1.4', '1.35.2', { kubectl: 'f'.repeat(64) }), ['kubectl']));
    expect(wrong.message).toContain(`but kubectl-sha256 expects ${'f'.repeat(64)}`);
    expect(wrong.details.input).toBe('kubectl-sha256');

    const installed = await install(config('4.1.4', '1.35.2', { kubectl: mirror.sha256[kubectl1352].toUpperCase() }), [
      'kubectl',
    ]);
    expect(installed.kubectl).toMatchObject({ version: '1.35.2', verifiedBy: 'pin' });
    expect(existsSync(installed.kubectl.path)).toBe(true);
    expect(requested().filter((r) => r.includes('.sha256'))).toEqual([]);
  });

  it('a version that is not published is named in the error', async () => {
    freshCache();
    const helm = await rejection(install(config('4.1.9', '1.35.2'), ['helm']));
    expect(helm.message).toBe(
      `helm 4.1.9 is not published at ${mirror.helmBaseUrl}/helm-v4.1.9-linux-amd64.tar.gz (HTTP 404).`,
    );
    expect(helm.details.input).toBe('helm-version');

    const kubectl = await rejection(install(config('4.1.4', '1.99'), ['kubectl']));
    expect(kubectl.message).toContain('kubectl-version 1.99');
    expect(kubectl.details.input).toBe('kubectl-version');
  });
});

/**
 * A wrapper as someone sharing a self-hosted runner would plant it: it leaves a mark when run, then hands over to the
 * real binary so that a run that used it would look normal.
 */
function wrapperScript(real: string, mark: string): string {
  return `#!/bin/sh\ntouch '${mark}'\nexec '${real}' "$@"\n`;
}

/**
 * `wrapper` as the binary of a cache entry, in the layout the action's earlier versions trusted: the binary beside a
 * record vouching for it (its hash, the real download's hash, and what supposedly vouched).
 */
function forgeRecordedBinary(
  entry: string,
  tool: 'helm' | 'kubectl',
  version: string,
  wrapper: string,
  download: string,
  trust: string,
) {
  writeFileSync(path.join(entry, tool), wrapper);
  chmodSync(path.join(entry, tool), 0o755);
  const sha256 = createHash('sha256').update(wrapper).digest('hex');
  const record = { tool, version, sha256, downloadSha256: download, trust, source: 'forged' };
  writeFileSync(path.join(entry, '.portkey-azure-deploy-verified.json'), JSON.stringify(record));
}

/**
 * Plants a helm wrapper in a cache entry, in every form an attacker could: a forged archive under the archive's name,
 * and the binary with a record vouching for it in the layout the action's earlier versions trusted (the record
 * claiming signature trust, the download hash the real one, so that it also matches a helm-sha256 pin).
 */
async function plantHelmWrapper(entry: string, mark: string): Promise<void> {
  const { helm4 } = await ensureBinaries();
  const wrapper = wrapperScript(helm4, mark);
  const staging = mkdtempSync(path.join(root, 'forge-'));
  mkdirSync(path.join(staging, 'linux-amd64'));
  writeFileSync(path.join(staging, 'linux-amd64/helm'), wrapper, { mode: 0o755 });
  await execFileAsync('tar', [
    '-C',
    staging,
    '-czf',
    path.join(entry, 'helm-v4.1.4-linux-amd64.tar.gz'),
    'linux-amd64',
  ]);
  forgeRecordedBinary(entry, 'helm', '4.1.4', wrapper, mirror.sha256[helm414], 'signature');
}

describe('the tool cache certifies nothing: every use is verified against the pin or the publisher', () => {
  it('never runs a helm wrapper planted in the cache, pinned or not, whatever record vouches for it', async () => {
    const cache = freshCache();
    const pin = { helm: mirror.sha256[helm414] };
    await install(config('4.1.4', '1.35.2', pin), ['helm']);
    const entry = path.join(cache, 'helm/4.1.4/amd64');
    const { helm4 } = await ensureBinaries();

    for (const [name, tools] of [
      ['helm-sha256 pinned', config('4.1.4', '1.35.2', pin)],
      ['unpinned, record claiming signature trust', config('4.1.4', '1.35.2')],
    ] as const) {
      const mark = path.join(root, `helm-wrapper-ran-${name.split(' ')[0]}`);
      await plantHelmWrapper(entry, mark);
      mirror.requests.length = 0;
      workDir = mkdtempSync(path.join(root, 'work-'));
      const { result, lines } = await captureStdout(() => install(tools, ['helm']));

      await execFileAsync(result.helm.path, ['version', '--short']);
      expect({ name, ran: existsSync(mark) }).toEqual({ name, ran: false });
      expect(sha256(result.helm.path)).toBe(sha256(helm4));
      expect(result.helm.fromCache).toBe(false);
      expect(lines.join('\n')).toMatch(
        /^::warning::The helm 4\.1\.4 download in the tool cache \(.*\) has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} that .* gives: downloading it again\./m,
      );
      // Downloaded again, verified, and the forged archive replaced by the real one.
      expect(requested()).toContain(`GET ${helm414} 200`);
      expect(sha256(path.join(entry, 'helm-v4.1.4-linux-amd64.tar.gz'))).toBe(mirror.sha256[helm414]);
    }
  });

  it("never runs a kubectl wrapper planted in the cache with a record, kubectl-sha256 pinned to the real binary's hash", async () => {
    const cache = freshCache();
    const pin = { kubectl: mirror.sha256[kubectl1352] };
    await install(config('4.1.4', '1.35.2', pin), ['kubectl']);
    const entry = path.join(cache, 'kubectl/1.35.2/amd64');
    const { kubectl } = await ensureBinaries();
    const mark = path.join(root, 'kubectl-wrapper-ran');
    const wrapper = wrapperScript(kubectl, mark);
    forgeRecordedBinary(entry, 'kubectl', '1.35.2', wrapper, pin.kubectl, 'pin');
    mirror.requests.length = 0;

    const installed = await install(config('4.1.4', '1.35.2', pin), ['kubectl']);
    await execFileAsync(installed.kubectl.path, ['version', '--client']);
    expect(existsSync(mark)).toBe(false);
    expect(sha256(installed.kubectl.path)).toBe(pin.kubectl);
    expect(installed.kubectl).toMatchObject({ verifiedBy: 'pin', fromCache: false });
    expect(requested()).toEqual([`GET ${kubectl1352} 200`]);
    expect(sha256(path.join(entry, 'kubectl'))).toBe(pin.kubectl);
  });

  it('a pin that differs from the cached download is checked against a fresh download, and names its input', async () => {
    freshCache();
    await install(config('4.1.4', '1.35.2'), ['kubectl']);
    mirror.requests.length = 0;
    const error = await rejection(install(config('4.1.4', '1.35.2', { kubectl: 'e'.repeat(64) }), ['kubectl']));
    expect(error.message).toContain(`but kubectl-sha256 expects ${'e'.repeat(64)}`);
    expect(error.details.input).toBe('kubectl-sha256');
    expect(requested()).toEqual([`GET ${kubectl1352} 200`]);
    expect(readdirSync(path.join(workDir, 'bin'))).toEqual([]);
  });
});

describe('no tar, gzip or gpgv from PATH', () => {
  /** Programs planted ahead of the real ones in PATH: each leaves a mark; gpgv calls every signature good. */
  function plantTools(fingerprint: string): { dir: string; marks: string[] } {
    const dir = mkdtempSync(path.join(root, 'planted-'));
    const marks = ['tar', 'gzip', 'gpgv', 'unzip'].map((tool) => {
      const mark = path.join(dir, `${tool}-ran`);
      const says =
        tool === 'gpgv'
          ? `echo '[GNUPG:] GOODSIG 0000000000000000 x'\necho '[GNUPG:] VALIDSIG ${fingerprint} x'\n`
          : '';
      writeFileSync(path.join(dir, tool), `#!/bin/sh\ntouch '${mark}'\n${says}exit 0\n`, { mode: 0o755 });
      return mark;
    });
    process.env.PATH = `${dir}${path.delimiter}${process.env.PATH}`;
    return { dir, marks };
  }

  /** realSeams, recording every program started. */
  function recordingSeams(started: string[]): Seams {
    return {
      ...realSeams,
      run: (file, args, options) => (started.push(path.basename(file)), realSeams.run(file, args, options)),
    };
  }

  it('unpacks helm in process: a planted tar or gzip neither runs nor swaps the binary', async () => {
    freshCache();
    const { marks } = plantTools('0'.repeat(40));
    const started: string[] = [];
    const installed = await install(config('4.1.4', '1.35.2'), undefined, recordingSeams(started));
    expect(marks.filter((mark) => existsSync(mark))).toEqual([]);
    expect(sha256(installed.helm.path)).toBe(sha256((await ensureBinaries()).helm4));
    // The only program the tools stage starts is the installed helm, asked for its version.
    expect(started).toEqual(['helm']);
  });

  it('checks the signature in process: a planted gpgv that calls every signature good changes nothing', async () => {
    const signer = await createSigningKey();
    const signing = await startDownloadMirror({ signingKey: signer, wrongSignature: true });
    try {
      const cache = freshCache();
      const { marks } = plantTools(signer.fingerprint);
      const spec = { ...helmSpec, releaseKeys: signer.publicKey };
      const request = { version: '4.1.4', downloadBaseUrl: signing.helmBaseUrl, sha256: '' };
      const error = await rejection(installTool(spec, request, toolPlatform(), workDir, realSeams));
      expect(error.message).toContain('does not verify against the release keys this action ships');
      expect(marks.filter((mark) => existsSync(mark))).toEqual([]);
      expect(readdirSync(cache)).toEqual([]);
      expect(readdirSync(workDir)).toEqual([]);
    } finally {
      await signing.close();
      await signer.dispose();
    }
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
  const installHelm = (keys: string, site = signing, sha = '') =>
    installTool({ ...helmSpec, releaseKeys: keys }, helmFrom(site, sha), toolPlatform(), workDir, realSeams);

  it("ships helm's ten release keys as a keyring gpg and OpenPGP.js read", async () => {
    const keyring = path.join(root, 'helm-release-keys.gpg');
    writeFileSync(keyring, dearmor(HELM_RELEASE_KEYS));
    const { stdout } = await execFileAsync('gpg', ['--show-keys', '--with-colons', keyring]);
    const primaries = stdout.match(/^pub:.*\nfpr:+([0-9A-F]{40}):/gm)?.map((entry) => entry.slice(-41, -1)) ?? [];
    expect(primaries).toHaveLength(10);
    // Matthew Farina's, which signed the helm 3 releases, and the newest (2026).
    expect(primaries).toEqual(
      expect.arrayContaining(['672C657BE06B4B30969C4A57461449C25E36B98E', 'BF888333D96A1C18E2682AAED79D67C9EC016739']),
    );
    const openpgp = await import('openpgp');
    const keys = await openpgp.readKeys({ binaryKeys: dearmor(HELM_RELEASE_KEYS) });
    expect(keys.map((key) => key.getFingerprint().toUpperCase()).sort()).toEqual([...primaries].sort());
  });

  it('is verified in process against the release keys, becomes the trust, and is checked again from the cache', async () => {
    freshCache();
    const { result, lines } = await captureStdout(() => installHelm(signer.publicKey));
    expect(result).toMatchObject({ path: path.join(workDir, 'helm'), verifiedBy: 'signature', fromCache: false });
    expect(lines.join('\n')).toContain(`made by key ${signer.fingerprint}`);
    signing.requests.length = 0;
    rmSync(result.path);
    const again = await captureStdout(() => installHelm(signer.publicKey));
    expect(again.result).toMatchObject({ verifiedBy: 'signature', fromCache: true });
    expect(signing.requests.map((r) => r.path).sort()).toEqual([`${helm414}.asc`, `${helm414}.sha256sum`]);
  });

  it('verifies an RSA release key too (most of helm’s are RSA)', async () => {
    const rsa = await createSigningKey('RSA Release Signer <rsa@sandbox.invalid>', 'rsa3072');
    const site = await startDownloadMirror({ signingKey: rsa });
    try {
      freshCache();
      const { result, lines } = await captureStdout(() => installHelm(rsa.publicKey, site));
      expect(result.verifiedBy).toBe('signature');
      expect(lines.join('\n')).toContain(`made by key ${rsa.fingerprint}`);
    } finally {
      await site.close();
      await rsa.dispose();
    }
  }, 120_000);

  it("refuses an archive signed by a key that is not one of helm's, and a signature of other bytes", async () => {
    const cache = freshCache();
    const foreign = await rejection(installHelm(HELM_RELEASE_KEYS));
    expect(foreign.message).toMatch(
      /^Refusing to install helm 4\.1\.4: its signature \S+\.tar\.gz\.asc does not verify against the release keys this action ships \(.*\)\. Nothing was installed\.$/,
    );
    expect(foreign.details.input).toBe('helm-download-url');

    signing.wrongSignature = true;
    try {
      const forged = await rejection(installHelm(signer.publicKey));
      expect(forged.message).toContain('does not verify against the release keys this action ships');
    } finally {
      signing.wrongSignature = false;
    }
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('a pin needs no signature', async () => {
    freshCache();
    signing.requests.length = 0;
    const pinned = await installHelm(HELM_RELEASE_KEYS, signing, signing.sha256[helm414]);
    expect(pinned.verifiedBy).toBe('pin');
    expect(signing.requests.map((r) => r.path)).toEqual([helm414]);
  });
});
