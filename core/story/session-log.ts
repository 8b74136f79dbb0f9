import type { Bilingual } from '../text';
import { replay, scenarioMismatch, type CreatedEvent, type PackRef, type ScenarioRef, type SessionState, type StoryEvent } from './engine';
import { contentHash, scenarioHash } from './hash';
import { EventSchema, EventSchemaV1, SESSION_FORMAT_MIN_VERSION, SESSION_FORMAT_VERSION } from './messages';
import type { Scenario } from './schema';

/**
 * Session logs on disk, apart from the scenario: a header names the scenario (id and content
 * hash) and its pack; loading takes the scenario offered and refuses a log that is not its.
 * Two shapes: a whole saved session (one JSON object) and an append-only log (JSON lines: the
 * header, then one event a line, as the host writes it; a torn last line is dropped).
 */

export const SESSION_FORMAT = 'redhall.story.session';

export interface SessionHeader {
  format: typeof SESSION_FORMAT;
  formatVersion: number;
  scenario: ScenarioRef;
  pack: PackRef | null;
}

/** The header of a session log, read off its `created` event. */
export function sessionHeader(created: CreatedEvent): SessionHeader {
  return { format: SESSION_FORMAT, formatVersion: created.formatVersion, scenario: { ...created.scenario }, pack: created.pack ? { ...created.pack } : null };
}

type Loaded = { ok: true; header: SessionHeader; events: StoryEvent[]; state: SessionState; migratedFrom?: number; torn?: boolean } | { ok: false; reason: Bilingual };
const fail = (zh: string, en: string): { ok: false; reason: Bilingual } => ({ ok: false, reason: { 'zh-Hans': zh, en } });

/** Why a header cannot be read by this build or does not belong to this scenario, or undefined. */
export function headerMismatch(header: SessionHeader, scenario: Scenario): Bilingual | undefined {
  if (header.format !== SESSION_FORMAT) return { 'zh-Hans': '这不是剧本杀存档', en: 'This is not a script-kill session log' };
  const v = header.formatVersion;
  if (v > SESSION_FORMAT_VERSION) return { 'zh-Hans': `存档版本 ${v} 比本程序新（本程序读取版本 ${SESSION_FORMAT_MIN_VERSION}–${SESSION_FORMAT_VERSION}），请升级程序`, en: `Log format ${v} is newer than this build reads (${SESSION_FORMAT_MIN_VERSION}–${SESSION_FORMAT_VERSION}); update the software` };
  if (!(v >= SESSION_FORMAT_MIN_VERSION)) return { 'zh-Hans': `存档版本 ${String(v)} 太旧，不受支持（本程序读取版本 ${SESSION_FORMAT_MIN_VERSION}–${SESSION_FORMAT_VERSION}）`, en: `Log format ${String(v)} is too old to read (this build reads ${SESSION_FORMAT_MIN_VERSION}–${SESSION_FORMAT_VERSION})` };
  return scenarioMismatch(scenario, header.scenario);
}

/** Serialises a whole session log to one JSON text with its header. */
export function saveSession(events: readonly StoryEvent[]): string {
  const first = events[0];
  if (!first || first.type !== 'created') throw new Error('A session log starts with a "created" event');
  return JSON.stringify({ ...sessionHeader(first), events: [...events] });
}

/**
 * Rebuilds a saved session over the scenario offered; refuses, with a reason in both languages,
 * another format, an unreadable version or a log played on other scenario content. Format 1
 * saves (the whole scenario inside) are migrated when their scenario is the one offered.
 */
export function loadSession(json: string, scenario: Scenario): Loaded {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail('存档不是有效的 JSON', 'The save is not valid JSON');
  }
  const d = data as { format?: unknown; version?: unknown; formatVersion?: unknown; events?: unknown } | null;
  if (!d || d.format !== SESSION_FORMAT || !Array.isArray(d.events)) return fail('这不是剧本杀存档', 'This is not a script-kill session save');
  // Format 1 saves named their version `version`; format 2 on, the header's `formatVersion`.
  const version = d.formatVersion ?? d.version;
  if (typeof version !== 'number') return fail('存档没有版本号', 'The save has no format version');
  return fromEvents(version, d.events, scenario, undefined);
}

