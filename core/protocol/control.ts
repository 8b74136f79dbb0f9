import { z } from 'zod';
import { LocalisedText, type Bilingual } from '../text';

/**
 * The hall's control commands: one vocabulary for the docent remote, authenticated HTTP
 * (`POST /api/control`) and OSC over UDP (`/redhall/<group>/<verb> args…`), so the front doors
 * cannot drift apart. Each command is a zod schema here; the host executes them in one place
 * (main/host/control/desk.ts) and every command answers `ControlAnswer` or a refusal with a
 * code and a sentence in zh-Hans, zh-Hant and English. docs/control.md is the table for
 * installers.
 */

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'an id: letters, digits, dot, underscore, hyphen');
/** A surface id, or `all` where the command allows every surface. */
const SurfaceRef = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a surface id from hall.yaml');
/** A projector id from hall.yaml, or `all`. */
const ProjectorRef = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a projector id from hall.yaml, or all');
/** A PJLink class 1 input: its type (1 RGB, 2 video, 3 digital, 4 storage, 5 network) and number 1–9. */
export const PjlinkInput = z.string().regex(/^[1-5][1-9]$/, 'a PJLink input such as 31 (digital 1) or 11 (RGB 1)');

/**
 * Every command with its arguments (besides `command`), the order OSC passes them in, and what it
 * does (for docs/control.md and the remote's labels).
 */
export const CONTROL_COMMANDS = {
  'show.start': {
    args: { show: Id.optional(), pack: Id.optional(), loop: z.boolean().optional() },
    osc: ['show', 'pack', 'loop'],
    doc: { 'zh-Hans': '开始一场演出（不指定则为第一个）；正在演的会被替换', en: 'Start a show (the first when none is named), replacing a running one' },
  },
  'show.stop': { args: {}, osc: [], doc: { 'zh-Hans': '停止正在进行的演出', en: 'Stop the running show' } },
  'wall.goto': {
    args: { surface: SurfaceRef, target: z.enum(['module', 'station', 'home']), id: Id.optional() },
    osc: ['surface', 'target', 'id'],
    doc: { 'zh-Hans': '让一面墙显示某个展区或时间线站点（home 回到墙的常态）', en: 'Put a module or a timeline station on one wall (home: back to the wall’s own scene)' },
  },
  'oath.start': { args: { surface: SurfaceRef.optional() }, osc: ['surface'], doc: { 'zh-Hans': '开始入党宣誓仪式', en: 'Start the oath ceremony' } },
  'oath.stop': { args: {}, osc: [], doc: { 'zh-Hans': '结束宣誓仪式', en: 'End the oath ceremony' } },
  'cinema.play': { args: { film: Id.optional(), surface: SurfaceRef.optional() }, osc: ['film', 'surface'], doc: { 'zh-Hans': '在影院屏上放映一部影片', en: 'Play a film on the cinema screen' } },
  'sound.pause': { args: {}, osc: [], doc: { 'zh-Hans': '全馆静音（画面继续）', en: 'Silence every surface (pictures go on)' } },
  'sound.resume': { args: {}, osc: [], doc: { 'zh-Hans': '恢复声音', en: 'Sound back on' } },
  'screens.blackout': { args: { surface: SurfaceRef.optional() }, osc: ['surface'], doc: { 'zh-Hans': '黑屏：一块屏，或不指定则全部', en: 'Black out one screen, or every screen when none is named' } },
  'screens.sleep': { args: {}, osc: [], doc: { 'zh-Hans': '闭馆：所有屏幕休眠（黑屏、停止渲染）', en: 'Closing time: every screen sleeps (black, not drawing)' } },
  'screens.wake': { args: {}, osc: [], doc: { 'zh-Hans': '开馆：唤醒所有屏幕', en: 'Opening time: wake every screen' } },
  'hall.restore': { args: {}, osc: [], doc: { 'zh-Hans': '一切恢复：取消黑屏与静音，唤醒屏幕', en: 'Bring everything back: no blackout, sound on, screens awake' } },
  'hall.state': { args: {}, osc: [], doc: { 'zh-Hans': '查询展厅状态（屏幕、演出、投影机、开放时间）', en: 'The hall’s state (screens, show, projectors, opening hours)' } },
  'projector.power': { args: { projector: ProjectorRef, on: z.boolean() }, osc: ['projector', 'on'], doc: { 'zh-Hans': '投影机开机或关机（all 为全部）', en: 'Projector power on or off (all: every projector)' } },
  'projector.input': { args: { projector: ProjectorRef, input: PjlinkInput }, osc: ['projector', 'input'], doc: { 'zh-Hans': '切换投影机信号源（PJLink 输入号，如 31）', en: 'Switch a projector’s input (PJLink number, e.g. 31)' } },
  'projector.mute': { args: { projector: ProjectorRef, on: z.boolean() }, osc: ['projector', 'on'], doc: { 'zh-Hans': '投影机影音静默（AVMT）', en: 'Projector picture and sound mute (AVMT)' } },
  'projector.status': { args: { projector: ProjectorRef.optional() }, osc: ['projector'], doc: { 'zh-Hans': '读取投影机状态（电源、输入、灯泡、故障）', en: 'Read projector status (power, input, lamp, errors)' } },
} as const;

