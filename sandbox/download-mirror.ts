// A stand-in for get.helm.sh and dl.k8s.io on loopback, serving REAL linux-amd64 helm archives and kubectl binaries
// (from sandbox/binaries.ts) with their published checksum files and "latest"/"stable" pointers.
//
//   <helmBaseUrl>/helm-v4.1.4-linux-amd64.tar.gz(.sha256sum)        archive holds linux-amd64/helm
//   <helmBaseUrl>/helm-v4.1.4-linux-amd64.tar.gz.asc                   only with a signingKey (404 without)
//   <helmBaseUrl>/helm-v3.18.0-linux-amd64.tar.gz(.sha256sum)
//   <helmBaseUrl>/helm-v4.1.{0..3}-linux-amd64.tar.gz.sha256sum      checksum files only: enough for `X.Y` probing
//   <helmBaseUrl>/helm-latest-version                                v4.1.4
//   <kubectlBaseUrl>/release/v1.35.2/bin/linux/amd64/kubectl(.sha256)
//   <kubectlBaseUrl>/release/v1.33.0/bin/linux/amd64/kubectl(.sha256)
//   <kubectlBaseUrl>/release/stable.txt, stable-1.35.txt, stable-1.33.txt
//
// The gzip archives take seconds to build, so they are built once per machine into .cache/mirror/ and reused.
// Switches (mutable on the returned object, read per request): wrongChecksum, missingChecksum, wrongSignature, delayMs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { ensureBinaries, repoRoot } from './binaries.js';
import type { SigningKey } from './signing-key.js';
import type { TestCertificate } from './tls.js';

export interface MirrorRequest {
  method: string;
  /** Path below the server root, e.g. `/helm/helm-v4.1.4-linux-amd64.tar.gz`. */
  path: string;
  status: number;
  /** Date.now() when the request arrived and when the response was fully sent (or the socket closed). */
  start: number;
  end?: number;
}

export interface DownloadMirrorOptions {
  /** Serve HTTPS with this certificate; plain HTTP on loopback without it. */
  tls?: TestCertificate;
  /** Checksum files carry a hash that matches nothing. */
  wrongChecksum?: boolean;
  /** Checksum files answer 404. */
  missingChecksum?: boolean;
  /** Serve a detached signature (`.asc`) made with this key beside each helm archive, as get.helm.sh does. */
  signingKey?: SigningKey;
  /** Signatures are of other bytes than the archive they sit beside. */
  wrongSignature?: boolean;
  /** Wait this long before answering an archive or binary download, so concurrent downloads visibly overlap. */
  delayMs?: number;
}

export interface DownloadMirror {
  url: string;
  helmBaseUrl: string;
  kubectlBaseUrl: string;
  requests: MirrorRequest[];
  wrongChecksum: boolean;
  missingChecksum: boolean;
  wrongSignature: boolean;
  delayMs: number;
  /** SHA-256 of every served archive or binary, keyed by path (what an honest checksum file says). */
  sha256: Record<string, string>;
  close(): Promise<void>;
}

const mirrorDir = path.join(repoRoot, '.cache', 'mirror');
const helmPrefix = '/helm';
const kubectlPrefix = '/kubectl';
/** Earlier patches of 4.1 that a real helm site lists: only their checksum files exist here. */
const helmChecksumOnlyVersions = ['4.1.0', '4.1.1', '4.1.2', '4.1.3'];

interface Download {
  file: string;
  sha256: string;
}

