// The `context` of an AKS runCommand: a zip of the files the command needs (the values file, the packaged chart),
// which AKS unpacks into the command's working directory. Node has no zip writer, and the files are small and
// mostly compressed already (a chart is a .tgz), so this writes a stored (uncompressed) zip: local headers, the
// central directory and its end record, as PKWARE's APPNOTE lays them out. Pure.
import { crc32 } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading `/`. */
  name: string;
  data: Buffer;
  /** Unix permission bits kept by unzip; 0600 by default, as every file of the action's workspace is. */
  mode?: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 1.0: stored entries need nothing newer. */
const VERSION_NEEDED = 10;
/** Made by Unix (3), spec 2.0, so the external attributes carry the file mode. */
const VERSION_MADE_BY = (3 << 8) | 20;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
/** 1980-01-01 00:00, the first MS-DOS date: the archive's bytes depend on the files alone. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const REGULAR_FILE = 0o100000;
/** The classic format's 16- and 32-bit fields; the context is a few hundred kilobytes, far below them. */
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

function checkEntry(entry: ZipEntry): void {
  if (!entry.name || entry.name.startsWith('/') || entry.name.split('/').includes('..')) {
    throw new Error(`Not a relative path inside the archive: ${entry.name}`);
  }
}

/** The fields a local header and its central directory entry share, "version needed" to "name length", at `at`. */
function writeCommonFields(header: Buffer, at: number, crc: number, size: number, nameLength: number): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(FLAGS, at + 2);
  header.writeUInt16LE(0, at + 4); // stored
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(crc, at + 10);
  header.writeUInt32LE(size, at + 14); // compressed
  header.writeUInt32LE(size, at + 18); // uncompressed
  header.writeUInt16LE(nameLength, at + 22);
}

/** The zip file holding `entries`, in their order. */
export function storedZip(entries: ZipEntry[]): Buffer {
  if (entries.length > MAX_ENTRIES) throw new Error(`Too many files for a zip without ZIP64: ${entries.length}`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkEntry(entry);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.data.length;
    if (size > MAX_BYTES || offset > MAX_BYTES) throw new Error(`Too large for a zip without ZIP64: ${entry.name}`);
    const crc = crc32(entry.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    writeCommonFields(local, 4, crc, size, name.length);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, entry.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    writeCommonFields(central, 6, crc, size, name.length);
    // extra field length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE(((REGULAR_FILE | (entry.mode ?? 0o600)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + size;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
