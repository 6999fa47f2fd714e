/** Shared shapes of the benchmark runner. A suite is a module in `bench/suites/` whose default export is a `BenchSuite`. */

/** A goal for one figure: `value <op> target.value`. */
export interface Target {
  op: '<=' | '>=';
  value: number;
  /** How the table shows it, e.g. "≤ 5 µs" or "≤ baseline + 5%". */
  label: string;
}

/** One measured figure, compared with the hand-written baseline when there is one. */
export interface Result {
  /** Short and stable: it keys the figure in results.json across runs, e.g. "(a) chain-100 overhead/node". */
  name: string;
  unit: string;
  /** AgentFlow's figure. */
  value: number;
  /** The minimal hand-written executor's figure for the same workload, when measured. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  target?: Target;
  /** Whether `value` meets `target`; set by the runner when a target is given. */
  pass?: boolean;
  /** Set instead of a figure when the suite could not run here (e.g. no DATABASE_URL). */
  skipped?: string;
  /** Anything else worth keeping (sample counts, spreads, settings). */
  details?: Record<string, number | string | boolean>;
}

export interface SuiteOptions {
  /**
   * 'full' for `npm run bench`; 'smoke' runs every benchmark at a tiny size (a 5-node chain, 10 executions) so
   * tests can check that the suite works without timing anything.
   */
  size: 'full' | 'smoke';
}

export interface BenchSuite {
  name: string;
  description?: string;
  run(options?: SuiteOptions): Promise<Result[]>;
}

/** Fills in `ratio` and `pass` from the figures. */
export function finishResult(result: Result): Result {
  const out = { ...result };
  if (out.baseline !== undefined && out.baseline !== 0 && out.ratio === undefined)
    out.ratio = out.value / out.baseline;
  if (out.target && out.skipped === undefined)
    out.pass = out.target.op === '<=' ? out.value <= out.target.value : out.value >= out.target.value;
  return out;
}
