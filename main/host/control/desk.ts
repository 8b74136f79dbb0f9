import { hansToHant } from '../../../core/pack/hant';
import {
  CONTROL_COMMAND_NAMES,
  ControlCommand as ControlCommandSchema,
  type ControlAnswer,
  type ControlCommand,
  type ControlCommandOf,
  type ControlRefusal,
  type HallControlState,
  type Trilingual,
} from '../../../core/protocol/control';
import { firstIssue, type HostMessage, type SurfaceRole } from '../../../core/protocol/messages';
import type { LocalisedText, Bilingual } from '../../../core/text';
import type { SurfaceStatus } from '../surfaces';
import type { ShowRunner } from '../shows/runner';
import { trilingual, type Projectors } from './projectors';

/** What a zone's host function answers (the oath and cinema capabilities of helper zonesb). */
export type ZoneOutcome = { ok: true } | { ok: false; message: Bilingual };

/**
 * Zones the desk can drive when their capability is in the hall. Read each time a command runs,
 * so a zone that registers later (or a pack without the content) is picked up.
 */
export interface ControlZones {
  oath?: { start(surface?: string): ZoneOutcome | Promise<ZoneOutcome>; stop(): ZoneOutcome | Promise<ZoneOutcome> } | undefined;
  cinema?: { play(film?: string, surface?: string): ZoneOutcome | Promise<ZoneOutcome>; films(): { id: string; title: LocalisedText }[] } | undefined;
}

/** What walls can be sent to: the active packs' modules and timeline stations. */
export interface ControlCatalog {
  modules(): { id: string; title: LocalisedText; subtitle?: LocalisedText | undefined; summary?: LocalisedText | undefined }[];
  stations(): { id: string; date: string; title: LocalisedText; text?: LocalisedText | undefined }[];
}

export interface DeskOptions {
  shows: ShowRunner;
  /** Every planned surface with its live state (the host's registry). */
  surfaces: () => SurfaceStatus[];
  send: (surfaceId: string, message: HostMessage) => number;
  catalog: ControlCatalog;
  projectors: Projectors;
  zones: () => ControlZones;
  /** Opening hours now, when hall.yaml has them. */
  hours: () => HallControlState['hours'];
  clock: () => number;
  log: (line: string) => void;
}

/** A command refused: the HTTP status it maps to and the refusal. */
export type DeskRefusal = ControlRefusal & { status: number };
export type DeskResult = ControlAnswer | DeskRefusal;

/** Roles that take wall.goto (immersive surfaces). */
const WALL_ROLES: readonly SurfaceRole[] = ['wall', 'cave', 'ring', 'hologram', 'metro'];

class Refused extends Error {
  constructor(readonly status: number, readonly code: string, readonly text: Trilingual) {
    super(text.en);
  }
}
const refuse = (status: number, code: string, zh: string, en: string) => new Refused(status, code, trilingual(zh, en));
const fromBilingual = (b: Bilingual): Trilingual => ({ 'zh-Hans': b['zh-Hans'], 'zh-Hant': hansToHant(b['zh-Hans']), en: b.en });
const name = (t: LocalisedText): string => (typeof t === 'string' ? t : t['zh-Hans']);

/**
 * The one place control commands run, whichever door they came through (docent remote, HTTP,
 * OSC, opening hours): validates the command with the shared schema, runs it against the shows,
 * surfaces, zones and projectors, and answers what it did with the hall's state after it, or a
 * refusal with a status, a code and a sentence in three languages. It never throws.
 */
export class ControlDesk {
  private blackoutAll = false;
  private readonly blackout = new Set<string>();
  private muted = false;
  private asleep = false;
  private readonly focus = new Map<string, Extract<HostMessage, { type: 'wall.focus' }>['focus']>();

  constructor(private readonly opts: DeskOptions) {}