/** Builds helm-v<version>-linux-amd64.tar.gz once; concurrent builders each write a temp file, the first one wins. */
async function helmArchive(binary: string, version: string): Promise<string> {
  const archive = path.join(mirrorDir, `helm-v${version}-linux-amd64.tar.gz`);
  if (existsSync(archive)) return archive;
  await mkdir(mirrorDir, { recursive: true });
  const staging = await mkdtemp(path.join(mirrorDir, '.build-'));
  try {
    await mkdir(path.join(staging, 'linux-amd64'));
    await copyFile(binary, path.join(staging, 'linux-amd64', 'helm'));
    const tarball = path.join(staging, 'archive.tar.gz');
    // Level 1: a third of the time of the default level; still a real gzip that `tar xz` reads.
    const tar = spawn('tar', ['-C', staging, '-cf', '-', 'linux-amd64'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => tar.on('close', resolve));
    await pipeline(tar.stdout, createGzip({ level: 1 }), createWriteStream(tarball));
    const code = await exited;
    if (code !== 0) throw new Error(`tar exited with ${code} while building ${archive}`);
    // link, unlike rename, never replaces: a concurrent builder's archive (other timestamps, other hash) that
    // another process has already hashed stays in place.
    await link(tarball, archive).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return archive;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

let catalogue: Promise<Map<string, Download>> | undefined;

/** Every downloadable file, keyed by request path; built once per process. */
function downloads(): Promise<Map<string, Download>> {
  catalogue ??= (async () => {
    const bin = await ensureBinaries();
    const files: [string, string][] = [
      [`${helmPrefix}/helm-v4.1.4-linux-amd64.tar.gz`, await helmArchive(bin.helm4, '4.1.4')],
      [`${helmPrefix}/helm-v3.18.0-linux-amd64.tar.gz`, await helmArchive(bin.helm3, '3.18.0')],
      [`${kubectlPrefix}/release/v1.35.2/bin/linux/amd64/kubectl`, bin.kubectl],
      [`${kubectlPrefix}/release/v1.33.0/bin/linux/amd64/kubectl`, bin.kubectl133],
    ];
    const entries = await Promise.all(
      files.map(async ([urlPath, file]) => [urlPath, { file, sha256: await sha256Of(file) }] as const),
    );
    return new Map(entries);
  })();
  catalogue.catch(() => (catalogue = undefined));
  return catalogue;
}

const texts: Record<string, string> = {
  [`${helmPrefix}/helm-latest-version`]: 'v4.1.4',
  [`${kubectlPrefix}/release/stable.txt`]: 'v1.35.2',
  [`${kubectlPrefix}/release/stable-1.35.txt`]: 'v1.35.2',
  [`${kubectlPrefix}/release/stable-1.33.txt`]: 'v1.33.0',
};

/** The honest content of a checksum file at `urlPath`, or undefined when no such file is published. */
function checksumFile(urlPath: string, files: Map<string, Download>): string | undefined {
  const helm = urlPath.match(/^\/helm\/(helm-v([\d.]+)-linux-amd64\.tar\.gz)\.sha256sum$/);
  if (helm) {
    const [, name, version] = helm;
    const published = files.get(`${helmPrefix}/${name}`)?.sha256;
    if (published) return `${published}  ${name}\n`;
    if (helmChecksumOnlyVersions.includes(version))
      return `${createHash('sha256').update(name).digest('hex')}  ${name}\n`;
    return undefined;
  }
  if (urlPath.endsWith('/kubectl.sha256')) return files.get(urlPath.slice(0, -'.sha256'.length))?.sha256;
  return undefined;
}

export async function startDownloadMirror(options: DownloadMirrorOptions = {}): Promise<DownloadMirror> {
  const files = await downloads();
  const requests: MirrorRequest[] = [];
  const signatures = new Map<string, Promise<string>>();
  /** The signature of the helm archive at `urlPath` (of its checksum file instead, with wrongSignature). */
  const signatureOf = (urlPath: string): Promise<string> | undefined => {
    const archive = files.get(urlPath.slice(0, -'.asc'.length));
    const key = options.signingKey;
    if (!key || !archive || !urlPath.startsWith(`${helmPrefix}/`)) return undefined;
    const signed = mirror.wrongSignature ? path.join(repoRoot, 'package.json') : archive.file;
    const id = `${signed}:${urlPath}`;
    if (!signatures.has(id)) signatures.set(id, key.sign(signed));
    return signatures.get(id);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, entry: MirrorRequest) => {
    const urlPath = entry.path;
    const head = req.method === 'HEAD';
    const send = (status: number, body: string) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
      res.end(head ? undefined : body);
    };
    if (req.method !== 'GET' && !head) return send(405, 'method not allowed\n');

    const download = files.get(urlPath);
    if (download) {
      if (mirror.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, mirror.delayMs));
      const { size } = await stat(download.file);
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      if (head) return res.end();
      return void pipeline(createReadStream(download.file), res).catch(() => res.destroy());
    }
    if (urlPath in texts) return send(200, `${texts[urlPath]}\n`);
    const signature = urlPath.endsWith('.asc') ? signatureOf(urlPath) : undefined;
    if (signature) return send(200, await signature);

    const checksum = checksumFile(urlPath, files);
    if (checksum !== undefined) {
      if (mirror.missingChecksum) return send(404, 'not found\n');
      return send(200, mirror.wrongChecksum ? checksum.replace(/^[0-9a-f]{64}/, '0'.repeat(64)) : checksum);
    }
    send(404, 'not found\n');
  };

  const listener: http.RequestListener = (req, res) => {
    const entry: MirrorRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://mirror').pathname,
      status: 0,
      start: Date.now(),
    };
    requests.push(entry);
    res.on('close', () => (entry.end = Date.now()));
    handle(req, res, entry).catch((error: Error) => {
      entry.status = 500;
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${error.message}\n`);
    });
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  const mirror: DownloadMirror = {
    url,
    helmBaseUrl: `${url}${helmPrefix}`,
    kubectlBaseUrl: `${url}${kubectlPrefix}`,
    requests,
    wrongChecksum: options.wrongChecksum ?? false,
    missingChecksum: options.missingChecksum ?? false,
    wrongSignature: options.wrongSignature ?? false,
    delayMs: options.delayMs ?? 0,
    sha256: Object.fromEntries([...files].map(([urlPath, download]) => [urlPath, download.sha256])),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return mirror;
}
