// The one place that turns Node's idea of the runner (process.platform, process.arch) into the names the helm and
// kubectl download sites use.
import { ActionError } from '../errors.js';

export interface Platform {
  os: 'linux' | 'darwin' | 'windows';
  arch: 'amd64' | 'arm64';
  /** Suffix of executables: `.exe` on Windows. */
  exe: '' | '.exe';
  /** helm ships zip archives for Windows, tar.gz elsewhere. */
  helmArchive: 'tar.gz' | 'zip';
}

const operatingSystems: Partial<Record<NodeJS.Platform, Platform['os']>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
};

const architectures: Partial<Record<NodeJS.Architecture, Platform['arch']>> = {
  x64: 'amd64',
  arm64: 'arm64',
};

export function toolPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: NodeJS.Architecture = process.arch,
): Platform {
  const os = operatingSystems[platform];
  const downloadArch = architectures[arch];
  if (!os || !downloadArch) {
    throw new ActionError(`Cannot install helm and kubectl on a ${platform}/${arch} runner.`, {
      hint: 'This action supports Linux, macOS and Windows runners on x64 or arm64. Use one of those runners.',
    });
  }
  return {
    os,
    arch: downloadArch,
    exe: os === 'windows' ? '.exe' : '',
    helmArchive: os === 'windows' ? 'zip' : 'tar.gz',
  };
}
