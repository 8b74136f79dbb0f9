// legalActions enumerates the moves of play directly (the simulator's and the DM console's hot
// path); here it is held equal to the full check over every candidate, on random games of every
// fixture scenario and the demo, driven through DM powers (pauses, jumps, ties, undo, stuck,
// reseating) and with the host's clock before and after deadlines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScenario } from './analyse';
import { checkedActions, decideAction, execute, legalActions, moveDrawer, type Command } from './decide';
import { create, type Actor } from './engine';
import { randomSeats } from './simulate';
import type { Scenario } from './schema';

function textsUnder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  (function walk(dir: string) {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|md)$/.test(f)) files.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  })(root);
  return files;
}

const scenarios: [string, Scenario][] = [];
const fixtures = join(import.meta.dirname, 'fixtures');
const fixtureFiles = textsUnder(fixtures);
for (const dir of readdirSync(fixtures)) {
  const s = checkScenario(fixtureFiles, `${dir}/scenario.yaml`).scenario;
  if (s) scenarios.push([dir, s]);
}
const demo = checkScenario(textsUnder(join(import.meta.dirname, '../../content/demo-hall')), 'scenarios/south-bank/scenario.yaml').scenario;
if (demo) scenarios.push(['demo', demo]);

describe('legal actions of play', () => {
  it('found the scenarios to play', () => {
    expect(scenarios.map(([n]) => n)).toContain('demo');
    expect(scenarios.length).toBeGreaterThanOrEqual(5);
  });

  for (const [name, scenario] of scenarios) {
    it(`${name}: equal to the full check of every candidate, in the same order, on random games`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.nat(), { minLength: 30, maxLength: 120 }), fc.boolean(), (seed, picks, open) => {
          const [seats] = randomSeats(scenario, { seed });
          let state = create(scenario, { seed, seats: open ? seats.slice(0, 1) : seats, open }).state;
          const actors: Actor[] = [{ kind: 'dm' }, { kind: 'host' }, ...seats.map((s): Actor => ({ kind: 'player', player: s.player })), { kind: 'player', player: 'stranger' }];
          // One drawer for the whole game, as the simulator keeps it: what it keeps from draw to draw must follow the state.
          const draw = moveDrawer(actors);
          let clock = 0;
          for (const pick of picks) {
            const dl = state.clock.deadline;
            for (const now of [undefined, clock, dl === undefined ? undefined : dl - 1, dl === undefined ? undefined : dl + 1]) {
              for (const actor of actors) expect(legalActions(state, actor, { now })).toEqual(checkedActions(state, actor, { include: 'play', now }));
              // The drawer offers the same pairs, in the same order, each as the event decideAction makes of it.
              const pairs = actors.flatMap((actor) => legalActions(state, actor, { now }).map((action) => ({ actor, action })));
              let count = 0;
              const first = draw(state, (n) => {
                count = n;
                return 0;
              }, now);
              expect(count).toBe(pairs.length);
              if (pairs.length === 0) expect(first).toBeUndefined();
              pairs.forEach(({ actor, action }, i) => {
                const d = decideAction(state, actor, action, now);
                if (!d.ok) throw new Error(`a legal action was refused: ${d.reason.en}`);
                expect(draw(state, () => i, now)).toEqual(d.event);
              });
            }
            // Move on by any action at all, DM powers included, so play reaches odd states.
            const choices = actors.flatMap((actor) => checkedActions(state, actor, { include: pick % 3 === 0 ? 'all' : 'play', now: clock }).map((action) => ({ actor, action })));
            if (choices.length === 0) break;
            const c = choices[pick % choices.length]!;
            const r = execute(state, { ...c.action, actor: c.actor, version: state.version } as Command, clock);
            if (!r.ok) throw new Error(`an offered action was refused: ${r.reason.en}`);
            state = r.state;
            clock += 7_000;
          }
        }),
        { seed: 1123, numRuns: 40 },
      );
    });
  }
});
