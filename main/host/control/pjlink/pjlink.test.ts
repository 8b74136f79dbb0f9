import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Projectors } from '../projectors';
import { pjlinkDigest, pjlinkSession, PjlinkError } from './client';
import { PjlinkEmulator } from './emulator';

const emulators: PjlinkEmulator[] = [];
async function emulator(opts: ConstructorParameters<typeof PjlinkEmulator>[0] = {}) {
  const e = new PjlinkEmulator(opts);
  emulators.push(e);
  await e.start();
  return e;
}
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.stop()));
});

describe('PJLink class 1 client against the emulator', () => {
  it('computes the digest as md5(random + password) (the specification’s example)', () => {
    // PJLink class 1 specification example: random 498e4a67, password JBMIAProjectorLink.
    expect(pjlinkDigest('498e4a67', 'JBMIAProjectorLink')).toBe('5d8409bc1c3fa39749434aa3a5c38682');
  });

  it('powers on, switches input, mutes and reads status without a password', async () => {
    const e = await emulator();
    const target = { host: '127.0.0.1', port: e.port };
    expect(await pjlinkSession(target, ['POWR 1', 'POWR ?'])).toEqual([{ ok: true, value: 'OK' }, { ok: true, value: '1' }]);
    expect(await pjlinkSession(target, ['INPT 32', 'INPT ?', 'AVMT 31', 'AVMT ?'])).toEqual([
      { ok: true, value: 'OK' }, { ok: true, value: '32' }, { ok: true, value: 'OK' }, { ok: true, value: '31' },
    ]);
    expect(await pjlinkSession(target, ['ERST ?', 'LAMP ?', 'XXXX ?'])).toEqual([{ ok: true, value: '000000' }, { ok: true, value: '1234 1' }, { ok: false, code: 'ERR1' }]);
    expect(e.powerLog().map((p) => p.on)).toEqual([true]);
  });

  it('authenticates with MD5 on the first command of a session only', async () => {
    const e = await emulator({ password: 'hall2026' });
    const answers = await pjlinkSession({ host: '127.0.0.1', port: e.port, password: 'hall2026' }, ['POWR 1', 'INPT 11', 'POWR ?']);
    expect(answers).toEqual([{ ok: true, value: 'OK' }, { ok: true, value: 'OK' }, { ok: true, value: '1' }]);
    expect(e.input).toBe('11');
    expect(e.authFailures).toBe(0);
  });

  it('refuses a wrong password with an auth fault, and the projector does nothing', async () => {
    const e = await emulator({ password: 'hall2026' });
    const err = await pjlinkSession({ host: '127.0.0.1', port: e.port, password: 'wrong' }, ['POWR 1']).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(PjlinkError);
    expect((err as PjlinkError).fault).toBe('auth');
    expect(e.power).toBe(0);
    expect(e.authFailures).toBe(1);
    const none = await pjlinkSession({ host: '127.0.0.1', port: e.port }, ['POWR 1']).catch((x: unknown) => x);
    expect((none as PjlinkError).fault).toBe('no-password');
  });

  it('says unreachable for a closed port and timeout for a silent server', async () => {
    const e = await emulator();
    const port = e.port;
    await e.stop();
    const gone = await pjlinkSession({ host: '127.0.0.1', port }, ['POWR ?']).catch((x: unknown) => x);
    expect((gone as PjlinkError).fault).toBe('unreachable');
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const sport = (silent.address() as { port: number }).port;
    const slow = await pjlinkSession({ host: '127.0.0.1', port: sport, timeoutMs: 200 }, ['POWR ?']).catch((x: unknown) => x);
    expect((slow as PjlinkError).fault).toBe('timeout');
    silent.close();
  });

  it('refuses junk commands before sending anything', async () => {
    const e = await emulator();
    await expect(pjlinkSession({ host: '127.0.0.1', port: e.port }, ['POWR 1\r%1POWR 0'])).rejects.toThrow(/not a PJLink command/);
    expect(e.log).toEqual([]);
  });
});

describe('Projectors (the hall’s set)', () => {
  it('keeps each projector’s state and explains ERR3 and a wrong password in Chinese and English', async () => {
    const good = await emulator({ password: 'p' });
    const bad = await emulator({ password: 'other' });
    const p = new Projectors([
      { id: 'front', name: '序厅投影', host: '127.0.0.1', port: good.port, password: 'p' },
      { id: 'side', name: '侧墙投影', host: '127.0.0.1', port: bad.port, password: 'p' },
    ]);
    const input = await p.input('front', '32');
    expect(input.ok).toBe(false);
    if (!input.ok) expect(input.message['zh-Hans']).toContain('ERR3');
    expect((await p.power('front', true)).state.power).toBe('on');
    expect((await p.input('front', '32')).ok).toBe(true);
    const st = await p.status('front');
    expect(st.state).toMatchObject({ power: 'on', input: '32', muted: false, lampHours: 1234, errors: { lamp: 'ok' } });
    const side = await p.power('side', true);
    expect(side.ok).toBe(false);
    if (!side.ok) {
      expect(side.message['zh-Hans']).toContain('密码');
      expect(side.message['zh-Hant']).toContain('密碼');
      expect(side.message.en).toContain('password');
    }
    expect(bad.power).toBe(0);
  });

  it('runs one session at a time per projector, in order', async () => {
    const e = await emulator();
    const p = new Projectors([{ id: 'a', host: '127.0.0.1', port: e.port }]);
    await Promise.all([p.power('a', true), p.input('a', '11'), p.power('a', false), p.power('a', true)]);
    expect(e.log.filter((l) => l.param !== '?').map((l) => `${l.command} ${l.param}`)).toEqual(['POWR 1', 'INPT 11', 'POWR 0', 'POWR 1']);
  });
});