export type ControlCommandName = keyof typeof CONTROL_COMMANDS;
export const CONTROL_COMMAND_NAMES = Object.keys(CONTROL_COMMANDS) as ControlCommandName[];

type Spec = (typeof CONTROL_COMMANDS)[ControlCommandName];
const commandSchema = <N extends ControlCommandName>(name: N) =>
  z.object({ command: z.literal(name), ...(CONTROL_COMMANDS[name].args as Spec['args']) }).strict();

/** One command as HTTP and the remote send it: `{ command: 'show.start', show: 'welcome' }`. */
export const ControlCommand = z.discriminatedUnion(
  'command',
  CONTROL_COMMAND_NAMES.map((n) => commandSchema(n)) as unknown as [ReturnType<typeof commandSchema>, ...ReturnType<typeof commandSchema>[]],
);

type ArgsOf<N extends ControlCommandName> = { [K in keyof (typeof CONTROL_COMMANDS)[N]['args']]: (typeof CONTROL_COMMANDS)[N]['args'][K] extends z.ZodType ? z.infer<(typeof CONTROL_COMMANDS)[N]['args'][K]> : never };
type Optionals<T> = { [K in keyof T as undefined extends T[K] ? K : never]?: T[K] } & { [K in keyof T as undefined extends T[K] ? never : K]: T[K] };
/** A command by name, with its arguments typed. */
export type ControlCommandOf<N extends ControlCommandName> = { command: N } & Optionals<ArgsOf<N>>;
export type ControlCommand = { [N in ControlCommandName]: ControlCommandOf<N> }[ControlCommandName];

/** A sentence for operators in the three interface languages. */
export const Trilingual = z.object({ 'zh-Hans': z.string(), 'zh-Hant': z.string(), en: z.string() });
export type Trilingual = z.infer<typeof Trilingual>;

// ---- the hall's state, as the remote and `hall.state` show it ----

export const ProjectorPower = z.enum(['off', 'on', 'cooling', 'warming', 'unknown']);
export type ProjectorPower = z.infer<typeof ProjectorPower>;

/** A projector as last read (or set) over PJLink. */
export const ProjectorState = z.object({
  id: z.string(),
  name: z.string(),
  power: ProjectorPower,
  input: z.string().nullable(),
  muted: z.boolean().nullable(),
  /** Lamp hours of the first lamp, when read. */
  lampHours: z.number().int().nullable(),
  /** ERST as fan, lamp, temperature, cover, filter, other: ok, warning or error. */
  errors: z.record(z.string(), z.enum(['ok', 'warning', 'error'])).nullable(),
  /** The last failure talking to it (unreachable, wrong password), or null. */
  fault: Trilingual.nullable(),
  /** ISO time of the last answer. */
  seenAt: z.string().nullable(),
});
export type ProjectorState = z.infer<typeof ProjectorState>;

export const ControlSurface = z.object({
  id: z.string(),
  role: z.string(),
  connected: z.boolean(),
  screen: z.string().nullable(),
  blackout: z.boolean(),
});

