import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, phoneJoinPath, type ScenarioRef, type ScenarioSummary, type TableSummary } from '../../../core/protocol/tables';
import type { Scenario } from '../../../core/story';
import type { Bilingual } from '../../../core/text';
import { TableKeys } from './auth';
import { createTable, replayTable, scenarioHash, type TableAction, type TableActor, type TableEvent } from './engine';
import { appendLine, readTableLog, TableLog, writeDurable, type TableLogHeader } from './log';
import { Table, type Outcome } from './table';

/** A scenario of an active pack, compiled and ready to open a table with. */
export interface ScenarioSource {
  pack: { id: string; version: string };
  scenario: Scenario;
}

export interface TablesOptions {
  /** The hall's data folder: logs go to `<data>/tables`, statistics to `<data>/stats`. */
  dataDir: string;
  /** The scenarios of the active packs (read on each DM hello and table open). */
  scenarios: () => Promise<readonly ScenarioSource[]> | readonly ScenarioSource[];
  /** `http://<address>:<port>` phones reach the host at (the QR encodes it). */
  origin: () => string;
  /** The host clock (ms). */
  now: () => number;
  log?: (line: string) => void;
}

export type Refusal = { code: string; reason: Bilingual };

/** One anonymous line of the hall's statistics per finished game. */
export interface TableOutcome {
  day: string;
  scenario: string;
  pack: string;
  /** The ending phase reached, or 'stopped' when the DM ended the game early. */
  ending: string;
  players: number;
  minutes: number;
}

const TABLE_FILE = /^(t-[a-z0-9]+)\.log$/;
const MAX_EXTRA_JOINS = 4;

function refusal(code: string, zh: string, en: string): Refusal {
  return { code, reason: { 'zh-Hans': zh, en } };
}

/**
 * Every table of the hall: opens them, rebuilds them from their logs on start, finds them by
 * code and seat token, runs their timers on the host clock, and writes the anonymous outcome
 * line when a game ends.
 */
export class Tables {
  readonly dir: string;
  readonly keys: TableKeys;
  private readonly tables = new Map<string, Table>();
  private readonly byCode = new Map<string, Table>();
  private readonly seats = new Map<string, { table: string; player: string }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Called after every change to a table (the plugin pushes the table lists to DM consoles). */
  onChange: (table: Table) => void = () => {};
  /** A hall surface must show a table (its code) or stop showing one (null); the plugin sends it. */
  onScreen: (surfaceId: string, code: string | null) => void = () => {};

