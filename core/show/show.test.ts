import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { Show } from '../pack/schema';
import { cueTargets, cuesHeldAt, currentCueIndex, leadTime, scheduleShow, showPosition, timedCues, type ShowSurface } from './schedule';
import { crossfadeAmount, fadeAmount, mediaPosition, stateAt } from './state';
import { correctDrift, driftSeconds, learnSeekLead, percentile } from './drift';

const welcome = Show.parse(parse(readFileSync(join(import.meta.dirname, '../../content/demo-hall/shows/welcome.yaml'), 'utf8')));
const hall: ShowSurface[] = [
  { id: 'kiosk', role: 'kiosk' },
  { id: 'wall-1', role: 'wall' },
  { id: 'wall-2', role: 'wall' },
  { id: 'ring-1', role: 'ring' },
];
const START = 1_000_000;

describe('show schedule', () => {
  it('addresses roles, ids and all (show surfaces only, never the kiosk)', () => {
    expect(cueTargets('wall', hall)).toEqual(['wall-1', 'wall-2']);
    expect(cueTargets('all', hall)).toEqual(['wall-1', 'wall-2', 'ring-1']);
    expect(cueTargets('wall-2', hall)).toEqual(['wall-2']);
    expect(cueTargets('hologram', hall)).toEqual([]);
  });

  it('sends every cue to each of its surfaces one lead time before it is due, in send order', () => {
    const sends = scheduleShow(welcome, START, hall, 1000);
    const first = sends[0]!;
    expect(first).toMatchObject({ surfaceId: 'wall-1', sendAt: START - 1000, cue: { index: 0, at: START } });
    expect(sends.filter((s) => s.cue.index === 1).map((s) => s.surfaceId)).toEqual(['wall-1', 'wall-2', 'ring-1']);
    expect(sends.every((s) => s.cue.at - s.sendAt === 1000)).toBe(true);
    expect(sends.map((s) => s.sendAt)).toEqual([...sends.map((s) => s.sendAt)].sort((a, b) => a - b));
    // The hologram cue reaches nobody in this hall; the kiosk gets nothing.
    expect(sends.some((s) => s.surfaceId === 'kiosk' || s.cue.index === 4)).toBe(false);
  });

  it('keeps the lead at least two round trips of the slowest surface', () => {
    expect(leadTime([3, 12, NaN], 20)).toBe(24);
    expect(leadTime([], 300)).toBe(300);
  });

  it('hands a surface joining mid-show exactly the cues already sent to it', () => {
    const wall = hall[1]!;
    const now = START + 20_000;
    const held = cuesHeldAt(welcome, START, wall, now, 1000);
    expect(held.map((c) => c.index)).toEqual([0, 1]);
    // 1 s before the 50 s fade is due it has been sent (lead), not yet presented.
    expect(cuesHeldAt(welcome, START, wall, START + 49_000, 1000).map((c) => c.index)).toEqual([0, 1, 5]);
    expect(currentCueIndex(cuesHeldAt(welcome, START, wall, START + 49_000, 1000), START + 49_000)).toBe(1);
    expect(showPosition(welcome, START, START + 60_000)).toEqual({ elapsedMs: 60_000, ended: true });
  });

  it('orders cues by due time and keeps the file order for cues due together', () => {
    const show = Show.parse({ id: 'x', title: 'x', seconds: 5, cues: [{ at: 2, target: 'all', action: 'stop' }, { at: 1, target: 'wall', action: 'text', text: 'a' }, { at: 1, target: 'wall', action: 'fade' }] });
    expect(timedCues(show, 0).map((c) => c.index)).toEqual([1, 2, 0]);
  });
});

