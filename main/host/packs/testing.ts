import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { PackFiles } from '../../../core/pack/fixtures/bad-packs';

/** Writes pack files into a folder (tests and benches). */
export async function writePack(dir: string, files: PackFiles): Promise<void> {
  for (const [p, v] of Object.entries(files)) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), v);
  }
}

export interface RawEntry {
  /** The name exactly as stored (a Buffer for non-UTF-8 names). */
  name: string | Buffer;
  data: Buffer;
  utf8?: boolean;
  deflate?: boolean;
  /** Unix mode, e.g. 0o120777 for a symlink. */
  mode?: number;
  /** Written as Windows' "compressed folder" does: made by MS-DOS, DOS attributes, no Unix mode. */
  dos?: boolean;
}

/**
 * A minimal zip writer that stores names as given, so tests can make the hostile archives
 * that well-behaved zip libraries refuse to write ("../x", "/etc", backslashes, links, bombs).
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const crc = crc32(e.data);
    const flags = e.utf8 === false || typeof e.name !== 'string' ? 0 : 0x800;
    const method = e.deflate ? 8 : 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(flags, 6); lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(e.data.length, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(e.dos ? 20 : (3 << 8) | 20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(flags, 8); ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(e.data.length, 24); ch.writeUInt16LE(name.length, 28);
    const dosAttributes = name[name.length - 1] === 0x2f ? 0x10 : 0x20;
    ch.writeUInt32LE(e.dos ? dosAttributes : ((e.mode ?? 0o100644) << 16) >>> 0, 38); ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    centrals.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Pack files as raw zip entries. */
export function packEntries(files: PackFiles): RawEntry[] {
  return Object.entries(files).map(([name, v]) => ({ name, data: Buffer.from(v) }));
}
