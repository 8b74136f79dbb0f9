import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkScenarioSource } from './index';
import { checkScenario } from './analyse';
import { sessionStart, replay, type Actor, type SessionState, type StoryEvent } from './engine';
import { legalActions, execute, type Command } from './decide';
import { simulate, randomSeats } from './simulate';
import { view } from './view';
import { pickText } from '../text';

// The demo hall's scenario, checked as the pack validator will check it.
const packRoot = join(import.meta.dirname, '..', '..', 'content', 'demo-hall');
const files = new Map<string, string>();
(function walk(dir: string) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ya?ml|md)$/.test(f)) files.set(relative(packRoot, p).split('\\').join('/'), readFileSync(p, 'utf8'));
  }
})(packRoot);
const entry = 'scenarios/south-bank/scenario.yaml';
const checked = checkScenario(files, entry);
const scenario = checked.scenario;
if (!scenario) throw new Error(JSON.stringify(checked.findings, null, 2));

describe('demo scenario 《河对岸的灯火》', () => {
  it('story check reports nothing at all', () => {
    expect(checkScenarioSource(files, entry)).toEqual([]);
  });
  it('meets the brief: 5–7 roles, ≥3 acts, ≥2 branching votes, ≥3 endings, ≥15 clues, 30–60 minutes', () => {
    expect(scenario.roles.length).toBeGreaterThanOrEqual(5);
    expect(scenario.roles.length).toBeLessThanOrEqual(7);
    expect(scenario.acts.length).toBeGreaterThanOrEqual(3);
    const phases = scenario.acts.flatMap((a) => a.phases);
    const branchingVotes = phases.filter((p) => p.kind === 'vote' && (p.options.some((o) => o.goto) || (p.next ?? []).some((n) => n.when)));
    expect(branchingVotes.length).toBeGreaterThanOrEqual(2);
    expect(checked.analysis?.reachableEndings.length).toBeGreaterThanOrEqual(3);
    expect(scenario.clues.length).toBeGreaterThanOrEqual(15);
    expect(checked.analysis?.reachableClues).toHaveLength(scenario.clues.length);
    const est = checked.analysis?.estimate as { min: number; max: number };
    expect(est.min).toBeGreaterThanOrEqual(30);
    expect(est.max).toBeLessThanOrEqual(60);
    expect(pickText(scenario.title, 'zh-Hans')).not.toContain('兵临城下');
  });
  it('separates fiction from history in every ending’s debrief', () => {
    for (const p of scenario.acts.flatMap((a) => a.phases)) {
      if (p.kind !== 'ending') continue;
      expect(p.debrief).toContain('## 剧中虚构');
      expect(p.debrief).toContain('## 真实的历史');
    }
  });
  it('the simulator reaches every ending the analyser finds, and no run gets stuck', () => {
    const rep = simulate(scenario, { runs: 400, seed: 'demo' });
    for (const e of checked.analysis?.reachableEndings ?? []) expect(rep.endings[e], e).toBeGreaterThan(0);
    expect(rep.stuck).toEqual([]);
  });
  it('no player ever sees another role’s pages or secrets, or clues they may not read; play never stalls', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat(), { minLength: 10, maxLength: 80 }), (seed, picks) => {
        const [seats] = randomSeats(scenario, { seed });
        const log: StoryEvent[] = [sessionStart(scenario, seed, seats)];
        let s: SessionState = replay(scenario, log);
        const actors: Actor[] = [{ kind: 'dm' }, { kind: 'host' }, ...seats.map((x): Actor => ({ kind: 'player', player: x.player }))];
        for (const pick of picks) {
          if (s.status !== 'playing') break;
          const all = actors.flatMap((actor) => legalActions(s, actor).map((action) => ({ actor, action })));
          // Liveness: a session that has not ended always offers someone a move.
          expect(all.length).toBeGreaterThan(0);
          const c = all[pick % all.length] as (typeof all)[number];
          const r = execute(s, { ...c.action, actor: c.actor, version: s.version } as Command);
          if (!r.ok) throw new Error(r.reason.en);
          s = r.state;
          for (const seat of s.seats) {
            const json = JSON.stringify(view(s, { kind: 'player', player: seat.player }));
            for (const role of scenario.roles) {
              if (role.id === seat.role) continue;
              for (const page of Object.values(role.pages)) expect(json.includes(JSON.stringify(page).slice(1, 60))).toBe(false);
              for (const t of [...role.secrets, ...role.goals]) expect(json.includes(pickText(t, 'zh-Hans'))).toBe(false);
            }
            for (const f of s.found) {
              if (f.shared || f.role === seat.role) continue;
              const clue = scenario.clues.find((c2) => c2.id === f.clue);
              expect(json.includes(pickText(clue?.text, 'zh-Hans'))).toBe(false);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