  /** Why a value is not a command: unknown (400 `unknown-command`) or malformed (400 `bad-command`); undefined when it is one. */
  malformed(raw: unknown): DeskRefusal | undefined {
    const parsed = ControlCommandSchema.safeParse(raw);
    if (parsed.success) return undefined;
    const given = typeof raw === 'object' && raw !== null ? (raw as { command?: unknown }).command : undefined;
    const commandName = typeof given === 'string' ? given.slice(0, 60) : null;
    if (commandName === null || !(CONTROL_COMMAND_NAMES as string[]).includes(commandName)) {
      const what = commandName ? `“${commandName}”` : '';
      return this.refusal(commandName, refuse(400, 'unknown-command', `没有这个控制命令${what}。可用命令见 docs/control.md。`, `No such control command${commandName ? ` "${commandName}"` : ''}; docs/control.md lists them.`));
    }
    const detail = firstIssue(parsed.error, '(command)');
    return this.refusal(commandName, refuse(400, 'bad-command', `控制命令格式不正确：${detail}`, `Malformed control command: ${detail}`));
  }

  /** Runs a command (any JSON value); `who` goes to the log. */
  async run(raw: unknown, who: string): Promise<DeskResult> {
    const bad = this.malformed(raw);
    if (bad) return bad;
    const command = ControlCommandSchema.parse(raw) as ControlCommand;
    try {
      const done = await this.execute(command);
      this.opts.log(`control: ${command.command} by ${who}`);
      return { ok: true, command: command.command, done, state: this.state() };
    } catch (err) {
      if (err instanceof Refused) {
        this.opts.log(`control: ${command.command} by ${who} refused (${err.code})`);
        return this.refusal(command.command, err);
      }
      this.opts.log(`control: ${command.command} by ${who} failed: ${(err as Error).stack ?? String(err)}`);
      return this.refusal(command.command, refuse(500, 'internal', '主机执行命令时出错，已记录在日志中。', 'The host failed to run the command; the log has the details.'));
    }
  }

  private refusal(command: string | null, r: Refused): DeskRefusal {
    return { ok: false, command, error: r.code, message: r.text, status: r.status };
  }

  private async execute(c: ControlCommand): Promise<Trilingual> {
    switch (c.command) {
      case 'show.start':
        return this.startShow(c);
      case 'show.stop':
        if (!this.opts.shows.stop()) return trilingual('现在没有正在进行的演出。', 'No show was running.');
        return trilingual('演出已停止。', 'The show is stopping.');
      case 'wall.goto':
        return this.goto(c);
      case 'oath.start':
      case 'oath.stop': {
        const oath = this.opts.zones().oath;
        if (!oath) throw refuse(409, 'not-available', '这个展厅没有宣誓区（没有宣誓屏，或内容包里没有誓词）。', 'This hall has no oath area (no oath screen, or no oath in the packs).');
        const r = c.command === 'oath.start' ? await oath.start(c.surface) : await oath.stop();
        if (!r.ok) throw new Refused(409, 'zone-refused', fromBilingual(r.message));
        return c.command === 'oath.start' ? trilingual('宣誓仪式开始。', 'The oath ceremony begins.') : trilingual('宣誓仪式结束。', 'The oath ceremony has ended.');
      }
      case 'cinema.play': {
        const cinema = this.opts.zones().cinema;
        if (!cinema) throw refuse(409, 'not-available', '这个展厅没有影院（没有影院屏，或内容包里没有影片）。', 'This hall has no cinema (no cinema screen, or no films in the packs).');
        if (c.film && !cinema.films().some((f) => f.id === c.film)) throw refuse(404, 'no-such-film', `没有影片“${c.film}”。`, `No film "${c.film}".`);
        const r = await cinema.play(c.film, c.surface);
        if (!r.ok) throw new Refused(409, 'zone-refused', fromBilingual(r.message));
        return trilingual('影片开始放映。', 'The film is starting.');
      }
      case 'sound.pause':
        this.muted = true;
        this.push();
        return trilingual('全馆已静音。', 'Every surface is silent.');
      case 'sound.resume':
        this.muted = false;
        this.push();
        return trilingual('声音已恢复。', 'Sound is back on.');
      case 'screens.blackout': {
        if (c.surface) {
          this.surface(c.surface);
          this.blackout.add(c.surface);
        } else this.blackoutAll = true;
        this.push();
        return c.surface ? trilingual(`屏幕 ${c.surface} 已黑屏。`, `Screen ${c.surface} is black.`) : trilingual('所有屏幕已黑屏。', 'Every screen is black.');
      }
      case 'screens.sleep':
        this.setAsleep(true);
        return trilingual('所有屏幕已休眠。', 'Every screen is asleep.');
      case 'screens.wake':
        this.setAsleep(false);
        return trilingual('所有屏幕已唤醒。', 'Every screen is awake.');
      case 'hall.restore':
        this.blackoutAll = false;
        this.blackout.clear();
        this.muted = false;
        this.asleep = false;
        this.push();
        return trilingual('一切已恢复：画面和声音都回来了。', 'Everything is back: pictures and sound.');
      case 'hall.state':
        return trilingual('展厅状态。', 'The hall’s state.');
      case 'projector.power':
        return this.onProjectors(c.projector, (id) => this.opts.projectors.power(id, c.on), c.on ? ['已开机', 'powered on'] : ['已关机', 'powered off']);
      case 'projector.input':
        return this.onProjectors(c.projector, (id) => this.opts.projectors.input(id, c.input), [`已切换到信号源 ${c.input}`, `switched to input ${c.input}`]);
      case 'projector.mute':
        return this.onProjectors(c.projector, (id) => this.opts.projectors.mute(id, c.on), c.on ? ['已影音静默', 'muted'] : ['已取消静默', 'unmuted']);
      case 'projector.status':
        return this.onProjectors(c.projector ?? 'all', (id) => this.opts.projectors.status(id), ['状态已读取', 'status read']);
    }
  }

