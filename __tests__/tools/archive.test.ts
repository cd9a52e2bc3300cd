// extractMember on archives made by the machine's own tar and zip, in the layouts helm's archives could come in.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractMember } from '../../src/tools/archive.js';

let root: string;
let content: Buffer;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'archive-test-'));
  // Several tar blocks and an odd length, so padding and chunk boundaries are exercised.
  content = Buffer.from(Array.from({ length: 3_000_123 }, (_, i) => (i * 7919) % 251));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A tar.gz made by tar itself, holding README.md and then `member` with `content`. */
function tarGz(member: string, format: 'gnu' | 'pax' | 'ustar'): Buffer {
  const source = mkdtempSync(path.join(root, 'src-'));
  mkdirSync(path.join(source, path.dirname(member)), { recursive: true });
  writeFileSync(path.join(source, 'README.md'), 'read me\n');
  writeFileSync(path.join(source, member), content, { mode: 0o755 });
  return gzipSync(
    execFileSync('tar', [`--format=${format}`, '-C', source, '-cf', '-', 'README.md', member], { maxBuffer: 64 << 20 }),
  );
}

function zip(member: string, store: boolean): Buffer {
  const source = mkdtempSync(path.join(root, 'zip-'));
  mkdirSync(path.join(source, path.dirname(member)), { recursive: true });
  writeFileSync(path.join(source, 'README.md'), 'read me\n');
  writeFileSync(path.join(source, member), content);
  execFileSync('zip', ['-q', ...(store ? ['-0'] : []), '-r', 'out.zip', 'README.md', member], { cwd: source });
  return readFileSync(path.join(source, 'out.zip'));
}

const destination = () => path.join(mkdtempSync(path.join(root, 'out-')), 'helm');

describe('extractMember', () => {
  const longFolder = `${'deep-folder-name-'.repeat(8)}linux-amd64`;
  it.each([
    ['gnu', 'linux-amd64/helm'],
    ['pax', 'linux-amd64/helm'],
    ['ustar', 'linux-amd64/helm'],
    ['gnu (long name)', `${longFolder}/helm`],
    ['pax (long path)', `${longFolder}/helm`],
    ['ustar (prefix field)', `${longFolder}/helm`],
  ] as [string, string][])('takes the member out of a %s tar.gz, byte for byte, mode 0700', async (kind, member) => {
    const archive = tarGz(member, kind.split(' ')[0] as 'gnu' | 'pax' | 'ustar');
    const file = destination();
    expect(await extractMember(archive, 'tar.gz', member, file)).toBe(true);
    expect(readFileSync(file).equals(content)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['deflated', false],
    ['stored', true],
  ])('takes the member out of a %s zip', async (_kind, store) => {
    const file = destination();
    expect(await extractMember(zip('windows-amd64/helm.exe', store), 'zip', 'windows-amd64/helm.exe', file)).toBe(true);
    expect(readFileSync(file).equals(content)).toBe(true);
  });

  it('says false, and writes nothing, when the archive has no such member', async () => {
    const file = destination();
    expect(await extractMember(tarGz('linux-amd64/helm', 'gnu'), 'tar.gz', 'linux-arm64/helm', file)).toBe(false);
    expect(await extractMember(zip('windows-amd64/helm.exe', false), 'zip', 'helm.exe', file)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('never writes through a file or link already at the destination', async () => {
    const file = destination();
    const outside = path.join(root, 'outside');
    writeFileSync(outside, 'untouched');
    symlinkSync(outside, file);
    await expect(extractMember(tarGz('linux-amd64/helm', 'gnu'), 'tar.gz', 'linux-amd64/helm', file)).rejects.toThrow(
      /EEXIST/,
    );
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
  });

  it('fails on a truncated archive rather than handing back part of the binary', async () => {
    const archive = tarGz('linux-amd64/helm', 'gnu');
    await expect(
      extractMember(archive.subarray(0, archive.length / 2), 'tar.gz', 'linux-amd64/helm', destination()),
    ).rejects.toThrow();
  });
});
