import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small real file system that fills up: a tmpfs of a given size mounted on a fresh folder.
 * Needs root (or CAP_SYS_ADMIN); `tmpfsUnavailable()` says why it cannot be had, so a test can
 * skip honestly instead of faking a full disk.
 */
export interface SmallDisk {
  dir: string;
  /** Writes filler until the disk refuses a byte more. */
  fill(): void;
  /** Removes the filler. */
  free(): void;
  unmount(): void;
}

let probe: string | undefined | null = null;

/** Why no tmpfs can be mounted here (undefined when one can). */
export function tmpfsUnavailable(): string | undefined {
  if (probe !== null) return probe;
  try {
    const d = mountSmallDisk(64);
    d.unmount();
    probe = undefined;
  } catch (e) {
    probe = `cannot mount a tmpfs here (${(e as Error).message.split('\n')[0]})`;
  }
  return probe;
}

export function mountSmallDisk(kib: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'redhall-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'pipe' });
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(4096, 0x2e);
      try {
        for (;;) writeSync(fd, block);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
      // The last partial page: byte by byte until nothing more fits.
      const fd2 = openSync(filler, 'a');
      try {
        for (;;) writeSync(fd2, Buffer.from('.'));
      } catch {
        // full
      } finally {
        closeSync(fd2);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
