import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlSource, type YamlSource } from '../../../core/yaml-source';

/** pack.yaml read cheaply, before (or without) validation: what install, the host, quiz and story tools need of it. */
export interface PackYaml {
  text: string;
  source: YamlSource;
  id: string | undefined;
  version: string | undefined;
  /** `contents.<key>` as written (for tools that report a malformed list themselves). */
  contents(key: string): unknown;
  /** The files pack.yaml lists under `contents.<key>` (strings only); undefined when the key is absent or not a list. */
  listed(key: string): string[] | undefined;
}

/** Parses pack.yaml text (syntax problems are on `source.syntaxFindings`). */
export function parsePackYaml(text: string): PackYaml {
  const source = parseYamlSource(text, 'pack.yaml');
  const v = source.value as { id?: unknown; version?: unknown; contents?: Record<string, unknown> } | undefined;
  return {
    text,
    source,
    id: typeof v?.id === 'string' ? v.id : undefined,
    version: typeof v?.version === 'string' ? v.version : undefined,
    contents: (key) => v?.contents?.[key],
    listed(key) {
      const list = v?.contents?.[key];
      return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : undefined;
    },
  };
}

/** The one pack.yaml reader: a pack folder's pack.yaml, or undefined when it has none (or it cannot be read). */
export function readPackYaml(dir: string): PackYaml | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'pack.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  return parsePackYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
