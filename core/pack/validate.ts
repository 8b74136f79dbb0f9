import type { z } from 'zod';
import { finding, oneCausePerKey, zodIssueFinding, type Finding, type Place, type Severity } from '../findings';
import type { Bilingual } from '../text';
import { parseYamlSource, type Path, type YamlSource } from '../yaml-source';
import { PackManifest, type PackManifest as PackManifestT } from './schema';
import { isSchemaKind, type AnyKind, type KindContext, type SchemaKind } from './kinds/index';
import { ENGINE_KIND_LIST, KINDS, type KindsContent } from './kinds/engines';
import { EXTENSIONS, SIZE_CAPS, extensionOf, probeAsset, probeMessage, type AssetBytes, type AssetCategory, type Probe } from './probe';
import { covers, isInvisible, type FontCoverage } from './coverage';
import { lintText, type TextLocale } from './lint';
import { checkPackPath, collidingPaths } from './paths';
import { scanMarkdown, type PackLink } from './markdown';

/** Everything the validator needs from a pack, read by main/ (folder or zip). */
export interface PackSource {
  /** Every file of the pack, pack-relative with forward slashes. */
  paths: readonly string[];
  /** The text of each text file (YAML, Markdown, JSON). */
  texts: ReadonlyMap<string, string>;
  /** Size, first and last bytes of each other file. */
  assets: ReadonlyMap<string, AssetBytes>;
}

export interface ValidateOptions {
  /** The running app's version, checked against minAppVersion. */
  appVersion: string;
  /** Characters the bundled font draws; the font check is skipped when absent. */
  font?: FontCoverage;
  /** Run the text lint (on by default). */
  lint?: boolean;
}

/** Validated content of a pack: the manifest, and each kind (core/pack/kinds) parsed by its schema. */
export type PackContent = { manifest: PackManifestT } & KindsContent;

export interface ValidationResult {
  findings: Finding[];
  /** Present when no finding is an error. */
  content: PackContent | undefined;
  /** What the probes read from each asset. */
  probes: ReadonlyMap<string, Probe>;
}

const DEFAULT_MAX_PACK_BYTES = 2 * 1024 ** 3;
const TOP: Place = { line: 1, column: 1 };

/** One validation under way: what has been found and read so far. */
class Run {
  readonly findings: Finding[] = [];
  readonly probes = new Map<string, Probe>();
  /** Parsed YAML of every file read with a schema, by path. */
  readonly sources = new Map<string, YamlSource>();
  /** Files something refers to (the rest are reported unused). */
  readonly referenced = new Set<string>(['pack.yaml', 'pack.lock.json']);
  readonly pathSet: ReadonlySet<string>;
  readonly lowerPaths: ReadonlyMap<string, string>;
  total = 0;

  constructor(readonly src: PackSource) {
    this.pathSet = new Set(src.paths);
    this.lowerPaths = new Map(src.paths.map((p) => [p.normalize('NFC').toLowerCase(), p]));
  }

  add(code: string, severity: Severity, file: string, at: Place, message: Bilingual): void {
    this.findings.push(finding(code, severity, file, at, message));
  }

  at(file: string, path: Path): Place {
    return this.sources.get(file)!.locate(path);
  }

