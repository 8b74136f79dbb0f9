import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminStats } from '../../../core/protocol/admin';
import type { QuizStatsStore } from '../quiz-stats';
import { appendLine } from '../tables/log';

/** The host's local calendar day of a time (a hall counts its days where it stands). */
export function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Kiosk module visits, anonymous: one line `{day, packId, module}` per time a surface opened a
 * module page, in `DATA/stats/visits-YYYY-MM.jsonl`, fsynced like the other statistics. A visit
 * is a change of screen to `module:<id>`; the same screen reported again (a reconnect, a change
 * of language) is not another visit.
 */
export class VisitLog {
  private readonly lastScreen = new Map<string, string>();

  constructor(
    private readonly dataDir: string,
    private readonly packId: () => string | undefined,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  screen(surfaceId: string, screen: string): void {
    const before = this.lastScreen.get(surfaceId);
    this.lastScreen.set(surfaceId, screen);
    const m = /^module:(.+)$/.exec(screen);
    if (!m || before === screen) return;
    const day = localDay(this.now());
    try {
      appendLine(join(this.dataDir, 'stats', `visits-${day.slice(0, 7)}.jsonl`), JSON.stringify({ day, packId: this.packId() ?? '', module: m[1] }));
    } catch (err) {
      this.log(`visit not counted: ${(err as Error).message}`);
    }
  }
}

/** Every JSON line of `DATA/stats/<prefix>-YYYY-MM.jsonl`, oldest first; unreadable lines counted, never fatal. */
function readLines(dataDir: string, prefix: string): { values: unknown[]; skipped: number } {
  const dir = join(dataDir, 'stats');
  const values: unknown[] = [];
  let skipped = 0;
  if (!existsSync(dir)) return { values, skipped };
  const re = new RegExp(`^${prefix}-\\d{4}-\\d{2}\\.jsonl$`);
  for (const name of readdirSync(dir).filter((f) => re.test(f)).sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        values.push(JSON.parse(line));
      } catch {
        skipped++;
      }
    }
  }
  return { values, skipped };
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The console's statistics: self-check by day and dimension, script-kill endings, module visits. */
export function readStats(dataDir: string, quiz: QuizStatsStore): AdminStats {
  const q = quiz.fold();
  let skipped = q.warnings.length;

  const endings = new Map<string, AdminStats['endings'][number]>();
  const t = readLines(dataDir, 'tables');
  skipped += t.skipped;
  for (const v of t.values as Array<Record<string, unknown>>) {
    const day = str(v?.day);
    const scenario = str(v?.scenario);
    const ending = str(v?.ending);
    if (!day || !scenario || !ending) {
      skipped++;
      continue;
    }
    const key = `${day}\u0000${scenario}\u0000${ending}`;
    const row = endings.get(key) ?? { day, scenario, ending, games: 0, players: 0, minutes: 0 };
    row.games++;
    row.players += num(v.players) ?? 0;
    row.minutes = Math.round((row.minutes + (num(v.minutes) ?? 0)) * 10) / 10;
    endings.set(key, row);
  }

  const visits = new Map<string, AdminStats['visits'][number]>();
  const vl = readLines(dataDir, 'visits');
  skipped += vl.skipped;
  for (const v of vl.values as Array<Record<string, unknown>>) {
    const day = str(v?.day);
    const module = str(v?.module);
    if (!day || !module) {
      skipped++;
      continue;
    }
    const packId = str(v.packId) ?? '';
    const key = `${day}\u0000${packId}\u0000${module}`;
    const row = visits.get(key) ?? { day, packId, module, visits: 0 };
    row.visits++;
    visits.set(key, row);
  }

  const byKey = <T extends { day: string }>(rows: Iterable<T>, key: (r: T) => string) => [...rows].sort((a, b) => a.day.localeCompare(b.day) || key(a).localeCompare(key(b)));
  return {
    quiz: q.rows.map((r) => ({ day: r.day, packId: r.packId, bankId: r.bankId, started: r.started, completed: r.completed, abandoned: r.abandoned, meanByDimension: r.meanByDimension })),
    endings: byKey(endings.values(), (r) => r.scenario + r.ending),
    visits: byKey(visits.values(), (r) => r.module),
    skipped,
  };
}

const cell = (s: string | number) => {
  const v = String(s);
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** One statistic as CSV (UTF-8 with a BOM, so a spreadsheet on Windows reads the Chinese right). */
export function statsCsv(stats: AdminStats, kind: 'quiz' | 'endings' | 'visits'): string {
  const rows: Array<Array<string | number>> = [];
  if (kind === 'quiz') {
    rows.push(['day', 'pack', 'bank', 'started', 'completed', 'abandoned', 'dimension', 'mean']);
    for (const r of stats.quiz) {
      const dims = Object.entries(r.meanByDimension);
      if (dims.length === 0) rows.push([r.day, r.packId, r.bankId, r.started, r.completed, r.abandoned, '', '']);
      for (const [d, m] of dims) rows.push([r.day, r.packId, r.bankId, r.started, r.completed, r.abandoned, d, m]);
    }
  } else if (kind === 'endings') {
    rows.push(['day', 'scenario', 'ending', 'games', 'players', 'minutes']);
    for (const r of stats.endings) rows.push([r.day, r.scenario, r.ending, r.games, r.players, r.minutes]);
  } else {
    rows.push(['day', 'pack', 'module', 'visits']);
    for (const r of stats.visits) rows.push([r.day, r.packId, r.module, r.visits]);
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
