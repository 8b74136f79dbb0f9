import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export interface RegionStats {
  /** Mean red, green and blue, 0–255. */
  mean: [number, number, number];
  /** Share of pixels that are warm and bright (the gold of titles and tiles). */
  gold: number;
  /** Share of pixels that are nearly black. */
  black: number;
  /** Share of pixels of the identify overlay's signal green. */
  green: number;
}

export interface Image {
  width: number;
  height: number;
  stats(x: number, y: number, w: number, h: number): RegionStats;
}

/** Reads a PNG and measures colour in rectangles of it. */
export function readPng(file: string): Image {
  const png = PNG.sync.read(readFileSync(file));
  return {
    width: png.width,
    height: png.height,
    stats(x, y, w, h) {
      let r = 0, g = 0, b = 0, gold = 0, black = 0, green = 0, n = 0;
      for (let yy = y; yy < Math.min(png.height, y + h); yy += 2) {
        for (let xx = x; xx < Math.min(png.width, x + w); xx += 2) {
          const i = (yy * png.width + xx) * 4;
          const R = png.data[i] ?? 0, G = png.data[i + 1] ?? 0, B = png.data[i + 2] ?? 0;
          r += R; g += G; b += B; n++;
          if (R > 180 && G > 120 && B < 170 && R > B + 50) gold++;
          if (R + G + B < 30) black++;
          if (G > 160 && G > R + 80 && G > B) green++;
        }
      }
      return { mean: [r / n, g / n, b / n], gold: gold / n, black: black / n, green: green / n };
    },
  };
}

/** Mean absolute colour difference between two pixel columns of a capture (0–255). */
export function columnGap(file: string, xa: number, xb: number, y0 = 0, y1 = 1080): number {
  const png = PNG.sync.read(readFileSync(file));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let c = 0; c < 3; c++) sum += Math.abs((png.data[(y * png.width + xa) * 4 + c] ?? 0) - (png.data[(y * png.width + xb) * 4 + c] ?? 0));
    n += 3;
  }
  return sum / n;
}
