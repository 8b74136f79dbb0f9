import { z } from 'zod';

/** The roles a browser signs in as with a PIN. */
export const SessionRole = z.enum(['admin', 'docent']);
export type SessionRole = z.infer<typeof SessionRole>;

/** A PIN: 4 to 12 digits. Longer input is refused by the schema before any check. */
export const LoginRequest = z.object({
  role: SessionRole,
  pin: z.string().min(1).max(32),
  /** Also hand the session token in the answer, for clients without cookies (a central-control system). */
  bearer: z.boolean().optional(),
}).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  role: SessionRole,
  /** ISO time the session ends unless used again (it also ends at logout or host restart). */
  expiresAt: z.string(),
  /** Only when asked for with `bearer: true`. */
  token: z.string().optional(),
});

export const SessionInfo = z.object({ role: SessionRole, expiresAt: z.string() });
export const SessionsResponse = z.object({ sessions: z.array(SessionInfo) });
export const LogoutResponse = z.object({ ended: z.array(SessionRole) });