describe('surface state', () => {
  const wall = hall[1]!;
  const cues = (now: number) => cuesHeldAt(welcome, START, wall, now, 1000);

  it('is idle before the first cue and after stop', () => {
    expect(stateAt(cues(START - 500), START - 500).active).toBe(false);
    const end = stateAt(cues(START + 61_000), START + 61_000);
    expect(end).toMatchObject({ active: false, cue: 6, video: undefined, text: undefined });
  });

  it('shows the video and the timed text where the show is', () => {
    const at10 = stateAt(cues(START + 10_000), START + 10_000);
    expect(at10.video?.src).toBe('media/video/attract.mp4');
    expect(at10.text?.until).toBe(START + 14_000);
    expect(at10.cue).toBe(1);
    // The text's 8 s are over at 14 s; the video plays on.
    const at15 = stateAt(cues(START + 15_000), START + 15_000);
    expect(at15.text).toBeUndefined();
    expect(at15.video).toBeDefined();
    // The loop position of the 6 s film at 15 s is 3 s in.
    expect(mediaPosition(at15.video!, START + 15_000, 6)).toBeCloseTo(3);
  });

  it('fades to black over the fade cue', () => {
    const s = stateAt(cues(START + 52_000), START + 52_000);
    expect(fadeAmount(s.fade, START + 52_000)).toBeCloseTo(0.5);
    expect(fadeAmount(s.fade, START + 58_000)).toBe(1);
    expect(fadeAmount(undefined, START)).toBe(0);
  });

  it('is the same whether the surface was there from the start or joined late (any join time)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 62_000 }), fc.integer({ min: 0, max: 62_000 }), (join, later) => {
        const now = START + Math.max(join, later);
        // From the start: every cue as it came. Joined at `join`: the backlog, then the rest as sent.
        const fromStart = cues(now);
        const joined = [...cuesHeldAt(welcome, START, wall, START + join, 1000), ...fromStart.filter((c) => c.at - 1000 > START + join)];
        expect(stateAt(joined, now)).toEqual(stateAt(fromStart, now));
      }),
    );
  });

  it('routes sound to the audio layer and lets a new picture end a fade', () => {
    const show = Show.parse({ id: 'x', title: 'x', seconds: 9, cues: [
      { at: 0, target: 'wall', action: 'play', src: 'media/audio/chime.ogg', seconds: 4 },
      { at: 1, target: 'wall', action: 'fade', seconds: 1 },
      { at: 3, target: 'wall', action: 'show', src: 'media/images/red-boat.svg' },
      { at: 5, target: 'wall', action: 'hide' },
    ] });
    const held = timedCues(show, 0);
    expect(stateAt(held, 500)).toMatchObject({ audio: { src: 'media/audio/chime.ogg' }, video: undefined });
    expect(stateAt(held, 2500).fade).toBeDefined();
    expect(stateAt(held, 3500)).toMatchObject({ fade: undefined, image: { src: 'media/images/red-boat.svg' } });
    expect(stateAt(held, 4500).audio).toBeUndefined();
    expect(stateAt(held, 5500)).toMatchObject({ image: undefined, active: true, cue: 3 });
  });
});

