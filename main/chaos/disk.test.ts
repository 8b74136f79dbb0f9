// Chaos, the disk: a real tmpfs that fills up under the hall's writers (statistics, logs, table
// logs, pack installs). Nothing may be taken as stored that is not; the messages say, in zh-Hans
// and en, what state the hall is in. Skipped (and saying why) where no tmpfs can be mounted.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QuizOutcome } from '../../core/quiz/outcome';
import { AppendFile, appendLinesSync, DiskWriteError } from '../disk/append';
import { DiskHealth } from '../disk/health';
import { installPack } from '../host/packs/install';
import { PackRefused } from '../host/packs/refused';
import { PackStore } from '../host/packs/store';
import { QuizStatsStore } from '../host/quiz-stats';
import { readTableLog, TableLog, type TableLogHeader } from '../host/tables/log';
import { mountSmallDisk, tmpfsUnavailable, type SmallDisk } from './tmpfs';

const DEMO = join(import.meta.dirname, '../../content/demo-hall');
const why = tmpfsUnavailable();
if (why) console.warn(`chaos/disk skipped: ${why}`);

const outcome = (n: number): QuizOutcome => ({ v: 1, packId: 'demo-hall', bankId: 'party-spirit', formId: 'standard', status: 'completed', day: '2026-11-23', answered: 1, dimensions: { ideals: n }, overall: n, answers: { 'ideals-study': 4 } });

let disk: SmallDisk | undefined;
afterEach(() => {
  disk?.unmount();
  disk = undefined;
});

