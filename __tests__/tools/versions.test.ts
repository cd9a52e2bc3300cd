// Pure decisions of the tools stage: platform names, download layouts, version parsing and resolution (fake HTTP).
import { describe, expect, it } from '@jest/globals';
import type { ToolRequest } from '../../src/inputs/config.js';
import { ActionError } from '../../src/errors.js';
import type { HttpRequest, Seams } from '../../src/seams.js';
import { helmArtifact, kubectlArtifact } from '../../src/tools/artifacts.js';
import { parseChecksumFile } from '../../src/tools/checksum.js';
import { toolPlatform } from '../../src/tools/platform.js';
import {
  assertSupportedHelm,
  detectHelmMajor,
  parseHelmMajor,
  parsePublishedVersion,
  parseVersionRequest,
  resolveHelmVersion,
  resolveKubectlVersion,
} from '../../src/tools/versions.js';
import { rejection } from './rejection.js';

const linux = toolPlatform('linux', 'x64');

/** Fake seams whose HTTP answers from a table of URL → [status, body] (404 otherwise) and records every request. */
function fakeHttp(table: Record<string, [number, string]>) {
  const requests: HttpRequest[] = [];
  const seams = {
    http: async (request: HttpRequest) => {
      requests.push(request);
      const [status, body] = table[request.url] ?? [404, 'not found'];
      return { status, headers: {}, body };
    },
  } as unknown as Seams;
  return { seams, requests };
}

const request = (version: string, downloadBaseUrl: string): ToolRequest => ({ version, downloadBaseUrl, sha256: '' });

describe('toolPlatform', () => {
  it.each<[NodeJS.Platform, NodeJS.Architecture, ReturnType<typeof toolPlatform>]>([
    ['linux', 'x64', { os: 'linux', arch: 'amd64', exe: '', helmArchive: 'tar.gz' }],
    ['linux', 'arm64', { os: 'linux', arch: 'arm64', exe: '', helmArchive: 'tar.gz' }],
    ['darwin', 'x64', { os: 'darwin', arch: 'amd64', exe: '', helmArchive: 'tar.gz' }],
    ['darwin', 'arm64', { os: 'darwin', arch: 'arm64', exe: '', helmArchive: 'tar.gz' }],
    ['win32', 'x64', { os: 'windows', arch: 'amd64', exe: '.exe', helmArchive: 'zip' }],
    ['win32', 'arm64', { os: 'windows', arch: 'arm64', exe: '.exe', helmArchive: 'zip' }],
  ])('maps %s/%s', (platform, arch, expected) => {
    expect(toolPlatform(platform, arch)).toEqual(expected);
  });

  it.each<[NodeJS.Platform, NodeJS.Architecture]>([
    ['freebsd', 'x64'],
    ['linux', 'ia32'],
    ['linux', 's390x'],
  ])('refuses %s/%s with the platform named', (platform, arch) => {
    expect(() => toolPlatform(platform, arch)).toThrow(
      `Cannot install helm and kubectl on a ${platform}/${arch} runner`,
    );
  });
});

describe('download layouts', () => {
  it('helm: tar.gz with .sha256sum and .asc, zip on Windows; trailing slashes on the base are ignored', () => {
    expect(helmArtifact('https://get.helm.sh/', '4.1.4', linux)).toEqual({
      url: 'https://get.helm.sh/helm-v4.1.4-linux-amd64.tar.gz',
      checksumUrl: 'https://get.helm.sh/helm-v4.1.4-linux-amd64.tar.gz.sha256sum',
      signatureUrl: 'https://get.helm.sh/helm-v4.1.4-linux-amd64.tar.gz.asc',
      fileName: 'helm-v4.1.4-linux-amd64.tar.gz',
    });
    expect(helmArtifact('https://get.helm.sh', '3.18.0', toolPlatform('win32', 'arm64')).url).toBe(
      'https://get.helm.sh/helm-v3.18.0-windows-arm64.zip',
    );
  });

  it('kubectl: release/vX.Y.Z/bin/<os>/<arch>/kubectl(.exe) with .sha256', () => {
    expect(kubectlArtifact('https://dl.k8s.io', '1.35.2', toolPlatform('darwin', 'arm64'))).toEqual({
      url: 'https://dl.k8s.io/release/v1.35.2/bin/darwin/arm64/kubectl',
      checksumUrl: 'https://dl.k8s.io/release/v1.35.2/bin/darwin/arm64/kubectl.sha256',
      fileName: 'kubectl',
    });
    expect(kubectlArtifact('https://dl.k8s.io', '1.35.2', toolPlatform('win32', 'x64')).url).toBe(
      'https://dl.k8s.io/release/v1.35.2/bin/windows/amd64/kubectl.exe',
    );
  });
});