  /** Parses a YAML file with a schema; syntax and schema problems become findings. */
  parse<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    const ys = parseYamlSource(this.src.texts.get(file) ?? '', file);
    this.sources.set(file, ys);
    if (ys.syntaxFindings.length > 0) {
      this.findings.push(...ys.syntaxFindings);
      return undefined;
    }
    const r = schema.safeParse(ys.value);
    if (r.success) return r.data;
    for (const issue of oneCausePerKey(r.error.issues, ys.value, schema)) this.findings.push(zodIssueFinding(issue, ys, 'schema.invalid', { schema }));
    return undefined;
  }

  missing(file: string, at: Place, ref: string): void {
    const near = this.lowerPaths.get(ref.normalize('NFC').toLowerCase());
    this.add('ref.missing-file', 'error', file, at, {
      'zh-Hans': `包内没有文件“${ref}”${near ? `（有一个“${near}”，大小写或写法不同）` : ''}。请检查路径，或把文件放入内容包。`,
      en: `There is no file "${ref}" in the pack${near ? ` (there is "${near}", spelled differently)` : ''}. Check the path or add the file.`,
    });
  }

  /** A file reference at a path of a parsed file: safe, present, of a wanted category. */
  asset(file: string, path: Path, ref: string | undefined, want: readonly AssetCategory[]): Probe | undefined {
    if (ref === undefined) return undefined;
    // Placed only when there is something to say (a clean file's positions are never read).
    const at = () => this.at(file, path);
    const bad = checkPackPath(ref);
    if (bad) {
      this.add(bad.code, 'error', file, at(), bad.message);
      return undefined;
    }
    this.referenced.add(ref);
    if (!this.pathSet.has(ref)) {
      this.missing(file, at(), ref);
      return undefined;
    }
    const cat = EXTENSIONS[extensionOf(ref)]?.category;
    if (cat && !want.includes(cat)) {
      this.add('ref.wrong-kind', 'error', file, at(), {
        'zh-Hans': `这里需要${want.map(zhCategory).join('或')}文件，而“${ref}”是${zhCategory(cat)}文件。`,
        en: `A ${want.join(' or ')} file is needed here, but "${ref}" is ${cat}.`,
      });
    }
    return this.probes.get(ref);
  }

  unique(file: string, list: ReadonlyArray<{ id: string }>, path: Path, what: string, seen = new Map<string, string>()): Map<string, string> {
    list.forEach((x, i) => {
      const before = seen.get(x.id);
      if (before !== undefined) {
        this.add('ref.duplicate-id', 'error', file, this.at(file, [...path, i, 'id']), {
          'zh-Hans': `${what}编号“${x.id}”重复（已在 ${before} 用过）。每个编号只能用一次。`,
          en: `${what} id "${x.id}" is used twice (first in ${before}). Each id must be unique.`,
        });
      } else seen.set(x.id, file);
    });
    return seen;
  }

  /** What a kind's checks see, bound to one of its files. */
  context(file: string, content: Readonly<Record<string, unknown>> = {}): KindContext {
    return {
      file,
      content,
      error: (code, path, message) => this.add(code, 'error', file, this.at(file, path), message),
      asset: (path, ref, want) => this.asset(file, path, ref, want),
      media: (path, list) => list?.forEach((m, i) => this.asset(file, [...path, i, 'src'], m.src, [m.kind as AssetCategory])),
      unique: (list, path, what, seen) => this.unique(file, list, path, what, seen),
      resolve: (path, id, known, what) => {
        if (known.has(id)) return;
        this.add('ref.unresolved', 'error', file, this.at(file, path), {
          'zh-Hans': `找不到${what}“${id}”。请检查拼写，或先添加它。`,
          en: `There is no ${what} "${id}". Check the spelling or add it first.`,
        });
      },
      probe: (ref) => this.probes.get(ref),
    };
  }

  result(content: PackContent | undefined): ValidationResult {
    this.findings.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
    return { findings: this.findings, content, probes: this.probes };
  }
}

/** Validates a whole pack: files, manifest, every content kind, markdown, unused files, font coverage and text lint. */
export function validatePack(src: PackSource, opts: ValidateOptions): ValidationResult {
  const run = new Run(src);
  checkFiles(run);
  if (!src.texts.has('pack.yaml')) {
    run.add('pack.no-manifest', 'error', 'pack.yaml', TOP, {
      'zh-Hans': '内容包根目录下没有 pack.yaml。请把 pack.yaml 放在最外层文件夹中。',
      en: 'There is no pack.yaml at the root of the pack. Put pack.yaml in the top folder.',
    });
    return run.result(undefined);
  }
  const manifest = run.parse('pack.yaml', PackManifest);
  if (!manifest) return run.result(undefined);
  checkManifest(run, manifest, opts);
  const kinds = checkKinds(run, manifest);
  checkMarkdown(run, manifest);
  checkUnused(run);
  checkText(run, manifest, opts);
  const ok = !run.findings.some((f) => f.severity === 'error');
  return run.result(ok ? ({ manifest, ...kinds } as PackContent) : undefined);
}

