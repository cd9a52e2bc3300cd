// The runCommand context zip, read back by Debian's own unzip: what AKS unpacks must be exactly what was packed.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { storedZip } from '../../src/private-cluster/zip.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'zip-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(name: string, zip: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, zip);
  return file;
}

describe('storedZip', () => {
  const values = Buffer.from('environment:\n  data:\n    PORTKEY_CLIENT_AUTH: pk-123\n');
  const chart = randomBytes(40_000);
  const zip = storedZip([
    { name: 'values.yaml', data: values },
    { name: 'gateway-1.7.7.tgz', data: chart, mode: 0o644 },
    { name: 'empty', data: Buffer.alloc(0) },
    { name: 'dir/naïve.txt', data: Buffer.from('utf-8 name\n') },
  ]);
  const file = written('context.zip', zip);

  it('lists every entry with its size, as unzip -l reads the central directory', () => {
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    expect(listing).toMatch(new RegExp(`\\s${values.length}\\s+1980-01-01 00:00\\s+values\\.yaml`));
    expect(listing).toMatch(/\s40000\s+1980-01-01 00:00\s+gateway-1\.7\.7\.tgz/);
    expect(listing).toMatch(/\s0\s+1980-01-01 00:00\s+empty/);
    expect(listing).toContain('dir/naïve.txt');
    expect(listing).toMatch(/4 files/);
  });

  it('gives back each file byte for byte (unzip -p), and its CRC checks (unzip -t)', () => {
    expect(execFileSync('unzip', ['-p', file, 'values.yaml'])).toEqual(values);
    expect(execFileSync('unzip', ['-p', file, 'gateway-1.7.7.tgz'])).toEqual(chart);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
  });

  it('keeps the file modes: the values file stays 0600 where AKS unpacks it', () => {
    const out = mkdtempSync(path.join(dir, 'out-'));
    execFileSync('unzip', ['-q', file, '-d', out]);
    expect(statSync(path.join(out, 'values.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(out, 'gateway-1.7.7.tgz')).mode & 0o777).toBe(0o644);
    expect(readFileSync(path.join(out, 'dir', 'naïve.txt'), 'utf8')).toBe('utf-8 name\n');
  });

  it('is the same bytes for the same files (no clock in it)', () => {
    expect(storedZip([{ name: 'values.yaml', data: values }])).toEqual(
      storedZip([{ name: 'values.yaml', data: Buffer.from(values) }]),
    );
  });

  it('writes the 22-byte end record alone for no files (unzip calls it empty)', () => {
    const empty = written('empty.zip', storedZip([]));
    expect(statSync(empty).size).toBe(22);
    expect(() => execFileSync('unzip', ['-l', empty], { stdio: 'pipe' })).toThrow(/zipfile is empty/);
  });

  it.each(['/etc/passwd', '../escape', 'a/../../b', ''])('refuses the unsafe name %j', (name) => {
    expect(() => storedZip([{ name, data: Buffer.alloc(1) }])).toThrow(/Not a relative path/);
  });
});
