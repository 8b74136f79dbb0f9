// Makes the demo hall's media: SVG pictures drawn here, cue-tone audio and short title films made
// with ffmpeg (apt package) from nothing but generated colour, tones and text we wrote.
// Run: node --import tsx tools/make-demo-media.ts   (needs ffmpeg and fonts-noto-cjk)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREEK_PANORAMA, creekPanorama } from './creek-panorama';

const root = join(import.meta.dirname, '../content/demo-hall/media');
for (const d of ['images', 'audio', 'video', 'map']) mkdirSync(join(root, d), { recursive: true });

const RED = '#c8102e';
const DEEP = '#7f0a1d';
const GOLD = '#f2c14e';
const PAPER = '#fdf6e3';

const svg = (w: number, h: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">\n${body}\n</svg>\n`;

const rays = (cx: number, cy: number, n: number, r: number, color: string, opacity: number) =>
  Array.from({ length: n }, (_, i) => {
    const a = (i / n) * Math.PI * 2;
    const b = a + Math.PI / n / 2;
    return `<path d="M${cx} ${cy} L${(cx + r * Math.cos(a)).toFixed(1)} ${(cy + r * Math.sin(a)).toFixed(1)} L${(cx + r * Math.cos(b)).toFixed(1)} ${(cy + r * Math.sin(b)).toFixed(1)} Z" fill="${color}" opacity="${opacity}"/>`;
  }).join('');

const images: Record<string, string> = {
  // A red boat on a calm lake at dawn: the First Congress's last day on South Lake.
  'images/red-boat.svg': svg(1200, 675, `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f7d9a8"/><stop offset="1" stop-color="#f3a37a"/></linearGradient></defs>
<rect width="1200" height="420" fill="url(#sky)"/><circle cx="880" cy="300" r="90" fill="${GOLD}" opacity="0.85"/>
<rect y="420" width="1200" height="255" fill="#6c9bb5"/>
<path d="M0 470 Q300 455 600 470 T1200 470" stroke="#9cc3d5" stroke-width="4" fill="none"/><path d="M0 540 Q300 525 600 540 T1200 540" stroke="#9cc3d5" stroke-width="3" fill="none"/>
<path d="M330 430 L870 430 L820 480 L380 480 Z" fill="${DEEP}"/><rect x="430" y="360" width="320" height="70" rx="8" fill="${RED}"/>
<path d="M420 360 Q590 320 760 360 Z" fill="${DEEP}"/><rect x="460" y="378" width="40" height="34" fill="${PAPER}"/><rect x="520" y="378" width="40" height="34" fill="${PAPER}"/><rect x="580" y="378" width="40" height="34" fill="${PAPER}"/><rect x="640" y="378" width="40" height="34" fill="${PAPER}"/>
<path d="M420 500 Q600 520 780 500" stroke="${DEEP}" stroke-width="6" fill="none" opacity="0.35"/>`),
  // Branches grow from one trunk: a branch in every company, a Party group in every tower.
  'images/branch-tree.svg': svg(1200, 675, `<rect width="1200" height="675" fill="${PAPER}"/>
<path d="M600 640 L600 380" stroke="${DEEP}" stroke-width="28" stroke-linecap="round"/>
<path d="M600 470 L420 330 M600 430 L790 300 M600 380 L520 220 M600 380 L690 200 M420 330 L330 260 M790 300 L900 250" stroke="${DEEP}" stroke-width="14" stroke-linecap="round" fill="none"/>
<circle cx="330" cy="250" r="46" fill="${RED}"/><circle cx="420" cy="320" r="56" fill="${RED}"/><circle cx="520" cy="205" r="52" fill="${RED}"/><circle cx="690" cy="190" r="58" fill="${RED}"/><circle cx="790" cy="290" r="54" fill="${RED}"/><circle cx="905" cy="240" r="44" fill="${RED}"/>
<circle cx="600" cy="330" r="40" fill="${GOLD}"/><rect x="180" y="600" width="840" height="14" rx="7" fill="${DEEP}" opacity="0.4"/>`),
  // Many hands, one circle: gathering strength.
  'images/gathering.svg': svg(1200, 675, `<rect width="1200" height="675" fill="${RED}"/>${rays(600, 337, 24, 900, GOLD, 0.12)}
${Array.from({ length: 12 }, (_, i) => { const a = (i / 12) * Math.PI * 2; const x = 600 + 210 * Math.cos(a); const y = 337 + 210 * Math.sin(a); return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="34" fill="${PAPER}"/><path d="M${x.toFixed(1)} ${y.toFixed(1)} L600 337" stroke="${PAPER}" stroke-width="10" opacity="0.6"/>`; }).join('')}
<circle cx="600" cy="337" r="80" fill="${GOLD}"/>`),
  // An open book giving light: the first full Chinese Manifesto.
  'images/open-book.svg': svg(1200, 675, `<rect width="1200" height="675" fill="#2b1a17"/>${rays(600, 300, 32, 700, GOLD, 0.1)}