/** Files on their own: names, extensions, magic bytes, sizes. */
function checkFiles(run: Run): void {
  const { src } = run;
  for (const [a, b] of collidingPaths(src.paths))
    run.add('path.collision', 'error', b, TOP, {
      'zh-Hans': `“${b}”与“${a}”只差大小写或 Unicode 写法，在 Windows 和 macOS 上是同一个文件。请改名。`,
      en: `"${b}" and "${a}" differ only in case or Unicode form; on Windows and macOS they are the same file. Rename one.`,
    });
  for (const p of src.paths) {
    const bad = checkPackPath(p);
    if (bad) {
      run.add(bad.code, 'error', p, TOP, bad.message);
      continue;
    }
    const ext = extensionOf(p);
    const known = EXTENSIONS[ext];
    if (!known) {
      run.add('asset.extension', 'error', p, TOP, {
        'zh-Hans': `不允许的文件类型“.${ext || '（无扩展名）'}”。允许：${Object.keys(EXTENSIONS).join('、')}。请删除或转换此文件。`,
        en: `File type ".${ext || '(none)'}" is not allowed. Allowed: ${Object.keys(EXTENSIONS).join(', ')}. Remove or convert this file.`,
      });
      continue;
    }
    const bytes = src.assets.get(p);
    const size = bytes?.size ?? utf8Length(src.texts.get(p) ?? '');
    run.total += size;
    if (size > SIZE_CAPS[known.category]) {
      run.add('asset.too-large', 'error', p, TOP, {
        'zh-Hans': `文件过大：${mib(size)}，此类文件上限 ${mib(SIZE_CAPS[known.category])}。请压缩后再放入。`,
        en: `File too large: ${mib(size)}; the limit for this kind is ${mib(SIZE_CAPS[known.category])}. Compress it first.`,
      });
    }
    if (!bytes) continue;
    const probe = probeAsset(bytes);
    run.probes.set(p, probe);
    if (probe.format !== known.format) {
      run.add('asset.type-mismatch', 'error', p, TOP, {
        'zh-Hans': `文件内容与扩展名“.${ext}”不符（内容是${probe.format ? `“${probe.format}”` : '无法识别的格式'}）。请用正确的格式导出。`,
        en: `The file's content does not match its extension ".${ext}" (it is ${probe.format ? `"${probe.format}"` : 'an unrecognised format'}). Export it in the right format.`,
      });
    } else if (probe.problem) {
      run.add(`asset.${probe.problem}`, 'error', p, probe.at ?? TOP, probeMessage(probe));
    }
  }
}

function checkManifest(run: Run, manifest: PackManifestT, opts: ValidateOptions): void {
  const maxBytes = manifest.settings?.maxPackBytes ?? DEFAULT_MAX_PACK_BYTES;
  if (run.total > maxBytes)
    run.add('pack.too-large', 'error', 'pack.yaml', TOP, {
      'zh-Hans': `内容包共 ${mib(run.total)}，超过上限 ${mib(maxBytes)}。`,
      en: `The pack holds ${mib(run.total)}, over its budget of ${mib(maxBytes)}.`,
    });
  if (compareVersions(manifest.minAppVersion, opts.appVersion) > 0) {
    run.add('pack.app-too-old', 'error', 'pack.yaml', run.at('pack.yaml', ['minAppVersion']), {
      'zh-Hans': `此内容包需要 RedHall ${manifest.minAppVersion} 或更新版本，当前是 ${opts.appVersion}。请先升级软件。`,
      en: `This pack needs RedHall ${manifest.minAppVersion} or newer; this is ${opts.appVersion}. Update the app first.`,
    });
  }
}

/** The files pack.yaml lists for a kind, with where each is listed. */
function listedFiles(run: Run, manifest: PackManifestT, kind: AnyKind): string[] {
  const value = (manifest.contents as Record<string, string | string[] | undefined>)[kind.key];
  const entries: [string, Path][] = Array.isArray(value)
    ? value.map((e, i) => [e, ['contents', kind.key, i]])
    : value !== undefined ? [[value, ['contents', kind.key]]] : [];
  return entries.flatMap(([entry, path]) => {
    const bad = checkPackPath(entry);
    if (bad) {
      run.add(bad.code, 'error', 'pack.yaml', run.at('pack.yaml', path), bad.message);
      return [];
    }
    if (!run.src.texts.has(entry)) {
      run.missing('pack.yaml', run.at('pack.yaml', path), entry);
      return [];
    }
    return [entry];
  });
}

