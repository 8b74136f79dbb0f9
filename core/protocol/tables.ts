import { z } from 'zod';
import { LocalisedText } from '../text';
import { parseWith, type ParseResult } from './parse';

/**
 * The script-kill table protocol: every message between the host and a phone, the DM console or
 * a table's shared screen, one discriminated union per direction, validated where it arrives on
 * both sides (like core/protocol/messages.ts, whose parse result and error shape it reuses).
 *
 * One WebSocket per page: `ws://<host>/ws/tables`. Every frame is one JSON message below.
 *
 * A phone (a player):
 *   1. Opens the join URL from the QR (`phoneJoinPath(code)`) or types the code on the phone page.
 *   2. Has a seat token from an earlier visit (page storage)? sends `resume {seatToken}`;
 *      else sends `join {code}`. The host answers `seat` (table, code, player id, seat token,
 *      role or null) — the page keeps the seat token so a reload or a dropped Wi-Fi comes back
 *      to the same seat — and then pushes `table` whenever anything changes.
 *   3. In a table where players pick (`pick: 'player'`), a seat without a role sends `claim {role}`.
 *   4. Once the DM starts the game, every `table` push carries `view`: that player's projection
 *      of the story (their role's pages, their clues, the open vote, ...). The phone acts with
 *      `play {version, action}` where `version` is the `view.version` it was showing; a command
 *      the engine refuses (stale screen, wrong phase, no action points) is answered `refused`
 *      with a bilingual reason, and never applied.
 *   5. A page that is not seated (no valid seat token) receives nothing but errors and `seat`.
 *
 * The DM console:
 *   1. `dm.hello {pin}` (the PIN from hall.yaml `tables.dmPin`, or the one printed in the host
 *      log at start) or `dm.hello {token}` (kept from an earlier `dm.welcome`; it survives host
 *      restarts). Wrong PINs are rate-limited (`error` code `rate-limited`).
 *   2. `dm.welcome` lists the scenarios of the active packs; `tables` lists every table and is
 *      pushed again whenever one changes.
 *   3. `dm.open {scenario, roles, pick}` opens a table (answer: `tables`, and `table` for it,
 *      since the opener watches it); `dm.watch {table}` switches which table's DM view the
 *      console receives; `dm.seat` seats/reseats a player; `dm.start` begins the story;
 *      `dm.command {table, version, action}` runs the game (advance, close a vote, break a tie,
 *      decide, pause/resume/extend the timer, ...); `dm.close` closes a table.
 *   4. The log of a table downloads from `GET /api/tables/<id>/log` with
 *      `Authorization: Bearer <dm token>` (never a token in the URL).
 *
 * A shared screen (a wall showing one table): `watch {code}`; it receives `table` pushes whose
 * `view` is the public screen projection (no role's pages, no private clue, no secret).
 *
 * The QR code for a table is `GET /api/tables/qr/<code>.svg` (it encodes `table.joinUrl`).
 * Times (`timer.endsAt`, `hostNow`) are host clock milliseconds; count down from
 * `timer.remainingMs` at receipt, or convert with `hostNow`.
 */
export const TABLES_PROTOCOL_VERSION = 1;

/** The join code alphabet: no 0/O, 1/I/L, so a code read aloud or off a wall cannot be mistyped. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 5;

/** The phone page's path for a join code; the QR encodes the host's address plus this. */
export function phoneJoinPath(code: string): string {
  return `/phone/#/phone?code=${encodeURIComponent(code)}`;
}

const protocol = z.literal(TABLES_PROTOCOL_VERSION);
export const TableId = z.string().regex(/^t-[a-z0-9]{4,32}$/);
/** Codes are read case-insensitively and stored upper case. */
export const JoinCode = z.string().trim().toUpperCase().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
export const Secret = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
export const PlayerId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const Ref = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100);
const Version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Bilingual = z.object({ 'zh-Hans': z.string(), en: z.string() }).strict();

/** A scenario of an active pack: the pack id and the scenario id. */
export const ScenarioRef = z.object({ pack: z.string().min(1).max(100), scenario: Ref }).strict();
export type ScenarioRef = z.infer<typeof ScenarioRef>;

