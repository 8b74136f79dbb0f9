import type { z } from 'zod';
import { oneCausePerKey, zodIssueMessage, type Finding, type Severity } from '../findings';
import { parseYamlSource, type Path, type YamlSource } from '../yaml-source';
import { parseCached, type ExprError, type Value } from './expression';
import { internStrings } from './intern';
import { findableClues, leave, phaseIndex, phaseMinutes, start, type ExprWhere, type Vars } from './flow';
import { RawScenario, type Phase, type Scenario } from './schema';
import { placeInValue } from './scalar';

/**
 * The curator's check of one scenario: schema, references, expressions, then an exhaustive walk
 * over every combination of votes and choices (states are phase + variables) to find what can
 * be reached, dead ends, unreachable clues and the expected duration.
 */
export interface ScenarioCheck {
  entry: string;
  findings: Finding[];
  /** Present when the scenario compiled (no schema or reference errors). */
  scenario?: Scenario;
  analysis?: Analysis;
}

export interface Analysis {
  reachablePhases: string[];
  reachableEndings: string[];
  reachableClues: string[];
  /** Estimated minutes, from the shortest path at the fewest players to the longest at the most. */
  estimate: { min: number; max: number };
  states: number;
  /** False when the walk hit its state limit (the results are then a lower bound). */
  complete: boolean;
}

/** Largest number of (phase, variables) states the analyser walks before giving up. */
export const MAX_STATES = 20_000;

function dirOf(entry: string): string {
  const i = entry.lastIndexOf('/');
  return i < 0 ? '' : entry.slice(0, i + 1);
}

/** Joins a page path to the scenario's folder, resolving `.` and `..`; undefined if it leaves the pack. */
export function resolvePagePath(entry: string, rel: string): string | undefined {
  const parts = (dirOf(entry) + rel).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(p);
  }
  return out.join('/');
}

