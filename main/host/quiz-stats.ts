import { resolveDataDir } from '../data-dir';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readPackYaml } from './packs/manifest';
import { QuizOutcome } from '../../core/quiz/outcome';
import { foldQuizStats, type QuizDayStats } from '../../core/quiz/stats';
import type { Bilingual } from '../../core/text';
import { AppendFile, appendLinesSync, DiskWriteError } from '../disk/append';
import type { DiskHealth } from '../disk/health';

/** Where statistics live: `--data DIR`, else REDHALL_DATA, else `.data` in the working folder. */
export function statsDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDir(flag, env);
}

export interface StatsWarning {
  file: string;
  line: number;
  message: Bilingual;
}

/**
 * The self-check statistics the host keeps: one JSON line per anonymous QuizOutcome in
 * `<data>/stats/quiz-YYYY-MM.jsonl`, fsynced, so a power cut loses at most the line being
 * written. A write is never taken as stored unless all of it reached the disk: a short write is
 * continued, a failed one cut back and reported. Reading skips a torn or malformed line with a
 * warning instead of failing.
 */
export class QuizStatsStore {
  readonly dir: string;
  private readonly files = new Map<string, AppendFile>();

  constructor(
    dataDir: string,
    private readonly disk?: DiskHealth,
  ) {
    this.dir = join(dataDir, 'stats');
    disk?.pendingFrom(() => [...this.files.values()].reduce((n, f) => n + f.pending, 0));
  }

  /** The month file an outcome goes to. */
  fileFor(outcome: QuizOutcome): string {
    return join(this.dir, `quiz-${outcome.day.slice(0, 7)}.jsonl`);
  }

  /** Validates and appends one outcome; returns once it is on disk. Throws on an invalid outcome and on a failed write (DiskWriteError). */
  append(outcome: unknown): QuizOutcome {
    const parsed = QuizOutcome.parse(outcome);
    appendLinesSync(this.fileFor(parsed), JSON.stringify(parsed) + '\n');
    return parsed;
  }

  /**
   * The host's way: validates at once (throws on an invalid outcome), then writes off the event
   * loop, batched with the outcomes that arrive meanwhile (one write and one fsync for a burst).
   * Resolves once the line is on disk; rejects with a DiskWriteError, reported to the hall's
   * disk health, when it is not.
   */
  record(outcome: unknown): Promise<QuizOutcome> {
    const parsed = QuizOutcome.parse(outcome);
    const file = this.fileFor(parsed);
    let f = this.files.get(file);
    if (!f) {
      f = new AppendFile(file, {
        sync: true,
        onFailure: (e: DiskWriteError, lines) =>
          this.disk?.report(e, { 'zh-Hans': `${lines} 条体检记录没有保存（之前的记录完好，体检照常进行）`, en: `${lines} self-check record(s) were not stored (earlier records are intact; the self-check still runs)` }, lines),
      });
      this.files.set(file, f);
    }
    return f.append(JSON.stringify(parsed)).then(() => parsed);
  }

  /** Writes what is queued and closes the files (the host is stopping). */
  async close(): Promise<void> {
    const files = [...this.files.values()];
    this.files.clear();
    await Promise.all(files.map((f) => f.close()));
  }

  /** Every stored outcome, oldest month first, with a warning for each line skipped. */
  readAll(): { outcomes: QuizOutcome[]; warnings: StatsWarning[] } {
    const outcomes: QuizOutcome[] = [];
    const warnings: StatsWarning[] = [];
    if (!existsSync(this.dir)) return { outcomes, warnings };
    const files = readdirSync(this.dir)
      .filter((f) => /^quiz-\d{4}-\d{2}\.jsonl$/.test(f))
      .sort();
    for (const name of files) {
      const file = join(this.dir, name);
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const isTornTail = i === lines.length - 1; // no newline after it: the write was cut short
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          warnings.push(skipWarning(file, i + 1, isTornTail));
          return;
        }
        const parsed = QuizOutcome.safeParse(value);
        if (parsed.success) outcomes.push(parsed.data);
        else warnings.push(skipWarning(file, i + 1, isTornTail));
      });
    }
    return { outcomes, warnings };
  }

  /** Per-day statistics over everything stored. */
  fold(): { rows: QuizDayStats[]; warnings: StatsWarning[] } {
    const { outcomes, warnings } = this.readAll();
    return { rows: foldQuizStats(outcomes), warnings };
  }
}

function skipWarning(file: string, line: number, torn: boolean): StatsWarning {
  return torn
    ? {
        file,
        line,
        message: {
          'zh-Hans': '最后一行不完整（可能是写入时断电或崩溃），已跳过。',
          en: 'The last line is incomplete (probably a crash or power cut while writing); skipped.',
        },
      }
    : {
        file,
        line,
        message: { 'zh-Hans': '这一行不是有效的体检记录，已跳过。', en: 'This line is not a valid self-check record; skipped.' },
      };
}

/**
 * Serves the kiosk what it needs to run a pack's self-check, read-only:
 * `GET /api/quiz-bank/<packId>/pack.yaml` and each bank file that pack.yaml lists under
 * contents.quizzes. Nothing else of the pack is reachable here.
 */
/** `packs` may be a function, so banks follow the active pack versions. */
export function registerQuizRoutes(app: FastifyInstance, packs: readonly { id: string; dir: string }[] | (() => readonly { id: string; dir: string }[])): void {
  app.get<{ Params: { packId: string; '*': string } }>('/api/quiz-bank/:packId/*', async (req, reply) => {
    const pack = (typeof packs === 'function' ? packs() : packs).find((p) => p.id === req.params.packId);
    if (!pack) return reply.code(404).send({ error: 'no such pack' });
    const rel = req.params['*'];
    const manifest = readPackYaml(pack.dir);
    if (!manifest) return reply.code(404).send({ error: 'no pack.yaml' });
    if (rel === 'pack.yaml') return reply.type('text/yaml; charset=utf-8').send(manifest.text);
    if (!manifest.listed('quizzes')?.includes(rel) || !existsSync(join(pack.dir, rel))) return reply.code(404).send({ error: 'not a listed quiz bank' });
    return reply.type('text/yaml; charset=utf-8').send(readFileSync(join(pack.dir, rel), 'utf8'));
  });
}
