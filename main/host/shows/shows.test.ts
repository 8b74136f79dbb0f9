import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PlannedSurface } from '../../../core/hall';
import { Show } from '../../../core/pack/schema';
import { parseHttpResponse } from '../../../core/protocol/http';
import { type HostMessage } from '../../../core/protocol/messages';
import { stateAt } from '../../../core/show/state';
import type { TimedCue } from '../../../core/show/schedule';
import { Host, hostNow } from '../server';
import { surface as hostSurface } from '../testing';
import { hallShows } from './plugin';
import type { ShowRunner } from './runner';

const welcome = Show.parse(parse(readFileSync(join(import.meta.dirname, '../../../content/demo-hall/shows/welcome.yaml'), 'utf8')));
// A quick show: a wall text at 0.2 s, a flash for every show surface at 0.5 s, over at 0.9 s.
const quick = Show.parse({ id: 'quick', title: { 'zh-Hans': '快', en: 'Quick' }, seconds: 0.9, cues: [
  { at: 0.2, target: 'wall', action: 'text', text: 'a' },
  { at: 0.5, target: 'all', action: 'show', src: 'media/images/centenary.svg' },
] });

const at = (id: string, role: PlannedSurface['role'], i: number): PlannedSurface => ({ id, role, displayName: `D${i}`, displayIndex: i, touch: role === 'kiosk', bounds: { x: i * 1920, y: 0, width: 1920, height: 1080 } });
const surfaces = [at('kiosk', 'kiosk', 0), at('wall-1', 'wall', 1), at('wall-2', 'wall', 2)];
// A show with a banner for the kiosk: the kiosk hears its own cues (and the end), nothing else.
const banner = Show.parse({ id: 'banner', title: { 'zh-Hans': '横幅', en: 'Banner' }, seconds: 0.8, cues: [
  { at: 0.1, target: 'kiosk', action: 'text', text: '请看大屏' },
  { at: 0.2, target: 'wall', action: 'show', src: 'media/images/centenary.svg' },
] });

let host: Host | undefined;
afterEach(async () => host?.close());

// The test surfaces answer no preroll unless a test says so: the preroll is off unless asked for.
async function assemble(minLeadMs: number, prerollMs = 0): Promise<{ host: Host; runner: ShowRunner; port: number }> {
  let h: Host | undefined = undefined;
  const shows = hallShows(
    { surfaces, shows: () => [{ packId: 'demo-hall', show: welcome }, { packId: 'demo-hall', show: quick }, { packId: 'demo-hall', show: banner }], clock: hostNow, send: (id, m) => h!.sendTo(id, m), rtt: () => null, minLeadMs, prerollMs, log: () => {} },
    { requesters: ['kiosk'], roleOf: (id) => surfaces.find((s) => s.id === id)?.role },
  );
  h = new Host({ port: 0, listen: 'loopback', rendererDir: '/nonexistent', surfaces, warnings: [], idleSeconds: 90, content: () => undefined, capabilities: [shows.capability], log: () => {} });
  host = h;
  const port = await h.start();
  return { host: h, runner: shows.runner, port };
}

/** A surface on the socket (main/host/testing.ts), with the show cues it received. */
async function surface(port: number, id: string, token: string) {
  const s = await hostSurface(port, id, token);
  const cues = () => s.got.flatMap((m) => (m.type === 'show.cues' ? m.cues.map((c) => ({ ...c, received: m })) : []));
  return { ...s, cues };
}