describe.skipIf(why !== undefined)('a full disk (tmpfs)', () => {
  it('cuts back a record the disk took only part of, instead of keeping it cut at a page', () => {
    disk = mountSmallDisk(64);
    const file = join(disk.dir, 'stats', 'x.jsonl');
    appendLinesSync(file, '{"first":true}\n');
    disk.fill();
    const before = readFileSync(file, 'utf8');
    // Larger than what is left of the file's last page: write(2) takes part of it, then ENOSPC.
    const big = JSON.stringify({ text: 'x'.repeat(10_000) }) + '\n';
    let err: unknown;
    try {
      appendLinesSync(file, big);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DiskWriteError);
    expect((err as DiskWriteError).code).toBe('ENOSPC');
    expect(readFileSync(file, 'utf8')).toBe(before);
    disk.free();
    appendLinesSync(file, '{"second":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"first":true}\n{"second":true}\n');
  });

  it('statistics: outcomes on a full disk are reported, not taken as stored; earlier ones stay whole; writing resumes when space is freed', async () => {
    disk = mountSmallDisk(64);
    const health = new DiskHealth();
    const stats = new QuizStatsStore(disk.dir, health);
    await Promise.all([1, 2, 3].map((n) => stats.record(outcome(n))));
    disk.fill();
    // One batch of 40 records (~8 kB): more than the slack of the file's last page, so the disk
    // takes part of the batch and then refuses. The part is cut back; none is taken as stored.
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => stats.record(outcome(10 + i))));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['rejected']));
    const h = health.snapshot();
    expect(h.failedWrites).toBe(40);
    expect(h.last).toMatchObject({ code: 'ENOSPC', message: { 'zh-Hans': expect.stringContaining('磁盘已满'), en: expect.stringContaining('The disk is full') } });
    expect(h.last!.message['zh-Hans']).toContain('没有保存');
    expect(h.last!.message.en).toContain('not stored');
    const read = stats.readAll();
    expect([read.outcomes.map((o) => o.overall), read.warnings]).toEqual([[1, 2, 3], []]);
    disk.free();
    await stats.record(outcome(7));
    expect(stats.readAll().outcomes.map((o) => o.overall)).toEqual([1, 2, 3, 7]);
    await stats.close();
  });

  it('a log file on a full disk: the lines are counted as lost in health, the writer carries on', async () => {
    disk = mountSmallDisk(64);
    const health = new DiskHealth();
    const log = new AppendFile(join(disk.dir, 'logs', 'hall.log'), { sync: false, onFailure: (e, n) => health.report(e, { 'zh-Hans': `${n} 行日志没有写入`, en: `${n} log lines not written` }, n) });
    await log.append('before');
    disk.fill();
    await expect(log.append('x'.repeat(8000))).rejects.toBeInstanceOf(DiskWriteError);
    expect(health.snapshot().failedWrites).toBe(1);
    disk.free();
    await log.append('after');
    await log.close();
    expect(readFileSync(join(disk.dir, 'logs', 'hall.log'), 'utf8')).toBe('before\nafter\n');
  });

  it('a table log: a step the disk refuses is not half-written; the table goes on once there is room', () => {
    disk = mountSmallDisk(64);
    const file = join(disk.dir, 'tables', 't1.log');
    const header: TableLogHeader = { format: 'redhall.table', formatVersion: 1, table: 't1', code: 'ABCDE', scenario: 's', scenarioHash: 'h', pack: { id: 'p', version: '1.0.0' }, roles: ['a'], pick: 'dm', openedAt: 1 };
    const log = TableLog.create(file, header);
    log.append({ type: 'started' });
    disk.fill();
    const before = readFileSync(file, 'utf8');
    expect(() => log.write({ type: 'note', text: '字'.repeat(4000) })).toThrow(DiskWriteError);
    expect(readFileSync(file, 'utf8')).toBe(before);
    disk.free();
    log.append({ type: 'advanced' });
    log.close();
    expect(readTableLog(file).events).toEqual([{ type: 'started' }, { type: 'advanced' }]);
  });

  it('install: a disk full while copying changes nothing, leaves no staging behind, and says so in both languages', async () => {
    disk = mountSmallDisk(256); // the demo pack is ~700 kB
    const store = await new PackStore(disk.dir).open();
    let err: unknown;
    try {
      await installPack(store, DEMO);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PackRefused);
    const f = (err as PackRefused).findings[0]!;
    expect(f.code).toBe('install.disk-full');
    expect(f.message['zh-Hans']).toMatch(/磁盘已满.*没有安装.*大厅的内容没有变化/);
    expect(f.message.en).toMatch(/The disk is full.*was not installed.*unchanged/);
    expect(readdirSync(store.stagingDir)).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('install: a disk that fills just before activation stores the version but says it is not active, and what still shows', async () => {
    disk = mountSmallDisk(4096);
    const store = await new PackStore(disk.dir).open();
    await installPack(store, DEMO);
    // The same pack as a new version, in a folder of its own.
    const { cpSync } = await import('node:fs');
    const v2 = join(disk.dir, 'src-v2');
    cpSync(DEMO, v2, { recursive: true });
    writeFileSync(join(v2, 'pack.yaml'), readFileSync(join(v2, 'pack.yaml'), 'utf8').replace(/^version:.*$/m, 'version: 9.9.9'));
    let err: unknown;
    try {
      await installPack(store, v2, { onProgress: (p) => p.phase === 'activate' && p.done === 0 && disk!.fill() });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PackRefused);
    const f = (err as PackRefused).findings[0]!;
    expect(f.code).toBe('install.disk-full-not-activated');
    expect(f.message['zh-Hans']).toContain('已经完整保存，但没有启用');
    expect(f.message['zh-Hans']).toMatch(/大厅仍在使用 demo-hall@\d/);
    expect(f.message.en).toMatch(/demo-hall@9\.9\.9 was stored whole but not activated; the hall still shows demo-hall@\d.*redhall pack activate demo-hall@9\.9\.9/);
    // The pointer still names the old version, and no temp file of the failed pointer write is left.
    const old = (await store.list())[0]!;
    expect(old.active).not.toBe('9.9.9');
    expect(old.versions).toContain('9.9.9');
    expect(readdirSync(join(store.root, 'demo-hall')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    disk.free();
    await store.activate('demo-hall', '9.9.9');
    expect((await store.pointer('demo-hall'))?.version).toBe('9.9.9');
  });
});

describe('temp files at start', () => {
  it('a pointer temp file left by a crashed writer is removed when the store opens; a live writer’s is kept', async () => {
    const { mkdtempSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const data = mkdtempSync(join(tmpdir(), 'redhall-tmpclean-'));
    const dir = join(data, 'packs', 'demo-hall');
    mkdirSync(dir, { recursive: true });
    // pid 2^22+1 is above Linux's pid_max default range; no process has it.
    writeFileSync(join(dir, 'active.json.4194305.abc123.tmp'), '{"version":');
    writeFileSync(join(dir, `active.json.${process.pid}.def456.tmp`), '{');
    await new PackStore(data).open();
    expect(existsSync(join(dir, 'active.json.4194305.abc123.tmp'))).toBe(false);
    expect(statSync(join(dir, `active.json.${process.pid}.def456.tmp`)).size).toBe(1);
  });
});
