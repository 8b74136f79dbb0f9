// What each page of the renderer makes a browser download before it runs: every JS and CSS file
// its HTML names, followed through static imports, gzipped. The phone's target is ≤ 300 kB.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Bench } from './types';

const ROOT = resolve(import.meta.dirname, '..');

/** Gzipped bytes of the JS and CSS a built page loads up front (dynamic imports excluded). */
export function pageBytes(html: string): { files: number; gzip: number } {
  const dir = dirname(html);
  const queue = [...readFileSync(html, 'utf8').matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => resolve(dir, m[1] as string));
  const seen = new Set<string>();
  let gzip = 0;
  while (queue.length > 0) {
    const f = queue.shift() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const bytes = readFileSync(f);
    gzip += gzipSync(bytes, { level: 9 }).length;
    if (f.endsWith('.js')) for (const m of bytes.toString('utf8').matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"]*?from\s*)?["'](\.\/[^"']+)["']/g)) queue.push(resolve(dirname(f), m[1] as string));
  }
  return { files: seen.size, gzip };
}

export const run: Bench = async () => {
  const out = mkdtempSync(join(tmpdir(), 'redhall-pages-bench-'));
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true, sourcemap: false } });
    const page = (p: string) => pageBytes(join(out, p)).gzip / 1024;
    return [
      { name: 'phone page: JS+CSS loaded, gzipped', value: page('phone/index.html'), unit: 'kB', target: '≤ 300 kB' },
      { name: 'DM console: JS+CSS loaded, gzipped', value: page('dm/index.html'), unit: 'kB' },
      { name: 'table screen / pass-and-play: JS+CSS, gzipped', value: page('table/index.html'), unit: 'kB' },
      { name: 'kiosk and wall surfaces: JS+CSS, gzipped', value: page('index.html'), unit: 'kB' },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};
