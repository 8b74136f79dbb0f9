import { closeSync, fstatSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { appendLinesSync, writeAllSync } from '../../disk/append';

/**
 * One append-only file per table: a header line (format version, table, scenario id and hash,
 * pack id and version), then one event per line. `write` puts a line in the file at once and
 * `flush` makes it durable (group commit: one fsync covers every line written before it began,
 * off the event loop), so the host broadcasts a line only once `onDurable` says it is on disk. A crash can cut the last line short: `readTableLog`
 * drops a torn last line (and says so) instead of refusing the whole table.
 */
export const TABLE_LOG_FORMAT = 'redhall.table';
export const TABLE_LOG_VERSION = 1;

export const TableLogHeader = z.object({
  format: z.literal(TABLE_LOG_FORMAT),
  formatVersion: z.literal(TABLE_LOG_VERSION),
  table: z.string(),
  code: z.string(),
  label: z.string().optional(),
  scenario: z.string(),
  scenarioHash: z.string(),
  pack: z.object({ id: z.string(), version: z.string() }),
  /** The roles in play, in seating order (the table size is their count). */
  roles: z.array(z.string()).min(1),
  pick: z.enum(['player', 'dm']),
  openedAt: z.number(),
});
export type TableLogHeader = z.infer<typeof TableLogHeader>;

/** Appends one line and fsyncs it; a torn previous line is closed off first, a short write continued, a failed one cut back and thrown (main/disk). */
export function appendLine(file: string, line: string): void {
  appendLinesSync(file, line + '\n');
}

/** Writes a whole file and returns once it (and its directory entry) is on disk; a failed write throws a DiskWriteError. */
export function writeDurable(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeAllSync(fd, Buffer.from(text), file, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDir(dirname(file));
}

// A new file's directory entry must reach the disk too, or a crash can lose the whole file.
function syncDir(dir: string): void {
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

/**
 * An open table log: one file descriptor; lines are written at once and made durable by group
 * commit. A burst of commands at many tables then costs fsyncs that overlap in the thread pool
 * instead of one blocking fsync after another on the event loop.
 */
export class TableLog {
  private fd: number | undefined;
  /** Bytes in the file: where a failed write is cut back to. */
  private size = 0;
  /** Lines written, and how many of them are known to be on disk. */
  private written = 0;
  private durable = 0;
  private syncing = false;
  private closing = false;
  /** Set when an fsync failed: nothing written after the last good one may be shown. */
  failure: Error | undefined;
  /** Called with the number of lines on disk each time an fsync completes. */
  onDurable: (lines: number) => void = () => {};
  /** Called once if an fsync fails. */
  onFailure: (err: Error) => void = () => {};

  private constructor(readonly file: string) {}

  /** Creates a new log with its header (fails if the file exists). */
  static create(file: string, header: TableLogHeader): TableLog {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(file, 'wx');
    try {
      writeAllSync(fd, Buffer.from(JSON.stringify(TableLogHeader.parse(header)) + '\n'), file, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncDir(dirname(file));
    return new TableLog(file);
  }

  /** Opens an existing log for appending (after `readTableLog` read it). */
  static reopen(file: string): TableLog {
    return new TableLog(file);
  }

  private open(): number {
    if (this.failure) throw this.failure;
    if (this.closing) throw new Error(`${this.file}: the log is closed / 日志已关闭`);
    if (this.fd === undefined) {
      this.fd = openSync(this.file, 'a');
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  /** Writes one event line (not yet durable); returns its number, which `onDurable` reports once it is on disk. */
  write(event: unknown): number {
    // All of the line or none of it: a short write is continued, a failed one cut back and thrown
    // (the step is refused and the table stays where it was).
    const buf = Buffer.from(JSON.stringify(event) + '\n');
    writeAllSync(this.open(), buf, this.file, this.size);
    this.size += buf.length;
    return ++this.written;
  }

  /** Writes one event line and returns once it is on disk (for the rare step that must block, like opening a table). */
  append(event: unknown): void {
    const n = this.write(event);
    if (this.syncing) throw new Error('append while a group commit is running');
    fsyncSync(this.open());
    this.durable = n;
  }

  /** Starts an fsync for the lines written so far, unless one is running (it starts another when it ends). */
  flush(): void {
    if (this.syncing || this.fd === undefined || this.durable >= this.written || this.failure) return;
    const fd = this.fd;
    const upTo = this.written;
    this.syncing = true;
    fsync(fd, (err) => {
      this.syncing = false;
      if (err) {
        this.failure = err;
        this.onFailure(err);
      } else {
        this.durable = upTo;
        this.onDurable(upTo);
      }
      if (this.closing) this.closeNow();
      else this.flush();
    });
  }

  /** Closes the file once nothing is waiting for the disk (what was written is synced first). */
  close(): void {
    this.closing = true;
    if (this.syncing) return;
    this.closeNow();
  }

  private closeNow(): void {
    if (this.fd === undefined) return;
    if (this.durable < this.written && !this.failure) {
      try {
        fsyncSync(this.fd);
        this.durable = this.written;
        this.onDurable(this.durable);
      } catch (err) {
        this.failure = err as Error;
        this.onFailure(this.failure);
      }
    }
    closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface ReadLog {
  header: TableLogHeader;
  events: unknown[];
  /** Set when a torn last line was dropped (and cut off the file, so appends continue cleanly). */
  tornTail: boolean;
}

/** Reads a table log: header, events (not yet validated), torn last line dropped. Throws on a bad header or a bad line mid-file. */
export function readTableLog(file: string): ReadLog {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // The text ends with '\n' when the last write completed: the final element is then ''.
  const complete = text.endsWith('\n');
  const last = lines.pop() ?? '';
  const tornTail = !complete && last !== '';
  if (lines.length === 0) throw new Error(`${file}: no header line / 没有头部行`);
  const header = TableLogHeader.safeParse(parseJson(lines[0] as string));
  if (!header.success) throw new Error(`${file}: not a table log of format ${TABLE_LOG_FORMAT} v${TABLE_LOG_VERSION} / 不是可读的牌桌日志`);
  const events: unknown[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const value = parseJson(line);
    // Only the unterminated last line can be torn by a crash; a bad whole line is damage.
    if (value === undefined) {
      throw new Error(`${file}:${i + 1}: not a JSON line / 第 ${i + 1} 行不是有效的 JSON`);
    }
    events.push(value);
  }
  if (tornTail) {
    // Cut the torn bytes off, so the next append starts a fresh, whole line.
    const keep = Buffer.byteLength(lines.join('\n') + '\n');
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, keep);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return { header: header.data, events, tornTail };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
