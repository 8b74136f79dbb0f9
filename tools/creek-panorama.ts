// The south-bank scenario's 360° picture (equirectangular, 4096×2048: x is yaw 0–360°, the
// horizon in the middle): a night in late October 1937 seen from the south bank of Suzhou Creek.
// North (x ≈ 1024): the creek, the warehouse on the far bank west of the bridge, the sky over
// Zhabei lit red by the fires; behind the viewer (x ≈ 3072): the Settlement's street, its windows
// lit, people on the embankment watching. Schematic, as the scenario's flat map is: no building is
// drawn to measure. Nothing crosses the left and right edges, so the ring closes without a seam.
// Written by tools/make-demo-media.ts; `node --import tsx tools/creek-panorama.ts` writes it alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const W = 4096;
const H = 2048;
const HORIZON = H / 2;

/** A fixed scatter from an integer hash: the file is the same every run. */
const hash = (i: number, k: number) => {
  const v = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
  return v - Math.floor(v);
};

function skyline(x0: number, x1: number, base: number, seed: number, tall: number, lit: number): string {
  const out: string[] = [];
  for (let x = x0, i = 0; x < x1; i++) {
    const w = 70 + Math.floor(hash(i, seed) * 120);
    const h = 90 + Math.floor(hash(i, seed + 1) * tall);
    const roof = hash(i, seed + 2) > 0.6 ? `<path d="M${x} ${base - h} L${x + w / 2} ${base - h - 36} L${x + w} ${base - h} Z" fill="#120c10"/>` : '';
    out.push(`<rect x="${x}" y="${base - h}" width="${w - 6}" height="${h}" fill="#120c10"/>${roof}`);
    // Lit windows, warm on the Settlement's side.
    for (let wy = base - h + 18; wy < base - 24; wy += 30) {
      for (let wx = x + 10; wx < x + w - 24; wx += 26) {
        if (hash(wx, wy + seed) < lit) out.push(`<rect x="${wx}" y="${wy}" width="12" height="16" fill="#f2c14e" opacity="${(0.45 + hash(wy, wx) * 0.5).toFixed(2)}"/>`);
      }
    }
    x += w;
  }
  return out.join('');
}

