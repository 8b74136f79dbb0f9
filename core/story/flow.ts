import { pickText } from '../text';
import { evaluateSource, type ExprError, type Value } from './expression';
import type { DecisionOption, Phase, Scenario } from './schema';

/**
 * How a scenario moves from phase to phase, shared by the engine, the analyser and the graph so
 * that all three agree on what can happen.
 */
export type Vars = Readonly<Record<string, Value>>;

/** Called when a curator's expression fails at run time (the analyser turns it into a finding). */
export type OnExprError = (src: string, error: ExprError, where: ExprWhere) => void;
export interface ExprWhere {
  phase: string;
  /** Path inside the phase object, e.g. ['next', 0, 'when'] or ['options', 1, 'set', 'morale']. */
  path: Array<string | number>;
}

type Clue = Scenario['clues'][number];
type Location = Extract<Phase, { kind: 'search' }>['locations'][number];

/**
 * What the engine reads of a phase at every step, in one shape for every kind of phase: phases
 * of eight kinds have as many shapes, and reading them at every step of a game is V8's slowest
 * property access; `kind` is the program's own string, so comparing it is a pointer compare.
 */
export interface PhaseRules {
  phase: Phase;
  id: string;
  kind: Phase['kind'];
  act: string;
  /** introduce, search, discuss: the host's clock may move it on. */
  timed: boolean;
  /** vote, choice, ending: nobody advances it, a decision (or nothing) moves it on. */
  decides: boolean;
  /** search: action points each seated role gets (0 otherwise). */
  actionPoints: number;
  /** search: the locations searched by id, only the first of each id. */
  searchable: Location[];
  /** vote and choice: the options. */
  options: DecisionOption[];
  /** vote and choice: the options' ids, in order. */
  optionIds: string[];
  /** vote: who votes. */
  voters: 'all' | string[];
  /** choice: 'dm' or the deciding role. */
  by: string;
}

const KINDS: { readonly [K in Phase['kind']]: K } = { narrate: 'narrate', read: 'read', introduce: 'introduce', search: 'search', discuss: 'discuss', vote: 'vote', choice: 'choice', ending: 'ending' };

function rulesOf(p: Phase): PhaseRules {
  const kind = KINDS[p.kind];
  return {
    phase: p,
    id: p.id,
    kind,
    act: p.act,
    timed: kind === 'introduce' || kind === 'search' || kind === 'discuss',
    decides: kind === 'vote' || kind === 'choice' || kind === 'ending',
    actionPoints: p.kind === 'search' ? p.actionPoints : 0,
    searchable: p.kind === 'search' ? p.locations.filter((l, i) => p.locations.findIndex((x) => x.id === l.id) === i) : [],
    options: p.kind === 'vote' || p.kind === 'choice' ? p.options : [],
    optionIds: p.kind === 'vote' || p.kind === 'choice' ? p.options.map((o) => o.id) : [],
    voters: p.kind === 'vote' ? p.voters : 'all',
    by: p.kind === 'choice' ? p.by : 'dm',
  };
}

interface Index {
  order: Phase[];
  byId: Map<string, Phase>;
  position: Map<string, number>;
  /** Clues by id (the first of an id, as a lookup by id finds it). */
  clues: Map<string, Clue>;
  /** The rules of each phase by id (the last phase of an id, as `byId`). */
  rules: Map<string, PhaseRules>;
}
const indexes = new WeakMap<Scenario, Index>();
// The engine asks for the same scenario's tables at every step: the last one answered is kept
// beside the WeakMap (a compiled scenario is never changed, only replaced).
let lastScenario: Scenario | undefined;
let lastIndex: Index | undefined;