function fromEvents(version: number, raw: readonly unknown[], scenario: Scenario, header: SessionHeader | undefined): Loaded {
  let events: StoryEvent[];
  if (version === SESSION_FORMAT_VERSION) {
    events = [];
    for (let i = 0; i < raw.length; i++) {
      const ev = EventSchema.safeParse(raw[i]);
      if (!ev.success) return fail(`存档的第 ${i + 1} 个事件格式不对`, `Event ${i + 1} of the log is malformed`);
      events.push(ev.data as StoryEvent);
    }
  } else if (version === 1) {
    const m = migrateV1(raw, scenario);
    if (!m.ok) return m;
    events = m.events;
  } else {
    const bad = headerMismatch({ format: SESSION_FORMAT, formatVersion: version, scenario: { id: scenario.id, hash: scenarioHash(scenario) }, pack: null }, scenario);
    return { ok: false, reason: bad ?? { 'zh-Hans': `存档版本 ${version} 不受支持`, en: `Log format ${version} is not supported` } };
  }
  const first = events[0];
  if (!first || first.type !== 'created') return fail('存档的第一个事件必须是 created', 'The first event of a log must be "created"');
  const own = sessionHeader(first);
  if (header && (header.scenario.id !== own.scenario.id || header.scenario.hash !== own.scenario.hash)) return fail('存档头和第一个事件说的不是同一个剧本', 'The log header and its first event name different scenarios');
  const bad = headerMismatch(own, scenario);
  if (bad) return { ok: false, reason: bad };
  try {
    const state = replay(scenario, events);
    return { ok: true, header: header ?? own, events, state, ...(version !== SESSION_FORMAT_VERSION ? { migratedFrom: version } : {}) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return fail(`存档无法重放：${msg}`, `The log cannot be replayed: ${msg}`);
  }
}

/** Format 1 → 2: the scenario inside `created` becomes its id and hash (it must be the one offered); player-keyed events gain the role. */
function migrateV1(raw: readonly unknown[], scenario: Scenario): { ok: true; events: StoryEvent[] } | { ok: false; reason: Bilingual } {
  const old = [];
  for (let i = 0; i < raw.length; i++) {
    const ev = EventSchemaV1.safeParse(raw[i]);
    if (!ev.success) return fail(`旧版存档的第 ${i + 1} 个事件格式不对`, `Event ${i + 1} of the old-format save is malformed`);
    old.push(ev.data);
  }
  const first = old[0];
  if (!first || first.type !== 'created') return fail('存档的第一个事件必须是 created', 'The first event of a log must be "created"');
  const ref: ScenarioRef = { id: first.scenario.id, hash: contentHash(first.scenario) };
  const bad = scenarioMismatch(scenario, ref);
  if (bad) return { ok: false, reason: bad };
  const roleOf = new Map(first.seats.map((s) => [s.player, s.role]));
  const role = (p: string) => roleOf.get(p) ?? '';
  const events: StoryEvent[] = [{ type: 'created', formatVersion: SESSION_FORMAT_VERSION, scenario: ref, seed: first.seed, seats: first.seats.map((s) => ({ ...s })) }];
  for (const e of old.slice(1)) {
    if (e.type === 'created') return fail('存档中间又出现了 created', 'A second "created" event in the log');
    if (e.type === 'searched') events.push({ type: 'searched', player: e.player, role: role(e.player), location: e.location });
    else if (e.type === 'shared') events.push({ type: 'shared', player: e.player, role: role(e.player), clue: e.clue });
    else if (e.type === 'voted') events.push({ type: 'voted', role: role(e.player), option: e.option, by: e.player });
    else events.push({ ...e });
  }
  return { ok: true, events };
}

/** The first line of an append-only log file (JSON lines): its header, with a newline. */
export function logHeaderLine(created: CreatedEvent): string {
  return JSON.stringify(sessionHeader(created)) + '\n';
}

/** One event as a line of an append-only log, with its newline. */
export function logEventLine(event: StoryEvent): string {
  return JSON.stringify(event) + '\n';
}

/**
 * Reads an append-only log (header line, then one event a line) over the scenario offered.
 * A last line cut short by a crash (no newline, not valid JSON) is dropped and reported as
 * `torn`; any other bad line refuses the whole log with its line number.
 */
export function readLog(text: string, scenario: Scenario): Loaded {
  const lines = text.split('\n');
  let torn = false;
  if (lines.at(-1) === '') lines.pop();
  else if (lines.length > 1) {
    try {
      JSON.parse(lines.at(-1) as string);
    } catch {
      lines.pop();
      torn = true;
    }
  }
  if (lines.length === 0) return fail('日志是空的', 'The log is empty');
  let header: SessionHeader;
  try {
    header = JSON.parse(lines[0] as string) as SessionHeader;
  } catch {
    return fail('日志的第 1 行（文件头）不是有效的 JSON', 'Line 1 of the log (its header) is not valid JSON');
  }
  if (!header || typeof header !== 'object' || header.format !== SESSION_FORMAT || typeof header.scenario !== 'object' || header.scenario === null) return fail('这不是剧本杀日志', 'This is not a script-kill session log');
  const bad = headerMismatch(header, scenario);
  if (bad) return { ok: false, reason: bad };
  const raw: unknown[] = [];
  for (let i = 1; i < lines.length; i++) {
    try {
      raw.push(JSON.parse(lines[i] as string));
    } catch {
      return fail(`日志第 ${i + 1} 行不是有效的 JSON`, `Line ${i + 1} of the log is not valid JSON`);
    }
  }
  const r = fromEvents(header.formatVersion, raw, scenario, header);
  return r.ok ? { ...r, torn } : r;
}
