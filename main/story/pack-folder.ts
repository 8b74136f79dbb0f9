import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileError, finding, type Finding } from '../../core/findings';
import { parsePackYaml } from '../host/packs/manifest';
import { walkPackFolder } from '../host/packs/walk';

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

/** Reads a pack folder's text files and its pack.yaml `contents.scenarios`; throws only when the folder cannot be read. */
export async function readPackTexts(dir: string): Promise<PackTexts> {
  const files = new Map<string, string>();
  const paths = new Set<string>();
  // Dot-files and node_modules are an editor's, not the pack's.
  const folder = await walkPackFolder(dir, (name) => name.startsWith('.') || name === 'node_modules');
  for (const rel of folder.files) {
    paths.add(rel);
    const full = join(dir, ...rel.split('/'));
    if (TEXT.test(rel) && (await stat(full)).size <= MAX_TEXT_BYTES) files.set(rel, await readFile(full, 'utf8'));
  }
  const findings: Finding[] = [];
  const manifest = files.get('pack.yaml');
  if (manifest === undefined) {
    findings.push(fileError('pack.missing-manifest', 'pack.yaml', { 'zh-Hans': `${dir} 中没有 pack.yaml，这不是一个内容包文件夹`, en: `There is no pack.yaml in ${dir}; this is not a pack folder` }));
    return { dir, files, paths, scenarios: [], findings };
  }
  const pack = parsePackYaml(manifest);
  const src = pack.source;
  findings.push(...src.syntaxFindings);
  const list = pack.contents('scenarios');
  const scenarios: string[] = [];
  if (list !== undefined) {
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
      const at = src.locate(['contents', 'scenarios']);
      findings.push(finding('pack.scenarios', 'error', 'pack.yaml', at, { 'zh-Hans': 'contents.scenarios 应当是剧本 YAML 路径的列表', en: 'contents.scenarios must be a list of scenario YAML paths' }));
    } else scenarios.push(...list);
  }
  return { dir, files, paths, scenarios, findings };
}
