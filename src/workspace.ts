// One private folder under RUNNER_TEMP for every file the action writes (kubeconfig, values, helm config, the plan),
// so the post step can remove all of them by deleting one folder. The folder gets a random name and mode 0700 when
// it is made; every file in it is created exclusively (`wx`: a file or link already at that path is an error, never
// followed) with mode 0600, so nothing planted at a name the action uses is written through or read as ours.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Workspace {
  dir: string;
  /**
   * Writes the file `name` (readable only by the runner's user) and returns its path: made whole under a fresh
   * random name, then renamed over `name`, so a reader never sees half of it and a link planted there is replaced,
   * not followed.
   */
  writePrivateFile(name: string, content: string): Promise<string>;
  /** Creates a file with a random name (`prefix-<random><extension>`), exclusively, 0600, and returns its path. */
  createPrivateFile(prefix: string, extension: string, content: string): Promise<string>;
}

const randomName = (prefix: string, extension = '') => `${prefix}-${randomBytes(12).toString('hex')}${extension}`;

async function createExclusively(file: string, content: string): Promise<string> {
  await writeFile(file, content, { mode: 0o600, flag: 'wx' });
  return file;
}

export async function createWorkspace(runnerTemp = process.env.RUNNER_TEMP || os.tmpdir()): Promise<Workspace> {
  const dir = await mkdtemp(path.join(runnerTemp, 'portkey-azure-deploy-'));
  await chmod(dir, 0o700);
  return {
    dir,
    async writePrivateFile(name, content) {
      const file = path.join(dir, name);
      const fresh = await createExclusively(path.join(dir, randomName(`.${name}`)), content);
      await rename(fresh, file);
      return file;
    },
    createPrivateFile: (prefix, extension, content) =>
      createExclusively(path.join(dir, randomName(prefix, extension)), content),
  };
}

export async function removeWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