/** Every kind of the registry: parse each listed file with its schema (or hand it to its engine), then its checks. */
function checkKinds(run: Run, manifest: PackManifestT): KindsContent {
  const content: Record<string, unknown> = {};
  const parsed = new Map<SchemaKind, { file: string; value: unknown }[]>();
  for (const kind of KINDS) {
    const files = listedFiles(run, manifest, kind);
    if (!isSchemaKind(kind)) {
      for (const entry of files) {
        run.referenced.add(entry);
        run.findings.push(...kind.engine.check(run.src.texts, entry, run.pathSet));
      }
      content[kind.key] = (manifest.contents as Record<string, string[] | undefined>)[kind.key] ?? [];
      continue;
    }
    const values = files.flatMap((file) => {
      const value = run.parse(file, kind.schema);
      return value === undefined ? [] : [{ file, value }];
    });
    parsed.set(kind, values);
    content[kind.key] = kind.many ? values.map((v) => v.value) : values[0]?.value;
  }
  // Checks run once every file is parsed, so references between kinds could be resolved.
  for (const [kind, values] of parsed) {
    if (kind.idAcrossFiles)
      run.unique('pack.yaml', values.map((v) => ({ id: (v.value as { id: string }).id })), ['contents', kind.key], kind.idAcrossFiles);
    for (const { file, value } of values) kind.check?.(value, run.context(file, content));
  }
  return content as KindsContent;
}

/** Markdown: one rule (./markdown.ts) for every text a surface renders as markdown. */
function checkMarkdown(run: Run, manifest: PackManifestT): void {
  const report = (file: string, text: string, place: (index: number) => Place, onLink: (hit: PackLink) => void) => {
    for (const hit of scanMarkdown(text)) {
      if (hit.kind === 'problem') run.add(hit.code, 'error', file, place(hit.index), hit.message);
      else onLink(hit);
    }
  };
  for (const [file, ys] of run.sources) {
    forEachString(ys.value, [], (text, path) => {
      const key = path.findLast((k) => typeof k === 'string' && k !== 'zh-Hans' && k !== 'zh-Hant' && k !== 'en');
      if (key !== 'body' && key !== 'text') return;
      const place = (index: number) => placeInScalar(run.src.texts.get(file) ?? '', ys.locate(path), text, index);
      report(file, text, place, (hit) => run.asset(file, path, hit.path, hit.image ? ['image'] : ['image', 'audio', 'video', 'model', 'text']));
    });
  }
  // Pages that belong to an engine's files (a scenario's story pages); their links are relative to the page.
  for (const kind of ENGINE_KIND_LIST) {
    if (!kind.engine.markdownFiles) continue;
    for (const entry of (manifest.contents as Record<string, string[] | undefined>)[kind.key] ?? []) {
      for (const page of kind.engine.markdownFiles(entry, run.src.paths)) {
        const text = run.src.texts.get(page);
        if (text === undefined) continue;
        const pageDir = page.slice(0, page.lastIndexOf('/') + 1);
        report(page, text, (index) => offsetToPlace(text, index), (hit) => {
          const path = joinPackPath(pageDir, hit.path);
          const bad = checkPackPath(path);
          if (bad) run.add(bad.code, 'error', page, offsetToPlace(text, hit.index), bad.message);
          else if (!run.pathSet.has(path)) run.missing(page, offsetToPlace(text, hit.index), path);
        });
      }
    }
  }
}

/** Files nobody uses travel to every hall for nothing. */
function checkUnused(run: Run): void {
  for (const [file] of run.sources) run.referenced.add(file);
  const engineFolders = ENGINE_KIND_LIST.map((k) => k.engine.folder);
  for (const p of run.src.paths) {
    if (!run.referenced.has(p) && EXTENSIONS[extensionOf(p)] && !engineFolders.some((f) => p.startsWith(f)) && !p.endsWith('.md'))
      run.add('asset.unused', 'info', p, TOP, {
        'zh-Hans': '此文件没有被任何内容引用，可以删除。',
        en: 'No content refers to this file; it can be removed.',
      });
  }
}

/**
 * Every string: font coverage and text lint. Engine files (quiz banks, scenarios) get the font
 * check too (their own checkers own their schema and wording); YAML they cannot parse is theirs to report.
 */