  private startShow(c: ControlCommandOf<'show.start'>): Trilingual {
    const run = this.opts.shows.start({ showId: c.show, packId: c.pack, loop: c.loop });
    if (!run) {
      const what = c.show ? `“${c.show}”` : '';
      throw refuse(404, 'no-such-show', `没有找到演出${what}：启用的内容包里没有这个演出。`, `No show${c.show ? ` "${c.show}"` : ''} in the active packs.`);
    }
    return trilingual(`演出“${name(run.show.title)}”开始。`, `The show "${typeof run.show.title === 'string' ? run.show.title : (run.show.title.en ?? run.show.title['zh-Hans'])}" is starting.`);
  }

  private surface(id: string): SurfaceStatus {
    const s = this.opts.surfaces().find((x) => x.id === id);
    if (!s) throw refuse(404, 'no-such-surface', `没有屏幕“${id}”（见 hall.yaml 的 surfaces）。`, `No screen "${id}" (see surfaces in hall.yaml).`);
    return s;
  }

  private goto(c: ControlCommandOf<'wall.goto'>): Trilingual {
    const s = this.surface(c.surface);
    if (!WALL_ROLES.includes(s.role)) throw refuse(409, 'not-a-wall', `屏幕“${c.surface}”不是展示墙（它是 ${s.role}）。`, `Screen "${c.surface}" is not a wall (it is a ${s.role}).`);
    if (c.target === 'home') {
      this.focus.delete(s.id);
      this.opts.send(s.id, { type: 'wall.focus', focus: null });
      return trilingual(`${s.id} 回到常态画面。`, `${s.id} is back to its own scene.`);
    }
    if (!c.id) throw refuse(400, 'bad-command', `请指定要显示的${c.target === 'module' ? '展区' : '站点'} id。`, `Name the ${c.target} to show (id).`);
    let focus: NonNullable<Extract<HostMessage, { type: 'wall.focus' }>['focus']>;
    if (c.target === 'module') {
      const m = this.opts.catalog.modules().find((x) => x.id === c.id);
      if (!m) throw refuse(404, 'no-such-module', `启用的内容包里没有展区“${c.id}”。`, `No module "${c.id}" in the active packs.`);
      focus = { kind: 'module', id: m.id, title: m.title, ...(m.subtitle ? { kicker: m.subtitle } : {}), ...(m.summary ? { text: m.summary } : {}) };
    } else {
      const st = this.opts.catalog.stations().find((x) => x.id === c.id);
      if (!st) throw refuse(404, 'no-such-station', `启用的内容包里没有时间线站点“${c.id}”。`, `No timeline station "${c.id}" in the active packs.`);
      focus = { kind: 'station', id: st.id, title: st.title, kicker: st.date, ...(st.text ? { text: st.text } : {}) };
    }
    this.focus.set(s.id, focus);
    this.opts.send(s.id, { type: 'wall.focus', focus });
    return trilingual(`${s.id} 正在显示“${name(focus.title)}”。`, `${s.id} shows "${typeof focus.title === 'string' ? focus.title : (focus.title.en ?? focus.title['zh-Hans'])}".`);
  }

