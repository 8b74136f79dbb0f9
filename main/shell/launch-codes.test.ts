import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { LaunchCodes, registerLaunchRoute } from './launch-codes';

describe('one-time launch codes', () => {
  it('trade once for the token, then are worth nothing', async () => {
    const codes = new LaunchCodes();
    const app = Fastify();
    registerLaunchRoute(app, codes, () => 'the-surface-token');
    const code = codes.issue('kiosk');
    const first = await app.inject({ method: 'POST', url: '/api/launch', payload: { code } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ surfaceId: 'kiosk', token: 'the-surface-token' });
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await app.inject({ method: 'POST', url: '/api/launch', payload: { code } });
    expect(again.statusCode).toBe(403);
    expect(again.json().message['zh-Hans']).toContain('启动码');
    for (const payload of [{}, { code: 42 }, { code: 'x'.repeat(500) }, { code: 'guess' }]) {
      expect((await app.inject({ method: 'POST', url: '/api/launch', payload })).statusCode).toBe(403);
    }
    await app.close();
  });

  it('expire after their time', () => {
    let now = 0;
    const codes = new LaunchCodes(60_000, () => now);
    const a = codes.issue('kiosk');
    const b = codes.issue('wall-1');
    expect(codes.pending).toBe(2);
    now = 59_999;
    expect(codes.redeem(a)).toBe('kiosk');
    now = 60_000;
    expect(codes.redeem(b)).toBeUndefined();
    expect(codes.pending).toBe(0);
  });
});
