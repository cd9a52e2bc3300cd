// The one reader of the files inputs name (`values-files`, a `kubeconfig` path, a local `chart` folder). A pull
// request chooses what those paths hold: a committed symbolic link to a runner file (`/etc/shadow`, another job's
// kubeconfig) would have its content merged, printed by `render` and stored in the release. So a path is read only
// when its real path, every link followed, lies inside the root it names: the workspace (GITHUB_WORKSPACE, the
// checked-out repository; the working directory outside a runner) or the job's RUNNER_TEMP, where earlier steps of
// the same job write generated files. A link in the workspace that leads into RUNNER_TEMP is refused too: that is
// where other actions keep their credentials. Only regular files, read once with a cap on their size, so that
// `/dev/zero` or a FIFO can neither grow memory nor hang the run.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import * as path from 'node:path';
import { InvalidInput } from './scalars.js';

interface Root {
  /** As the environment names it, and with its own links resolved. */
  dir: string;
  real: string;
  /** How errors name it: `the workspace /home/runner/work/app/app (GITHUB_WORKSPACE)`. */
  name: string;
}

export interface ChartFolderLimits {
  maxFiles: number;
  maxBytes: number;
}

export const mebibytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** A file larger than its reader allows: `bytes` tells how large, for a caller that explains its own limit. */
export class FileTooLarge extends InvalidInput {
  constructor(
    readonly bytes: number,
    maxBytes: number,
  ) {
    super(`it is ${mebibytes(bytes)}, more than the ${mebibytes(maxBytes)} allowed.`);
  }
}

const inside = (dir: string, file: string) => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file.';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied.';
  if (code === 'ELOOP') return 'it became a symbolic link while being read.';
  return `${(error as Error).message}.`;
}

const fail = (message: string): never => {
  throw new InvalidInput(message);
};

/** Where `/proc` tells what an open file really is (Linux): checked again after opening, so a swap cannot slip in. */
function openedPath(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

export class InputFiles {
  private readonly roots: Root[];
  /** Relative paths are relative to the workspace, the step's working directory on a runner. */
  readonly base: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const workspace = env.GITHUB_WORKSPACE
      ? { dir: env.GITHUB_WORKSPACE, name: `the workspace ${env.GITHUB_WORKSPACE} (GITHUB_WORKSPACE)` }
      : { dir: process.cwd(), name: `the working directory ${process.cwd()} (GITHUB_WORKSPACE is not set)` };
    const temp = env.RUNNER_TEMP
      ? [{ dir: env.RUNNER_TEMP, name: `the job's temporary folder ${env.RUNNER_TEMP} (RUNNER_TEMP)` }]
      : [];
    this.base = path.resolve(workspace.dir);
    this.roots = [workspace, ...temp].map((root) => {
      const dir = path.resolve(root.dir);
      let real = dir;
      try {
        real = realpathSync(dir);
      } catch {
        // A root that does not exist holds nothing: every path in it fails as missing.
      }
      return { ...root, dir, real };
    });
  }

  /**
   * The real path of `file`, checked to lie inside the root it names. The innermost root wins, so RUNNER_TEMP under
   * the workspace (or the other way round) is told apart.
   */
  private locate(file: string): string {
    const absolute = path.resolve(this.base, file);
    const root = this.roots
      .filter((candidate) => inside(candidate.dir, absolute) || inside(candidate.real, absolute))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
    if (!root) {
      fail(
        `it is outside ${this.roots.map((r) => r.name).join(' and ')}: the action reads only files of the checked-out repository (or that earlier steps of the job wrote to RUNNER_TEMP), so that what a pull request commits cannot point it at the runner's own files.`,
      );
    }
    let real = '';
    try {
      real = realpathSync(absolute);
    } catch (error) {
      fail(reason(error));
    }
    if (!inside(root.real, real)) {
      fail(
        `it leads through a symbolic link to ${real}, outside ${root.name}: links that leave it are refused, since a pull request could commit one pointing at the runner's own files. Commit the file itself.`,
      );
    }
    return real;
  }

  /** `file`'s text: a regular file inside its root, at most `maxBytes`. Throws InvalidInput saying why not. */
  read(file: string, maxBytes: number): string {
    const real = this.locate(file);
    let fd: number | undefined;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer. O_NOFOLLOW: the checked path, not a link swapped in.
      fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
      const stats = fstatSync(fd);
      if (!stats.isFile()) fail(`it is ${kindOf(stats)}, not a regular file.`);
      if (stats.size > maxBytes) throw new FileTooLarge(stats.size, maxBytes);
      const opened = openedPath(fd);
      if (opened !== undefined && opened !== real) fail('it was replaced while being read.');
      return readCapped(fd, maxBytes);
    } catch (error) {
      if (error instanceof InvalidInput) throw error;
      return fail(reason(error));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Whether `file` is a folder (links followed), without judging where it is. */
  isDirectory(file: string): boolean {
    try {
      return statSync(path.resolve(this.base, file)).isDirectory();
    } catch {
      return false;
    }
  }

  /**
   * A local chart folder as helm will read it: inside its root, and so is every file and link in it (helm follows
   * links); only regular files and folders; within `limits`. Returns its real path.
   */
  checkFolder(dir: string, limits: ChartFolderLimits): string {
    const real = this.locate(dir);
    if (!this.isDirectory(real)) fail('it is not a folder.');
    const root = this.roots.find((candidate) => inside(candidate.real, real))!;
    try {
      this.walk(real, root, limits);
    } catch (error) {
      if (error instanceof InvalidInput) throw error;
      fail(reason(error));
    }
    return real;
  }

  private walk(real: string, root: Root, limits: ChartFolderLimits): void {
    let files = 0;
    let bytes = 0;
    const seen = new Set<string>();
    const pending = [real];
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
      if (seen.has(folder)) continue;
      seen.add(folder);
      for (const name of readdirSync(folder)) {
        const entry = path.join(folder, name);
        const shown = path.relative(real, entry);
        let target = entry;
        if (lstatSync(entry).isSymbolicLink()) {
          try {
            target = realpathSync(entry);
          } catch {
            fail(`${shown} is a symbolic link to nothing.`);
          }
          if (!inside(root.real, target)) {
            fail(`${shown} is a symbolic link to ${target}, outside ${root.name}: helm would read it into the chart.`);
          }
        }
        const stats = statSync(target);
        if (stats.isDirectory()) {
          pending.push(target);
          continue;
        }
        if (!stats.isFile()) fail(`${shown} is ${kindOf(stats)}: a chart holds only files and folders.`);
        files += 1;
        bytes += stats.size;
        if (files > limits.maxFiles) fail(`it holds more than ${limits.maxFiles} files.`);
        if (bytes > limits.maxBytes) fail(`its files come to more than ${mebibytes(limits.maxBytes)}.`);
      }
    }
  }
}

/** Reads at most `maxBytes` from `fd`: a file that grows while being read is refused, not followed. */
function readCapped(fd: number, maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) throw new FileTooLarge(total, maxBytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
