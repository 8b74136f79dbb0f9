import type { z } from 'zod';
import type { Finding, Severity } from '../findings';
import type { Bilingual } from '../text';
import { parseYamlSource, type Path, type YamlSource } from '../yaml-source';
import { checkScenarioSource } from '../story/index';
import { checkQuizBankSource } from '../quiz/index';
import {
  PackManifest, type PackManifest as PackManifestT, Exhibits, Timeline, ParkMap, Cinema, Oath, Attract, Reading, Show,
  type Exhibits as ExhibitsT, type Timeline as TimelineT, type ParkMap as ParkMapT, type Cinema as CinemaT,
  type Oath as OathT, type Attract as AttractT, type Reading as ReadingT, type Show as ShowT,
} from './schema';
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

/** Validated content of a pack, each kind parsed by its schema. */
export interface PackContent {
  manifest: PackManifestT;
  exhibits: ExhibitsT | undefined;
  timelines: TimelineT[];
  maps: ParkMapT[];
  cinema: CinemaT | undefined;
  oath: OathT | undefined;
  attract: AttractT | undefined;
  reading: ReadingT | undefined;
  shows: ShowT[];
  /** Paths of quiz banks and scenarios (their own engines load them). */
  quizzes: string[];
  scenarios: string[];
}

export interface ValidationResult {
  findings: Finding[];
  /** Present when no finding is an error. */
  content: PackContent | undefined;
  /** What the probes read from each asset. */
  probes: ReadonlyMap<string, Probe>;
}

const DEFAULT_MAX_PACK_BYTES = 2 * 1024 ** 3;

