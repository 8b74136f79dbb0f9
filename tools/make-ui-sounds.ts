// Makes the UI sounds every hall shares (assets/sounds), synthesised here from sine tones with
// soft envelopes: nothing recorded, nothing downloaded. 22.05 kHz mono 16-bit WAV, a few kB each.
// Run: node --import tsx tools/make-ui-sounds.ts   (the WAVs are committed)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 22_050;

/** One note: frequency (Hz), start and length (s), peak level 0..1. */
interface Note { hz: number; at: number; len: number; level: number }

function render(notes: readonly Note[]): Buffer {
  const seconds = Math.max(...notes.map((n) => n.at + n.len)) + 0.02;
  const samples = new Float32Array(Math.ceil(seconds * RATE));
  for (const n of notes) {
    const start = Math.floor(n.at * RATE);
    const count = Math.floor(n.len * RATE);
    for (let i = 0; i < count; i++) {
      const t = i / RATE;
      // 5 ms attack, exponential decay: a struck, not a beeped, sound.
      const env = Math.min(1, t / 0.005) * Math.exp((-5 * t) / n.len);
      samples[start + i]! += n.level * env * (Math.sin(2 * Math.PI * n.hz * t) + 0.25 * Math.sin(4 * Math.PI * n.hz * t));
    }
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32_000), i * 2));
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(RATE, 24);
  head.writeUInt32LE(RATE * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** The sounds, by the name renderer/common/uiSounds.ts plays them. */
export const UI_SOUNDS: Record<string, readonly Note[]> = {
  // A tap on a large button: short and low, heard in a quiet hall, lost in a loud one.
  tap: [{ hz: 880, at: 0, len: 0.06, level: 0.35 }],
  // The idle countdown appears: two falling notes, "still there?".
  warn: [{ hz: 784, at: 0, len: 0.18, level: 0.4 }, { hz: 587, at: 0.16, len: 0.3, level: 0.4 }],
  // The screen went back to its start: a rising fifth.
  reset: [{ hz: 523, at: 0, len: 0.2, level: 0.35 }, { hz: 784, at: 0.14, len: 0.35, level: 0.35 }],
};

const out = join(import.meta.dirname, '../assets/sounds');
mkdirSync(out, { recursive: true });
for (const [name, notes] of Object.entries(UI_SOUNDS)) writeFileSync(join(out, `${name}.wav`), render(notes));
console.log(`ui sounds: ${Object.keys(UI_SOUNDS).join(', ')} → assets/sounds/`);