/** Every phase in play order with a lookup by id, and the engine's other tables (computed once per scenario object). */
export function phaseIndex(scenario: Scenario): Index {
  if (scenario === lastScenario) return lastIndex as Index;
  let ix = indexes.get(scenario);
  if (!ix) {
    const order = scenario.acts.flatMap((a) => a.phases);
    const clues = new Map<string, Clue>();
    for (const c of scenario.clues) if (!clues.has(c.id)) clues.set(c.id, c);
    const byId = new Map<string, Phase>();
    const position = new Map<string, number>();
    const rules = new Map<string, PhaseRules>();
    order.forEach((p, i) => {
      byId.set(p.id, p);
      position.set(p.id, i);
      rules.set(p.id, rulesOf(p));
    });
    ix = { order, byId, position, clues, rules };
    indexes.set(scenario, ix);
  }
  lastScenario = scenario;
  lastIndex = ix;
  return ix;
}

/** The rules of the phase with this id; throws for an id the scenario does not have (a programming error). */
export function phaseRules(scenario: Scenario, id: string): PhaseRules {
  const r = phaseIndex(scenario).rules.get(id);
  if (!r) throw new Error(`No phase "${id}" in scenario ${scenario.id}`);
  return r;
}

/** The clue with this id, if the scenario has one. */
export function clueById(scenario: Scenario, id: string): Clue | undefined {
  return phaseIndex(scenario).clues.get(id);
}

/** The phase with this id; throws for an id the scenario does not have (a programming error). */
export function phaseById(scenario: Scenario, id: string): Phase {
  const p = phaseIndex(scenario).byId.get(id);
  if (!p) throw new Error(`No phase "${id}" in scenario ${scenario.id}`);
  return p;
}

/** Initial variable values. */
export function initialVars(scenario: Scenario): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(scenario.variables)) out[k] = v.initial;
  return out;
}

/** Applies assignments, all evaluated over the values before the change; failures keep the old value. */
export function applyEffects(effects: Record<string, string> | undefined, vars: Vars, onError?: (src: string, e: ExprError, key: string) => void): Vars {
  if (!effects) return vars;
  const out: Record<string, Value> = { ...vars };
  for (const [name, src] of Object.entries(effects)) {
    const r = evaluateSource(src, vars);
    if (!r.ok) {
      onError?.(src, r.error, name);
      continue;
    }
    const before = vars[name];
    if (before !== undefined && typeof before !== typeof r.value) {
      onError?.(src, { offset: 0, message: { 'zh-Hans': `变量“${name}”原本是 ${typeof before}，不能改成 ${typeof r.value}`, en: `Variable "${name}" is a ${typeof before}; it cannot become a ${typeof r.value}` } }, name);
      continue;
    }
    if (before === undefined) {
      onError?.(src, { offset: 0, message: { 'zh-Hans': `变量“${name}”没有在 variables 中声明`, en: `Variable "${name}" is not declared under variables` } }, name);
      continue;
    }
    out[name] = r.value;
  }
  return out;
}

/** True when a condition holds; a failing or non-boolean condition counts as false. */
export function conditionHolds(src: string | undefined, vars: Vars, onError?: (src: string, e: ExprError) => void): boolean {
  if (src === undefined) return true;
  const r = evaluateSource(src, vars);
  if (!r.ok) {
    onError?.(src, r.error);
    return false;
  }
  if (typeof r.value !== 'boolean') {
    onError?.(src, { offset: 0, message: { 'zh-Hans': '条件的结果必须是 true 或 false', en: 'A condition must give true or false' } });
    return false;
  }
  return r.value;
}

/** Where play goes after `phase` with these variables: its first matching `next`, else the following phase. */
export function nextPhaseId(scenario: Scenario, phase: Phase, vars: Vars, onError?: OnExprError): string | undefined {
  if (phase.kind === 'ending') return undefined;
  const rules = phase.next ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as { when?: string | undefined; goto: string };
    // The engine passes no onError: no closure is made for it at every step.
    if (conditionHolds(rule.when, vars, onError && ((s, e) => onError(s, e, { phase: phase.id, path: ['next', i, 'when'] })))) return rule.goto;
  }
  const ix = phaseIndex(scenario);
  return ix.order[(ix.position.get(phase.id) as number) + 1]?.id;
}

export interface Step {
  /** The phase play moves to, or undefined when nothing follows (a dead end). */
  target: string | undefined;
  /** Variables after the decision's effects and the target phase's own `set`. */
  vars: Vars;
}

