/**
 * When to restart a surface that died or hung: quickly for the first few failures, then
 * slower, with a fault screen, never a tight loop. Failures older than the window are forgotten,
 * so a surface that has run well for a while gets quick restarts again.
 */
export interface RestartDecision {
  /** How long until the surface itself is started again. */
  delayMs: number;
  /**
   * Too many failures lately: show the fault screen until then. The fault screen announces
   * `retryAt` and the shell keeps that promise: at `retryAt` the surface is tried again.
   */
  fault: boolean;
  recentFailures: number;
  /** `now + delayMs`: when the surface is tried again. */
  retryAt: number;
}

export interface RestartPolicyOptions {
  windowMs: number;
  quickRestarts: number;
  firstDelayMs: number;
  slowDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  windowMs: 5 * 60_000,
  quickRestarts: 3,
  firstDelayMs: 500,
  slowDelayMs: 5_000,
  maxDelayMs: 60_000,
};

export class RestartPolicy {
  private failures: number[] = [];

  constructor(private readonly opts: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Records a failure at `now` and says how long to wait before the next start. */
  failed(now: number): RestartDecision {
    this.failures = this.failures.filter((t) => now - t < this.opts.windowMs);
    this.failures.push(now);
    const n = this.failures.length;
    if (n <= this.opts.quickRestarts) {
      const delayMs = this.opts.firstDelayMs * 2 ** (n - 1);
      return { delayMs, fault: false, recentFailures: n, retryAt: now + delayMs };
    }
    const delayMs = Math.min(this.opts.maxDelayMs, this.opts.slowDelayMs * 2 ** (n - this.opts.quickRestarts - 1));
    return { delayMs, fault: true, recentFailures: n, retryAt: now + delayMs };
  }
}
