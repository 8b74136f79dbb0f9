import type { DiskStatus } from '../../core/protocol/http';
import type { Bilingual } from '../../core/text';
import type { DiskWriteError } from './append';

/** What the disk's trouble is, in words an installer can act on. */
export function diskProblem(code: string): Bilingual {
  switch (code) {
    case 'ENOSPC':
    case 'SHORT':
    case 'EFBIG':
      return { 'zh-Hans': '磁盘已满', en: 'The disk is full' };
    case 'EDQUOT':
      return { 'zh-Hans': '磁盘配额已用完', en: 'The disk quota is used up' };
    case 'EROFS':
      return { 'zh-Hans': '磁盘变成了只读', en: 'The disk has become read-only' };
    case 'EIO':
      return { 'zh-Hans': '磁盘读写出错（可能已损坏）', en: 'The disk reported an I/O error (it may be failing)' };
    case 'EACCES':
    case 'EPERM':
      return { 'zh-Hans': '没有写入数据文件夹的权限', en: 'The data folder is not writable' };
    default:
      return { 'zh-Hans': `写入失败（${code}）`, en: `A write failed (${code})` };
  }
}

/** "<problem>: <state>" in both languages. */
export function diskSentence(code: string, state: Bilingual): Bilingual {
  const p = diskProblem(code);
  return { 'zh-Hans': `${p['zh-Hans']}：${state['zh-Hans']}`, en: `${p.en}: ${state.en}` };
}

/**
 * What the hall knows of its own writes, for /api/health and the log: how many failed, how many
 * wait, and the last failure said as the state the hall is in ("this record was not stored;
 * earlier ones are intact"). Each writer reports its failures here instead of swallowing them.
 */
export class DiskHealth {
  private failed = 0;
  private last: DiskStatus['last'] = null;
  private readonly sources = new Set<() => number>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  /** A writer with a queue adds how many lines it holds. */
  pendingFrom(count: () => number): () => void {
    this.sources.add(count);
    return () => this.sources.delete(count);
  }

  /** A write that did not reach the disk: counted, logged (once per code and file in a row), shown in health. */
  report(err: DiskWriteError, state: Bilingual, lines = 1): void {
    this.failed += lines;
    const message = diskSentence(err.code, state);
    const repeat = this.last?.file === err.file && this.last.code === err.code;
    this.last = { at: new Date().toISOString(), file: err.file, code: err.code, message };
    if (!repeat) this.log(`disk: ${err.file}: ${message['zh-Hans']} / ${message.en}`);
  }

  snapshot(): DiskStatus {
    let pending = 0;
    for (const s of this.sources) pending += s();
    return { failedWrites: this.failed, pending, last: this.last };
  }
}