  private async onProjectors(ref: string, act: (id: string) => ReturnType<Projectors['power']>, words: [string, string]): Promise<Trilingual> {
    const p = this.opts.projectors;
    if (p.ids.length === 0) throw refuse(409, 'no-projectors', 'hall.yaml 里没有配置投影机（projectors）。', 'hall.yaml lists no projectors.');
    const ids = ref === 'all' ? p.ids : [ref];
    if (ref !== 'all' && !p.has(ref)) throw refuse(404, 'no-such-projector', `没有投影机“${ref}”（见 hall.yaml 的 projectors）。`, `No projector "${ref}" (see projectors in hall.yaml).`);
    const outcomes = await Promise.all(ids.map(act));
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) {
      const msgs = failed.map((o) => (o.ok ? undefined : o.message)).filter((m): m is Trilingual => !!m);
      throw new Refused(502, 'projector-failed', {
        'zh-Hans': msgs.map((m) => m['zh-Hans']).join(' '),
        'zh-Hant': msgs.map((m) => m['zh-Hant']).join(' '),
        en: msgs.map((m) => m.en).join(' '),
      });
    }
    const names = outcomes.map((o) => o.state.name);
    return trilingual(`投影机${names.join('、')}${words[0]}。`, `Projector ${names.join(', ')} ${words[1]}.`);
  }

  /** Asleep or awake (opening hours, screens.sleep/wake). */
  setAsleep(asleep: boolean): void {
    this.asleep = asleep;
    this.push();
  }

  private screenOf(surfaceId: string): Extract<HostMessage, { type: 'control.screen' }> {
    return { type: 'control.screen', blackout: this.blackoutAll || this.blackout.has(surfaceId), asleep: this.asleep, muted: this.muted };
  }

  /** Tells every surface its control state. */
  private push(): void {
    for (const s of this.opts.surfaces()) this.opts.send(s.id, this.screenOf(s.id));
  }

  /** A surface (re)connected: tell it what control holds for it. */
  welcome(surfaceId: string): void {
    const screen = this.screenOf(surfaceId);
    if (screen.blackout || screen.asleep || screen.muted) this.opts.send(surfaceId, screen);
    const focus = this.focus.get(surfaceId);
    if (focus) this.opts.send(surfaceId, { type: 'wall.focus', focus });
  }

  /** The hall as the remote shows it. */
  state(): HallControlState {
    const status = this.opts.shows.status(0);
    const run = status.run;
    const shown = run ? this.opts.shows.run : undefined;
    const zones = this.opts.zones();
    return {
      surfaces: this.opts.surfaces().map((s) => ({ id: s.id, role: s.role, connected: s.connected, screen: s.screen, blackout: this.blackoutAll || this.blackout.has(s.id) })),
      muted: this.muted,
      asleep: this.asleep,
      show: run && shown ? { showId: run.showId, packId: run.packId, title: shown.show.title, elapsedMs: run.elapsedMs, seconds: shown.show.seconds, loop: run.loop } : null,
      shows: status.shows.map((s) => ({ id: s.id, packId: s.packId, title: s.title, seconds: s.seconds })),
      modules: this.opts.catalog.modules().map((m) => ({ id: m.id, title: m.title })),
      stations: this.opts.catalog.stations().map((s) => ({ id: s.id, date: s.date, title: s.title })),
      available: { oath: !!zones.oath, cinema: !!zones.cinema },
      films: zones.cinema?.films() ?? [],
      projectors: this.opts.projectors.all(),
      hours: this.opts.hours(),
      hostNow: this.opts.clock(),
    };
  }
}
