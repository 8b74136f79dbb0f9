import { createHook } from 'node:async_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHall } from './hall';
import type { Shell } from './shell/types';

// Stopping the hall is one dispose(): afterwards nothing it started is left, not a timer, a
// watcher, a server, a socket, an open file, a listener nor a child process. Every async
// resource of those kinds created while the hall runs is recorded, and each must be destroyed
// soon after the dispose (Node's own one-second Date-header timer ends by itself).
const KINDS = new Set(['Timeout', 'TCPSERVERWRAP', 'TCPWRAP', 'FSEVENTWRAP', 'STATWATCHER', 'PROCESSWRAP', 'PIPEWRAP', 'SIGNALWRAP']);
const openFiles = () => readdirSync('/proc/self/fd').length;

/** A shell whose windows are real child processes (sleep), ended by close(). */
function childShell(children: ChildProcess[]): Shell {
  return {
    name: 'chromium',
    displays: async () => ({ displays: [{ index: 0, name: 'TEST0', x: 0, y: 0, width: 1920, height: 1080, primary: true }, { index: 1, name: 'TEST1', x: 1920, y: 0, width: 1920, height: 1080, primary: false }], source: 'test' }),
    open: async (surfaces) => {
      for (const _ of surfaces) children.push(spawn('sleep', ['60'], { stdio: 'ignore' }));
    },
    restart: () => {},
    running: () => true,
    close: async () => {
      await Promise.all(children.map((c) => new Promise((res) => (c.exitCode !== null || c.signalCode !== null ? res(null) : (c.once('exit', res), c.kill('SIGTERM'))))));
    },
  };
}

const settle = () => new Promise((res) => setTimeout(res, 50));

describe('the hall\'s lifetime', () => {
  it('leaves no timer, watcher, server, socket, listener or child behind after one dispose()', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redhall-lifetime-'));
    const live = new Map<number, string>();
    let recording = true;
    if (process.env.LEAK_STACKS) Error.stackTraceLimit = 60;
    const hook = createHook({
      init: (id, type) => void (recording && KINDS.has(type) && live.set(id, type + (process.env.LEAK_STACKS ? new Error().stack : ''))),
      destroy: (id) => void live.delete(id),
    });
    const listenersBefore = process.eventNames().map((n) => [String(n), process.listenerCount(n)]);
    const children: ChildProcess[] = [];
    const filesBefore = openFiles();
    hook.enable();
    try {
      const hall = await startHall({ rootDir: resolve(import.meta.dirname, '..'), dataDir, port: 0, shell: childShell(children), watchdog: { checkEveryMs: 20 }, log: () => {} });
      // A surface connected over the live socket, and one on the tables socket.
      const ws = new WebSocket(`ws://127.0.0.1:${hall.host.port}/ws`);
      const closed = new Promise<number>((res) => ws.once('close', res));
      await new Promise((res, rej) => ws.once('open', res).once('error', rej));
      const welcome = new Promise((res) => ws.once('message', res));
      ws.send(JSON.stringify({ type: 'hello', protocol: 1, surfaceId: hall.surfaces[0]!.id, token: hall.host.surfaceToken }));
      await welcome;
      const table = new WebSocket(`ws://127.0.0.1:${hall.host.port}/ws/tables`);
      const tableClosed = new Promise<number>((res) => table.once('close', res));
      await new Promise((res, rej) => table.once('open', res).once('error', rej));
      expect((await fetch(`http://127.0.0.1:${hall.host.port}/api/health`)).status).toBe(200);
      await new Promise((res) => setTimeout(res, 100)); // the watchdog and the pack watcher tick
      expect(children.length).toBe(2);
      expect(children.every((c) => c.exitCode === null && c.signalCode === null)).toBe(true);
      expect(live.size).toBeGreaterThan(0);

      await hall.dispose();
      recording = false;
      await Promise.all([closed, tableClosed]);
      // The client sockets of this test were closed too; nothing of either side remains.
      for (let i = 0; i < 200 && live.size > 0; i++) await settle();
      hook.disable();
      if (process.env.LEAK_STACKS) writeFileSync('/tmp/redhall-leaks.txt', [...live.values()].join('\n=====\n'));
      expect([...live.values()]).toEqual([]);
      expect(openFiles()).toBe(filesBefore);
      expect(children.every((c) => c.exitCode !== null || c.signalCode !== null)).toBe(true);
      expect(process.eventNames().map((n) => [String(n), process.listenerCount(n)])).toEqual(listenersBefore);
      await hall.dispose(); // a second call is harmless
    } finally {
      hook.disable();
      for (const c of children) c.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
