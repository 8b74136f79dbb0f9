import { describe, expect, it } from 'vitest';
import { parseDisplaySpec, parseXrandrMonitors } from './displays';

describe('display discovery', () => {
  it('reads xrandr --listmonitors and orders displays left to right', () => {
    const text = 'Monitors: 3\n 0: +*DUMMY0 1920/508x1080/286+0+0  DUMMY0\n 1: +DUMMY2 1280/338x720/190+3840+0  DUMMY2\n 2: +DUMMY1 1920/508x1080/286+1920+0  DUMMY1\n';
    expect(parseXrandrMonitors(text)).toEqual([
      { index: 0, primary: true, name: 'DUMMY0', width: 1920, height: 1080, x: 0, y: 0 },
      { index: 1, primary: false, name: 'DUMMY1', width: 1920, height: 1080, x: 1920, y: 0 },
      { index: 2, primary: false, name: 'DUMMY2', width: 1280, height: 720, x: 3840, y: 0 },
    ]);
  });
  it('reads a display spec and rejects a wrong one', () => {
    expect(parseDisplaySpec('800x600+0+0:left,800x600+800+0')).toMatchObject([
      { name: 'left', x: 0, width: 800 },
      { name: 'display-1', x: 800 },
    ]);
    expect(() => parseDisplaySpec('wide')).toThrow(/WxH\+X\+Y/);
  });
});
