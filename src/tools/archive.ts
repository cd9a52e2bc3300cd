// One file out of helm's archive, read in this process: Node's zlib and a reader for the one tar (or zip) member the
// action needs. Nothing is looked up in PATH (a `tar` or `gzip` planted there could swap the binary it hands back)
// and no child process sees the step's environment. The archive is in memory and was verified before this runs.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createInflateRaw } from 'node:zlib';

export type ArchiveFormat = 'tar.gz' | 'zip';

const BLOCK = 512;
/** zlib's default 16 kB output chunks cost twice the CPU of 1 MB ones on a 60 MB binary. */
const INFLATE_CHUNK = 1 << 20;

/** Bytes pulled from a stream on demand: whole headers, or a member's content chunk by chunk. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** False when the stream ended first. */
  async fill(bytes: number): Promise<boolean> {
    while (this.length < bytes) {
      const next = await this.source.next();
      if (next.done) return false;
      this.chunks.push(next.value);
      this.length += next.value.length;
    }
    return true;
  }

  take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length > bytes ? [all.subarray(bytes)] : [];
    this.length = all.length - bytes;
    return all.subarray(0, bytes);
  }

  /** The next `bytes` bytes, as they arrive, without gathering them. */
  async *stream(bytes: number): AsyncGenerator<Buffer> {
    let left = bytes;
    while (left > 0) {
      if (this.length === 0 && !(await this.fill(1))) throw new Error('the archive ends inside a file');
      const chunk = this.take(Math.min(left, this.chunks[0].length));
      left -= chunk.length;
      yield chunk;
    }
  }

  async skip(bytes: number): Promise<void> {
    for await (const chunk of this.stream(bytes)) void chunk;
  }
}

const text = (field: Buffer) => field.toString('utf8', 0, field.indexOf(0) === -1 ? field.length : field.indexOf(0));

/** A tar number: octal text, or base-256 when the high bit of the first byte is set (GNU, files over 8 GiB). */
function tarNumber(field: Buffer): number {
  if (field[0] & 0x80) return field.subarray(1).reduce((value, byte) => value * 256 + byte, field[0] & 0x7f);
  const digits = text(field).trim();
  if (!/^[0-7]*$/.test(digits)) throw new Error(`a tar header holds "${digits}" where a number belongs`);
  return digits ? parseInt(digits, 8) : 0;
}

/** `path=` of a pax extended header (records `<length> <key>=<value>\n`). */
function paxPath(records: Buffer): string | undefined {
  for (const record of records.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

const normalise = (name: string) => name.replace(/^(\.\/)+/, '');

/** The content of regular file `member` of an uncompressed tar stream, or undefined when there is none. */
async function tarMember(tar: AsyncIterable<Buffer>, member: string): Promise<AsyncIterable<Buffer> | undefined> {
  const queue = new ByteQueue(tar[Symbol.asyncIterator]());
  let longName: string | undefined;
  while (await queue.fill(BLOCK)) {
    const header = queue.take(BLOCK);
    if (header.every((byte) => byte === 0)) return undefined;
    const size = tarNumber(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] || 0x30);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      if (!(await queue.fill(padded))) throw new Error('the archive ends inside a header');
      const body = queue.take(padded).subarray(0, size);
      longName = type === 'x' ? (paxPath(body) ?? longName) : text(body);
      continue;
    }
    const ustar = header.toString('latin1', 257, 263) === 'ustar\0';
    const prefix = ustar ? text(header.subarray(345, 500)) : '';
    const name = normalise(longName ?? (prefix ? `${prefix}/` : '') + text(header.subarray(0, 100)));
    longName = undefined;
    if (type === '0' && name === member) return queue.stream(size);
    await queue.skip(padded);
  }
  return undefined;
}

/** The content of `member` of a zip archive (stored or deflated); nothing when there is none. */
function zipMember(zip: Buffer, member: string): Readable | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('it is not a zip archive (no end of central directory)');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let entry = 0; entry < entries; entry++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('its zip central directory is damaged');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = normalise(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + skip;
    if (name !== member) continue;
    if (flags & 1) throw new Error(`${member} is encrypted in the zip archive`);
    if (compressed === 0xffffffff) throw new Error(`${member} is a zip64 entry, which this reader does not take`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = Readable.from([zip.subarray(start, start + compressed)]);
    if (method === 0) return data;
    if (method === 8) return data.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK }));
    throw new Error(`${member} uses zip compression method ${method}, not stored or deflated`);
  }
  return undefined;
}

/**
 * Writes `member` of the verified `archive` to `destination`, which must not exist yet (so nothing planted there is
 * followed), readable and runnable by the runner's user alone. False when the archive holds no such file.
 */
export async function extractMember(
  archive: Buffer,
  format: ArchiveFormat,
  member: string,
  destination: string,
): Promise<boolean> {
  const gunzip =
    format === 'tar.gz' ? Readable.from([archive]).pipe(createGunzip({ chunkSize: INFLATE_CHUNK })) : undefined;
  try {
    const content = gunzip ? await tarMember(gunzip, member) : zipMember(archive, member);
    if (!content) return false;
    const file = await open(destination, 'wx', 0o700);
    try {
      await pipeline(content, file.createWriteStream());
    } finally {
      await file.close().catch(() => undefined);
    }
    return true;
  } finally {
    gunzip?.destroy();
  }
}