export const HallControlState = z.object({
  surfaces: z.array(ControlSurface),
  /** Every surface is silenced (sound.pause). */
  muted: z.boolean(),
  /** The hall is closed: screens asleep (opening hours or screens.sleep). */
  asleep: z.boolean(),
  show: z.object({ showId: z.string(), packId: z.string(), title: LocalisedText, elapsedMs: z.number(), seconds: z.number(), loop: z.boolean() }).nullable(),
  shows: z.array(z.object({ id: z.string(), packId: z.string(), title: LocalisedText, seconds: z.number() })),
  /** What a wall can be sent to (wall.goto). */
  modules: z.array(z.object({ id: z.string(), title: LocalisedText })),
  stations: z.array(z.object({ id: z.string(), date: z.string(), title: LocalisedText })),
  /** Which optional commands this host can run now (oath, cinema need their zones). */
  available: z.object({ oath: z.boolean(), cinema: z.boolean() }),
  films: z.array(z.object({ id: z.string(), title: LocalisedText })),
  projectors: z.array(ProjectorState),
  hours: z
    .object({
      open: z.boolean(),
      next: z.object({ at: z.string(), what: z.string() }).nullable(),
      /** Today's opening hours (local HH:MM) and timed shows; null when the hall stays closed today. */
      today: z.object({ open: z.string(), close: z.string(), shows: z.array(z.object({ at: z.string(), show: z.string() })) }).nullable().optional(),
    })
    .nullable(),
  hostNow: z.number(),
});
export type HallControlState = z.infer<typeof HallControlState>;

/** A command's answer: what it did, in words, and the hall's state after it. */
export const ControlAnswer = z.object({
  ok: z.literal(true),
  command: z.string(),
  done: Trilingual,
  state: HallControlState,
});
export type ControlAnswer = z.infer<typeof ControlAnswer>;

/** A refused command: a code and the sentence. */
export const ControlRefusal = z.object({ ok: z.literal(false), command: z.string().nullable(), error: z.string(), message: Trilingual });
export type ControlRefusal = z.infer<typeof ControlRefusal>;

// ---- host → surface (the live socket; messages.ts lists them) ----

/** What every surface does about control: black, asleep, silent. Sent on change and on welcome. */
export const ControlScreenMessage = z.object({
  type: z.literal('control.screen'),
  blackout: z.boolean(),
  asleep: z.boolean(),
  muted: z.boolean(),
}).strict();

/** A wall shows one module or timeline station over its scene (null: back to its own scene). */
export const WallFocusMessage = z.object({
  type: z.literal('wall.focus'),
  focus: z
    .object({
      kind: z.enum(['module', 'station']),
      id: z.string(),
      title: LocalisedText,
      /** A station's date, a module's subtitle. */
      kicker: LocalisedText.optional(),
      text: LocalisedText.optional(),
    })
    .strict()
    .nullable(),
}).strict();

export const ControlHostMessages = [ControlScreenMessage, WallFocusMessage] as const;

// ---- OSC ----

/** OSC addresses: `/redhall/show/start` for `show.start`. */
export const OSC_PREFIX = '/redhall';
export function oscAddress(name: ControlCommandName): string {
  return `${OSC_PREFIX}/${name.replace('.', '/')}`;
}

/** The command an OSC address names, or undefined. */
export function commandOfAddress(address: string): ControlCommandName | undefined {
  if (!address.startsWith(`${OSC_PREFIX}/`)) return undefined;
  const name = address.slice(OSC_PREFIX.length + 1).replace('/', '.');
  return (CONTROL_COMMAND_NAMES as string[]).includes(name) ? (name as ControlCommandName) : undefined;
}

type OscArg = string | number | boolean | null | undefined | object;

/**
 * Turns an OSC message's arguments into the command's object (positional, in the order of its
 * `osc` list); booleans may come as 1/0, true/false, on/off. Validation is the caller's (the
 * same ControlCommand schema as HTTP). Empty strings stand for an omitted argument.
 */
export function commandFromOsc(name: ControlCommandName, args: readonly OscArg[]): Record<string, unknown> {
  const spec = CONTROL_COMMANDS[name];
  const out: Record<string, unknown> = { command: name };
  const names: readonly string[] = spec.osc;
  if (args.length > names.length) out['(extra)'] = args.slice(names.length);
  names.forEach((key, i) => {
    const v = args[i];
    if (v === undefined || v === null || v === '') return;
    const schema = (spec.args as Record<string, z.ZodType>)[key];
    out[key] = schema && acceptsBoolean(schema) ? toBool(v) : typeof v === 'number' && key !== 'on' && key !== 'loop' ? String(v) : v;
  });
  return out;
}

function acceptsBoolean(schema: z.ZodType): boolean {
  return schema.safeParse(true).success && !schema.safeParse('x').success;
}

function toBool(v: OscArg): unknown {
  if (v === 1 || v === true || v === 'on' || v === 'true' || v === '1') return true;
  if (v === 0 || v === false || v === 'off' || v === 'false' || v === '0') return false;
  return v;
}

/** A refusal's sentence when a command is malformed. */
export function malformed(detail: string): Bilingual {
  return { 'zh-Hans': `控制命令格式不正确：${detail}`, en: `Malformed control command: ${detail}` };
}
