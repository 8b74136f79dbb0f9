import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real monitors for tests: Xorg with the dummy driver, one output per monitor, arranged left
 * to right with xrandr (see ../shared/TESTING.md). Xvfb gives only one screen.
 */
export interface XServer {
  display: string;
  monitors: Array<{ name: string; x: number; y: number; width: number; height: number }>;
  stop(): Promise<void>;
}

const XORG_CONF = (width: number, height: number) => `
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoAddGPU" "false"
  Option "DontVTSwitch" "true"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0 - 1000.0
  VertRefresh 5.0 - 200.0
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual ${width} ${height}
  EndSubSection
EndSection
`;

export function xorgAvailable(): boolean {
  return existsSync('/usr/lib/xorg/modules/drivers/dummy_drv.so') && existsSync('/usr/bin/xrandr');
}

function freeDisplayNumber(): number {
  for (let n = 90; n < 140; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  throw new Error('no free X display number');
}

/** Starts Xorg with `count` monitors of width×height side by side. */
export async function startXorg(count = 2, width = 1920, height = 1080): Promise<XServer> {
  const dir = mkdtempSync(join(tmpdir(), 'redhall-xorg-'));
  const conf = join(dir, 'xorg.conf');
  writeFileSync(conf, XORG_CONF(width * count, height));
  const n = freeDisplayNumber();
  const display = `:${n}`;
  const child: ChildProcess = spawn('Xorg', [display, '-config', conf, '-noreset', '-nolisten', 'tcp', '-novtswitch', '-sharevts', '-logfile', join(dir, 'xorg.log')], { stdio: 'ignore' });
  const env = { ...process.env, DISPLAY: display };
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      execFileSync('xrandr', ['--query'], { env, stdio: 'ignore' });
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Xorg did not start on ${display}; see ${dir}/xorg.log`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const mode = `${width}x${height}`;
  for (let i = 1; i < count; i++) {
    try {
      execFileSync('xrandr', ['--addmode', `DUMMY${i}`, mode], { env, stdio: 'ignore' });
    } catch {
      // the mode may be there already
    }
  }
  const args = ['--fb', `${width * count}x${height}`];
  for (let i = 0; i < count; i++) args.push('--output', `DUMMY${i}`, '--mode', mode, '--pos', `${i * width}x0`, ...(i === 0 ? ['--primary'] : []));
  execFileSync('xrandr', args, { env, stdio: 'ignore' });
  const monitors = Array.from({ length: count }, (_, i) => ({ name: `DUMMY${i}`, x: i * width, y: 0, width, height }));
  return {
    display,
    monitors,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * ImageMagick's `import` arguments for a PNG of the whole X desktop. `-quality 11` is zlib level 1
 * with the sub filter: import's default compression took ~3.8 s for a 3840×1080 desktop on a
 * busy 2-core machine (level 1: ~0.7 s; the file ~40 % larger), and the tests take dozens.
 */
export function desktopShotArgs(display: string, file: string): string[] {
  return ['-display', display, '-window', 'root', '-quality', '11', file];
}

/** A PNG of the whole X desktop (ImageMagick's import). */
export function screenshotDesktop(display: string, file: string): void {
  execFileSync('import', desktopShotArgs(display, file), { stdio: 'ignore' });
}
