/**
 * A seeded generator whose whole state is one 32-bit number, so it can live inside a saved
 * session and be replayed (mulberry32).
 */
export interface RandomState {
  seed: number;
}

/** Turns any string or number into a 32-bit seed, the same every time. */
export function seedFrom(input: string | number): number {
  const s = String(input);
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** The seed after one draw from `seed`. */
function stepped(seed: number): number {
  return (seed + 0x6d2b79f5) >>> 0;
}

/** The float in [0, 1) a draw gives, from the seed after it. */
function floatAt(seed: number): number {
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Returns the next float in [0, 1) and the state after it; never mutates its input. */
export function nextFloat(state: RandomState): [number, RandomState] {
  const seed = stepped(state.seed);
  return [floatAt(seed), { seed }];
}

/**
 * The same sequence as `nextInt` over states, drawn in place (no state object per draw): for a
 * loop that keeps its generator to itself, such as one simulated game.
 */
export class RandomStream {
  constructor(public seed: number) {}

  /** An integer in [0, n), as `nextInt` gives it from `{ seed: this.seed }`. */
  nextInt(n: number): number {
    this.seed = stepped(this.seed);
    return Math.floor(floatAt(this.seed) * n);
  }
}

/** Returns an integer in [0, n) and the state after it. */
export function nextInt(state: RandomState, n: number): [number, RandomState] {
  const [f, next] = nextFloat(state);
  return [Math.floor(f * n), next];
}

/** Returns a shuffled copy (Fisher–Yates) and the state after it. */
export function shuffle<T>(items: readonly T[], state: RandomState): [T[], RandomState] {
  const out = items.slice();
  let s = state;
  for (let i = out.length - 1; i > 0; i--) {
    let j: number;
    [j, s] = nextInt(s, i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return [out, s];
}