export function creekPanorama(): string {
  const north = 1024;
  // The far bank and the glow of the fires over Zhabei (it fades out long before the edges).
  const glow = `<ellipse cx="${north}" cy="${HORIZON - 40}" rx="1100" ry="420" fill="url(#fire)"/>`;
  const farBank = `<rect x="180" y="${HORIZON - 40}" width="1700" height="70" fill="#1a0d0d"/>${skyline(200, 620, HORIZON - 30, 7, 120, 0.04)}${skyline(1460, 1860, HORIZON - 30, 11, 140, 0.03)}`;
  // The warehouse: a broad, tall concrete block, dark, with only a few slits of light.
  const wx = 660;
  const ww = 560;
  const wh = 330;
  const slits = Array.from({ length: 26 }, (_, i) => `<rect x="${wx + 30 + (i % 13) * 40}" y="${HORIZON - wh + 60 + Math.floor(i / 13) * 110 + (i % 3) * 30}" width="14" height="9" fill="#ffb35c" opacity="${(0.35 + hash(i, 3) * 0.5).toFixed(2)}"/>`).join('');
  const warehouse = `<rect x="${wx}" y="${HORIZON - wh - 30}" width="${ww}" height="${wh}" fill="#2a1d1a"/><rect x="${wx}" y="${HORIZON - wh - 30}" width="${ww}" height="14" fill="#3d2a25"/>${slits}`;
  // The bridge east of it, low over the water.
  const bridge = `<path d="M1300 ${HORIZON + 10} Q1430 ${HORIZON - 40} 1560 ${HORIZON + 10}" stroke="#2a1d1a" stroke-width="22" fill="none"/>${[1330, 1380, 1430, 1480, 1530].map((x) => `<rect x="${x}" y="${HORIZON - 20}" width="8" height="40" fill="#2a1d1a"/>`).join('')}`;
  // The creek in front, from bank to bank, with the lights of both sides on it.
  const water = `<path d="M120 ${HORIZON + 30} L1940 ${HORIZON + 30} Q2000 ${HORIZON + 200} 1900 ${HORIZON + 360} L140 ${HORIZON + 360} Q40 ${HORIZON + 200} 120 ${HORIZON + 30} Z" fill="url(#water)"/>`;
  const reflections = Array.from({ length: 40 }, (_, i) => {
    const x = 220 + hash(i, 5) * 1600;
    const y = HORIZON + 60 + hash(i, 6) * 260;
    return `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${(30 + hash(i, 7) * 90).toFixed(0)}" height="4" fill="#ffb35c" opacity="${(0.15 + hash(i, 8) * 0.35).toFixed(2)}"/>`;
  }).join('');
  // Two searchlights from the south bank crossing over the water.
  const beams = `<path d="M520 ${HORIZON + 380} L900 ${HORIZON - 700} L980 ${HORIZON - 700} Z" fill="#fff3d6" opacity="0.07"/><path d="M1650 ${HORIZON + 380} L1180 ${HORIZON - 760} L1250 ${HORIZON - 760} Z" fill="#fff3d6" opacity="0.06"/>`;
  // Behind the viewer: the embankment rail, the street of the Settlement, people watching.
  const street = skyline(2080, 4000, HORIZON + 60, 13, 320, 0.35);
  const rail = `<rect x="60" y="${HORIZON + 370}" width="1980" height="10" fill="#3d2a25"/>${Array.from({ length: 50 }, (_, i) => `<rect x="${70 + i * 40}" y="${HORIZON + 370}" width="6" height="70" fill="#3d2a25"/>`).join('')}`;
  const people = Array.from({ length: 34 }, (_, i) => {
    const x = 260 + i * 48 + hash(i, 9) * 20;
    const h = 120 + hash(i, 10) * 40;
    const y = HORIZON + 470;
    return `<ellipse cx="${x.toFixed(0)}" cy="${(y - h).toFixed(0)}" rx="15" ry="17" fill="#0b0708"/><rect x="${(x - 20).toFixed(0)}" y="${(y - h + 14).toFixed(0)}" width="40" height="${h.toFixed(0)}" rx="14" fill="#0b0708"/>`;
  }).join('');
  const stars = Array.from({ length: 70 }, (_, i) => `<circle cx="${(hash(i, 1) * (W - 40) + 20).toFixed(0)}" cy="${(60 + hash(i, 2) * 560).toFixed(0)}" r="${(1.5 + hash(i, 4) * 2.5).toFixed(1)}" fill="#f7e6c4" opacity="${(0.3 + hash(i, 12) * 0.5).toFixed(2)}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>1937年10月，苏州河南岸的夜（示意）/ Night on the south bank of Suzhou Creek, October 1937 (schematic)</title>
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#05060d"/><stop offset="0.42" stop-color="#15121f"/><stop offset="0.5" stop-color="#2b1616"/><stop offset="0.5" stop-color="#1a1211"/><stop offset="1" stop-color="#070505"/></linearGradient>
<radialGradient id="fire"><stop offset="0" stop-color="#c2410c" stop-opacity="0.75"/><stop offset="0.5" stop-color="#7f1d1d" stop-opacity="0.35"/><stop offset="1" stop-color="#7f1d1d" stop-opacity="0"/></radialGradient>
<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b1d18"/><stop offset="1" stop-color="#0d0a0c"/></linearGradient>
</defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>${stars}${glow}${beams}${farBank}${warehouse}${bridge}${water}${reflections}${street}${rail}${people}
</svg>
`;
}

export const CREEK_PANORAMA = 'scenarios/south-bank/media/creek-360.svg';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(join(import.meta.dirname, '../content/demo-hall', CREEK_PANORAMA), creekPanorama());
}