<path d="M600 260 Q470 220 330 250 L330 520 Q470 490 600 530 Z" fill="${PAPER}"/><path d="M600 260 Q730 220 870 250 L870 520 Q730 490 600 530 Z" fill="#f4e8c8"/>
<path d="M380 300 L560 315 M380 340 L560 355 M380 380 L560 395 M380 420 L540 433 M640 315 L820 300 M640 355 L820 340 M640 395 L820 380 M660 433 L820 420" stroke="${RED}" stroke-width="6" opacity="0.7"/>
<circle cx="600" cy="200" r="36" fill="${GOLD}"/>`),
  // One hundred years: a path of a hundred steps rising to the sun.
  'images/centenary.svg': svg(1200, 675, `<defs><linearGradient id="g" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="${DEEP}"/><stop offset="1" stop-color="${RED}"/></linearGradient></defs>
<rect width="1200" height="675" fill="url(#g)"/>${rays(900, 170, 28, 1100, GOLD, 0.14)}<circle cx="900" cy="170" r="80" fill="${GOLD}"/>
${Array.from({ length: 20 }, (_, i) => `<rect x="${150 + i * 38}" y="${600 - i * 22}" width="36" height="${22 + i * 22}" fill="${PAPER}" opacity="${(0.35 + i * 0.03).toFixed(2)}"/>`).join('')}`),
  // A red banner on a pole, for the oath area (a decorative banner, not the Party flag).
  'images/oath-banner.svg': svg(1200, 675, `<rect width="1200" height="675" fill="#3a0d12"/>${rays(600, 337, 36, 900, GOLD, 0.08)}
<rect x="300" y="90" width="14" height="520" fill="${GOLD}"/><circle cx="307" cy="84" r="12" fill="${GOLD}"/>
<path d="M314 110 Q520 70 700 120 T900 120 L900 400 Q760 350 620 400 T314 390 Z" fill="${RED}"/>
<path d="M314 160 Q520 120 700 170 T900 170" stroke="${DEEP}" stroke-width="6" fill="none" opacity="0.35"/>`),
  // The reading bar: a shelf of books.
  'images/reading.svg': svg(1200, 675, `<rect width="1200" height="675" fill="${PAPER}"/><rect x="150" y="520" width="900" height="18" fill="${DEEP}"/>
