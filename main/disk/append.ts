import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { open, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Error codes that mean the disk (not the data) is the problem: full, over quota, read-only, failing. */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EFBIG']);

/** A write that did not reach the disk whole; what was written of it has been taken back. */
export class DiskWriteError extends Error {
  constructor(
    readonly file: string,
    /** The system's code (ENOSPC, EIO, …), or SHORT when the disk kept taking nothing. */
    readonly code: string,
    cause: unknown,
  ) {
    super(`${file}: ${code}${cause instanceof Error ? ` (${cause.message})` : ''}`, { cause });
  }

  /** True when the disk is full or failing, rather than the path being wrong. */
  get isDiskProblem(): boolean {
    return DISK_CODES.has(this.code) || this.code === 'SHORT';
  }
}

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';

// A write that returns 0 bytes again and again makes no progress: give up after this many.
const MAX_ZERO_WRITES = 3;

/**
 * Writes every byte of `buf` through `fd` (opened for appending), continuing after a short write,
 * as write(2) may stop part-way (a full disk cuts a record at a block boundary). On failure the
 * file is cut back to `sizeBefore`, so no part of the record stays, and a DiskWriteError says why.
 */
export function writeAllSync(fd: number, buf: Buffer, file: string, sizeBefore: number): void {
  let off = 0;
  let zero = 0;
  try {
    while (off < buf.length) {
      const n = writeSync(fd, buf, off, buf.length - off);
      if (n === 0 && ++zero >= MAX_ZERO_WRITES) throw Object.assign(new Error('the disk took no bytes'), { code: 'SHORT' });
      off += n;
    }
  } catch (e) {
    try {
      ftruncateSync(fd, sizeBefore);
    } catch {
      // Cutting back can fail too (a dying disk): the reader drops a torn last line anyway.
    }
    throw new DiskWriteError(file, codeOf(e), e);
  }
}

/** The same as writeAllSync, for a FileHandle, off the event loop. */
export async function writeAll(fh: FileHandle, buf: Buffer, file: string, sizeBefore: number): Promise<void> {
  let off = 0;
  let zero = 0;
  try {
    while (off < buf.length) {
      const { bytesWritten } = await fh.write(buf, off, buf.length - off);
      if (bytesWritten === 0 && ++zero >= MAX_ZERO_WRITES) throw Object.assign(new Error('the disk took no bytes'), { code: 'SHORT' });
      off += bytesWritten;
    }
  } catch (e) {
    await fh.truncate(sizeBefore).catch(() => undefined);
    throw new DiskWriteError(file, codeOf(e), e);
  }
}

/**
 * Appends whole lines to a file and returns once they are on disk (fsync): a torn last line
 * (a crash mid-write) is closed off first so it stays one bad line, a short write is continued,
 * and a failed one is cut back and thrown as a DiskWriteError: never taken as stored.
 */
export function appendLinesSync(file: string, text: string): void {
  const isNew = !existsSync(file);
  if (isNew) mkdirSync(dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = openSync(file, 'a+');
  } catch (e) {
    throw new DiskWriteError(file, codeOf(e), e);
  }
  try {
    const size = fstatSync(fd).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    writeAllSync(fd, Buffer.from(prefix + text), file, size);
    try {
      fsyncSync(fd);
    } catch (e) {
      ftruncateSync(fd, size);
      throw new DiskWriteError(file, codeOf(e), e);
    }
  } finally {
    closeSync(fd);
  }
  if (isNew) syncDirSync(dirname(file));
}

/** A new file's directory entry must reach the disk too, or a crash can lose the whole file. */
export function syncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

interface Waiting {
  text: string;
  done: () => void;
  failed: (e: DiskWriteError) => void;
}

/**
 * One append-only file written off the event loop: lines handed in while a write is under way
 * go out together in the next one (one write, one fsync for the batch), so a burst of records
 * costs the host one disk round trip, not one each. `append` resolves once its line is on disk
 * (fsynced when `sync`), and rejects with a DiskWriteError when it is not; a failed batch is cut
 * back whole, so the file never holds part of a record.
 */
export class AppendFile {
  private fh: FileHandle | undefined;
  private size = 0;
  private queue: Waiting[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    readonly file: string,
    private readonly opts: { sync: boolean; onFailure?: (e: DiskWriteError, lines: number) => void },
  ) {}

  /** Lines waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues one line (without its newline). */
  append(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new DiskWriteError(this.file, 'ECLOSED', new Error('the file is closed')));
    return new Promise((done, failed) => {
      this.queue.push({ text: line + '\n', done, failed });
      this.running ??= this.drain();
    });
  }

  /** Resolves once every line handed in so far has been written (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Writes what is queued, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    // Let the lines of this turn of the event loop join the batch.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.write(batch.map((w) => w.text).join(''));
          for (const w of batch) w.done();
        } catch (e) {
          const err = e instanceof DiskWriteError ? e : new DiskWriteError(this.file, codeOf(e), e);
          this.opts.onFailure?.(err, batch.length);
          for (const w of batch) w.failed(err);
          // The handle may be what broke (a disk remounted read-only): open afresh next time.
          const fh = this.fh;
          this.fh = undefined;
          await fh?.close().catch(() => undefined);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private async write(text: string): Promise<void> {
    let prefix = '';
    if (!this.fh) {
      let isNew = false;
      try {
        await mkdir(dirname(this.file), { recursive: true });
        isNew = !existsSync(this.file);
        this.fh = await open(this.file, 'a+');
        this.size = (await this.fh.stat()).size;
        if (this.size > 0) {
          const last = Buffer.alloc(1);
          await this.fh.read(last, 0, 1, this.size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
      } catch (e) {
        throw new DiskWriteError(this.file, codeOf(e), e);
      }
      if (isNew) syncDirSync(dirname(this.file));
    }
    const fh = this.fh;
    const buf = Buffer.from(prefix + text);
    await writeAll(fh, buf, this.file, this.size);
    if (this.opts.sync) {
      try {
        await fh.sync();
      } catch (e) {
        await fh.truncate(this.size).catch(() => undefined);
        throw new DiskWriteError(this.file, codeOf(e), e);
      }
    }
    this.size += buf.length;
  }
}
