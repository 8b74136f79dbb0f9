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
const failed: string[] = [];
for (const f of files) {
  console.log(`\n== ${f}`);
  let results: BenchResult[];
  try {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { run: Bench };
    results = await mod.run();
  } catch (e) {
    // One bench that cannot run (no build, no Xorg, a timeout) must not hide the others' figures.
    failed.push(f);
    console.log(`FAILED ${f}: ${e instanceof Error ? e.message : String(e)}`);
    continue;
  }
  for (const r of results) {
    all.push(r);
    const ratio = r.ratio ? `  ratio ${r.ratio.value.toFixed(2)}× vs ${r.ratio.against}` : '';
    const target = r.target ? `  (target ${r.target})` : '';
    console.log(`${r.name.padEnd(48)} ${r.value.toFixed(2).padStart(12)} ${r.unit}${ratio}${target}`);
  }
}
console.log(`\n${all.length} figures from ${files.length} benches`);
if (failed.length > 0) {
  console.log(`${failed.length} bench(es) failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