describe('parseVersionRequest', () => {
  it.each([
    ['4.1.4', { kind: 'exact', version: '4.1.4' }],
    ['v4.1.4', { kind: 'exact', version: '4.1.4' }],
    [' 3.18.0 ', { kind: 'exact', version: '3.18.0' }],
    ['4.0.0-rc.1', { kind: 'exact', version: '4.0.0-rc.1' }],
    ['4.1', { kind: 'minor', minor: '4.1' }],
    ['v1.35', { kind: 'minor', minor: '1.35' }],
    ['latest', { kind: 'latest' }],
    ['Latest', { kind: 'latest' }],
  ])('%s', (raw, expected) => {
    expect(parseVersionRequest(raw, 'helm-version')).toEqual(expected);
  });

  it.each(['', '4', 'four', '4.1.x', '>=4.1', 'stable'])('refuses %j naming the input', (raw) => {
    let error: unknown;
    try {
      parseVersionRequest(raw, 'kubectl-version');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toContain('kubectl-version');
    expect((error as ActionError).details.input).toBe('kubectl-version');
  });
});

describe('published files', () => {
  it('reads versions from helm-latest-version and stable.txt', () => {
    expect(parsePublishedVersion('v4.1.4\n')).toBe('4.1.4');
    expect(parsePublishedVersion('v1.35.2')).toBe('1.35.2');
    expect(parsePublishedVersion('<html>oops</html>')).toBeUndefined();
  });

  it('reads helm and kubectl checksum files', () => {
    const hash = 'ab'.repeat(32);
    expect(parseChecksumFile(`${hash}  helm-v4.1.4-linux-amd64.tar.gz\n`)).toBe(hash);
    expect(parseChecksumFile(hash.toUpperCase())).toBe(hash);
    expect(parseChecksumFile('not found')).toBeUndefined();
    expect(parseChecksumFile('')).toBeUndefined();
  });

  it('reads the helm major from `helm version --template {{.Version}}`', () => {
    expect(parseHelmMajor('v4.1.4')).toBe(4);
    expect(parseHelmMajor('v3.18.0\n')).toBe(3);
    expect(parseHelmMajor('v2.17.0')).toBeUndefined();
    expect(parseHelmMajor('Error: unknown flag')).toBeUndefined();
  });

  it('accepts Helm 3 and 4 only', () => {
    expect(assertSupportedHelm('3.18.0')).toBe(3);
    expect(assertSupportedHelm('4.1.4')).toBe(4);
    expect(() => assertSupportedHelm('2.17.0')).toThrow('helm 2.17.0 is not supported');
  });
});

describe('resolveHelmVersion', () => {
  const base = 'https://mirror.test/helm';
  const sum = (version: string) => `${base}/helm-v${version}-linux-amd64.tar.gz.sha256sum`;

  it('an exact version needs no request', async () => {
    const { seams, requests } = fakeHttp({});
    await expect(resolveHelmVersion(request('v3.18.0', base), linux, seams)).resolves.toBe('3.18.0');
    expect(requests).toEqual([]);
  });

  it('X.Y probes the checksum files of successive patches until the first 404', async () => {
    const { seams, requests } = fakeHttp({
      [sum('4.1.0')]: [200, ''],
      [sum('4.1.1')]: [200, ''],
      [sum('4.1.2')]: [200, ''],
    });
    await expect(resolveHelmVersion(request('4.1', base), linux, seams)).resolves.toBe('4.1.2');
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['HEAD', sum('4.1.0')],
      ['HEAD', sum('4.1.1')],
      ['HEAD', sum('4.1.2')],
      ['HEAD', sum('4.1.3')],
    ]);
  });

  it('X.Y with no .0 release is an error naming helm-version', async () => {
    const { seams } = fakeHttp({});
    const error = await rejection(resolveHelmVersion(request('4.9', base), linux, seams));
    expect(error.message).toBe('helm-version 4.9: no helm 4.9.0 is published at https://mirror.test/helm.');
    expect(error.details.input).toBe('helm-version');
  });

  it('X.Y stops on a server error instead of guessing', async () => {
    const { seams } = fakeHttp({ [sum('4.1.0')]: [200, ''], [sum('4.1.1')]: [503, 'busy'] });
    const error = await rejection(resolveHelmVersion(request('4.1', base), linux, seams));
    expect(error.message).toContain(`${sum('4.1.1')} answered HTTP 503`);
  });

  it('latest reads helm-latest-version', async () => {
    const { seams, requests } = fakeHttp({ [`${base}/helm-latest-version`]: [200, 'v4.1.4\n'] });
    await expect(resolveHelmVersion(request('latest', `${base}/`), linux, seams)).resolves.toBe('4.1.4');
    expect(requests.map((r) => r.url)).toEqual([`${base}/helm-latest-version`]);
  });

  it('latest that cannot be read is an error, never a fallback', async () => {
    const { seams } = fakeHttp({});
    const error = await rejection(resolveHelmVersion(request('latest', base), linux, seams));
    expect(error.message).toBe(`Could not resolve helm-version latest: ${base}/helm-latest-version answered HTTP 404.`);
    expect(error.details.input).toBe('helm-version');
  });

  it('an unreachable site is an error naming the input', async () => {
    const seams = {
      http: async () => {
        throw new Error('getaddrinfo ENOTFOUND mirror.test');
      },
    } as unknown as Seams;
    const error = await rejection(resolveHelmVersion(request('latest', base), linux, seams));
    expect(error.message).toContain('ENOTFOUND');
    expect(error.details.input).toBe('helm-version');
  });

  it('refuses Helm 2 even when a site publishes it', async () => {
    const { seams } = fakeHttp({ [`${base}/helm-latest-version`]: [200, 'v2.17.0'] });
    await expect(resolveHelmVersion(request('latest', base), linux, seams)).rejects.toThrow(
      'helm 2.17.0 is not supported',
    );
  });
});

