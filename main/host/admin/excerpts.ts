import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../../../core/findings';
import { checkPackPath } from '../../../core/pack/paths';
import { EXTENSIONS, extensionOf } from '../../../core/pack/probe';
import type { ShownFinding } from '../../../core/protocol/admin';
import { decodeText } from '../packs/read';

const MAX_TEXT_BYTES = 4 * 1024 * 1024;

/**
 * Findings as the admin console shows them: each placed in a text file of the pack gets the
 * offending line with one line either side, read from the pack folder (staged or installed).
 * A file that is not text, not in the pack, or too big simply gets no excerpt.
 */
export async function withExcerpts(root: string | undefined, findings: readonly Finding[]): Promise<ShownFinding[]> {
  const cache = new Map<string, string[] | undefined>();
  const linesOf = async (file: string): Promise<string[] | undefined> => {
    if (cache.has(file)) return cache.get(file);
    let lines: string[] | undefined;
    if (root && !checkPackPath(file) && EXTENSIONS[extensionOf(file)]?.category === 'text') {
      const full = join(root, ...file.split('/'));
      const st = await stat(full).catch(() => undefined);
      if (st?.isFile() && st.size <= MAX_TEXT_BYTES) lines = decodeText(await readFile(full)).text.split(/\r?\n/);
    }
    cache.set(file, lines);
    return lines;
  };
  const out: ShownFinding[] = [];
  for (const f of findings) {
    const lines = await linesOf(f.file);
    const shown: ShownFinding = { code: f.code, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message };
    if (lines && f.line >= 1 && f.line <= lines.length) {
      const from = Math.max(1, f.line - 1);
      const to = Math.min(lines.length, f.line + 1);
      shown.excerpt = [];
      for (let n = from; n <= to; n++) shown.excerpt.push({ line: n, text: (lines[n - 1] ?? '').slice(0, 400) });
    }
    out.push(shown);
  }
  return out;
}
