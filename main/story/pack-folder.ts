import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Finding } from '../../core/findings';
import { parseYamlSource } from '../../core/yaml-source';

/** A pack folder read for the story tools: its text files by pack-relative path and its scenario entries. */
export interface PackTexts {
  dir: string;
  files: Map<string, string>;
  /** Every file of the pack (text or not), by pack-relative path: media cues are checked against it. */
  paths: Set<string>;
  /** `contents.scenarios` from pack.yaml, in order. */
  scenarios: string[];
  /** Problems reading pack.yaml itself (placed findings). */
  findings: Finding[];
}

const TEXT = /\.(ya?ml|md|markdown|txt|json)$/i;
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

async function walk(dir: string, root: string, out: Map<string, string>, paths: Set<string>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, root, out, paths);
    else if (entry.isFile()) {
      const rel = relative(root, full).split(sep).join('/');
      paths.add(rel);
      if (TEXT.test(entry.name) && (await stat(full)).size <= MAX_TEXT_BYTES) out.set(rel, await readFile(full, 'utf8'));
    }
  }
}

/** Reads a pack folder's text files and its pack.yaml `contents.scenarios`; throws only when the folder cannot be read. */
export async function readPackTexts(dir: string): Promise<PackTexts> {
  const files = new Map<string, string>();
  const paths = new Set<string>();
  await walk(dir, dir, files, paths);
  const findings: Finding[] = [];
  const manifest = files.get('pack.yaml');
  if (manifest === undefined) {
    findings.push({ code: 'pack.missing-manifest', severity: 'error', file: 'pack.yaml', line: 1, column: 1, message: { 'zh-Hans': `${dir} 中没有 pack.yaml，这不是一个内容包文件夹`, en: `There is no pack.yaml in ${dir}; this is not a pack folder` } });
    return { dir, files, paths, scenarios: [], findings };
  }
  const src = parseYamlSource(manifest, 'pack.yaml');
  findings.push(...src.syntaxFindings);
  const contents = (src.value as { contents?: { scenarios?: unknown } } | undefined)?.contents;
  const list = contents?.scenarios;
  const scenarios: string[] = [];
  if (list !== undefined) {
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
      const at = src.locate(['contents', 'scenarios']);
      findings.push({ code: 'pack.scenarios', severity: 'error', file: 'pack.yaml', ...at, message: { 'zh-Hans': 'contents.scenarios 应当是剧本 YAML 路径的列表', en: 'contents.scenarios must be a list of scenario YAML paths' } });
    } else scenarios.push(...list);
  }
  return { dir, files, paths, scenarios, findings };
}
