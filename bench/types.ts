/** One measured figure. `target` and `ratio` are optional: a ratio compares with a reference. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ratio?: { value: number; against: string };
}

/** Each bench/<name>.bench.ts exports `run` and is picked up by bench/run.ts. */
export type Bench = () => Promise<BenchResult[]>;
