import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './backoff';

describe('restart policy', () => {
  it('restarts quickly a few times, then slower with a fault screen, capped', () => {
    const p = new RestartPolicy();
    const delays = Array.from({ length: 9 }, (_, i) => p.failed(i * 1000));
    expect(delays.map((d) => d.delayMs)).toEqual([500, 1000, 2000, 5000, 10000, 20000, 40000, 60000, 60000]);
    expect(delays.map((d) => d.fault)).toEqual([false, false, false, true, true, true, true, true, true]);
  });
  it('forgets failures older than the window', () => {
    const p = new RestartPolicy();
    for (let i = 0; i < 6; i++) p.failed(i);
    expect(p.failed(10 * 60_000)).toEqual({ delayMs: 500, fault: false, recentFailures: 1, retryAt: 10 * 60_000 + 500 });
  });
});
