import { z } from 'zod';
import { HALL_FIELDS } from '../pack/kinds/index';
import { QuizOutcome } from '../quiz/outcome';
import { LOCALES } from '../text';
import { ControlHostMessages } from './control';
import { ShowClientMessages, ShowHostMessages } from './shows';
import { SurfacePlacement } from '../surface/placement';
import { ZoneHostMessages } from './zones';
import { firstIssue, parseWith, type ParseResult } from './parse';

/**
 * Every message that crosses the WebSocket between the host and a surface, as one
 * discriminated union per direction. Both ends validate with these schemas where a message
 * arrives; anything else gets an `error` reply and is dropped.
 */
export const PROTOCOL_VERSION = 1;

export const SurfaceRole = z.enum(['kiosk', 'wall', 'cave', 'ring', 'hologram', 'cinema', 'metro', 'phone', 'dm', 'docent', 'admin']);
export type SurfaceRole = z.infer<typeof SurfaceRole>;

const SurfaceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

// ---- surface → host ----
export const Hello = z.object({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSION),
  surfaceId: SurfaceId,
  token: z.string().min(8).max(256),
}).strict();

export const ClockPing = z.object({
  type: z.literal('clock.ping'),
  id: z.number().int().nonnegative(),
  /** The surface's clock when it sent the ping (ms). */
  t0: z.number().finite(),
}).strict();

export const ClockReport = z.object({
  type: z.literal('clock.report'),
  /** Estimated host time minus surface time (ms). */
  offsetMs: z.number().finite(),
  /** The round trip of the sample the estimate rests on (ms). */
  rttMs: z.number().finite().nonnegative(),
  samples: z.number().int().positive(),
}).strict();

export const QuizOutcomeMessage = z.object({ type: z.literal('quiz.outcome'), outcome: QuizOutcome }).strict();

export const SurfaceState = z.object({
  type: z.literal('surface.state'),
  /** What the surface shows now, for /api/health (e.g. "home", "module:setting-sail"). */
  screen: z.string().max(200),
  locale: z.enum(LOCALES),
}).strict();

/** Sent from the surface's render loop every few seconds: the page is alive and drawing. */
export const Heartbeat = z.object({
  type: z.literal('surface.heartbeat'),
  /** Heartbeats this page has sent, each from a rendered frame. */
  frames: z.number().int().nonnegative(),
  /** The page shows nothing (its root is empty: a white screen). */
  blank: z.boolean(),
}).strict();

export const ClientMessage = z.discriminatedUnion('type', [Hello, ClockPing, ClockReport, QuizOutcomeMessage, SurfaceState, Heartbeat, ...ShowClientMessages]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// ---- host → surface ----
const Localised = z.union([z.string(), z.record(z.string(), z.string())]);

/** What the surfaces show of the active packs: the pack's title, then what each content kind adds (core/pack/kinds). */
export const HallContent = z.object({
  packId: z.string(),
  packVersion: z.string(),
  title: Localised,
  slogan: Localised.optional(),
  ...HALL_FIELDS,
});
export type HallContent = z.infer<typeof HallContent>;

export const InstallerWarning = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.object({ 'zh-Hans': z.string(), en: z.string() }),
});
export type InstallerWarning = z.infer<typeof InstallerWarning>;

export const SurfaceInfo = z.object({
  id: SurfaceId,
  role: SurfaceRole,
  displayName: z.string(),
  bounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  touch: z.boolean(),
  /** An immersive surface's place in the room (hall.yaml): spanning canvas, ring segment, CAVE wall, touch on its scene. */
  placement: SurfacePlacement.optional(),
  /** "You are here": a point of the pack's maps where this surface stands (hall.yaml `here`). */
  here: z.string().optional(),
});
export type SurfaceInfo = z.infer<typeof SurfaceInfo>;

export const Welcome = z.object({
  type: z.literal('welcome'),
  hostVersion: z.string(),
  surface: SurfaceInfo,
  /** Kiosk idle reset, seconds. */
  idleSeconds: z.number().int().positive(),
  warnings: z.array(InstallerWarning),
  identify: z.boolean(),
}).strict();

export const ClockPong = z.object({
  type: z.literal('clock.pong'),
  id: z.number().int().nonnegative(),
  t0: z.number().finite(),
  /** Host clock when the ping arrived, and when the pong left (ms). */
  t1: z.number().finite(),
  t2: z.number().finite(),
}).strict();

export const HallMessage = z.object({ type: z.literal('hall'), content: HallContent }).strict();

export const IdentifyMessage = z.object({ type: z.literal('identify'), on: z.boolean() }).strict();

export const PackProgress = z.object({
  type: z.literal('pack.progress'),
  packId: z.string(),
  phase: z.string(),
  done: z.number(),
  total: z.number(),
}).strict();

export const ErrorCode = z.enum(['bad-json', 'bad-message', 'unauthorised', 'not-ready', 'internal']);
export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.object({ 'zh-Hans': z.string(), en: z.string() }),
  /** The offending message's type, when it had one. */
  ref: z.string().optional(),
}).strict();

/** The watchdog's first step for a page that stopped drawing: reload yourself. */
export const ReloadMessage = z.object({ type: z.literal('surface.reload'), reason: z.string().max(200) }).strict();

/** Show a script-kill table's shared screen over this surface (its join code), or leave it (null): the DM's choice. */
export const TableShowMessage = z.object({ type: z.literal('table.show'), code: z.string().regex(/^[A-Z2-9]{5}$/).nullable() }).strict();

export const HostMessage = z.discriminatedUnion('type', [Welcome, ClockPong, HallMessage, IdentifyMessage, PackProgress, ErrorMessage, ReloadMessage, TableShowMessage, ...ShowHostMessages, ...ZoneHostMessages, ...ControlHostMessages]);
export type HostMessage = z.infer<typeof HostMessage>;

export { firstIssue, parseWith, type ParseResult };

/** Parses and validates a frame a surface sent; never throws. */
export function parseClientMessage(raw: string): ParseResult<ClientMessage> {
  return parseWith(ClientMessage, raw);
}

/** Parses and validates a frame the host sent; never throws. */
export function parseHostMessage(raw: string): ParseResult<HostMessage> {
  return parseWith(HostMessage, raw);
}