describe('ambience, crossfades and 3D scenes', () => {
  const show = Show.parse({ id: 'x', title: 'x', seconds: 30, cues: [
    { at: 0, target: 'ring', action: 'ambience', src: 'media/audio/wind.ogg', volume: 0.4 },
    { at: 1, target: 'ring', action: 'show', src: 'media/images/a.svg' },
    { at: 2, target: 'ring', action: 'play', src: 'media/audio/chime.ogg', seconds: 1 },
    { at: 5, target: 'ring', action: 'crossfade', src: 'media/video/b.mp4', seconds: 4 },
    { at: 12, target: 'ring', action: 'scene', src: 'media/models/star.glb', seconds: 6 },
    { at: 20, target: 'ring', action: 'crossfade', src: 'media/images/c.svg' },
    { at: 25, target: 'ring', action: 'stop' },
  ] });
  const held = timedCues(show, 0);

  it('keeps the ambience looping under cue sounds and pictures until the show stops', () => {
    expect(stateAt(held, 2500)).toMatchObject({ ambience: { src: 'media/audio/wind.ogg', volume: 0.4 }, audio: { src: 'media/audio/chime.ogg' } });
    expect(stateAt(held, 3500).audio).toBeUndefined();
    expect(stateAt(held, 24_000).ambience?.from).toBe(0);
    expect(stateAt(held, 26_000).ambience).toBeUndefined();
  });

  it('dissolves the old picture into the new film over the crossfade', () => {
    const mid = stateAt(held, 7000);
    expect(mid.video?.src).toBe('media/video/b.mp4');
    expect(mid.image).toBeUndefined();
    expect(mid.outgoing).toMatchObject({ kind: 'image', src: 'media/images/a.svg', from: 5000, until: 9000 });
    expect(crossfadeAmount(mid.outgoing, 7000)).toBeCloseTo(0.5);
    // Over: the old picture is gone and the film plays on from the crossfade's start.
    const after = stateAt(held, 10_000);
    expect(after.outgoing).toBeUndefined();
    expect(crossfadeAmount(after.outgoing, 10_000)).toBe(1);
    expect(mediaPosition(after.video!, 10_000, undefined)).toBeCloseTo(5);
  });

  it('puts a pack model up as a scene for its seconds, and a crossfade from it starts clean', () => {
    expect(stateAt(held, 13_000)).toMatchObject({ scene: { src: 'media/models/star.glb' }, video: undefined });
    expect(stateAt(held, 19_000).scene).toBeUndefined();
    expect(stateAt(held, 21_000)).toMatchObject({ image: { src: 'media/images/c.svg' }, outgoing: undefined });
    // A show cue naming a model is a scene too.
    const viaShow = timedCues(Show.parse({ id: 'y', title: 'y', seconds: 5, cues: [{ at: 0, target: 'wall', action: 'show', src: 'media/models/star.glb' }] }), 0);
    expect(stateAt(viaShow, 100)).toMatchObject({ scene: { src: 'media/models/star.glb' }, image: undefined });
  });
});

describe('video drift', () => {
  it('measures the short way round a loop', () => {
    expect(driftSeconds(5.9, 0.1, 6)).toBeCloseTo(-0.2);
    expect(driftSeconds(0.1, 5.9, 6)).toBeCloseTo(0.2);
    expect(driftSeconds(2.05, 2)).toBeCloseTo(0.05);
  });

  it('holds inside the dead band, nudges small gaps the right way, seeks when far out', () => {
    expect(correctDrift(0.002, 3)).toEqual({ kind: 'hold', rate: 1 });
    // A gap closed over a second, or longer where the rate would change more than 8 %.
    expect(correctDrift(0.02, 3)).toEqual({ kind: 'nudge', rate: 0.98, forSec: 1 });
    const behind = correctDrift(-0.12, 3);
    expect(behind.rate).toBeCloseTo(1.08);
    expect(behind.kind === 'nudge' && behind.forSec).toBeCloseTo(1.5);
    expect(correctDrift(0.8, 3)).toEqual({ kind: 'seek', to: 3, rate: 1 });
    expect(correctDrift(-0.2, 3).kind).toBe('seek');
  });

  it('never nudges past the policy, and always toward the host', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.149, max: 0.149, noNaN: true }), (d) => {
        const c = correctDrift(d, 1);
        expect(Math.abs(c.rate - 1)).toBeLessThanOrEqual(0.08 + 1e-12);
        if (c.kind === 'nudge') {
          expect(Math.sign(1 - c.rate)).toBe(Math.sign(d));
          // Over its time the nudge closes exactly the gap.
          expect((1 - c.rate) * c.forSec).toBeCloseTo(d, 9);
        }
      }),
    );
  });

  it('learns to seek ahead by what the last seek cost, within bounds', () => {
    expect(learnSeekLead(0, -0.1)).toBeCloseTo(0.07);
    expect(learnSeekLead(0.2, 0.05)).toBeCloseTo(0.165);
    expect(learnSeekLead(0.45, -1)).toBe(0.5);
    expect(learnSeekLead(0.01, 0.5)).toBe(0);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([], 95)).toBeNaN();
  });
});
