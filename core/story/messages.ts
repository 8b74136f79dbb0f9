import { z } from 'zod';

/**
 * Schemas for what crosses a boundary: commands arrive from clients (phones, the DM console),
 * events come back from disk. Validate with these before `decide` or `replay` sees them;
 * core/protocol can wrap them in its own message envelope.
 */
/** The version of saved session logs; an older save is refused, never silently misread. */
export const SESSION_FORMAT_VERSION = 1;

const PlayerId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const Ref = z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100);

export const ActorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('player'), player: PlayerId }).strict(),
  z.object({ kind: z.literal('dm') }).strict(),
  z.object({ kind: z.literal('host') }).strict(),
]);

const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const base = { actor: ActorSchema, version };

/** A command as a client sends it; `version` is the state version the client was looking at. */
export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('advance') }).strict(),
  z.object({ ...base, type: z.literal('search'), location: Ref }).strict(),
  z.object({ ...base, type: z.literal('share'), clue: Ref }).strict(),
  z.object({ ...base, type: z.literal('vote'), option: Ref }).strict(),
  z.object({ ...base, type: z.literal('close-vote') }).strict(),
  z.object({ ...base, type: z.literal('break-tie'), option: Ref }).strict(),
  z.object({ ...base, type: z.literal('choose'), option: Ref }).strict(),
]);

const Seat = z.object({ player: PlayerId, role: Ref }).strict();

/** One event of a saved log. The scenario inside `created` was validated when the session began. */
export const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created'), formatVersion: z.literal(SESSION_FORMAT_VERSION), scenario: z.looseObject({ id: Ref, acts: z.array(z.unknown()) }), seed: z.number().int().min(0).max(0xffffffff), seats: z.array(Seat) }).strict(),
  z.object({ type: z.literal('advanced') }).strict(),
  z.object({ type: z.literal('searched'), player: PlayerId, location: Ref }).strict(),
  z.object({ type: z.literal('shared'), player: PlayerId, clue: Ref }).strict(),
  z.object({ type: z.literal('voted'), player: PlayerId, option: Ref }).strict(),
  z.object({ type: z.literal('vote-closed') }).strict(),
  z.object({ type: z.literal('tie-broken'), option: Ref }).strict(),
  z.object({ type: z.literal('chosen'), option: Ref }).strict(),
]);