function checkText(run: Run, manifest: PackManifestT, opts: ValidateOptions): void {
  const { src } = run;
  const lintSeverity: Severity = manifest.settings?.lintAsErrors ? 'error' : 'warning';
  const engineFiles = ENGINE_KIND_LIST
    .flatMap((k) => (manifest.contents as Record<string, string[] | undefined>)[k.key] ?? [])
    .filter((f) => src.texts.has(f) && !run.sources.has(f));
  const textFiles: [string, YamlSource, boolean][] = [
    ...[...run.sources].map(([file, ys]): [string, YamlSource, boolean] => [file, ys, true]),
    ...engineFiles.map((file): [string, YamlSource, boolean] => [file, parseYamlSource(src.texts.get(file)!, file), false]),
  ];
  for (const [file, ys, ours] of textFiles) {
    if (ys.syntaxFindings.length > 0) continue;
    const place = (path: Path, text: string, index: number) => placeInScalar(src.texts.get(file) ?? '', ys.locate(path), text, index);
    forEachString(ys.value, [], (text, path, locale) => {
      if (opts.font) {
        const missing = [...new Set([...text].filter((ch) => !isInvisible(ch.codePointAt(0)!) && !covers(opts.font!, ch.codePointAt(0)!)))];
        if (missing.length > 0) {
          const list = missing.map((ch) => `“${ch}”(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、');
          run.add('font.uncovered', 'error', file, place(path, text, text.indexOf(missing[0]!)), {
            'zh-Hans': `内置字体无法显示这些字符：${list}。屏幕上会显示为方框，请换用常用字或删去。`,
            en: `The bundled font cannot draw: ${list}. They would show as boxes; use common characters or remove them.`,
          });
        }
      }
      if (ours && opts.lint !== false) for (const h of lintText(text, locale)) run.add(h.code, lintSeverity, file, place(path, text, h.index), h.message);
    });
  }
}

/**
 * Where character `index` of a scalar's value sits in the YAML source, given where the scalar
 * starts. Handles plain and quoted scalars on one line and literal blocks (`|`); when the source
 * and the value do not line up (escapes, folding), it answers the scalar's start.
 */
export function placeInScalar(source: string, at: { line: number; column: number }, value: string, index: number): { line: number; column: number } {
  const lines = source.split('\n');
  const lineText = lines[at.line - 1] ?? '';
  const start = at.column - 1;
  const ch = lineText[start];
  // A block's first character is on the line after its "|", not on the "|".
  if (index < 0 || (index === 0 && ch !== '|')) return at;
  const before = value.slice(0, index);
  if (ch === '|') {
    const k = before.split('\n').length - 1;
    const offset = index - (before.lastIndexOf('\n') + 1);
    const target = lines[at.line + k];
    const first = lines[at.line];
    if (target === undefined || first === undefined) return at;
    const indent = first.length - first.trimStart().length;
    const valueLine = value.split('\n')[k] ?? '';
    if (target.slice(indent, indent + valueLine.length) !== valueLine) return at;
    return { line: at.line + k + 1, column: indent + offset + 1 };
  }
  if (before.includes('\n')) return at;
  const body = ch === '"' || ch === "'" ? start + 1 : start;
  if (lineText.slice(body, body + before.length) !== before) return at;
  return { line: at.line, column: body + index + 1 };
}

/** Line and column (1-based) of a character offset in a text file. */
function offsetToPlace(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** A path relative to a folder of the pack, with ./ and ../ resolved (what is left of ../ stays, for checkPackPath to refuse). */
function joinPackPath(dir: string, rel: string): string {
  const out: string[] = [];
  for (const part of `${dir}${rel}`.split('/')) {
    if (part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Walks every string in a parsed YAML value, with its path and the locale the curator meant. */
function forEachString(v: unknown, path: (string | number)[], f: (text: string, path: Path, locale: TextLocale) => void) {
  if (typeof v === 'string') {
    const last = path[path.length - 1];
    f(v, path, last === 'en' ? 'en' : last === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans');
  } else if (Array.isArray(v)) v.forEach((x, i) => forEachString(x, [...path, i], f));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (k !== '$schema') forEachString(x, [...path, k], f);
  }
}

function zhCategory(c: string): string {
  return ({ image: '图片', audio: '音频', video: '视频', model: '三维模型', text: '文本', font: '字体', subtitles: '字幕' } as Record<string, string>)[c] ?? c;
}

/** Compares two x.y.z versions (pre-release tags sort before their release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core!.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