describe('shows on the host', () => {
  it('sends each cue to its surfaces a lead time before it is due, never to the kiosk', async () => {
    const { runner, port } = await assemble(150);
    const kiosk = await surface(port, 'kiosk', host!.surfaceToken);
    const w1 = await surface(port, 'wall-1', host!.surfaceToken);
    const w2 = await surface(port, 'wall-2', host!.surfaceToken);
    const arrivals: { index: number; due: number; arrived: number }[] = [];
    w1.ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as HostMessage;
      if (m.type === 'show.cues') for (const c of m.cues) arrivals.push({ index: c.index, due: c.at, arrived: hostNow() });
    });
    kiosk.send({ type: 'show.request', action: 'start', showId: 'quick' });
    await expect.poll(() => w2.cues().some((c) => c.index === 2), { timeout: 3000 }).toBe(true);
    // text (wall), flash (all), and the run's closing stop (index 2, every show surface).
    expect(w1.cues().map((c) => c.index)).toEqual([0, 1, 2]);
    expect(w2.cues().map((c) => c.index)).toEqual([0, 1, 2]);
    expect(kiosk.cues()).toEqual([]);
    // Every cue arrived ahead of its due time, by about the lead (timers are late, never early).
    for (const a of arrivals) {
      expect(a.due - a.arrived).toBeGreaterThan(50);
      expect(a.due - a.arrived).toBeLessThanOrEqual(152);
    }
    const run = runner.run!;
    expect(w1.cues()[1]!.at - run.startHost).toBe(500);
    for (const s of [kiosk, w1, w2]) s.ws.close();
  });

  it('asks every wall to make ready first, starts once all are, on their frame grid, and never waits past the bound', async () => {
    const { runner, port } = await assemble(100, 1500);
    const w1 = await surface(port, 'wall-1', host!.surfaceToken);
    const w2 = await surface(port, 'wall-2', host!.surfaceToken);
    const before = hostNow();
    const run = runner.start({ showId: 'quick' })!;
    // Timed for the bound until the walls answer.
    const bound = run.startHost;
    expect(bound).toBeGreaterThanOrEqual(before + 1600);
    const prepare = (s: typeof w1) => s.got.find((m) => m.type === 'show.prepare');
    await expect.poll(() => [prepare(w1), prepare(w2)].map((m) => m?.type === 'show.prepare' && m.cues.map((c) => c.action))).toEqual([['text', 'show'], ['text', 'show']]);
    expect(runner.status().run?.preparing?.sort()).toEqual(['wall-1', 'wall-2']);
    // One wall ready: nothing is sent yet.
    w1.send({ type: 'show.ready', runId: run.runId });
    await expect.poll(() => runner.status().run?.preparing).toEqual(['wall-2']);
    expect(w1.cues()).toEqual([]);
    // The second, with where its frames fall: the run is timed again, one lead from now, and its
    // first cue (for walls) is put on that wall's frame start.
    const frame = { hostMs: hostNow() - 3.3, intervalMs: 1000 / 60 };
    w2.send({ type: 'show.ready', runId: run.runId, frame });
    await expect.poll(() => w1.cues().map((c) => c.index), { timeout: 3000 }).toContain(0);
    expect(runner.run!.startHost).toBeLessThan(bound);
    expect(runner.status().run?.preparing).toEqual([]);
    const frames = (w1.cues()[0]!.at - frame.hostMs) / frame.intervalMs;
    // (on the grid to well under a microsecond: host times near 1e12 ms keep ~1e-4 ms of precision)
    expect(Math.abs(frames - Math.round(frames))).toBeLessThan(1e-4);
    expect(Math.abs(w1.cues()[0]!.at - (runner.run!.startHost + 200))).toBeLessThanOrEqual(frame.intervalMs / 2);

    // A wall that never answers holds the show no longer than the bound.
    const second = runner.start({ showId: 'quick' })!;
    const secondBound = second.startHost;
    await expect.poll(() => w2.got.filter((m) => m.type === 'show.prepare').length).toBe(2);
    w1.send({ type: 'show.ready', runId: second.runId });
    await expect.poll(() => w2.cues().some((c) => c.received.runId === second.runId), { timeout: 4000 }).toBe(true);
    // Not timed again: it ran at the bound, with the silent wall sent its cues like the other.
    expect(second.startHost).toBe(secondBound);
    expect(w1.cues().some((c) => c.received.runId === second.runId)).toBe(true);
    expect(runner.status().run?.preparing).toEqual([]);
    for (const s of [w1, w2]) s.ws.close();
  });

  it('hands a wall that comes back mid-show the cues it missed, so it folds to the same state', async () => {
    const { runner, port } = await assemble(100);
    const w1 = await surface(port, 'wall-1', host!.surfaceToken);
    runner.start({ showId: 'welcome' });
    const run = runner.run!;
    // The wall drops and comes back: its backlog is what it had, and folds to the film.
    await expect.poll(() => w1.cues().length, { timeout: 2000 }).toBeGreaterThan(0);
    w1.ws.close();
    const back = await surface(port, 'wall-1', host!.surfaceToken);
    back.send({ type: 'show.join' });
    await expect.poll(() => back.got.some((m) => m.type === 'show.cues' && m.replace), { timeout: 2000 }).toBe(true);
    const backlog = back.got.find((m) => m.type === 'show.cues' && m.replace);
    expect(backlog).toMatchObject({ runId: run.runId, showId: 'welcome', startHost: run.startHost });
    const cues = (backlog as { cues: TimedCue[] }).cues;
    expect(cues.map((c) => c.index)).toEqual([0]);
    expect(stateAt(cues, run.startHost + 7000).video?.src).toBe('media/video/attract.mp4');
    back.ws.close();
  });

  it('refuses a start from a wall, takes presentations and drift, and answers over HTTP', async () => {
    const { runner, port } = await assemble(100);
    const w1 = await surface(port, 'wall-1', host!.surfaceToken);
    w1.send({ type: 'show.request', action: 'start' });
    await expect.poll(() => w1.got.find((m) => m.type === 'error')).toMatchObject({ code: 'unauthorised', ref: 'show.request' });
    expect(runner.run).toBeUndefined();

    const base = `http://127.0.0.1:${port}/api/shows`;
    const noAuth = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'start' }) });
    expect(noAuth.status).toBe(401);
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${host!.adminToken}` };
    const missing = await fetch(base, { method: 'POST', headers: admin, body: JSON.stringify({ action: 'start', showId: 'nope' }) });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: { 'zh-Hans': string } }).message['zh-Hans']).toContain('nope');
    const started = await fetch(base, { method: 'POST', headers: admin, body: JSON.stringify({ action: 'start', showId: 'welcome', loop: true }) });
    const r = parseHttpResponse('POST /api/shows', started.status, await started.json());
    expect(r.ok && r.value.run).toMatchObject({ showId: 'welcome', loop: true, leadMs: 100 });

    const run = runner.run!;
    w1.send({ type: 'show.presented', runId: run.runId, index: 0, hostMs: run.startHost + 2 });
    w1.send({ type: 'show.video', runId: run.runId, index: 0, samples: [{ hostMs: run.startHost + 100, driftMs: 3 }, { hostMs: run.startHost + 116, driftMs: -5 }], seeks: 1 });
    w1.send({ type: 'show.video', runId: run.runId, index: 0, samples: 'junk' });
    await expect.poll(async () => {
      const s = parseHttpResponse('GET /api/shows', 200, await (await fetch(base)).json());
      return s.ok ? [s.value.presentations.at(-1), s.value.drift['wall-1']] : s.error;
    }).toEqual([{ runId: run.runId, index: 0, at: run.startHost, surfaces: { 'wall-1': run.startHost + 2 } }, { samples: 2, p95AbsMs: 5, lastMs: -5, seeks: 1 }]);
    expect(w1.got.some((m) => m.type === 'error' && m.code === 'bad-message')).toBe(true);

    const stopped = await fetch(base, { method: 'POST', headers: admin, body: JSON.stringify({ action: 'stop' }) });
    expect(await stopped.json()).toEqual({ run: null });
    // The stop reaches the wall within one lead, after the cues it already had.
    await expect.poll(() => w1.cues().at(-1)?.cue.action, { timeout: 2000 }).toBe('stop');
    w1.ws.close();
  });

  it('loops an attract show pass after pass', async () => {
    const { runner, port } = await assemble(100);
    const w1 = await surface(port, 'wall-1', host!.surfaceToken);
    runner.start({ showId: 'quick', loop: true });
    const first = runner.run!.runId;
    await expect.poll(() => new Set(w1.got.flatMap((m) => (m.type === 'show.cues' ? [m.runId] : []))).size, { timeout: 4000 }).toBeGreaterThanOrEqual(2);
    expect(runner.run!.runId).not.toBe(first);
    w1.ws.close();
  });

  it('comes back to the hall attract after a show ends, and stops it at closing time', async () => {
    const { runner, port } = await assemble(100);
    const w1 = await surface(port, 'wall-1', host!.surfaceToken);
    expect(runner.setAttract({ showId: 'nope' })).toBe(false);
    expect(runner.setAttract({ showId: 'quick' })).toBe(true);
    expect(runner.run).toMatchObject({ attract: true, loop: true, show: { id: 'quick' } });
    // A visitor's show replaces the attract; when it is over the attract is back.
    runner.start({ showId: 'banner' });
    expect(runner.run?.show.id).toBe('banner');
    await expect.poll(() => runner.run?.show.id, { timeout: 4000, interval: 50 }).toBe('quick');
    expect(runner.run?.attract).toBe(true);
    // Closing time: the attract stops and does not come back by itself.
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${host!.adminToken}` };
    const off = await fetch(`http://127.0.0.1:${port}/api/shows`, { method: 'POST', headers: admin, body: JSON.stringify({ action: 'attract', showId: null }) });
    expect(off.status).toBe(200);
    await expect.poll(() => w1.cues().at(-1)?.cue.action, { timeout: 2000 }).toBe('stop');
    await expect.poll(() => runner.run, { timeout: 3000, interval: 50 }).toBeUndefined();
    expect(runner.status().attract).toBeNull();
    w1.ws.close();
  });

  it('sends the kiosk the cues that name it, with the end, and a rejoining kiosk its backlog', async () => {
    const { runner, port } = await assemble(100);
    const kiosk = await surface(port, 'kiosk', host!.surfaceToken);
    runner.start({ showId: 'banner' });
    await expect.poll(() => kiosk.cues().map((c) => c.cue.action), { timeout: 3000 }).toEqual(['text', 'stop']);
    // Welcome shows never name the kiosk: it hears nothing of them.
    runner.start({ showId: 'quick' });
    kiosk.send({ type: 'show.join' });
    await new Promise((r) => setTimeout(r, 400));
    expect(kiosk.cues().map((c) => c.cue.action)).toEqual(['text', 'stop']);
    runner.start({ showId: 'banner' });
    await new Promise((r) => setTimeout(r, 250));
    kiosk.send({ type: 'show.join' });
    await expect.poll(() => kiosk.got.some((m) => m.type === 'show.cues' && m.replace && m.cues.some((c) => c.cue.action === 'text'))).toBe(true);
    kiosk.ws.close();
  });
});