describe('resolveKubectlVersion', () => {
  const base = 'https://mirror.test/k8s';

  it('latest reads release/stable.txt; X.Y reads release/stable-X.Y.txt', async () => {
    const { seams, requests } = fakeHttp({
      [`${base}/release/stable.txt`]: [200, 'v1.35.2'],
      [`${base}/release/stable-1.33.txt`]: [200, 'v1.33.7'],
    });
    await expect(resolveKubectlVersion(request('latest', base), seams)).resolves.toBe('1.35.2');
    await expect(resolveKubectlVersion(request('1.33', base), seams)).resolves.toBe('1.33.7');
    await expect(resolveKubectlVersion(request('v1.34.1', base), seams)).resolves.toBe('1.34.1');
    expect(requests.map((r) => r.url)).toEqual([`${base}/release/stable.txt`, `${base}/release/stable-1.33.txt`]);
  });

  it('an unknown minor is an error naming kubectl-version', async () => {
    const { seams } = fakeHttp({});
    const error = await rejection(resolveKubectlVersion(request('1.99', base), seams));
    expect(error.message).toBe(
      `Could not resolve kubectl-version 1.99: ${base}/release/stable-1.99.txt answered HTTP 404.`,
    );
    expect(error.details.input).toBe('kubectl-version');
  });

  it('a stable file that is not a version is refused', async () => {
    const { seams } = fakeHttp({ [`${base}/release/stable.txt`]: [200, '<html>captive portal</html>'] });
    await expect(resolveKubectlVersion(request('latest', base), seams)).rejects.toThrow(
      'answered "<html>captive portal</html>"',
    );
  });
});

describe('detectHelmMajor', () => {
  it('runs helm version through seams.run', async () => {
    const calls: string[][] = [];
    const seams = {
      run: async (file: string, args: string[]) => {
        calls.push([file, ...args]);
        return { exitCode: 0, stdout: 'v3.18.0', stderr: '' };
      },
    } as unknown as Seams;
    await expect(detectHelmMajor('/cache/helm', seams)).resolves.toBe(3);
    expect(calls).toEqual([['/cache/helm', 'version', '--template', '{{.Version}}']]);
  });

  it('a helm that cannot run is an error with its own message', async () => {
    const seams = {
      run: async () => ({ exitCode: 126, stdout: '', stderr: 'exec format error' }),
    } as unknown as Seams;
    await expect(detectHelmMajor('/cache/helm', seams)).rejects.toThrow(/exit 126\): exec format error/);
  });
});