/** The outcome of leaving `phase`, after `option` was decided if it is a vote or choice. */
export function leave(scenario: Scenario, phase: Phase, vars: Vars, option: DecisionOption | undefined, onError?: OnExprError): Step {
  let v = vars;
  let target: string | undefined;
  if (option) {
    const optIndex = onError === undefined ? -1 : (phase.kind === 'vote' || phase.kind === 'choice' ? phase.options : []).indexOf(option);
    v = applyEffects(option.set, v, onError && ((s, e, key) => onError(s, e, { phase: phase.id, path: ['options', optIndex, 'set', key] })));
    target = option.goto;
  }
  target ??= nextPhaseId(scenario, phase, v, onError);
  if (target !== undefined) {
    const to = phaseIndex(scenario).byId.get(target);
    if (!to) return { target: undefined, vars: v };
    if (to.set) v = applyEffects(to.set, v, onError && ((s, e, key) => onError(s, e, { phase: to.id, path: ['set', key] })));
  }
  return { target, vars: v };
}

/** Where play starts: the first phase, with its own `set` applied. */
export function start(scenario: Scenario, onError?: OnExprError): Step {
  const first = phaseIndex(scenario).order[0] as Phase;
  return { target: first.id, vars: applyEffects(first.set, initialVars(scenario), (s, e, key) => onError?.(s, e, { phase: first.id, path: ['set', key] })) };
}

/** Clue ids already found: a set of ids, or the session's list of found clues (searched as it is). */
export type FoundIds = Pick<ReadonlySet<string>, 'has'> | readonly { clue: string }[];

function isFoundIn(found: FoundIds, id: string): boolean {
  if (!Array.isArray(found)) return (found as Pick<ReadonlySet<string>, 'has'>).has(id);
  for (const f of found as readonly { clue: string }[]) if (f.clue === id) return true;
  return false;
}

/** Whether a search can yield this clue now: not yet found, and visible now. */
export function clueFindable(scenario: Scenario, id: string, found: FoundIds, vars: Vars, onError?: (src: string, e: ExprError, clue: string) => void): boolean {
  if (isFoundIn(found, id)) return false;
  const clue = clueById(scenario, id);
  if (!clue) return false;
  return clue.visibility !== 'hidden' || conditionHolds(clue.when ?? 'false', vars, onError && ((s, e) => onError(s, e, id)));
}

/** The clues a search phase can still yield at a location: not yet found, and visible now. */
export function findableClues(scenario: Scenario, locationClues: readonly string[], found: FoundIds, vars: Vars, onError?: (src: string, e: ExprError, clue: string) => void): string[] {
  const out: string[] = [];
  for (const id of locationClues) if (clueFindable(scenario, id, found, vars, onError)) out.push(id);
  return out;
}

/** Estimated minutes a phase takes at a table of `players` (used for the duration range). */
export function phaseMinutes(scenario: Scenario, phase: Phase, players: number): number {
  if (phase.minutes !== undefined) return phase.minutes;
  const chars = (t: Parameters<typeof pickText>[0]) => pickText(t, 'zh-Hans').length;
  switch (phase.kind) {
    case 'narrate':
      // Read aloud by the host: about 250 Chinese characters a minute, plus the media cue.
      return 0.5 + chars(phase.text) / 250;
    case 'read': {
      const longest = Math.max(0, ...scenario.roles.map((r) => (r.pages[phase.act] ?? '').length));
      // Silent reading: about 300 characters a minute.
      return Math.max(1, longest / 300);
    }
    case 'introduce':
      return (phase.secondsPerPlayer * players) / 60;
    case 'search':
      return phase.seconds !== undefined ? phase.seconds / 60 : phase.actionPoints * players * 0.5;
    case 'discuss':
      return phase.seconds / 60;
    case 'vote':
      return 2;
    case 'choice':
      return 1;
    case 'ending':
      return 1 + (chars(phase.text) + phase.debrief.length) / 250;
  }
}
