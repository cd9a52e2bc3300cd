// The one reader of files inputs name, on a real file system: links, devices, FIFOs, sizes and the two roots.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileTooLarge, InputFiles } from '../../src/inputs/input-files.js';

const base = mkdtempSync(path.join(tmpdir(), 'input-files-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A workspace and a RUNNER_TEMP side by side, with `files` written into them (`{ link }` makes a symbolic link). */
function roots(files: Record<string, string | { link: string }>) {
  const dir = mkdtempSync(path.join(base, 'case-'));
  for (const [name, file] of Object.entries(files)) {
    const at = path.join(dir, name);
    mkdirSync(path.dirname(at), { recursive: true });
    if (typeof file === 'string') writeFileSync(at, file);
    else symlinkSync(file.link.replace('$ROOT', dir), at);
  }
  const env = { GITHUB_WORKSPACE: path.join(dir, 'workspace'), RUNNER_TEMP: path.join(dir, 'temp') };
  mkdirSync(env.GITHUB_WORKSPACE, { recursive: true });
  mkdirSync(env.RUNNER_TEMP, { recursive: true });
  return { dir, env, files: new InputFiles(env) };
}

const MiB = 2 ** 20;

describe('InputFiles.read', () => {
  it('reads a file of the workspace, by a relative path or an absolute one, and one in RUNNER_TEMP', () => {
    const { dir, files } = roots({ 'workspace/deploy/v.yaml': 'a: 1\n', 'temp/generated.yaml': 'b: 2\n' });
    expect(files.read('deploy/v.yaml', MiB)).toBe('a: 1\n');
    expect(files.read(path.join(dir, 'workspace/deploy/v.yaml'), MiB)).toBe('a: 1\n');
    expect(files.read(path.join(dir, 'temp/generated.yaml'), MiB)).toBe('b: 2\n');
  });

  it('follows links that stay inside the root they start in', () => {
    const { files } = roots({
      'workspace/shared/v.yaml': 'a: 1\n',
      'workspace/deploy/v.yaml': { link: '../shared/v.yaml' },
    });
    expect(files.read('deploy/v.yaml', MiB)).toBe('a: 1\n');
  });

  it('refuses a path outside both roots, naming them', () => {
    const { env, files } = roots({ 'elsewhere.yaml': 'a: 1\n' });
    expect(() => files.read('../elsewhere.yaml', MiB)).toThrow(
      `it is outside the workspace ${env.GITHUB_WORKSPACE} (GITHUB_WORKSPACE) and the job's temporary folder ${env.RUNNER_TEMP} (RUNNER_TEMP)`,
    );
  });

  it('refuses a link out of the workspace, to a runner file or into RUNNER_TEMP', () => {
    const { dir, files } = roots({
      'workspace/to-passwd.yaml': { link: '/etc/passwd' },
      'temp/kubeconfig': 'token: from-another-step\n',
      'workspace/to-temp.yaml': { link: '$ROOT/temp/kubeconfig' },
      'workspace/linked-folder': { link: '/etc' },
    });
    expect(() => files.read('to-passwd.yaml', MiB)).toThrow(
      'it leads through a symbolic link to /etc/passwd, outside the workspace',
    );
    expect(() => files.read('to-temp.yaml', MiB)).toThrow(
      `it leads through a symbolic link to ${path.join(dir, 'temp/kubeconfig')}, outside the workspace`,
    );
    expect(() => files.read('linked-folder/passwd', MiB)).toThrow('symbolic link to /etc/passwd');
  });

  it('refuses a device without reading it: /dev/zero, directly and through a link', () => {
    const { files } = roots({ 'workspace/zero': { link: '/dev/zero' } });
    const before = process.memoryUsage().rss;
    expect(() => files.read('/dev/zero', 16 * MiB)).toThrow('it is outside the workspace');
    expect(() => files.read('zero', 16 * MiB)).toThrow('symbolic link to /dev/zero');
    // Without a root to refuse it, the file type does: a device is not read at all.
    expect(() => new InputFiles({ GITHUB_WORKSPACE: '/dev' }).read('zero', 16 * MiB)).toThrow(
      'it is a device, not a regular file.',
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(8 * MiB);
  });

  it('refuses a FIFO at once, without waiting for a writer', () => {
    const { env, files } = roots({});
    expect(spawnSync('mkfifo', [path.join(env.GITHUB_WORKSPACE, 'pipe')]).status).toBe(0);
    expect(() => files.read('pipe', MiB)).toThrow('it is a FIFO, not a regular file.');
  });

  it('refuses a folder and a missing file', () => {
    const { files } = roots({ 'workspace/deploy/v.yaml': 'a: 1\n' });
    expect(() => files.read('deploy', MiB)).toThrow('it is a folder, not a regular file.');
    expect(() => files.read('deploy/missing.yaml', MiB)).toThrow('no such file');
  });

  it('refuses a file larger than allowed, saying how large it is and the limit', () => {
    const { files } = roots({ 'workspace/big.yaml': 'x'.repeat(MiB + 1) });
    let error: unknown;
    try {
      files.read('big.yaml', MiB);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FileTooLarge);
    expect((error as FileTooLarge).bytes).toBe(MiB + 1);
    expect((error as Error).message).toBe('it is 1.0 MiB, more than the 1.0 MiB allowed.');
    expect(files.read('big.yaml', MiB + 1)).toHaveLength(MiB + 1);
  });

  it('stands the working directory in for the workspace outside a runner, and says so', () => {
    const files = new InputFiles({});
    expect(files.read('package.json', MiB)).toContain('"name"');
    expect(() => files.read('/etc/passwd', MiB)).toThrow(
      `it is outside the working directory ${process.cwd()} (GITHUB_WORKSPACE is not set)`,
    );
  });
});

describe('InputFiles.checkFolder', () => {
  const limits = { maxFiles: 10, maxBytes: MiB };

  it('accepts a chart folder whose links stay in the workspace', () => {
    const { env, files } = roots({
      'workspace/chart/Chart.yaml': 'version: 1.0.0\n',
      'workspace/shared/_helpers.tpl': '{{/* */}}',
      'workspace/chart/templates/_helpers.tpl': { link: '../../shared/_helpers.tpl' },
    });
    expect(files.checkFolder('chart', limits)).toBe(path.join(env.GITHUB_WORKSPACE, 'chart'));
  });

  it('refuses a chart holding a link out of the workspace, a FIFO, or too much', () => {
    const out = roots({ 'workspace/chart/Chart.yaml': '', 'workspace/chart/files/key': { link: '/etc/passwd' } });
    expect(() => out.files.checkFolder('chart', limits)).toThrow(
      'files/key is a symbolic link to /etc/passwd, outside the workspace',
    );
    const fifo = roots({ 'workspace/chart/Chart.yaml': '' });
    spawnSync('mkfifo', [path.join(fifo.env.GITHUB_WORKSPACE, 'chart', 'pipe')]);
    expect(() => fifo.files.checkFolder('chart', limits)).toThrow('pipe is a FIFO: a chart holds only files');
    const many = roots(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`workspace/chart/f${i}`, ''])));
    expect(() => many.files.checkFolder('chart', limits)).toThrow('it holds more than 10 files.');
    const large = roots({ 'workspace/chart/big': 'x'.repeat(MiB + 1) });
    expect(() => large.files.checkFolder('chart', limits)).toThrow('its files come to more than 1.0 MiB.');
  });

  it('walks a link loop once', () => {
    const { files } = roots({ 'workspace/chart/Chart.yaml': '', 'workspace/chart/again': { link: '.' } });
    expect(() => files.checkFolder('chart', limits)).not.toThrow();
  });
});
