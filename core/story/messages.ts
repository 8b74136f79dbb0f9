import { z } from 'zod';

/**
 * Schemas for what crosses a boundary: commands arrive from clients (phones, the DM console),
 * events come back from disk. Validate with these before `decide` or `replay` sees them;
 * core/protocol can wrap them in its own message envelope.
 */
/**
 * The version of saved session logs (as inkjs's kInkSaveStateVersion): a log written by a newer
 * build is refused; an older one down to SESSION_FORMAT_MIN_VERSION is migrated explicitly
 * (session-log.ts), anything older is refused with a reason.
 *  1: the `created` event carried the whole scenario; events were keyed by player.
 *  2: `created` names the scenario (id + content hash) and its pack; role-keyed events; host time.
 */
export const SESSION_FORMAT_VERSION = 2;
export const SESSION_FORMAT_MIN_VERSION = 1;

const PlayerId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const Ref = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100);

export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('player'), player: PlayerId }).strict(),
  z.object({ kind: z.literal('dm') }).strict(),
  z.object({ kind: z.literal('host') }).strict(),
]);

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const base = { actor: ActorSchema, version };
const Seconds = z.number().int().min(1).max(36_000);

/** A command as a client sends it; `version` is the state version the client was looking at. */
export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('advance') }).strict(),
  z.object({ ...base, type: z.literal('search'), location: Ref }).strict(),
  z.object({ ...base, type: z.literal('share'), clue: Ref }).strict(),
  z.object({ ...base, type: z.literal('vote'), option: Ref, as: Ref.optional() }).strict(),
  z.object({ ...base, type: z.literal('close-vote') }).strict(),
  z.object({ ...base, type: z.literal('break-tie'), option: Ref }).strict(),
  z.object({ ...base, type: z.literal('choose'), option: Ref, override: z.literal(true).optional() }).strict(),
  z.object({ ...base, type: z.literal('join') }).strict(),
  z.object({ ...base, type: z.literal('claim'), role: Ref }).strict(),
  z.object({ ...base, type: z.literal('leave') }).strict(),
  z.object({ ...base, type: z.literal('reseat'), role: Ref, player: PlayerId.nullable() }).strict(),
  z.object({ ...base, type: z.literal('start') }).strict(),
  z.object({ ...base, type: z.literal('ack'), act: Ref }).strict(),
  z.object({ ...base, type: z.literal('undo') }).strict(),
  z.object({ ...base, type: z.literal('jump'), phase: Ref }).strict(),
  z.object({ ...base, type: z.literal('pause') }).strict(),
  z.object({ ...base, type: z.literal('resume') }).strict(),
  z.object({ ...base, type: z.literal('extend'), seconds: Seconds }).strict(),
  z.object({ ...base, type: z.literal('give-clue'), clue: Ref, to: Ref }).strict(),
  z.object({ ...base, type: z.literal('end'), ending: Ref.optional() }).strict(),
]);

const Seat = z.object({ player: PlayerId, role: Ref }).strict();
const at = { at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() };
const ScenarioRef = z.object({ id: Ref, hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }).strict();
const PackRef = z.object({ id: z.string().min(1).max(200), version: z.string().min(1).max(100) }).strict();

/** The first event of a log: which scenario (id and content hash) and pack it was played on. */
export const CreatedEventSchema = z
  .object({
    type: z.literal('created'),
    formatVersion: z.literal(SESSION_FORMAT_VERSION),
    scenario: ScenarioRef,
    pack: PackRef.optional(),
    seed: z.number().int().min(0).max(0xffffffff),
    seats: z.array(Seat),
    open: z.boolean().optional(),
    ...at,
  })
  .strict();

/** One event of a saved log (format SESSION_FORMAT_VERSION). */
export const EventSchema = z.discriminatedUnion('type', [
  CreatedEventSchema,
  z.object({ type: z.literal('started'), ...at }).strict(),
  z.object({ type: z.literal('joined'), player: PlayerId, ...at }).strict(),
  z.object({ type: z.literal('claimed'), player: PlayerId, role: Ref, ...at }).strict(),
  z.object({ type: z.literal('left'), player: PlayerId, ...at }).strict(),
  z.object({ type: z.literal('reseated'), role: Ref, player: PlayerId.nullable(), ...at }).strict(),
  z.object({ type: z.literal('advanced'), ...at }).strict(),
  z.object({ type: z.literal('searched'), player: PlayerId, role: Ref, location: Ref, ...at }).strict(),
  z.object({ type: z.literal('shared'), player: PlayerId, role: Ref, clue: Ref, ...at }).strict(),
  z.object({ type: z.literal('voted'), role: Ref, option: Ref, by: PlayerId, ...at }).strict(),
  z.object({ type: z.literal('vote-closed'), ...at }).strict(),
  z.object({ type: z.literal('tie-broken'), option: Ref, ...at }).strict(),
  z.object({ type: z.literal('chosen'), option: Ref, override: z.literal(true).optional(), ...at }).strict(),
  z.object({ type: z.literal('acknowledged'), role: Ref, act: Ref, ...at }).strict(),
  z.object({ type: z.literal('corrected'), undoes: version, ...at }).strict(),
  z.object({ type: z.literal('jumped'), phase: Ref, ...at }).strict(),
  z.object({ type: z.literal('paused'), ...at }).strict(),
  z.object({ type: z.literal('resumed'), ...at }).strict(),
  z.object({ type: z.literal('extended'), seconds: Seconds, ...at }).strict(),
  z.object({ type: z.literal('clue-given'), clue: Ref, to: Ref, ...at }).strict(),
  z.object({ type: z.literal('ended-early'), ending: Ref.optional(), ...at }).strict(),
]);

/** Events of format 1 (read only to migrate them). */
export const EventSchemaV1 = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created'), formatVersion: z.literal(1), scenario: z.looseObject({ id: Ref, acts: z.array(z.unknown()) }), seed: z.number().int().min(0).max(0xffffffff), seats: z.array(Seat) }).strict(),
  z.object({ type: z.literal('advanced') }).strict(),
  z.object({ type: z.literal('searched'), player: PlayerId, location: Ref }).strict(),
  z.object({ type: z.literal('shared'), player: PlayerId, clue: Ref }).strict(),
  z.object({ type: z.literal('voted'), player: PlayerId, option: Ref }).strict(),
  z.object({ type: z.literal('vote-closed') }).strict(),
  z.object({ type: z.literal('tie-broken'), option: Ref }).strict(),
  z.object({ type: z.literal('chosen'), option: Ref }).strict(),
]);