  constructor(private readonly opts: TablesOptions) {
    this.dir = join(opts.dataDir, 'tables');
    mkdirSync(this.dir, { recursive: true });
    this.keys = new TableKeys(join(this.dir, 'secret.key'));
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /** Rebuilds every open table from its log; a log that cannot be read is reported and left alone. */
  loadAll(): void {
    for (const name of readdirSync(this.dir).sort()) {
      const m = TABLE_FILE.exec(name);
      if (!m) continue;
      const file = join(this.dir, name);
      try {
        const read = readTableLog(file);
        if (read.tornTail) this.log(`table ${read.header.table}: a torn last line was dropped (crash while writing)`);
        const scenario = JSON.parse(readFileSync(this.scenarioFile(read.header.table), 'utf8')) as Scenario;
        if (scenarioHash(scenario) !== read.header.scenarioHash) throw new Error('the scenario copy does not match the log header / 剧本副本与日志头不符');
        const state = replayTable(scenario, read.events as TableEvent[]);
        const table = new Table(read.header, scenario, state, TableLog.reopen(file), (code) => this.joinUrl(code));
        this.register(table);
        this.log(`table ${table.id} (${table.code}) resumed at version ${state.version}, ${state.status}`);
      } catch (err) {
        this.log(`table log ${file} not resumed: ${(err as Error).message}`);
      }
    }
    // Which hall screens showed which table: back on them after a restart.
    try {
      const saved = existsSync(this.screensFile) ? (JSON.parse(readFileSync(this.screensFile, 'utf8')) as Record<string, unknown>) : {};
      for (const [surface, table] of Object.entries(saved)) if (typeof table === 'string' && this.tables.has(table)) this.screens.set(surface, table);
    } catch (err) {
      this.log(`tables: ${this.screensFile} unreadable, no table on any hall screen: ${(err as Error).message}`);
    }
  }

  private get screensFile(): string {
    return join(this.dir, 'screens.json');
  }

  private scenarioFile(id: string): string {
    return join(this.dir, `${id}.scenario.json`);
  }

  /** The log file of a table, open or closed. */
  logFile(id: string): string | undefined {
    if (!/^t-[a-z0-9]+$/.test(id)) return undefined;
    for (const f of [`${id}.log`, `${id}.closed.log`]) if (existsSync(join(this.dir, f))) return join(this.dir, f);
    return undefined;
  }

  private joinUrl(code: string): string {
    return this.opts.origin() + phoneJoinPath(code);
  }

  private register(table: Table): void {
    this.tables.set(table.id, table);
    this.byCode.set(table.code, table);
    for (const p of table.state.players) this.seats.set(this.keys.seatToken(table.id, p), { table: table.id, player: p });
    // Listeners hear a step once its log line is on disk (the log's group commit says when).
    table.onShown = () => this.changed(table);
    table.onDiskFailure = (err) => this.log(`table ${table.id}: its log could not be synced to disk; it refuses further steps until the host restarts: ${err.message}`);
    this.arm(table);
  }

  async scenarioList(): Promise<ScenarioSummary[]> {
    return (await this.opts.scenarios()).map(({ pack, scenario: s }) => ({
      pack: pack.id,
      packVersion: pack.version,
      id: s.id,
      title: s.title,
      theme: s.theme,
      players: { ...s.players },
      minutes: { ...s.duration },
      roles: s.roles.map((r) => ({ id: r.id, name: r.name, intro: r.intro, optional: r.optional })),
    }));
  }

  list(): TableSummary[] {
    return [...this.tables.values()].map((t) => {
      const screens = this.screensOf(t.id);
      return screens.length > 0 ? { ...t.summary(), screens } : t.summary();
    });
  }

  /** Hall surfaces showing a table's shared screen: surface id → table id (kept in screens.json). */
  private readonly screens = new Map<string, string>();

  /** The surfaces showing this table. */
  screensOf(tableId: string): string[] {
    return [...this.screens].filter(([, t]) => t === tableId).map(([s]) => s);
  }

  /** The join code of the table a surface shows, or null. */
  shownOn(surfaceId: string): string | null {
    const id = this.screens.get(surfaceId);
    return (id && this.tables.get(id)?.code) ?? null;
  }

  /**
   * Shows a table on exactly these surfaces (taking them from any other table) and leaves the ones
   * it was on; returns each surface whose picture changed with what it shows now.
   */
  showOn(table: Table, surfaceIds: readonly string[]): Array<{ surface: string; code: string | null }> {
    const changed: Array<{ surface: string; code: string | null }> = [];
    for (const [surface, t] of [...this.screens]) {
      if (t === table.id && !surfaceIds.includes(surface)) {
        this.screens.delete(surface);
        changed.push({ surface, code: null });
      }
    }
    for (const surface of surfaceIds) {
      if (this.screens.get(surface) === table.id) continue;
      this.screens.set(surface, table.id);
      changed.push({ surface, code: table.code });
    }
    if (changed.length > 0) {
      try {
        writeDurable(this.screensFile, JSON.stringify(Object.fromEntries(this.screens)) + '\n');
      } catch (err) {
        this.log(`tables: hall screens not saved (they are live until the next restart): ${(err as Error).message}`);
      }
      this.onChange(table);
    }
    return changed;
  }

  get(id: string): Table | undefined {
    return this.tables.get(id);
  }

  find(code: string): Table | undefined {
    return this.byCode.get(code);
  }

  /** The seat a token holds, if the table is still open and the player still at it. */
  seatOf(token: string): { table: Table; player: string } | undefined {
    const s = this.seats.get(token);
    const table = s && this.tables.get(s.table);
    return s && table && table.state.players.includes(s.player) ? { table, player: s.player } : undefined;
  }

  private newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
      if (!this.byCode.has(code)) return code;
    }
  }

  /** Opens a table on a scenario of an active pack with these roles in play. */
  async open(req: { scenario: ScenarioRef; roles: string[]; pick: 'player' | 'dm'; label?: string | undefined }): Promise<{ ok: true; table: Table } | ({ ok: false } & Refusal)> {
    const source = (await this.opts.scenarios()).find((s) => s.pack.id === req.scenario.pack && s.scenario.id === req.scenario.scenario);
    if (!source) return { ok: false, ...refusal('not-found', `当前内容包里没有剧本“${req.scenario.scenario}”`, `The active packs have no scenario "${req.scenario.scenario}"`) };
    const sc = source.scenario;
    const roles = [...new Set(req.roles)];
    const unknown = roles.filter((r) => !sc.roles.some((x) => x.id === r));
    if (unknown.length > 0 || roles.length !== req.roles.length) return { ok: false, ...refusal('roles', `角色不对：${unknown.join('、') || '有重复'}`, `Wrong roles: ${unknown.join(', ') || 'repeated'}`) };
    if (roles.length < sc.players.min || roles.length > sc.players.max) {
      return { ok: false, ...refusal('size', `本剧本需要 ${sc.players.min}–${sc.players.max} 名玩家`, `This scenario needs ${sc.players.min}–${sc.players.max} players`) };
    }
    const missing = sc.roles.filter((r) => !r.optional && !roles.includes(r.id)).map((r) => r.id);
    if (missing.length > 0) return { ok: false, ...refusal('roles', `必选角色没有列入：${missing.join('、')}`, `Required roles are missing: ${missing.join(', ')}`) };
    const now = this.opts.now();
    const id = `t-${randomBytes(6).toString('hex')}`;
    const code = this.newCode();
    const { event, state } = createTable(sc, { seed: randomInt(0, 0xffffffff), pack: source.pack, at: now });
    const header: TableLogHeader = {
      format: 'redhall.table',
      formatVersion: 1,
      table: id,
      code,
      ...(req.label ? { label: req.label } : {}),
      scenario: sc.id,
      scenarioHash: scenarioHash(sc),
      pack: source.pack,
      roles,
      pick: req.pick,
      openedAt: now,
    };
    // The scenario copy first: a log whose scenario is missing could not be resumed.
    writeDurable(this.scenarioFile(id), JSON.stringify(sc));
    const log = TableLog.create(join(this.dir, `${id}.log`), header);
    log.append(event);
    const table = new Table(header, sc, state, log, (c) => this.joinUrl(c));
    this.register(table);
    this.log(`table ${id} (${code}) opened: ${sc.id} with ${roles.length} roles, ${req.pick === 'player' ? 'players pick' : 'DM deals'} roles`);
    this.changed(table);
    return { ok: true, table };
  }

  /** Seats a new phone at a table: a player id and its token (and, when the DM deals, the next free role). */
  join(table: Table): { ok: true; player: string; token: string } | ({ ok: false } & Refusal) {
    if (table.state.players.length >= table.header.roles.length + MAX_EXTRA_JOINS) return { ok: false, ...refusal('full', '这一桌已经满了', 'This table is full') };
    let n = table.state.players.length + 1;
    while (table.state.players.includes(`p${n}`) || this.seats.has(this.keys.seatToken(table.id, `p${n}`))) n++;
    const player = `p${n}`;
    const r = this.run(table, { kind: 'player', player }, table.state.version, { type: 'join', player });
    if (!r.ok) return { ok: false, code: r.code, reason: r.reason };
    const token = this.keys.seatToken(table.id, player);
    this.seats.set(token, { table: table.id, player });
    if (table.header.pick === 'dm' && table.status === 'lobby') {
      const free = table.header.roles.find((role) => !table.state.seats.some((s) => s.role === role));
      if (free) this.run(table, { kind: 'player', player }, table.state.version, { type: 'claim', role: free });
    }
    return { ok: true, player, token };
  }

  /** Runs one command at a table: pushed to the listeners once it is on disk; refusals change nothing. */
  run(table: Table, actor: TableActor, version: number, action: TableAction): Outcome {
    if (action.type === 'claim' && !table.header.roles.includes(action.role)) {
      return { ok: false, code: 'role', reason: { 'zh-Hans': '这个角色不在这一桌', en: 'This role is not in play at this table' }, version: table.state.version };
    }
    const wasOver = table.status === 'ended';
    const r = table.command(actor, version, action, this.opts.now());
    if (!r.ok) return r;
    // (read again: the command moved the table on)
    const isOver = (table.status as string) === 'ended';
    if (r.event.type === 'left') this.seats.delete(this.keys.seatToken(table.id, r.event.player));
    if (!wasOver && isOver) this.recordOutcome(table);
    this.arm(table);
    return r;
  }

  private changed(table: Table): void {
    table.broadcast(this.opts.now());
    this.onChange(table);
  }

  /** Pushes a table again (a listener came or went). */
  touch(table: Table): void {
    this.changed(table);
  }

  /** Closes a table: its log is kept (renamed `.closed.log`) for export, the table leaves the list. */
  close(table: Table): void {
    this.disarm(table);
    table.markClosed();
    const from = join(this.dir, `${table.id}.log`);
    renameSync(from, join(this.dir, `${table.id}.closed.log`));
    for (const p of table.state.players) this.seats.delete(this.keys.seatToken(table.id, p));
    for (const { surface } of this.showOn(table, [])) this.onScreen(surface, null);
    this.tables.delete(table.id);
    this.byCode.delete(table.code);
    table.broadcast(this.opts.now());
    this.onChange(table);
    this.log(`table ${table.id} (${table.code}) closed`);
  }

  private recordOutcome(table: Table): void {
    const now = this.opts.now();
    const started = table.state.startedAt ?? table.header.openedAt;
    const ending = table.state.status === 'stopped' ? 'stopped' : table.state.session?.phase ?? 'unknown';
    const line: TableOutcome = {
      day: new Date(now).toISOString().slice(0, 10),
      scenario: table.scenario.id,
      pack: table.header.pack.id,
      ending,
      players: table.state.seats.length,
      minutes: Math.round((now - started) / 6000) / 10,
    };
    try {
      appendLine(join(this.opts.dataDir, 'stats', `tables-${line.day.slice(0, 7)}.jsonl`), JSON.stringify(line));
    } catch (err) {
      this.log(`table statistics not stored: ${(err as Error).message}`);
    }
  }

  private disarm(table: Table): void {
    const t = this.timers.get(table.id);
    if (t) clearTimeout(t);
    this.timers.delete(table.id);
  }

  /** Sets the table's timer to its phase deadline on the host clock; at the deadline the host moves the phase on. */
  private arm(table: Table): void {
    this.disarm(table);
    const { deadline, paused } = table.state.clock;
    if (deadline === undefined || paused || table.status !== 'playing') return;
    const wait = Math.max(0, deadline - this.opts.now());
    const timer = setTimeout(() => {
      this.timers.delete(table.id);
      const r = this.run(table, { kind: 'host' }, table.state.version, { type: 'advance' });
      if (!r.ok) this.log(`table ${table.id}: the timer could not move the phase on (${r.code}): ${r.reason.en}`);
    }, Math.min(wait, 2 ** 31 - 1));
    timer.unref();
    this.timers.set(table.id, timer);
  }

  /** Stops every timer and closes the log files (tables stay on disk and resume on the next start). */
  dispose(): void {
    for (const t of this.tables.values()) {
      this.disarm(t);
      t.listeners.clear();
      t.release();
    }
  }
}