// ---- page → host ----

export const DmHello = z.object({
  type: z.literal('dm.hello'),
  protocol,
  pin: z.string().min(1).max(64).optional(),
  token: Secret.optional(),
}).strict().refine((m) => (m.pin === undefined) !== (m.token === undefined), { message: 'send a pin or a token, not both' });

export const DmOpen = z.object({
  type: z.literal('dm.open'),
  scenario: ScenarioRef,
  /** The roles in play, in seating order; their count is the table size. */
  roles: z.array(Ref).min(1).max(20),
  /** 'player': each phone picks a free role; 'dm': joining phones are dealt the roles in order. */
  pick: z.enum(['player', 'dm']),
  /** A label the DM sees in the list ("Group 3"), optional. */
  label: z.string().max(60).optional(),
}).strict();

export const DmList = z.object({ type: z.literal('dm.list') }).strict();
export const DmWatch = z.object({ type: z.literal('dm.watch'), table: TableId }).strict();
export const DmStart = z.object({ type: z.literal('dm.start'), table: TableId }).strict();
export const DmClose = z.object({ type: z.literal('dm.close'), table: TableId }).strict();
/** A hall surface's id (hall.yaml `surfaces[].id`). */
export const SurfaceId = z.string().min(1).max(64);
/** Puts a table's shared screen on these hall surfaces (walls, ring, cinema, the kiosk); the table leaves every other one. */
export const DmShow = z.object({ type: z.literal('dm.show'), table: TableId, surfaces: z.array(SurfaceId).max(32) }).strict();
/** Seats a player in a role (or frees their role with `role: null`); only before the story starts. */
export const DmSeat = z.object({ type: z.literal('dm.seat'), table: TableId, player: PlayerId, role: Ref.nullable() }).strict();

/** What the DM can do in a running game. */
export const DmAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('advance') }).strict(),
  z.object({ type: z.literal('close-vote') }).strict(),
  z.object({ type: z.literal('break-tie'), option: Ref }).strict(),
  z.object({ type: z.literal('choose'), option: Ref }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('extend'), seconds: z.number().int().min(-3600).max(3600) }).strict(),
  z.object({ type: z.literal('undo') }).strict(),
  z.object({ type: z.literal('jump'), phase: Ref }).strict(),
  z.object({ type: z.literal('give-clue'), clue: Ref, player: PlayerId.optional() }).strict(),
  z.object({ type: z.literal('end') }).strict(),
]);
export type DmAction = z.infer<typeof DmAction>;

export const DmCommand = z.object({ type: z.literal('dm.command'), table: TableId, version: Version, action: DmAction }).strict();

export const Join = z.object({ type: z.literal('join'), protocol, code: JoinCode }).strict();
export const Resume = z.object({ type: z.literal('resume'), protocol, seatToken: Secret }).strict();
export const Claim = z.object({ type: z.literal('claim'), role: Ref }).strict();
export const Leave = z.object({ type: z.literal('leave') }).strict();

/** What a seated player can do. `vote` again before the vote closes changes the ballot (when the engine allows it). */
export const PlayerAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('search'), location: Ref }).strict(),
  z.object({ type: z.literal('share'), clue: Ref }).strict(),
  z.object({ type: z.literal('vote'), option: Ref }).strict(),
  z.object({ type: z.literal('choose'), option: Ref }).strict(),
  /** "I have read it" for a read phase. */
  z.object({ type: z.literal('ack') }).strict(),
]);
export type PlayerAction = z.infer<typeof PlayerAction>;

/** A player's command with the state version their screen showed. */
export const Play = z.object({ type: z.literal('play'), version: Version, action: PlayerAction }).strict();

export const Watch = z.object({ type: z.literal('watch'), protocol, code: JoinCode }).strict();

/** Sent first on every socket, before the page knows a code or a PIN: the host closes a socket that stays silent. */
export const TableHello = z.object({ type: z.literal('hello'), protocol }).strict();

