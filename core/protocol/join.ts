import { z } from 'zod';
import { SurfaceInfo } from './messages';

/**
 * A second PC joining the hall (`redhall start --join URL`, main/join): the routes between the
 * joining PC's shell and the main host, and the admin's side of pairing. The joining PC trades a
 * short one-time pairing code once for a long-lived credential (kept in its DATA folder), and
 * from then on sends that credential as a bearer token.
 */

/** A PC's name in the hall: lower-case letters, digits and hyphens, like surface ids. */
export const PcName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a PC name is lower-case letters, digits and hyphens (at most 32)');

/** Pairing codes: 8 characters from an alphabet without look-alikes, shown as XXXX-XXXX; case and the hyphen do not matter when typed. */
export const PAIR_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function normalisePairCode(v: string): string {
  return v.toUpperCase().replace(/[\s-]/g, '');
}

/** One surface of a joining PC, placed on one of its own monitors. */
export const JoinSurface = SurfaceInfo.extend({ displayIndex: z.number().int().nonnegative() });
export type JoinSurface = z.infer<typeof JoinSurface>;

export const PairRequest = z.object({ code: z.string().min(1).max(32), pc: PcName }).strict();
export const PairResponse = z.object({ pc: PcName, credential: z.string().min(32) });

/** What the joining PC's shell reports about its windows (they go to the surface's entry in /api/health). */
export const JoinEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('restarted'), surface: z.string() }),
  z.object({ kind: z.literal('note'), surface: z.string(), text: z.string().max(500).nullable() }),
  z.object({
    kind: z.literal('fault'),
    surface: z.string(),
    fault: z.object({ since: z.string(), reason: z.string().max(500), recentFailures: z.number().int(), retryAt: z.string() }).nullable(),
  }),
  z.object({ kind: z.literal('watchdog'), surface: z.string(), action: z.enum(['reload', 'restart']), reason: z.string().max(500) }),
]);
export type JoinEvent = z.infer<typeof JoinEvent>;

export const JoinSyncRequest = z.object({
  /** Every surface the PC puts on its monitors (the same list each time; the host updates its registry when it changes). */
  surfaces: z.array(JoinSurface).max(32),
  events: z.array(JoinEvent).max(200).default([]),
}).strict();

/** What the host knows of the PC's surfaces: the PC's watchdog judges its windows by it. */
export const JoinSurfaceState = z.object({
  id: z.string(),
  connected: z.boolean(),
  since: z.string(),
  heartbeatAt: z.string().nullable(),
  fault: z.boolean(),
});
export const JoinSyncResponse = z.object({ pc: PcName, surfaces: z.array(JoinSurfaceState) });

export const JoinLaunchRequest = z.object({ surfaceId: z.string().min(1).max(64) }).strict();
export const JoinLaunchResponse = z.object({ code: z.string() });

/** Admin: a new pairing code (valid once, for `expiresAt`). */
export const PairCodeRequest = z.preprocess((v) => v ?? {}, z.object({}).strict());
export const PairCodeResponse = z.object({ code: z.string(), expiresAt: z.string() });

/** A paired PC as the admin sees it. */
export const PairedPc = z.object({
  pc: PcName,
  pairedAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The last sync (ISO), null before the first since the host started. */
  lastSeen: z.string().nullable(),
  address: z.string().nullable(),
  surfaces: z.array(z.string()),
});
export const PairedPcs = z.object({
  pcs: z.array(PairedPc),
  listen: z.enum(['loopback', 'lan']),
  /** Where a second PC joins this host (its LAN address and port); null while it listens on loopback only. */
  joinUrl: z.string().nullable(),
});
export type PairedPc = z.infer<typeof PairedPc>;

export const RevokePcRequest = z.object({ pc: PcName }).strict();
export const RevokePcResponse = z.object({ pc: PcName, revokedAt: z.string() });
