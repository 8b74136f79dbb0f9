// `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) and prints figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { Bench, BenchResult } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const all: BenchResult[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run: Bench };
  console.log(`\n== ${f}`);
  for (const r of await mod.run()) {
    all.push(r);
    const ratio = r.ratio ? `  ratio ${r.ratio.value.toFixed(2)}× vs ${r.ratio.against}` : '';
    const target = r.target ? `  (target ${r.target})` : '';
    console.log(`${r.name.padEnd(48)} ${r.value.toFixed(2).padStart(12)} ${r.unit}${ratio}${target}`);
  }
}
console.log(`\n${all.length} figures from ${files.length} benches`);