export const TableClientMessage = z.discriminatedUnion('type', [
  TableHello, DmHello, DmOpen, DmList, DmWatch, DmStart, DmClose, DmShow, DmSeat, DmCommand, Join, Resume, Claim, Leave, Play, Watch,
]);
export type TableClientMessage = z.infer<typeof TableClientMessage>;

// ---- host → page ----

export const ScenarioSummary = z.object({
  pack: z.string(),
  packVersion: z.string(),
  id: z.string(),
  title: LocalisedText,
  theme: LocalisedText,
  players: z.object({ min: z.number().int(), max: z.number().int() }),
  minutes: z.object({ min: z.number(), max: z.number() }),
  roles: z.array(z.object({ id: z.string(), name: LocalisedText, intro: LocalisedText, optional: z.boolean() })),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const TableStatus = z.enum(['lobby', 'playing', 'ended', 'closed']);
export type TableStatus = z.infer<typeof TableStatus>;

/** One row of the DM's table list. */
export const TableSummary = z.object({
  id: TableId,
  code: z.string(),
  label: z.string().optional(),
  scenario: z.object({ pack: z.string(), id: z.string(), title: LocalisedText }),
  status: TableStatus,
  size: z.number().int(),
  seated: z.number().int(),
  connected: z.number().int(),
  /** The story version, 0 before the start. */
  version: z.number().int(),
  phase: z.object({ id: z.string(), kind: z.string(), title: LocalisedText.optional() }).optional(),
  openedAt: z.number(),
  /** The hall surfaces showing this table's shared screen (`dm.show`). */
  screens: z.array(SurfaceId).optional(),
});
export type TableSummary = z.infer<typeof TableSummary>;

export const TimerView = z.object({
  phase: z.string(),
  /** Host time the phase ends (ms), when running. */
  endsAt: z.number(),
  remainingMs: z.number(),
  paused: z.boolean(),
});
export type TimerView = z.infer<typeof TimerView>;

const Loose = z.looseObject;
const Pages = z.array(Loose({ act: z.string(), text: z.string() }));
const ClueView = Loose({ id: z.string(), title: LocalisedText, text: LocalisedText, foundBy: z.string(), shared: z.boolean() });

/**
 * The story engine's `view(state, viewer)` (core/story/view.ts) as it crosses the wire. Objects
 * are loose on purpose: a newer engine field passes through to the page instead of being
 * stripped, while the fields pages rely on are checked.
 */
export const StoryViewWire = Loose({
  viewer: z.enum(['player', 'dm', 'screen', 'spectator']),
  version: z.number().int(),
  status: z.string(),
  scenario: Loose({ id: z.string(), title: LocalisedText, theme: LocalisedText, background: LocalisedText }),
  seats: z.array(Loose({ player: z.string(), role: z.string(), name: LocalisedText, intro: LocalisedText })),
  phase: Loose({
    id: z.string(),
    kind: z.string(),
    act: Loose({ id: z.string(), title: LocalisedText }),
    title: LocalisedText.optional(),
    prompt: LocalisedText.optional(),
    text: LocalisedText.optional(),
    media: z.array(Loose({ kind: z.string(), src: z.string() })).optional(),
    seconds: z.number().optional(),
    question: LocalisedText.optional(),
    options: z.array(Loose({ id: z.string(), text: LocalisedText })).optional(),
    voters: z.array(z.string()).optional(),
    voted: z.array(z.string()).optional(),
    tie: z.array(z.string()).optional(),
    decidedBy: z.string().optional(),
    locations: z.array(Loose({ id: z.string(), name: LocalisedText, remaining: z.number() })).optional(),
    debrief: z.string().optional(),
  }),
  decisions: z.array(Loose({ phase: z.string(), option: z.string(), how: z.string() })),
  clues: z.array(ClueView),
  me: Loose({
    player: z.string(),
    role: z.string(),
    goals: z.array(LocalisedText),
    secrets: z.array(LocalisedText),
    pages: Pages,
    actionPoints: z.number(),
    ballot: z.string().optional(),
  }).optional(),
  dm: Loose({
    vars: z.record(z.string(), z.unknown()),
    ballots: z.record(z.string(), z.string()),
    roles: z.array(Loose({ id: z.string(), goals: z.array(LocalisedText), secrets: z.array(LocalisedText), pages: Pages })),
    actionPoints: z.record(z.string(), z.number()),
    clues: z.array(ClueView),
  }).optional(),
});
export type StoryViewWire = z.infer<typeof StoryViewWire>;

/** A seat as everyone at the table may see it. */
export const SeatPublic = z.object({
  player: PlayerId,
  role: z.string().nullable(),
  connected: z.boolean(),
});

/** What every page attached to a table sees of it (nothing private). */
export const TablePublic = z.object({
  id: TableId,
  code: z.string(),
  label: z.string().optional(),
  status: TableStatus,
  pick: z.enum(['player', 'dm']),
  scenario: z.object({ pack: z.string(), id: z.string(), title: LocalisedText, theme: LocalisedText, background: LocalisedText }),
  /** The roles in play, with their public intro and the player holding each (null when free). */
  roles: z.array(z.object({ id: z.string(), name: LocalisedText, intro: LocalisedText, player: z.string().nullable() })),
  seats: z.array(SeatPublic),
  /** The URL a phone opens to join (the QR encodes it). */
  joinUrl: z.string(),
});
export type TablePublic = z.infer<typeof TablePublic>;

export const DmWelcome = z.object({
  type: z.literal('dm.welcome'),
  /** Keep it (page storage) and send it in `dm.hello` instead of the PIN next time. */
  token: Secret,
  scenarios: z.array(ScenarioSummary),
  /** The hall's surfaces a table can be shown on (`dm.show`). */
  screens: z.array(z.object({ id: SurfaceId, role: z.string() })).optional(),
  hostNow: z.number(),
}).strict();

export const TablesMessage = z.object({ type: z.literal('tables'), tables: z.array(TableSummary) }).strict();

/** A phone's seat: keep `seatToken` to come back to it. */
export const SeatMessage = z.object({
  type: z.literal('seat'),
  table: TableId,
  code: z.string(),
  player: PlayerId,
  role: z.string().nullable(),
  seatToken: Secret,
}).strict();

/** The state of one table for this page: pushed after every change. `view` is there once the story started. */
export const TableMessage = z.object({
  type: z.literal('table'),
  table: TablePublic,
  view: StoryViewWire.optional(),
  timer: TimerView.optional(),
  /**
   * Where the current phase is in time, for its films: host time it began (moved on by pauses)
   * and, while the DM has paused, the host time of the pause. Every screen plays from it.
   */
  phaseTime: z.object({ since: z.number(), pausedAt: z.number().optional() }).strict().optional(),
  hostNow: z.number(),
}).strict();
export type TableMessage = z.infer<typeof TableMessage>;

/** A command the table did not apply, with the engine's reason; `version` is the table's current one. */
export const Refused = z.object({
  type: z.literal('refused'),
  ref: z.string(),
  code: z.string(),
  reason: Bilingual,
  version: z.number().int(),
}).strict();

export const TableErrorCode = z.enum(['bad-json', 'bad-message', 'unauthorised', 'rate-limited', 'not-found', 'full', 'not-seated', 'internal']);
export type TableErrorCode = z.infer<typeof TableErrorCode>;
export const TableError = z.object({
  type: z.literal('error'),
  code: TableErrorCode,
  message: Bilingual,
  ref: z.string().optional(),
}).strict();

export const TableHostMessage = z.discriminatedUnion('type', [DmWelcome, TablesMessage, SeatMessage, TableMessage, Refused, TableError]);
export type TableHostMessage = z.infer<typeof TableHostMessage>;

/** Parses and validates a frame a phone, DM console or shared screen sent; never throws. */
export function parseTableClientMessage(raw: string): ParseResult<TableClientMessage> {
  return parseWith(TableClientMessage, raw);
}

/** Parses and validates a frame the host sent to a table page; never throws. */
export function parseTableHostMessage(raw: string): ParseResult<TableHostMessage> {
  return parseWith(TableHostMessage, raw);
}