${[RED, GOLD, DEEP, RED, '#b5452f', GOLD, RED, DEEP, '#e07a5f', RED, GOLD, DEEP].map((c, i) => `<rect x="${190 + i * 68}" y="${300 + (i % 3) * 25}" width="56" height="${220 - (i % 3) * 25}" rx="4" fill="${c}"/>`).join('')}`),
};

const poster = (title: string, hue: string) =>
  svg(720, 405, `<rect width="720" height="405" fill="${hue}"/>${rays(360, 202, 24, 600, GOLD, 0.12)}<rect x="40" y="40" width="640" height="325" fill="none" stroke="${GOLD}" stroke-width="4"/><circle cx="360" cy="202" r="${title.length * 8}" fill="${GOLD}" opacity="0.25"/>`);
images['images/poster-dawn.svg'] = poster('dawn', RED);
images['images/poster-march.svg'] = poster('the long march', DEEP);
images['images/poster-today.svg'] = poster('today', '#a4161a');

// The park: lawns, a lake, buildings, paths. Points in map.yaml use this 1600×1000 pixel space.
images['map/park.svg'] = svg(1600, 1000, `<rect width="1600" height="1000" fill="#eef3e6"/>
<path d="M0 820 Q400 780 800 830 T1600 800 L1600 1000 L0 1000 Z" fill="#d7e6c6"/>
<ellipse cx="1180" cy="610" rx="210" ry="120" fill="#a9cfe0"/>
<path d="M120 500 L1480 500" stroke="#ffffff" stroke-width="34"/><path d="M800 80 L800 940" stroke="#ffffff" stroke-width="34"/>
<path d="M160 880 C420 760 520 620 800 500 S1140 300 1400 180" stroke="#f4e2c4" stroke-width="16" fill="none" stroke-dasharray="24 14"/>
<rect x="180" y="160" width="360" height="240" rx="12" fill="#d9d3c7"/><rect x="1000" y="140" width="420" height="230" rx="12" fill="#d9d3c7"/>
<rect x="180" y="600" width="380" height="200" rx="12" fill="#d9d3c7"/><rect x="880" y="700" width="170" height="150" rx="12" fill="#d9d3c7"/>
<rect x="600" y="180" width="150" height="200" rx="12" fill="#e8c9c9"/><circle cx="640" cy="700" r="90" fill="#b7d39c"/><circle cx="690" cy="760" r="60" fill="#9cc483"/>
<rect x="40" y="470" width="80" height="60" rx="8" fill="${RED}"/><rect x="1480" y="470" width="90" height="60" rx="8" fill="#6b7b8c"/>`);

// A 360° panorama (equirectangular: x is yaw 0–360°, y is pitch +90° to −90°, horizon in the middle)
// for the ring: a century walked round the viewer. Every shape that reaches the edges is periodic
// in x, so the picture closes without a seam where the ring meets itself.
function panorama(): string {
  const W = 4096;
  const H = 2048;
  const horizon = H / 2;
  const ridge = (base: number, amps: [number, number][], phase: number) => {
    const pts: string[] = [];
    for (let x = 0; x <= W; x += 16) {
      let y = base;
      for (const [k, a] of amps) y -= a * (0.5 + 0.5 * Math.sin((2 * Math.PI * k * x) / W + phase * k));
      pts.push(`${x} ${y.toFixed(1)}`);
    }
    return `M0 ${H} L${pts.join(' L')} L${W} ${H} Z`;
  };
  const star = (cx: number, cy: number, r: number, fill: string, opacity = 1) =>
    `<path d="${Array.from({ length: 10 }, (_, i) => {
      const rr = i % 2 ? r * 0.4 : r;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      return `${i ? 'L' : 'M'}${(cx + rr * Math.cos(a)).toFixed(1)} ${(cy + rr * Math.sin(a)).toFixed(1)}`;
    }).join(' ')} Z" fill="${fill}" opacity="${opacity}"/>`;
  // Stars in the upper sky, a fixed scatter (no randomness: the file is the same every run).
  const sky = Array.from({ length: 60 }, (_, i) => star((i * 977) % W, 120 + ((i * 331) % 520), 6 + (i % 4) * 3, GOLD, 0.35 + (i % 3) * 0.2)).join('');
  // 45°: 1921, the red boat on South Lake at dawn.
  const lake = `<ellipse cx="512" cy="${horizon + 150}" rx="470" ry="120" fill="#6c9bb5"/><path d="M90 ${horizon + 130} Q512 ${horizon + 110} 934 ${horizon + 130}" stroke="#9cc3d5" stroke-width="6" fill="none"/>
<path d="M352 ${horizon + 120} L672 ${horizon + 120} L640 ${horizon + 160} L384 ${horizon + 160} Z" fill="${DEEP}"/><rect x="420" y="${horizon + 70}" width="184" height="50" rx="8" fill="${RED}"/>
<path d="M410 ${horizon + 70} Q512 ${horizon + 40} 614 ${horizon + 70} Z" fill="${DEEP}"/>`;
  // 90°: the sun rising, with its rays.
  const sun = `${rays(1024, horizon - 200, 36, 900, GOLD, 0.07)}<circle cx="1024" cy="${horizon - 200}" r="130" fill="${GOLD}"/><circle cx="1024" cy="${horizon - 200}" r="170" fill="${GOLD}" opacity="0.25"/>`;
  // 135°: 1927, Jinggangshan: a peak with a red flag.
  const jgs = `<path d="M1280 ${horizon + 40} L1536 ${horizon - 330} L1800 ${horizon + 40} Z" fill="#4a0a0c"/><path d="M1536 ${horizon - 330} L1536 ${horizon - 480}" stroke="${PAPER}" stroke-width="8"/>
<path d="M1536 ${horizon - 480} L1650 ${horizon - 450} L1536 ${horizon - 420} Z" fill="${RED}"/>${star(1566, horizon - 454, 10, GOLD)}`;
  // 225°: 1949, a gate tower and the flag over it.
  const gate = `<rect x="2360" y="${horizon - 160}" width="400" height="200" fill="${RED}"/><rect x="2330" y="${horizon - 190}" width="460" height="40" fill="${DEEP}"/>
<path d="M2310 ${horizon - 190} Q2560 ${horizon - 280} 2810 ${horizon - 190} Z" fill="#b5452f"/>${[2420, 2500, 2580, 2660].map((x) => `<rect x="${x}" y="${horizon - 60}" width="40" height="100" rx="20" fill="#2b1a17"/>`).join('')}
<path d="M2560 ${horizon - 260} L2560 ${horizon - 520}" stroke="${PAPER}" stroke-width="8"/><rect x="2560" y="${horizon - 520}" width="210" height="140" fill="${RED}"/>${star(2600, horizon - 480, 24, GOLD)}${[0, 1, 2, 3].map((i) => star(2650 + (i % 2) * 22, horizon - 505 + i * 22, 7, GOLD)).join('')}`;
  // 315°: today: towers of a new city and a rocket climbing.
  const towers = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => { const h = 160 + ((i * 97) % 5) * 70; return `<rect x="${3260 + i * 76}" y="${horizon + 30 - h}" width="58" height="${h}" fill="#2a0305"/>${Array.from({ length: Math.floor(h / 40) }, (_, k) => `<rect x="${3272 + i * 76}" y="${horizon + 20 - h + 10 + k * 40}" width="34" height="14" fill="${GOLD}" opacity="0.5"/>`).join('')}`; }).join('');
  const rocket = `<path d="M3860 ${horizon - 420} Q3875 ${horizon - 480} 3890 ${horizon - 420} L3890 ${horizon - 300} L3860 ${horizon - 300} Z" fill="${PAPER}"/><path d="M3875 ${horizon - 300} L3850 ${horizon - 200} L3900 ${horizon - 200} Z" fill="${GOLD}" opacity="0.8"/>
<path d="M3875 ${horizon - 200} Q3700 ${horizon - 40} 3560 ${horizon + 20}" stroke="${PAPER}" stroke-width="14" fill="none" opacity="0.35"/>`;
  // A red line round the whole horizon with a station every 45°: the century's metro line.
  const line = `<rect x="0" y="${horizon + 250}" width="${W}" height="16" fill="${RED}"/>${Array.from({ length: 8 }, (_, i) => `<circle cx="${256 + i * 512}" cy="${horizon + 258}" r="26" fill="${PAPER}" stroke="${RED}" stroke-width="10"/>`).join('')}`;
  return svg(W, H, `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1f0204"/><stop offset="0.3" stop-color="#5c0a0e"/><stop offset="0.47" stop-color="#e07a5f"/><stop offset="0.5" stop-color="#f7d9a8"/><stop offset="0.5" stop-color="#5a0b0b"/><stop offset="1" stop-color="#140203"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>${sky}${sun}
<path d="${ridge(horizon + 10, [[3, 120], [7, 50], [13, 20]], 0.7)}" fill="#7a1518" opacity="0.8"/>
<path d="${ridge(horizon + 40, [[2, 80], [5, 60], [11, 25]], 2.1)}" fill="#4a0a0c"/>
${lake}${jgs}${gate}${towers}${rocket}${line}`);
}
images['images/panorama-360.svg'] = panorama();

