import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Display } from '../../core/hall';

const run = promisify(execFile);

/**
 * Parses `xrandr --listmonitors`, e.g.
 * ` 0: +*DUMMY0 1920/508x1080/286+0+0  DUMMY0`.
 */
export function parseXrandrMonitors(text: string): Display[] {
  const out: Display[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+):\s+\+?(\*?)(\S+)\s+(\d+)\/\d+x(\d+)\/\d+\+(-?\d+)\+(-?\d+)\s+(\S+)?/.exec(line);
    if (!m) continue;
    out.push({
      index: Number(m[1]),
      primary: m[2] === '*',
      name: m[8] ?? m[3] ?? `display-${m[1]}`,
      width: Number(m[4]),
      height: Number(m[5]),
      x: Number(m[6]),
      y: Number(m[7]),
    });
  }
  // Order by position so "the first display" is the left-most, top-most one.
  return out.sort((a, b) => a.x - b.x || a.y - b.y).map((d, index) => ({ ...d, index }));
}

/** Parses REDHALL_DISPLAYS, e.g. `1920x1080+0+0,1920x1080+1920+0`, for tests and odd setups. */
export function parseDisplaySpec(spec: string): Display[] {
  return spec.split(',').map((part, index) => {
    const m = /^\s*(\d+)x(\d+)\+(-?\d+)\+(-?\d+)(?::(\S+))?\s*$/.exec(part);
    if (!m) throw new Error(`REDHALL_DISPLAYS: "${part}" is not WxH+X+Y[:name]`);
    return { index, name: m[5] ?? `display-${index}`, width: Number(m[1]), height: Number(m[2]), x: Number(m[3]), y: Number(m[4]), primary: index === 0 };
  });
}

export interface DisplayDiscovery {
  displays: Display[];
  /** How they were found, for the start-up log. */
  source: string;
}

/** Finds the monitors on Linux/X11: REDHALL_DISPLAYS, else xrandr, else one 1920×1080. */
export async function discoverDisplays(env: NodeJS.ProcessEnv = process.env): Promise<DisplayDiscovery> {
  if (env.REDHALL_DISPLAYS) return { displays: parseDisplaySpec(env.REDHALL_DISPLAYS), source: 'REDHALL_DISPLAYS' };
  if (env.DISPLAY) {
    try {
      const { stdout } = await run('xrandr', ['--listmonitors'], { env, timeout: 5000 });
      const displays = parseXrandrMonitors(stdout);
      if (displays.length > 0) return { displays, source: `xrandr on ${env.DISPLAY}` };
    } catch {
      // fall through to the default
    }
  }
  return { displays: [{ index: 0, name: 'default', x: 0, y: 0, width: 1920, height: 1080, primary: true }], source: 'default (no xrandr)' };
}
