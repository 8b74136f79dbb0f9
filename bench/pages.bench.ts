// What each page of the renderer makes a browser download before it runs: every JS and CSS file
// its HTML names, followed through static imports, gzipped. The phone's target is ≤ 300 kB.
// The shell's surfaces share one page that fetches only its role's screen (renderer/surfaces.ts):
// for each, the page's own files plus that screen's chunk and its static imports, from vite's
// manifest. Later fetches (the kiosk's self-check when a visitor opens it) are their own row.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  dynamicImports?: string[];
}

/** The files the chunks named (manifest keys) load: theirs, their static imports' and their CSS. */
export function chunkFiles(manifest: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const queue = [...keys];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const key = queue.shift() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the renderer's manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    queue.push(...(chunk.imports ?? []));
  }
  return files;
}

function gzipBytes(outDir: string, files: Iterable<string>): number {
  let gzip = 0;
  for (const f of files) gzip += gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length;
  return gzip;
}

/** Screen module of each surface row (see renderer/surfaces.ts; the CAVE, ring, hologram and cinema show the wall). */
const SURFACE_SCREENS: Array<[name: string, screen: string]> = [
  ['kiosk', 'kiosk/Kiosk.tsx'],
  ['wall (and CAVE, ring, hologram, cinema)', 'wall/Wall.tsx'],
  ['dm on a monitor', 'dm/DmSurface.tsx'],
];

export const run: Bench = async () => {
  const out = mkdtempSync(join(tmpdir(), 'redhall-pages-bench-'));
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true, sourcemap: false, manifest: true } });
    const page = (p: string) => pageBytes(join(out, p)).gzip / 1024;
    const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    // A screen that another page also imports (the DM console) lands in a shared chunk named after it.
    const key = (src: string) => manifest[src] ? src : (manifest['index.html']?.dynamicImports ?? []).find((k) => k.startsWith(`_${basename(src).replace(/\.tsx?$/, '')}-`)) ?? src;
    const files = (screen: string) => chunkFiles(manifest, ['index.html', key(screen)]);
    const surface = (screen: string) => gzipBytes(out, files(screen)) / 1024;
    const kiosk = files('kiosk/Kiosk.tsx');
    const selfCheckKey = ['kiosk/QuizZone.tsx', 'quiz/KioskQuiz.tsx'].find((k) => manifest[k]) ?? 'kiosk/QuizZone.tsx';
    const selfCheck = [...chunkFiles(manifest, [selfCheckKey])].filter((f) => !kiosk.has(f));
    // OpenCC's dictionaries: fetched only when a visitor switches the self-check to zh-Hant.
    const hantKey = Object.keys(manifest).find((k) => k.endsWith('core/quiz/hant.ts')) ?? 'core/quiz/hant.ts';
    const hant = [...chunkFiles(manifest, [hantKey])].filter((f) => !kiosk.has(f) && !selfCheck.includes(f));
    // What the kiosk fetches once it is idle after start: every zone's screen and the module pages' items.
    const later = Object.keys(manifest).filter((k) => /^kiosk\/(.+Zone|ModuleItems)\.tsx$/.test(k) || /^kiosk\/.+\/.+Zone\.tsx$/.test(k));
    const idle = [...chunkFiles(manifest, later)].filter((f) => !kiosk.has(f));
    return [
      ...SURFACE_SCREENS.filter(([name]) => name !== 'kiosk').map(([name, screen]) => ({ name: `${name} surface: JS+CSS loaded, gzipped`, value: surface(screen), unit: 'kB' })),
      // The kiosk's start: what it loads before its home screen shows (a hall PC parses all of it at every start).
      { name: 'kiosk surface: JS+CSS loaded at start, gzipped', value: surface('kiosk/Kiosk.tsx'), unit: 'kB', target: '≤ 200 kB' },
      { name: `kiosk's zones and module items (${later.length} screens), fetched once idle after start, gzipped`, value: gzipBytes(out, idle) / 1024, unit: 'kB' },
      { name: "kiosk's self-check, fetched when opened: more JS+CSS, gzipped", value: gzipBytes(out, selfCheck) / 1024, unit: 'kB' },
      { name: "self-check's zh-Hant converter (OpenCC), fetched when a visitor picks zh-Hant, gzipped", value: gzipBytes(out, hant) / 1024, unit: 'kB' },
      { name: 'phone page: JS+CSS loaded, gzipped', value: page('phone/index.html'), unit: 'kB', target: '≤ 300 kB' },
      { name: 'DM console: JS+CSS loaded, gzipped', value: page('dm/index.html'), unit: 'kB' },
      { name: 'table screen / pass-and-play: JS+CSS, gzipped', value: page('table/index.html'), unit: 'kB' },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};