for (const [p, text] of Object.entries(images)) writeFileSync(join(root, p), text);
// The south-bank scenario's 360° night on Suzhou Creek, for a ring the DM puts the table on.
writeFileSync(join(root, '..', CREEK_PANORAMA), creekPanorama());

// A red star, extruded: a tiny glTF binary (positions and flat normals, one material).
function starGlb(): Buffer {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 1 : 0.42;
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  const d = 0.18;
  const pos: number[] = [];
  const nor: number[] = [];
  const tri = (a: number[], b: number[], c: number[], n: number[]) => {
    pos.push(...a, ...b, ...c);
    nor.push(...n, ...n, ...n);
  };
  for (let i = 0; i < 10; i++) {
    const [x0, y0] = pts[i]!;
    const [x1, y1] = pts[(i + 1) % 10]!;
    tri([0, 0, d], [x0, y0, d], [x1, y1, d], [0, 0, 1]);
    tri([0, 0, -d], [x1, y1, -d], [x0, y0, -d], [0, 0, -1]);
    const nx = y1 - y0;
    const ny = -(x1 - x0);
    const len = Math.hypot(nx, ny);
    const n = [nx / len, ny / len, 0];
    tri([x0, y0, d], [x0, y0, -d], [x1, y1, -d], n);
    tri([x0, y0, d], [x1, y1, -d], [x1, y1, d], n);
  }
  const bin = Buffer.concat([Buffer.from(new Float32Array(pos).buffer), Buffer.from(new Float32Array(nor).buffer)]);
  const count = pos.length / 3;
  const gltf = {
    asset: { version: '2.0', generator: 'RedHall make-demo-media' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name: 'red-star' }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, material: 0 }] }],
    materials: [{ name: 'red', pbrMetallicRoughness: { baseColorFactor: [0.78, 0.06, 0.18, 1], metallicFactor: 0.1, roughnessFactor: 0.55 } }],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: pos.length * 4, target: 34962 },
      { buffer: 0, byteOffset: pos.length * 4, byteLength: nor.length * 4, target: 34962 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count, type: 'VEC3', min: [-1, -1, -d], max: [1, 1, d] },
      { bufferView: 1, componentType: 5126, count, type: 'VEC3' },
    ],
  };
  let json = Buffer.from(JSON.stringify(gltf));
  json = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const binPadded = Buffer.concat([bin, Buffer.alloc((4 - (bin.length % 4)) % 4)]);
  const header = Buffer.alloc(12);
  header.write('glTF', 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + json.length + 8 + binPadded.length, 8);
  const chunk = (data: Buffer, type: string) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(data.length, 0);
    h.write(type, 4, 'latin1');
    return Buffer.concat([h, data]);
  };
  return Buffer.concat([header, chunk(json, 'JSON'), chunk(binPadded, 'BIN\0')]);
}
mkdirSync(join(root, 'models'), { recursive: true });
writeFileSync(join(root, 'models/red-star.glb'), starGlb());

