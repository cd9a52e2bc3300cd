// The private folder: every file in it created exclusively, 0600, and a link planted at a name it uses changes
// nothing outside it.
import { describe, expect, it } from '@jest/globals';
import { lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createWorkspace } from '../src/workspace.js';

async function workspaceWithOutsideFile() {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'workspace-test-'));
  const outside = path.join(temp, 'outside.txt');
  await writeFile(outside, 'not yours\n');
  return { workspace: await createWorkspace(temp), outside };
}

describe('the private folder', () => {
  it('is 0700 with a random name, and its files are 0600', async () => {
    const { workspace } = await workspaceWithOutsideFile();
    expect(path.basename(workspace.dir)).toMatch(/^portkey-azure-deploy-\w{6}$/);
    expect((await stat(workspace.dir)).mode & 0o777).toBe(0o700);
    const file = await workspace.writePrivateFile('values.yaml', 'a: 1\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('a: 1\n');
  });

  it('replaces a link planted at a name it writes instead of writing through it', async () => {
    const { workspace, outside } = await workspaceWithOutsideFile();
    await symlink(outside, path.join(workspace.dir, 'values.yaml'));
    const file = await workspace.writePrivateFile('values.yaml', 'secret: 1\n');
    expect(await readFile(outside, 'utf8')).toBe('not yours\n');
    expect((await lstat(file)).isSymbolicLink()).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('secret: 1\n');
    // Rewriting a file (a renewed credential) works, and leaves no scratch file behind.
    await workspace.writePrivateFile('values.yaml', 'secret: 2\n');
    expect(await readdir(workspace.dir)).toEqual(['values.yaml']);
  });

  it('creates a file of a random name exclusively: no two alike, never through a link', async () => {
    const { workspace } = await workspaceWithOutsideFile();
    const first = await workspace.createPrivateFile('plan', '.json', '{}');
    const second = await workspace.createPrivateFile('plan', '.json', '{}');
    expect(first).not.toBe(second);
    expect(path.basename(first)).toMatch(/^plan-[0-9a-f]{24}\.json$/);
    expect((await stat(first)).mode & 0o777).toBe(0o600);
  });
});
