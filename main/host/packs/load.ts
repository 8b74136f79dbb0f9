import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseYamlSource } from '../../../core/yaml-source';
import { PackManifest, Exhibits } from '../../../core/pack/schema';

/** A pack read from a folder, ready to serve. */
export interface LoadedPack {
  dir: string;
  manifest: PackManifest;
  exhibits: Exhibits | undefined;
}

async function readYaml(dir: string, rel: string): Promise<unknown> {
  const src = parseYamlSource(await readFile(join(dir, rel), 'utf8'), rel);
  if (src.syntaxFindings.length > 0) throw new Error(src.syntaxFindings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message.en}`).join('\n'));
  return src.value;
}

/** Reads a pack folder. Throws with a readable message when it is not a valid pack. */
export async function loadPackDir(dir: string): Promise<LoadedPack> {
  const manifest = PackManifest.parse(await readYaml(dir, 'pack.yaml'));
  const exhibits = manifest.contents.exhibits ? Exhibits.parse(await readYaml(dir, manifest.contents.exhibits)) : undefined;
  return { dir, manifest, exhibits };
}
