// Makes every icon size electron-builder and the desktop entry need from one source,
// assets/icons/app.svg, drawn by Chromium (ImageMagick here has no SVG reader):
// build/icons/<N>x<N>.png for the Linux packages and build/icon.png (1024) for Windows' .ico.
// Run: node --import tsx tools/make-icons.ts   (needs chromium; the PNGs are committed)
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const root = join(import.meta.dirname, '..');
const source = readFileSync(join(root, 'assets/icons/app.svg'), 'utf8');
const out = join(root, 'build/icons');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const n of ICON_SIZES) {
    await page.setViewportSize({ width: n, height: n });
    const svg = source.replace(/width="\d+" height="\d+"/, `width="${n}" height="${n}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: n, height: n } });
    writeFileSync(join(out, `${n}x${n}.png`), png);
    if (n === 1024) writeFileSync(join(root, 'build/icon.png'), png);
  }
} finally {
  await browser.close();
}
console.log(`icons: ${ICON_SIZES.join(', ')} px → build/icons/`);