function ffmpeg(args: string[]) {
  // bitexact: the same inputs give the same bytes, so re-running does not churn the repository.
  const out = args.pop()!;
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, '-fflags', '+bitexact', ...(out.endsWith('.ogg') ? ['-serial_offset', '1'] : []), out], { stdio: 'inherit' });
}

const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
if (!existsSync(FONT)) throw new Error('needs fonts-noto-cjk for the film titles');

// Cue tones for the oath: one soft bell at each line's start (12 lines, 3 s apart, 36 s).
const bells = Array.from({ length: 12 }, (_, i) => `sine=f=660:d=0.6,volume=0.3,afade=t=out:st=0.1:d=0.5,adelay=${i * 3000}|${i * 3000}`);
ffmpeg([
  '-f', 'lavfi', '-i', `anullsrc=r=22050:cl=mono:d=36`,
  ...bells.flatMap((b) => ['-f', 'lavfi', '-i', b.split(',')[0]!]),
  '-filter_complex', bells.map((b, i) => `[${i + 1}]${b.split(',').slice(1).join(',')}[b${i}]`).join(';') + ';' + `[0]${bells.map((_, i) => `[b${i}]`).join('')}amix=inputs=${bells.length + 1}:duration=first:normalize=0[out]`,
  '-map', '[out]', '-ac', '1', '-ar', '22050', '-c:a', 'libvorbis', '-q:a', '1', join(root, 'audio/oath-cues.ogg'),
]);
// A short chime for the kiosk's exhibit audio item (a rising fifth, 4 s).
ffmpeg(['-f', 'lavfi', '-i', 'sine=f=523.25:d=2', '-f', 'lavfi', '-i', 'sine=f=783.99:d=2', '-filter_complex', '[0][1]concat=n=2:v=0:a=1,volume=0.3,afade=t=out:st=3:d=1', '-ac', '1', '-ar', '22050', '-c:a', 'libvorbis', '-q:a', '1', join(root, 'audio/chime.ogg')]);

