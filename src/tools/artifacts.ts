// Where helm and kubectl live on their download sites (and on mirrors laid out like them).
import type { Platform } from './platform.js';

export interface Artifact {
  /** What is downloaded: the helm archive or the kubectl binary. */
  url: string;
  /** The checksum file published next to it. */
  checksumUrl: string;
  /** The detached OpenPGP signature published next to it, where the publisher signs (helm). */
  signatureUrl?: string;
  fileName: string;
}

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * `<base>/helm-vX.Y.Z-<os>-<arch>.tar.gz` (zip on Windows) holding `<os>-<arch>/helm`, checksum `.sha256sum`,
 * signature `.asc`.
 */
export function helmArtifact(base: string, version: string, platform: Platform): Artifact {
  const fileName = `helm-v${version}-${platform.os}-${platform.arch}.${platform.helmArchive}`;
  const url = `${withoutTrailingSlash(base)}/${fileName}`;
  return { url, checksumUrl: `${url}.sha256sum`, signatureUrl: `${url}.asc`, fileName };
}

/** The binary inside the helm archive: `linux-amd64/helm`, `windows-amd64/helm.exe`. */
export function helmArchiveMember(platform: Platform): string {
  return `${platform.os}-${platform.arch}/helm${platform.exe}`;
}

/** `<base>/release/vX.Y.Z/bin/<os>/<arch>/kubectl` (`kubectl.exe` on Windows), checksum `.sha256`. */
export function kubectlArtifact(base: string, version: string, platform: Platform): Artifact {
  const fileName = `kubectl${platform.exe}`;
  const url = `${withoutTrailingSlash(base)}/release/v${version}/bin/${platform.os}/${platform.arch}/${fileName}`;
  return { url, checksumUrl: `${url}.sha256`, fileName };
}