class Reporter {
  readonly findings: Finding[] = [];
  private seen = new Set<string>();
  constructor(
    private readonly src: YamlSource,
    private readonly text: string,
  ) {}
  at(path: Path, severity: Severity, code: string, zh: string, en: string, offset?: number): void {
    const start = this.src.locate(path);
    // Point inside an expression where the source and its value line up (escapes, folded lines); else at its start.
    const value = offset === undefined ? undefined : valueAt(this.src.value, path);
    const { line, column } = (value !== undefined && offset !== undefined && placeInValue(this.text, start, String(value), offset)) || start;
    // A run-time failure is reported once per place, with the first combination that shows it.
    const key = code === 'story.expression-runtime' ? `${code}|${line}|${column}` : `${code}|${line}|${column}|${en}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({ code, severity, file: this.src.file, line, column, message: { 'zh-Hans': zh, en } });
  }
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

// The kinds a phase may have, in the scenario's own words; every other issue is worded by core/findings.
function zodMessage(issue: z.core.$ZodIssue, root: unknown): { zh: string; en: string } {
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return { zh: `${where} 的 kind 必须是 narrate、read、introduce、search、discuss、vote、choice 或 ending`, en: `${where}.kind must be narrate, read, introduce, search, discuss, vote, choice or ending` };
  }
  const m = zodIssueMessage(issue, root, RawScenario);
  return { zh: m['zh-Hans'], en: m.en };
}

export interface CheckOptions {
  /** Every file path of the pack (binary ones too). When given, media cues must point at one of them. */
  assetPaths?: ReadonlySet<string>;
}

/** Checks one scenario given every text file of its pack; never throws. */
export function checkScenario(files: ReadonlyMap<string, string>, entry: string, options: CheckOptions = {}): ScenarioCheck {
  const text = files.get(entry);
  if (text === undefined) {
    return {
      entry,
      findings: [{ code: 'story.missing-file', severity: 'error', file: entry, line: 1, column: 1, message: { 'zh-Hans': `找不到剧本文件 ${entry}（检查 pack.yaml 中 contents.scenarios 的路径）`, en: `Scenario file ${entry} not found (check the path under contents.scenarios in pack.yaml)` } }],
    };
  }
  const src = parseYamlSource(text, entry);
  if (src.syntaxFindings.length > 0) return { entry, findings: src.syntaxFindings };
  const rep = new Reporter(src, text);
  const parsed = RawScenario.safeParse(src.value);
  if (!parsed.success) {
    // A misspelt required key is said once, by the unknown key's "did you mean", not also as missing.
    for (const issue of oneCausePerKey(parsed.error.issues, src.value, RawScenario)) {
      const m = zodMessage(issue, src.value);
      rep.at(issue.path as Path, 'error', 'story.schema', m.zh, m.en);
    }
    return { entry, findings: rep.findings };
  }
  const raw = parsed.data;
  const err = (path: Path, code: string, zh: string, en: string, offset?: number) => rep.at(path, 'error', code, zh, en, offset);
  const warn = (path: Path, code: string, zh: string, en: string, offset?: number) => rep.at(path, 'warning', code, zh, en, offset);

  // --- ids and references -------------------------------------------------------------
  const phasePath = new Map<string, Path>();
  const actIds = new Set<string>();
  raw.acts.forEach((act, ai) => {
    if (actIds.has(act.id)) err(['acts', ai, 'id'], 'story.duplicate-id', `幕的 id“${act.id}”重复了`, `Act id "${act.id}" is used twice`);
    actIds.add(act.id);
    act.phases.forEach((p, pi) => {
      if (phasePath.has(p.id)) err(['acts', ai, 'phases', pi, 'id'], 'story.duplicate-id', `环节 id“${p.id}”重复了（所有幕中的环节 id 必须各不相同）`, `Phase id "${p.id}" is used twice (phase ids are unique across all acts)`);
      else phasePath.set(p.id, ['acts', ai, 'phases', pi]);
    });
  });
  const roleIds = new Set<string>();
  raw.roles.forEach((r, ri) => {
    if (roleIds.has(r.id)) err(['roles', ri, 'id'], 'story.duplicate-id', `角色 id“${r.id}”重复了`, `Role id "${r.id}" is used twice`);
    roleIds.add(r.id);
  });
  const clueIds = new Map<string, number>();
  raw.clues.forEach((c, ci) => {
    if (clueIds.has(c.id)) err(['clues', ci, 'id'], 'story.duplicate-id', `线索 id“${c.id}”重复了`, `Clue id "${c.id}" is used twice`);
    clueIds.set(c.id, ci);
    if (c.visibility === 'hidden' && c.when === undefined) err(['clues', ci, 'visibility'], 'story.hidden-without-condition', `隐藏线索“${c.id}”需要 when 条件，说明何时可以被找到`, `Hidden clue "${c.id}" needs a "when" condition saying when it can be found`);
    if (c.visibility !== 'hidden' && c.when !== undefined) warn(['clues', ci, 'when'], 'story.when-ignored', `线索“${c.id}”不是 hidden，它的 when 条件不会起作用`, `Clue "${c.id}" is not hidden, so its "when" has no effect`);
  });

  const players = raw.players;
  if (players.min > players.max) err(['players', 'min'], 'story.players', `players.min（${players.min}）大于 players.max（${players.max}）`, `players.min (${players.min}) is larger than players.max (${players.max})`);
  const required = raw.roles.filter((r) => !r.optional).length;
  if (required > players.min) err(['players', 'min'], 'story.players', `有 ${required} 个必选角色，但最少玩家数只有 ${players.min}`, `There are ${required} required roles but players.min is only ${players.min}`);
  if (raw.roles.length < players.max) err(['players', 'max'], 'story.players', `只有 ${raw.roles.length} 个角色，坐不满 ${players.max} 名玩家`, `Only ${raw.roles.length} roles: ${players.max} players cannot all be seated`);
  if (raw.duration.min > raw.duration.max) err(['duration', 'min'], 'story.duration', 'duration.min 大于 duration.max', 'duration.min is larger than duration.max');

  const placed = new Map<string, string[]>();
  let endings = 0;
  for (const [id, path] of phasePath) {
    const p = raw.acts[path[1] as number]?.phases[path[3] as number] as z.infer<typeof RawScenario>['acts'][number]['phases'][number];
    (p.next ?? []).forEach((n, ni) => {
      if (!phasePath.has(n.goto)) err([...path, 'next', ni, 'goto'], 'story.unknown-phase', `没有 id 为“${n.goto}”的环节`, `There is no phase with id "${n.goto}"`);
    });
    if (p.kind === 'ending') {
      endings++;
      if (p.next) warn([...path, 'next'], 'story.next-ignored', `结局“${id}”之后不会再有环节，next 不起作用`, `Nothing follows ending "${id}"; its "next" has no effect`);
    }
    if (p.kind === 'vote' || p.kind === 'choice') {
      const optIds = new Set<string>();
      p.options.forEach((o, oi) => {
        if (optIds.has(o.id)) err([...path, 'options', oi, 'id'], 'story.duplicate-id', `选项 id“${o.id}”在这个环节里重复了`, `Option id "${o.id}" is used twice in this phase`);
        optIds.add(o.id);
        if (o.goto !== undefined && !phasePath.has(o.goto)) err([...path, 'options', oi, 'goto'], 'story.unknown-phase', `没有 id 为“${o.goto}”的环节`, `There is no phase with id "${o.goto}"`);
      });
      if (p.kind === 'vote') {
        if (p.voters !== 'all') {
          p.voters.forEach((v, vi) => {
            if (!roleIds.has(v)) err([...path, 'voters', vi], 'story.unknown-role', `没有 id 为“${v}”的角色`, `There is no role with id "${v}"`);
          });
          // At the fewest players some optional roles stay empty: if the voters can all be among them, nobody votes.
          const optional = raw.roles.filter((r) => r.optional);
          const emptyAtMin = optional.length - Math.max(0, raw.players.min - raw.roles.filter((r) => !r.optional).length);
          const voters = p.voters.filter((v) => roleIds.has(v));
          if (voters.length > 0 && voters.every((v) => optional.some((r) => r.id === v)) && emptyAtMin >= voters.length)
            err([...path, 'voters'], 'story.vote-without-voters', `只有可选角色（${voters.join('、')}）能在“${id}”投票；${raw.players.min} 人开局时这些角色可能都没人扮演，投票就无法进行。请加入一个必选角色，或改为 voters: all`, `Only optional roles (${voters.join(', ')}) vote in "${id}"; with ${raw.players.min} players they may all be unseated and the vote could never be cast. Add a required role, or use voters: all`);
        }
        if (typeof p.tieBreak === 'object' && !optIds.has(p.tieBreak.option)) err([...path, 'tieBreak', 'option'], 'story.unknown-option', `平票时采用的选项“${p.tieBreak.option}”不在 options 中`, `Tie-break option "${p.tieBreak.option}" is not one of the options`);
      } else if (p.by !== 'dm' && !roleIds.has(p.by)) {
        err([...path, 'by'], 'story.unknown-role', `by 必须是 dm 或某个角色的 id，没有角色“${p.by}”`, `"by" must be dm or a role id; there is no role "${p.by}"`);
      }
    }
    if (p.kind === 'search') {
      const locationIds = new Set<string>();
      p.locations.forEach((l, li) => {
        if (locationIds.has(l.id)) err([...path, 'locations', li, 'id'], 'story.duplicate-id', `搜证地点 id“${l.id}”在这个环节里重复了；玩家点一个地点会打开另一个。请改成不同的 id`, `Search location id "${l.id}" is used twice in this phase; tapping one would open the other. Give each its own id`);
        locationIds.add(l.id);
      });
      p.locations.forEach((l, li) =>
        l.clues.forEach((c, ci) => {
          const at = [...path, 'locations', li, 'clues', ci];
          if (!clueIds.has(c)) err(at, 'story.unknown-clue', `没有 id 为“${c}”的线索`, `There is no clue with id "${c}"`);
          else if (placed.has(c)) warn(at, 'story.clue-placed-twice', `线索“${c}”放在了不止一个地点`, `Clue "${c}" is placed in more than one location`);
          placed.set(c, [...(placed.get(c) ?? []), id]);
        }),
      );
    }
    if (p.kind === 'read') {
      const act = raw.acts[path[1] as number]?.id as string;
      raw.roles.forEach((r, ri) => {
        if (r.pages[act] === undefined) err(['roles', ri, 'pages'], 'story.missing-page', `角色“${r.id}”没有第“${act}”幕的剧本页，但环节“${id}”要求阅读`, `Role "${r.id}" has no page for act "${act}", which read phase "${id}" needs`);
      });
    }
  }
  if (endings === 0) err(['acts'], 'story.no-ending', '剧本没有任何结局（kind: ending 的环节）', 'The scenario has no ending (a phase with kind: ending)');
  raw.clues.forEach((c, ci) => {
    if (!placed.has(c.id)) warn(['clues', ci, 'id'], 'story.clue-unplaced', `线索“${c.id}”没有放在任何搜证地点，玩家找不到它`, `Clue "${c.id}" is in no search location, so nobody can find it`);
  });

  // --- pages --------------------------------------------------------------------------
  const readPage = (path: Path, rel: string): string => {
    const full = resolvePagePath(entry, rel);
    const body = full === undefined ? undefined : files.get(full);
    if (body === undefined) {
      err(path, 'story.missing-page-file', `找不到页面文件 ${rel}（路径相对于 ${dirOf(entry) || '包根目录'}）`, `Page file ${rel} not found (paths are relative to ${dirOf(entry) || 'the pack root'})`);
      return '';
    }
    if (body.trim() === '') err(path, 'story.empty-page', `页面文件 ${rel} 是空的`, `Page file ${rel} is empty`);
    return body;
  };
  const roles = raw.roles.map((r, ri) => {
    const pages: Record<string, string> = {};
    for (const [act, rel] of Object.entries(r.pages)) {
      if (!actIds.has(act)) err(['roles', ri, 'pages', act], 'story.unknown-act', `角色“${r.id}”的页面对应的幕“${act}”不存在`, `Role "${r.id}" has a page for act "${act}", which does not exist`);
      pages[act] = readPage(['roles', ri, 'pages', act], rel);
    }
    return { ...r, pages };
  });
  const acts = raw.acts.map((a) => ({
    id: a.id,
    title: a.title,
    phases: a.phases.map((p): Phase => {
      if (p.kind === 'ending') return { ...p, act: a.id, debrief: readPage([...(phasePath.get(p.id) ?? []), 'debrief'], p.debrief) };
      return { ...p, act: a.id };
    }),
  }));

  // --- media cues (paths relative to the scenario's folder, like pages) -----------------
  if (options.assetPaths) {
    const assets = options.assetPaths;
    for (const [id, path] of phasePath) {
      const p = raw.acts[path[1] as number]?.phases[path[3] as number];
      if (!p || (p.kind !== 'narrate' && p.kind !== 'ending')) continue;
      (p.media ?? []).forEach((m, mi) => {
        const full = resolvePagePath(entry, m.src);
        if (full === undefined || !assets.has(full)) {
          err([...path, 'media', mi, 'src'], 'story.missing-media', `环节“${id}”的媒体文件 ${m.src} 不在内容包中（路径相对于 ${dirOf(entry) || '包根目录'}）`, `Media file ${m.src} of phase "${id}" is not in the pack (paths are relative to ${dirOf(entry) || 'the pack root'})`);
        }
      });
    }
  }

  // --- expressions --------------------------------------------------------------------
  const declared = new Set(Object.keys(raw.variables));
  const used = new Set<string>();
  const sites: Array<{ path: Path; src: string; assigns?: string }> = [];
  raw.clues.forEach((c, ci) => c.when !== undefined && sites.push({ path: ['clues', ci, 'when'], src: c.when }));
  for (const [, path] of phasePath) {
    const p = raw.acts[path[1] as number]?.phases[path[3] as number] as z.infer<typeof RawScenario>['acts'][number]['phases'][number];
    for (const [k, v] of Object.entries(p.set ?? {})) sites.push({ path: [...path, 'set', k], src: v, assigns: k });
    (p.next ?? []).forEach((n, ni) => n.when !== undefined && sites.push({ path: [...path, 'next', ni, 'when'], src: n.when }));
    if (p.kind === 'vote' || p.kind === 'choice') p.options.forEach((o, oi) => Object.entries(o.set ?? {}).forEach(([k, v]) => sites.push({ path: [...path, 'options', oi, 'set', k], src: v, assigns: k })));
  }
  let expressionErrors = false;
  for (const s of sites) {
    if (s.assigns !== undefined && !declared.has(s.assigns)) {
      expressionErrors = true;
      err(s.path, 'story.undefined-variable', `给没有声明的变量“${s.assigns}”赋值；请在 variables 中声明它`, `Assigns to undeclared variable "${s.assigns}"; declare it under variables`);
    }
    const r = parseCached(s.src);
    if (!r.ok) {
      expressionErrors = true;
      err(s.path, 'story.expression', `表达式无法解析：${r.error.message['zh-Hans']}`, `The expression does not parse: ${r.error.message.en}`, r.error.offset);
      continue;
    }
    const walk = (e: typeof r.expr): void => {
      if (e.kind === 'var') {
        used.add(e.name);
        if (!declared.has(e.name)) {
          expressionErrors = true;
          err(s.path, 'story.undefined-variable', `变量“${e.name}”没有在 variables 中声明（如果这是一段文字，请加引号：'"${e.name}"'）`, `Variable "${e.name}" is not declared under variables (if it is text, quote it: '"${e.name}"')`, e.offset);
        }
      } else if (e.kind === 'not' || e.kind === 'neg') walk(e.arg);
      else if (e.kind === 'binary') {
        walk(e.left);
        walk(e.right);
      }
    };
    walk(r.expr);
  }
  for (const name of declared) {
    if (!used.has(name)) warn(['variables', name], 'story.unused-variable', `变量“${name}”从没有在条件或赋值中被读取`, `Variable "${name}" is never read by any condition or assignment`);
  }

  const structural = rep.findings.some((f) => f.severity === 'error' && f.code !== 'story.empty-page');
  if (structural) return { entry, findings: sortFindings(rep.findings) };

  // Short strings interned: the engine compares ids at every step (see intern.ts).
  const scenario: Scenario = internStrings({
    formatVersion: raw.formatVersion,
    id: raw.id,
    title: raw.title,
    theme: raw.theme,
    players: raw.players,
    duration: raw.duration,
    background: raw.background,
    variables: raw.variables,
    roles,
    clues: raw.clues,
    acts,
  });
  if (expressionErrors) return { entry, findings: sortFindings(rep.findings), scenario };

  // --- the walk -----------------------------------------------------------------------
  // Name the variable values that break it, so the curator can replay that combination.
  const when = (vars: Vars) => {
    const list = Object.entries(vars).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
    return list ? { zh: `（例如当 ${list} 时）`, en: ` (for example when ${list})` } : { zh: '', en: '' };
  };
  const onError = (_s: string, e: ExprError, where: ExprWhere, vars: Vars) => {
    const base = phasePath.get(where.phase) ?? [];
    const w = when(vars);
    err([...base, ...where.path], 'story.expression-runtime', `表达式在某种投票组合下出错：${e.message['zh-Hans']}${w.zh}`, `The expression fails for some combination of votes: ${e.message.en}${w.en}`, e.offset || undefined);
  };
  const analysis = explore(scenario, onError, (clue, e, vars) => {
    const w = when(vars);
    err(['clues', clueIds.get(clue) ?? 0, 'when'], 'story.expression-runtime', `表达式在某种投票组合下出错：${e.message['zh-Hans']}${w.zh}`, `The expression fails for some combination of votes: ${e.message.en}${w.en}`, e.offset || undefined);
  });
  // A dead end is proved by the state that reached it; what was not reached is proved only by a complete walk.
  for (const dead of analysis.deadEnds) err(phasePath.get(dead) ?? ['acts'], 'story.dead-end', `环节“${dead}”之后无路可走：它不是结局，也没有可去的下一个环节`, `Phase "${dead}" leads nowhere: it is not an ending and no next phase applies`);
  if (!analysis.complete) {
    warn(['acts'], 'story.analysis-incomplete',
      `投票和选择的组合太多（超过 ${MAX_STATES} 种情况），检查只走完了其中一部分。已报告的死路是真实的；但没有走到的结局、环节和线索不一定到不了，这里不作判断。请减少会不断增长的变量（如每轮加一的计数），或把互不相关的投票拆开。`,
      `Too many combinations of votes and choices (over ${MAX_STATES} situations); the check walked only part of them. Dead ends reported are real, but endings, phases and clues it did not reach may still be reachable: it makes no claim about them. Avoid variables that grow without bound (such as a counter raised every round) or split unrelated votes apart.`);
    const { deadEnds: _d, noWayToEnd: _n, ...partial } = analysis;
    return { entry, findings: sortFindings(rep.findings), scenario, analysis: partial };
  }
  if (analysis.reachableEndings.length === 0)
    err(['acts'], 'story.no-ending-reachable', '没有任何投票和选择的组合能走到结局：这个剧本永远玩不完。请检查各环节的 next 和选项的 goto。', 'No combination of votes and choices reaches an ending: this scenario can never finish. Check the phases\' next rules and the options\' goto.');
  const endless = analysis.reachableEndings.length === 0;
  // When nothing ends, that one error says it all: no per-phase loop or per-ending warnings on top.
  if (!endless) for (const loop of analysis.noWayToEnd) warn(phasePath.get(loop) ?? ['acts'], 'story.no-way-to-end', `从环节“${loop}”出发的某些情况永远到不了结局（循环）`, `From phase "${loop}" some situations can never reach an ending (a loop)`);
  const reachedPhases = new Set(analysis.reachablePhases);
  for (const [id, path] of phasePath) {
    if (reachedPhases.has(id)) continue;
    const isEnding = acts.some((a) => a.phases.some((p) => p.id === id && p.kind === 'ending'));
    if (isEnding && !endless) warn(path, 'story.unreachable-ending', `没有任何投票和选择的组合能到达结局“${id}”`, `No combination of votes and choices reaches ending "${id}"`);
    else if (!isEnding) warn(path, 'story.unreachable-phase', `没有任何投票和选择的组合能到达环节“${id}”`, `No combination of votes and choices reaches phase "${id}"`);
  }
  const reachedClues = new Set(analysis.reachableClues);
  raw.clues.forEach((c, ci) => {
    if (placed.has(c.id) && !reachedClues.has(c.id)) {
      warn(['clues', ci, 'id'], 'story.unreachable-clue', `没有玩家能找到线索“${c.id}”：它所在的搜证环节到不了，或它的 when 条件在那里从不成立`, `Nobody can find clue "${c.id}": its search phase is unreachable or its "when" never holds there`);
    }
  });
  const est = analysis.estimate;
  if (analysis.reachableEndings.length > 0 && (est.max < raw.duration.min * 0.8 || est.min > raw.duration.max * 1.2)) {
    warn(['duration'], 'story.duration-estimate', `估计时长 ${Math.round(est.min)}–${Math.round(est.max)} 分钟，与声明的 ${raw.duration.min}–${raw.duration.max} 分钟相差较大`, `The estimated ${Math.round(est.min)}–${Math.round(est.max)} minutes differs a lot from the declared ${raw.duration.min}–${raw.duration.max}`);
  }
  const { deadEnds: _d, noWayToEnd: _n, ...publicAnalysis } = analysis;
  return { entry, findings: sortFindings(rep.findings), scenario, analysis: publicAnalysis };
}

function sortFindings(f: Finding[]): Finding[] {
  return [...f].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

interface Walk extends Analysis {
  deadEnds: string[];
  noWayToEnd: string[];
}

/** The variables an expression reads (none when it does not parse: the checker reports that apart). */
function readsOf(src: string | undefined): string[] {
  if (src === undefined) return [];
  const r = parseCached(src);
  if (!r.ok) return [];
  const out: string[] = [];
  const walk = (e: typeof r.expr): void => {
    if (e.kind === 'var') out.push(e.name);
    else if (e.kind === 'not' || e.kind === 'neg') walk(e.arg);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(r.expr);
  return out;
}

/**
 * For each phase, the variables whose value can still matter from there on: read by its clues,
 * its options' and next rules' expressions, the `set` of a phase it may move to, or anything later.
 * States that differ only in other variables behave alike and are walked once.
 */
export function liveVariables(scenario: Scenario): Map<string, Set<string>> {
  const ix = phaseIndex(scenario);
  const successors = new Map<string, string[]>();
  const own = new Map<string, Set<string>>();
  for (const p of ix.order) {
    const reads = new Set<string>();
    const next = [...(p.next ?? []).map((n) => n.goto)];
    (p.next ?? []).forEach((n) => readsOf(n.when).forEach((v) => reads.add(v)));
    if (p.kind === 'vote' || p.kind === 'choice')
      for (const o of p.options) {
        if (o.goto !== undefined) next.push(o.goto);
        Object.values(o.set ?? {}).forEach((e) => readsOf(e).forEach((v) => reads.add(v)));
      }
    if (p.kind === 'search')
      for (const l of p.locations) for (const id of l.clues) readsOf(scenario.clues.find((c) => c.id === id)?.when).forEach((v) => reads.add(v));
    // Without a matching rule play falls through to the phase after it.
    const after = ix.order[(ix.position.get(p.id) as number) + 1];
    if (after && p.kind !== 'ending') next.push(after.id);
    for (const n of next) Object.values(ix.byId.get(n)?.set ?? {}).forEach((e) => readsOf(e).forEach((v) => reads.add(v)));
    successors.set(p.id, p.kind === 'ending' ? [] : next);
    own.set(p.id, reads);
  }
  const live = new Map([...own].map(([id, r]) => [id, new Set(r)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, set] of live)
      for (const n of successors.get(id) ?? [])
        for (const v of live.get(n) ?? [])
          if (!set.has(v)) {
            set.add(v);
            changed = true;
          }
  }
  return live;
}

/** Walks every (phase, variables) state reachable by some combination of votes and choices. */
export function explore(scenario: Scenario, onError?: (src: string, e: ExprError, where: ExprWhere, vars: Vars) => void, onClueError?: (clue: string, e: ExprError, vars: Vars) => void): Walk {
  const ix = phaseIndex(scenario);
  const live = liveVariables(scenario);
  const keyOf = (phase: string, vars: Vars): string => {
    const names = [...(live.get(phase) ?? Object.keys(vars))].sort();
    return phase + '\u0000' + JSON.stringify(names.map((k) => [k, vars[k] as Value]));
  };
  const first = start(scenario, (src, e, where) => onError?.(src, e, where, {}));
  const states = new Map<string, { phase: string; vars: Vars; next: string[] }>();
  const queue: string[] = [];
  const push = (phase: string, vars: Vars): string => {
    const k = keyOf(phase, vars);
    if (!states.has(k) && states.size < MAX_STATES) {
      states.set(k, { phase, vars, next: [] });
      queue.push(k);
    }
    return k;
  };
  push(first.target as string, first.vars);
  const deadEnds = new Set<string>();
  const reachableClues = new Set<string>();
  let complete = true;
  while (queue.length > 0) {
    const k = queue.shift() as string;
    const st = states.get(k) as { phase: string; vars: Vars; next: string[] };
    const phase = ix.byId.get(st.phase) as Phase;
    if (phase.kind === 'ending') continue;
    if (phase.kind === 'search') {
      for (const l of phase.locations) for (const c of findableClues(scenario, l.clues, new Set(), st.vars, (_s, e, clue) => onClueError?.(clue, e, st.vars))) reachableClues.add(c);
    }
    const options = phase.kind === 'vote' || phase.kind === 'choice' ? phase.options : [undefined];
    for (const o of options) {
      const step = leave(scenario, phase, st.vars, o, (src, e, where) => onError?.(src, e, where, st.vars));
      if (step.target === undefined) {
        deadEnds.add(phase.id);
        continue;
      }
      if (states.size >= MAX_STATES && !states.has(keyOf(step.target, step.vars))) {
        complete = false;
        continue;
      }
      st.next.push(push(step.target, step.vars));
    }
  }

  // Which states can still reach an ending (reverse reachability).
  const prev = new Map<string, string[]>();
  for (const [k, st] of states) for (const n of st.next) prev.set(n, [...(prev.get(n) ?? []), k]);
  const canEnd = new Set<string>();
  const stack = [...states].filter(([, st]) => ix.byId.get(st.phase)?.kind === 'ending').map(([k]) => k);
  while (stack.length > 0) {
    const k = stack.pop() as string;
    if (canEnd.has(k)) continue;
    canEnd.add(k);
    for (const p of prev.get(k) ?? []) stack.push(p);
  }
  const noWayToEnd = new Set<string>();
  for (const [k, st] of states) {
    const ph = ix.byId.get(st.phase) as Phase;
    if (!canEnd.has(k) && ph.kind !== 'ending' && !deadEnds.has(ph.id)) noWayToEnd.add(ph.id);
  }

  // Duration: shortest path at the fewest players, longest (ignoring loops) at the most.
  const span = (players: number, pick: (a: number, b: number) => number, empty: number) => {
    const memo = new Map<string, number>();
    const onStack = new Set<string>();
    const visit = (k: string): number => {
      const known = memo.get(k);
      if (known !== undefined) return known;
      const st = states.get(k) as { phase: string; next: string[] };
      const own = phaseMinutes(scenario, ix.byId.get(st.phase) as Phase, players);
      onStack.add(k);
      let best: number | undefined;
      for (const n of st.next) {
        if (onStack.has(n) || !canEnd.has(n)) continue;
        const v = visit(n);
        best = best === undefined ? v : pick(best, v);
      }
      onStack.delete(k);
      const total = own + (best ?? (ix.byId.get(st.phase)?.kind === 'ending' ? 0 : empty));
      memo.set(k, total);
      return total;
    };
    return visit(keyOf(first.target as string, first.vars));
  };
  let estimate = { min: 0, max: 0 };
  try {
    estimate = { min: span(scenario.players.min, Math.min, 0), max: span(scenario.players.max, Math.max, 0) };
  } catch (e) {
    // A path thousands of states long (a counter in a loop) is deeper than the call stack.
    if (!(e instanceof RangeError)) throw e;
    complete = false;
  }

  const reachablePhases = new Set([...states.values()].map((s) => s.phase));
  return {
    reachablePhases: ix.order.filter((p) => reachablePhases.has(p.id)).map((p) => p.id),
    reachableEndings: ix.order.filter((p) => p.kind === 'ending' && reachablePhases.has(p.id)).map((p) => p.id),
    reachableClues: scenario.clues.filter((c) => reachableClues.has(c.id)).map((c) => c.id),
    estimate: { min: round1(estimate.min), max: round1(estimate.max) },
    states: states.size,
    complete,
    deadEnds: [...deadEnds],
    noWayToEnd: [...noWayToEnd],
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