// Title films: coloured ground, slowly moving light, our own title text, a quiet tone bed.
const films: { file: string; color: string; lines: [string, string]; seconds: number }[] = [
  { file: 'video/dawn.mp4', color: '0xc8102e', lines: ['开天辟地', '1921 · 上海 · 嘉兴'], seconds: 8 },
  { file: 'video/march.mp4', color: '0x7f0a1d', lines: ['万水千山', '1934—1936 · 长征'], seconds: 8 },
  { file: 'video/today.mp4', color: '0xa4161a', lines: ['初心如磐', '1921—2021 · 百年征程'], seconds: 8 },
  { file: 'video/attract.mp4', color: '0xc8102e', lines: ['欢迎来到红色会客厅', '请触摸屏幕开始参观'], seconds: 6 },
];
for (const f of films) {
  const draw = (text: string, size: number, y: string) =>
    `drawtext=fontfile=${FONT}:text='${text}':fontsize=${size}:fontcolor=0xfdf6e3:x=(w-text_w)/2:y=${y}:alpha='min(1,t/1.5)'`;
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=${f.color}:s=640x360:r=24:d=${f.seconds}`,
    '-f', 'lavfi', '-i', `sine=f=220:d=${f.seconds}`,
    '-vf', [`drawbox=x='mod(t*60,800)-160':y=0:w=160:h=360:color=0xf2c14e@0.18:t=fill`, draw(f.lines[0], 56, '(h/2)-60'), draw(f.lines[1], 26, '(h/2)+20')].join(','),
    '-af', `volume=0.08,afade=t=in:d=1,afade=t=out:st=${f.seconds - 1}:d=1`,
    '-c:v', 'libx264', '-preset', 'veryslow', '-crf', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '48k', '-movflags', '+faststart', '-shortest',
    join(root, f.file),
  ]);
}
console.log('demo media written to', root);
