// One private folder under RUNNER_TEMP for every file the action writes (kubeconfig, values, helm config),
// so the post step can remove all of them by deleting one folder.
import { mkdtemp, writeFile, rm, chmod } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Workspace {
  dir: string;
  /** Writes a file readable only by the runner's user (0600) and returns its path. */
  writePrivateFile(name: string, content: string): Promise<string>;
}

export async function createWorkspace(runnerTemp = process.env.RUNNER_TEMP || os.tmpdir()): Promise<Workspace> {
  const dir = await mkdtemp(path.join(runnerTemp, 'portkey-azure-deploy-'));
  await chmod(dir, 0o700);
  return {
    dir,
    async writePrivateFile(name, content) {
      const file = path.join(dir, name);
      await writeFile(file, content, { mode: 0o600 });
      await chmod(file, 0o600);
      return file;
    },
  };
}

export async function removeWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
