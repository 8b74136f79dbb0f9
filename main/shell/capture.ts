import { spawn } from 'node:child_process';

/**
 * A PNG of one rectangle of an X11 screen (a surface's monitor), scaled to `width` pixels wide,
 * taken with ImageMagick's `import` from the root window: the pixels the monitor shows, whatever
 * the page believes it draws. Undefined without a DISPLAY, without `import`, or after 10 s (a busy machine).
 */
export function captureX11(bounds: { x: number; y: number; width: number; height: number }, env: NodeJS.ProcessEnv, width = 480): Promise<Buffer | undefined> {
  if (!env.DISPLAY) return Promise.resolve(undefined);
  const crop = `${Math.round(bounds.width)}x${Math.round(bounds.height)}+${Math.round(bounds.x)}+${Math.round(bounds.y)}`;
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn('import', ['-silent', '-window', 'root', '-crop', crop, '+repage', '-resize', `${width}x`, 'png:-'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const png = Buffer.concat(chunks);
      resolve(code === 0 && png.length > 8 ? png : undefined);
    });
  });
}