/** Validates a whole pack: schema, references, assets, font coverage, text lint, quizzes and scenarios. */
export function validatePack(src: PackSource, opts: ValidateOptions): ValidationResult {
  const findings: Finding[] = [];
  const add = (code: string, severity: Severity, file: string, at: { line: number; column: number }, message: Bilingual) =>
    findings.push({ code, severity, file, line: at.line, column: at.column, message });
  const top = { line: 1, column: 1 };
  const probes = new Map<string, Probe>();
  const pathSet = new Set(src.paths);
  const lowerPaths = new Map(src.paths.map((p) => [p.normalize('NFC').toLowerCase(), p]));

  // --- Files on their own: names, extensions, magic bytes, sizes.
  for (const [a, b] of collidingPaths(src.paths))
    add('path.collision', 'error', b, top, {
      'zh-Hans': `“${b}”与“${a}”只差大小写或 Unicode 写法，在 Windows 和 macOS 上是同一个文件。请改名。`,
      en: `"${b}" and "${a}" differ only in case or Unicode form; on Windows and macOS they are the same file. Rename one.`,
    });
  let total = 0;
  for (const p of src.paths) {
    const bad = checkPackPath(p);
    if (bad) {
      add(bad.code, 'error', p, top, bad.message);
      continue;
    }
    const ext = extensionOf(p);
    const known = EXTENSIONS[ext];
    if (!known) {
      add('asset.extension', 'error', p, top, {
        'zh-Hans': `不允许的文件类型“.${ext || '（无扩展名）'}”。允许：${Object.keys(EXTENSIONS).join('、')}。请删除或转换此文件。`,
        en: `File type ".${ext || '(none)'}" is not allowed. Allowed: ${Object.keys(EXTENSIONS).join(', ')}. Remove or convert this file.`,
      });
      continue;
    }
    const bytes = src.assets.get(p);
    const size = bytes?.size ?? utf8Length(src.texts.get(p) ?? '');
    total += size;
    if (size > SIZE_CAPS[known.category]) {
      add('asset.too-large', 'error', p, top, {
        'zh-Hans': `文件过大：${mib(size)}，此类文件上限 ${mib(SIZE_CAPS[known.category])}。请压缩后再放入。`,
        en: `File too large: ${mib(size)}; the limit for this kind is ${mib(SIZE_CAPS[known.category])}. Compress it first.`,
      });
    }
    if (!bytes) continue;
    const probe = probeAsset(bytes);
    probes.set(p, probe);
    if (probe.format !== known.format) {
      add('asset.type-mismatch', 'error', p, top, {
        'zh-Hans': `文件内容与扩展名“.${ext}”不符（内容是${probe.format ? `“${probe.format}”` : '无法识别的格式'}）。请用正确的格式导出。`,
        en: `The file's content does not match its extension ".${ext}" (it is ${probe.format ? `"${probe.format}"` : 'an unrecognised format'}). Export it in the right format.`,
      });
    } else if (probe.problem) {
      add(`asset.${probe.problem}`, 'error', p, probe.at ?? top, probeMessage(probe));
    }
  }

  // --- The manifest.
  const manifestText = src.texts.get('pack.yaml');
  if (manifestText === undefined) {
    add('pack.no-manifest', 'error', 'pack.yaml', top, {
      'zh-Hans': '内容包根目录下没有 pack.yaml。请把 pack.yaml 放在最外层文件夹中。',
      en: 'There is no pack.yaml at the root of the pack. Put pack.yaml in the top folder.',
    });
    return { findings, content: undefined, probes };
  }
  const sources = new Map<string, YamlSource>();
  const manifest = parseWith('pack.yaml', PackManifest);
  if (!manifest) return finish(undefined);

  const maxBytes = manifest.settings?.maxPackBytes ?? DEFAULT_MAX_PACK_BYTES;
  if (total > maxBytes)
    add('pack.too-large', 'error', 'pack.yaml', top, {
      'zh-Hans': `内容包共 ${mib(total)}，超过上限 ${mib(maxBytes)}。`,
      en: `The pack holds ${mib(total)}, over its budget of ${mib(maxBytes)}.`,
    });
  if (compareVersions(manifest.minAppVersion, opts.appVersion) > 0) {
    add('pack.app-too-old', 'error', 'pack.yaml', sources.get('pack.yaml')!.locate(['minAppVersion']), {
      'zh-Hans': `此内容包需要 RedHall ${manifest.minAppVersion} 或更新版本，当前是 ${opts.appVersion}。请先升级软件。`,
      en: `This pack needs RedHall ${manifest.minAppVersion} or newer; this is ${opts.appVersion}. Update the app first.`,
    });
  }

  // --- Each content file.
  const c = manifest.contents;
  const listed = (entry: string, path: Path): boolean => {
    const bad = checkPackPath(entry);
    if (bad) {
      add(bad.code, 'error', 'pack.yaml', sources.get('pack.yaml')!.locate(path), bad.message);
      return false;
    }
    if (!src.texts.has(entry)) {
      missingFile('pack.yaml', path, entry);
      return false;
    }
    return true;
  };
  const one = <S extends z.ZodType>(entry: string | undefined, key: string, schema: S): z.infer<S> | undefined =>
    entry !== undefined && listed(entry, ['contents', key]) ? parseWith(entry, schema) : undefined;
  const many = <S extends z.ZodType>(entries: string[] | undefined, key: string, schema: S): { file: string; value: z.infer<S> }[] => {
    const out: { file: string; value: z.infer<S> }[] = [];
    (entries ?? []).forEach((entry, i) => {
      if (!listed(entry, ['contents', key, i])) return;
      const value = parseWith(entry, schema);
      if (value !== undefined) out.push({ file: entry, value });
    });
    return out;
  };

  const exhibits = one(c.exhibits, 'exhibits', Exhibits);
  const timelines = many(c.timelines, 'timelines', Timeline);
  const maps = many(c.maps, 'maps', ParkMap);
  const cinema = one(c.cinema, 'cinema', Cinema);
  const oath = one(c.oath, 'oath', Oath);
  const attract = one(c.attract, 'attract', Attract);
  const reading = one(c.reading, 'reading', Reading);
  const shows = many(c.shows, 'shows', Show);

  (c.quizzes ?? []).forEach((entry, i) => {
    if (listed(entry, ['contents', 'quizzes', i])) findings.push(...checkQuizBankSource(src.texts, entry));
  });
  (c.scenarios ?? []).forEach((entry, i) => {
    if (listed(entry, ['contents', 'scenarios', i])) findings.push(...checkScenarioSource(src.texts, entry, { assetPaths: pathSet }));
  });

  // --- Cross-references and assets referenced from content.
  const referenced = new Set<string>(['pack.yaml', 'pack.lock.json', ...(c.quizzes ?? []), ...(c.scenarios ?? [])]);
  for (const [file] of sources) referenced.add(file);
  const asset = (file: string, path: Path, ref: string | undefined, want: readonly AssetCategory[]): Probe | undefined => {
    if (ref === undefined) return undefined;
    const at = sources.get(file)!.locate(path);
    const bad = checkPackPath(ref);
    if (bad) {
      add(bad.code, 'error', file, at, bad.message);
      return undefined;
    }
    referenced.add(ref);
    if (!pathSet.has(ref)) {
      missingFile(file, path, ref);
      return undefined;
    }
    const cat = EXTENSIONS[extensionOf(ref)]?.category;
    if (cat && !want.includes(cat)) {
      add('ref.wrong-kind', 'error', file, at, {
        'zh-Hans': `这里需要${want.map(zhCategory).join('或')}文件，而“${ref}”是${zhCategory(cat)}文件。`,
        en: `A ${want.join(' or ')} file is needed here, but "${ref}" is ${cat}.`,
      });
    }
    return probes.get(ref);
  };
  const unique = (file: string, list: ReadonlyArray<{ id: string }>, path: Path, what: string, seen = new Map<string, string>()) => {
    list.forEach((x, i) => {
      const before = seen.get(x.id);
      if (before !== undefined) {
        add('ref.duplicate-id', 'error', file, sources.get(file)!.locate([...path, i, 'id']), {
          'zh-Hans': `${what}编号“${x.id}”重复（已在 ${before} 用过）。每个编号只能用一次。`,
          en: `${what} id "${x.id}" is used twice (first in ${before}). Each id must be unique.`,
        });
      } else seen.set(x.id, file);
    });
    return seen;
  };
  const resolve = (file: string, path: Path, id: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>, what: string) => {
    if (known.has(id)) return;
    add('ref.unresolved', 'error', file, sources.get(file)!.locate(path), {
      'zh-Hans': `找不到${what}“${id}”。请检查拼写，或先添加它。`,
      en: `There is no ${what} "${id}". Check the spelling or add it first.`,
    });
  };
  const media = (file: string, path: Path, list: ReadonlyArray<{ kind: string; src: string }> | undefined) =>
    list?.forEach((m, i) => asset(file, [...path, i, 'src'], m.src, [m.kind as AssetCategory]));

  if (exhibits && c.exhibits) {
    const f = c.exhibits;
    unique(f, exhibits.modules, ['modules'], '展区 / module');
    const itemIds = new Map<string, string>();
    exhibits.modules.forEach((m, mi) => {
      asset(f, ['modules', mi, 'cover'], m.cover, ['image']);
      unique(f, m.items, ['modules', mi, 'items'], '展项 / item', itemIds);
      m.items.forEach((it, ii) => {
        const p: Path = ['modules', mi, 'items', ii];
        if (it.kind !== 'text') asset(f, [...p, 'src'], it.src, [it.kind as AssetCategory]);
        asset(f, [...p, 'poster'], it.poster, ['image']);
      });
    });
  }

  const stationIdsAll = new Map<string, string>();
  unique('pack.yaml', timelines.map((t) => ({ id: t.value.id })), ['contents', 'timelines'], '时间线 / timeline');
  for (const { file, value: t } of timelines) {
    const ids = unique(file, t.stations, ['stations'], '站点 / station', new Map());
    for (const id of ids.keys()) stationIdsAll.set(id, file);
    let prev: string | undefined;
    t.stations.forEach((s, i) => {
      media(file, ['stations', i, 'media'], s.media);
      if (!validDate(s.date)) badDate(file, ['stations', i, 'date'], s.date);
      if (s.until !== undefined && (!validDate(s.until) || dateKey(s.until, true) < dateKey(s.date, false)))
        add('timeline.bad-range', 'error', file, sources.get(file)!.locate(['stations', i, 'until']), {
          'zh-Hans': `结束日期 ${s.until} 早于开始日期 ${s.date}，或不是有效日期。`,
          en: `End date ${s.until} is before the start date ${s.date}, or is not a real date.`,
        });
      if (prev !== undefined && dateKey(s.date, false) < dateKey(prev, false))
        add('timeline.order', 'error', file, sources.get(file)!.locate(['stations', i, 'date']), {
          'zh-Hans': `站点按时间排列：${s.date} 排在 ${prev} 之后，顺序不对。`,
          en: `Stations run in time order: ${s.date} comes after ${prev}, which is out of order.`,
        });
      prev = s.date;
    });
    const onLine = new Set<string>();
    unique(file, t.lines ?? [], ['lines'], '线路 / line');
    t.lines?.forEach((l, li) =>
      l.stations.forEach((sid, si) => {
        onLine.add(sid);
        resolve(file, ['lines', li, 'stations', si], sid, ids, '站点 / station');
      }),
    );
    if (t.lines)
      t.stations.forEach((s, i) => {
        if (!onLine.has(s.id))
          add('timeline.off-line', 'error', file, sources.get(file)!.locate(['stations', i, 'id']), {
            'zh-Hans': `站点“${s.id}”不在任何线路上。请把它加入一条线路。`,
            en: `Station "${s.id}" is on no line. Add it to a line.`,
          });
      });
  }

  unique('pack.yaml', maps.map((m) => ({ id: m.value.id })), ['contents', 'maps'], '地图 / map');
  for (const { file, value: m } of maps) {
    const base = asset(file, ['base', 'src'], m.base.src, ['image']);
    if (base?.width && base.height && Math.abs(base.width / base.height - m.base.width / m.base.height) > 0.01)
      add('map.base-size', 'error', file, sources.get(file)!.locate(['base', 'width']), {
        'zh-Hans': `底图实际为 ${base.width}×${base.height}，与填写的 ${m.base.width}×${m.base.height} 比例不同，点位会错位。`,
        en: `The base image is ${base.width}×${base.height}, a different shape from the stated ${m.base.width}×${m.base.height}; points would be misplaced.`,
      });
    const ids = unique(file, m.points, ['points'], '点位 / point');
    m.points.forEach((pt, i) => {
      media(file, ['points', i, 'media'], pt.media);
      if (pt.x < 0 || pt.y < 0 || pt.x > m.base.width || pt.y > m.base.height)
        add('map.off-map', 'error', file, sources.get(file)!.locate(['points', i, 'x']), {
          'zh-Hans': `点位“${pt.id}”(${pt.x}, ${pt.y}) 在底图 ${m.base.width}×${m.base.height} 之外。`,
          en: `Point "${pt.id}" (${pt.x}, ${pt.y}) lies outside the ${m.base.width}×${m.base.height} base image.`,
        });
    });
    unique(file, m.routes, ['routes'], '路线 / route');
    m.routes.forEach((r, ri) => r.points.forEach((pid, pi) => resolve(file, ['routes', ri, 'points', pi], pid, ids, '点位 / point')));
  }

  if (cinema && c.cinema) {
    const f = c.cinema;
    const films = unique(f, cinema.films, ['films'], '影片 / film');
    cinema.films.forEach((film, i) => {
      asset(f, ['films', i, 'src'], film.src, ['video']);
      asset(f, ['films', i, 'poster'], film.poster, ['image']);
      asset(f, ['films', i, 'subtitles'], film.subtitles, ['subtitles']);
    });
    const lists = unique(f, cinema.playlists, ['playlists'], '片单 / playlist');
    cinema.playlists.forEach((pl, pi) => pl.films.forEach((id, i) => resolve(f, ['playlists', pi, 'films', i], id, films, '影片 / film')));
    // A screening must end before the next one starts (films' lengths come from their files).
    const filmSeconds = new Map(cinema.films.map((film) => [film.id, probes.get(film.src)?.seconds]));
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    cinema.schedule.forEach((s, i) => {
      const next = cinema.schedule[i + 1];
      const pl = cinema.playlists.find((p) => p.id === s.playlist);
      if (!next || !pl || pl.loop) return;
      const secs = pl.films.map((id) => filmSeconds.get(id));
      if (secs.some((x) => x === undefined)) return;
      const total = secs.reduce((a, b) => a! + b!, 0)!;
      if (minutes(s.at) * 60 + total > minutes(next.at) * 60)
        add('cinema.overlap', 'error', f, sources.get(f)!.locate(['schedule', i + 1, 'at']), {
          'zh-Hans': `${s.at} 开始的片单要放 ${Math.ceil(total / 60)} 分钟，${next.at} 这一场开始时还没有放完。`,
          en: `The programme starting at ${s.at} runs ${Math.ceil(total / 60)} minutes and has not finished when the ${next.at} screening starts.`,
        });
    });
    let prev = '';
    cinema.schedule.forEach((s, i) => {
      resolve(f, ['schedule', i, 'playlist'], s.playlist, lists, '片单 / playlist');
      if (s.at <= prev)
        add('cinema.schedule-order', 'error', f, sources.get(f)!.locate(['schedule', i, 'at']), {
          'zh-Hans': `放映时间 ${s.at} 应晚于上一场 ${prev}。请按时间先后排列。`,
          en: `Screening at ${s.at} must come after the previous one at ${prev}. List screenings in time order.`,
        });
      prev = s.at;
    });
  }

  if (oath && c.oath) {
    const f = c.oath;
    asset(f, ['flag'], oath.flag, ['image']);
    const audio = asset(f, ['audio'], oath.audio, ['audio']);
    let prevEnd = 0;
    oath.lines.forEach((l, i) => {
      if (l.start < prevEnd)
        add('oath.timing', 'error', f, sources.get(f)!.locate(['lines', i, 'start']), {
          'zh-Hans': `第 ${i + 1} 句在 ${l.start} 秒开始，早于上一句结束的 ${prevEnd} 秒。`,
          en: `Line ${i + 1} starts at ${l.start} s, before the previous line ends at ${prevEnd} s.`,
        });
      prevEnd = l.end;
      if (audio?.seconds !== undefined && l.end > audio.seconds + 0.05)
        add('oath.timing', 'error', f, sources.get(f)!.locate(['lines', i, 'end']), {
          'zh-Hans': `第 ${i + 1} 句结束于 ${l.end} 秒，但录音只有 ${audio.seconds.toFixed(2)} 秒。`,
          en: `Line ${i + 1} ends at ${l.end} s but the recording lasts ${audio.seconds.toFixed(2)} s.`,
        });
    });
  }

  if (attract && c.attract) {
    const f = c.attract;
    unique(f, attract.slides, ['slides'], '画面 / slide');
    attract.slides.forEach((s, i) => {
      if (s.kind !== 'text') asset(f, ['slides', i, 'src'], s.src, [s.kind]);
    });
  }

  if (reading && c.reading) {
    const f = c.reading;
    unique(f, reading.articles, ['articles'], '文章 / article');
    reading.articles.forEach((a, i) => asset(f, ['articles', i, 'cover'], a.cover, ['image']));
  }

  unique('pack.yaml', shows.map((s) => ({ id: s.value.id })), ['contents', 'shows'], '演出 / show');
  for (const { file, value: s } of shows) {
    s.cues.forEach((cue, i) => {
      // What each action can take: play runs media, show puts up a still or a model.
      const kinds: AssetCategory[] = cue.action === 'play' ? ['video', 'audio'] : cue.action === 'show' ? ['image', 'video', 'model'] : [];
      if (cue.src !== undefined && kinds.length === 0)
        add('show.cue-src', 'error', file, sources.get(file)!.locate(['cues', i, 'src']), {
          'zh-Hans': `“${cue.action}”提示点不需要 src。`,
          en: `A "${cue.action}" cue takes no src.`,
        });
      else if (cue.src === undefined && kinds.length > 0)
        add('show.cue-src', 'error', file, sources.get(file)!.locate(['cues', i]), {
          'zh-Hans': `“${cue.action}”提示点需要 src（要播放或显示的文件）。`,
          en: `A "${cue.action}" cue needs src (the file to play or show).`,
        });
      else asset(file, ['cues', i, 'src'], cue.src, kinds);
      if (cue.action === 'text' && cue.text === undefined)
        add('show.cue-src', 'error', file, sources.get(file)!.locate(['cues', i]), {
          'zh-Hans': '“text”提示点需要 text（要显示的文字）。',
          en: 'A "text" cue needs text to show.',
        });
      if (cue.at > s.seconds)
        add('show.cue-after-end', 'error', file, sources.get(file)!.locate(['cues', i, 'at']), {
          'zh-Hans': `提示点在 ${cue.at} 秒，晚于演出总长 ${s.seconds} 秒。`,
          en: `The cue at ${cue.at} s is after the end of the show (${s.seconds} s).`,
        });
    });
  }

  // Markdown: one rule for every text a surface renders as markdown (see ./markdown.ts).
  const markdownHits = (file: string, text: string, place: (index: number) => { line: number; column: number }, resolvePath: (p: string) => string, at: (hit: PackLink) => void) => {
    for (const hit of scanMarkdown(text)) {
      if (hit.kind === 'problem') add(hit.code, 'error', file, place(hit.index), hit.message);
      else at({ ...hit, path: resolvePath(hit.path) });
    }
  };
  for (const [file, ys] of sources) {
    forEachString(ys.value, [], (text, path) => {
      const key = path.findLast((k) => typeof k === 'string' && k !== 'zh-Hans' && k !== 'zh-Hant' && k !== 'en');
      if (key !== 'body' && key !== 'text') return;
      const place = (index: number) => placeInScalar(src.texts.get(file) ?? '', ys.locate(path), text, index);
      markdownHits(file, text, place, (p) => p, (hit) =>
        asset(file, path, hit.path, hit.image ? ['image'] : ['image', 'audio', 'video', 'model', 'text']));
    });
  }
  // Story pages: the markdown files beside each scenario; their links are relative to the page.
  for (const entry of c.scenarios ?? []) {
    const folder = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
    for (const page of src.paths) {
      if (!page.startsWith(folder) || !page.endsWith('.md')) continue;
      const text = src.texts.get(page);
      if (text === undefined) continue;
      const pageDir = page.slice(0, page.lastIndexOf('/') + 1);
      markdownHits(page, text, (index) => offsetToPlace(text, index), (p) => joinPackPath(pageDir, p), (hit) => {
        const bad = checkPackPath(hit.path);
        if (bad) add(bad.code, 'error', page, offsetToPlace(text, hit.index), bad.message);
        else if (!pathSet.has(hit.path)) missingAt(page, offsetToPlace(text, hit.index), hit.path);
      });
    }
  }

  // Files nobody uses travel to every hall for nothing.
  for (const p of src.paths) {
    if (!referenced.has(p) && EXTENSIONS[extensionOf(p)] && !p.startsWith('scenarios/') && !p.startsWith('quiz/') && !p.endsWith('.md'))
      add('asset.unused', 'info', p, top, {
        'zh-Hans': '此文件没有被任何内容引用，可以删除。',
        en: 'No content refers to this file; it can be removed.',
      });
  }

  // --- Every string: font coverage and text lint. Quiz banks and scenarios get the font check
  // too (their own checkers own their schema and wording); YAML they cannot parse is theirs to report.
  const lintSeverity: Severity = manifest.settings?.lintAsErrors ? 'error' : 'warning';
  const engineFiles = [...(c.quizzes ?? []), ...(c.scenarios ?? [])].filter((f) => src.texts.has(f) && !sources.has(f));
  const textFiles: [string, YamlSource, boolean][] = [
    ...[...sources].map(([file, ys]): [string, YamlSource, boolean] => [file, ys, true]),
    ...engineFiles.map((file): [string, YamlSource, boolean] => [file, parseYamlSource(src.texts.get(file)!, file), false]),
  ];
  for (const [file, ys, ours] of textFiles) {
    if (ys.syntaxFindings.length > 0) continue;
    forEachString(ys.value, [], (text, path, locale) => {
      if (opts.font) {
        const missing = new Set<string>();
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (!isInvisible(cp) && !covers(opts.font, cp)) missing.add(ch);
        }
        if (missing.size > 0) {
          const list = [...missing].map((ch) => `“${ch}”(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、');
          const first = text.indexOf([...missing][0]!);
          add('font.uncovered', 'error', file, placeInScalar(src.texts.get(file) ?? '', ys.locate(path), text, first), {
            'zh-Hans': `内置字体无法显示这些字符：${list}。屏幕上会显示为方框，请换用常用字或删去。`,
            en: `The bundled font cannot draw: ${list}. They would show as boxes; use common characters or remove them.`,
          });
        }
      }
      if (ours && opts.lint !== false)
        for (const h of lintText(text, locale)) add(h.code, lintSeverity, file, placeInScalar(src.texts.get(file) ?? '', ys.locate(path), text, h.index), h.message);
    });
  }

  return finish(
    findings.some((f) => f.severity === 'error')
      ? undefined
      : {
          manifest,
          exhibits,
          timelines: timelines.map((t) => t.value),
          maps: maps.map((m) => m.value),
          cinema,
          oath,
          attract,
          reading,
          shows: shows.map((s) => s.value),
          quizzes: c.quizzes ?? [],
          scenarios: c.scenarios ?? [],
        },
  );

  function finish(content: PackContent | undefined): ValidationResult {
    findings.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
    return { findings, content, probes };
  }

  function parseWith<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    const ys = parseYamlSource(src.texts.get(file) ?? '', file);
    sources.set(file, ys);
    if (ys.syntaxFindings.length > 0) {
      findings.push(...ys.syntaxFindings);
      return undefined;
    }
    const r = schema.safeParse(ys.value);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      // An unknown field is pointed at itself, not at the object around it.
      const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
      add('schema.invalid', 'error', file, ys.locate(at), schemaMessage(issue, path));
    }
    return undefined;
  }

  function missingFile(file: string, path: Path, ref: string) {
    missingAt(file, sources.get(file)!.locate(path), ref);
  }

  function missingAt(file: string, at: { line: number; column: number }, ref: string) {
    const near = lowerPaths.get(ref.normalize('NFC').toLowerCase());
    add('ref.missing-file', 'error', file, at, {
      'zh-Hans': `包内没有文件“${ref}”${near ? `（有一个“${near}”，大小写或写法不同）` : ''}。请检查路径，或把文件放入内容包。`,
      en: `There is no file "${ref}" in the pack${near ? ` (there is "${near}", spelled differently)` : ''}. Check the path or add the file.`,
    });
  }

  function badDate(file: string, path: Path, d: string) {
    add('timeline.bad-date', 'error', file, sources.get(file)!.locate(path), {
      'zh-Hans': `“${d}”不是有效的日期。`,
      en: `"${d}" is not a real date.`,
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

function schemaMessage(issue: z.core.$ZodIssue, path: readonly (string | number)[]): Bilingual {
  const where = path.length ? path.join('.') : '(top)';
  switch (issue.code) {
    case 'invalid_type':
      if ((issue as { input?: unknown }).input === undefined)
        return { 'zh-Hans': `缺少必填项“${where}”。`, en: `"${where}" is required but missing.` };
      return { 'zh-Hans': `“${where}”的类型不对：应为 ${issue.expected}。`, en: `"${where}" has the wrong type: expected ${issue.expected}.` };
    case 'unrecognized_keys':
      return {
        'zh-Hans': `不认识的字段：${issue.keys.join('、')}（在“${where}”中）。请检查拼写。`,
        en: `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} in "${where}". Check the spelling.`,
      };
    case 'invalid_value':
      return {
        'zh-Hans': `“${where}”的值不在可选范围内：${issue.values.map(String).join('、')}。`,
        en: `"${where}" must be one of: ${issue.values.map(String).join(', ')}.`,
      };
    case 'too_small':
      return { 'zh-Hans': `“${where}”太少或太小（至少 ${String(issue.minimum)}）。`, en: `"${where}" is too small or too short (minimum ${String(issue.minimum)}).` };
    case 'too_big':
      return { 'zh-Hans': `“${where}”太多或太大（最多 ${String(issue.maximum)}）。`, en: `"${where}" is too big or too long (maximum ${String(issue.maximum)}).` };
    case 'invalid_union':
      return {
        'zh-Hans': `“${where}”应为一段文字，或含 zh-Hans（必填）、zh-Hant、en 的多语言文字。`,
        en: `"${where}" must be text, or a map with zh-Hans (required), zh-Hant and en.`,
      };
    default:
      return { 'zh-Hans': `“${where}”不符合要求：${issue.message}。`, en: `"${where}" is not valid: ${issue.message}.` };
  }
}

function zhCategory(c: string): string {
  return ({ image: '图片', audio: '音频', video: '视频', model: '三维模型', text: '文本', font: '字体', subtitles: '字幕' } as Record<string, string>)[c] ?? c;
}

function validDate(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number);
  if (m === undefined || day === undefined) return true;
  const days = [31, y! % 4 === 0 && (y! % 100 !== 0 || y! % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return day <= days;
}

/** A sortable key: a partial date sorts at its start (or end, for `until`). */
function dateKey(d: string, end: boolean): string {
  const [y, m, day] = d.split('-');
  return `${y}-${m ?? (end ? '12' : '01')}-${day ?? (end ? '31' : '01')}`;
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
