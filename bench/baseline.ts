/**
 * The yardstick: a minimal hand-written DAG executor. A ready set over the same graph shape, each node launched
 * as soon as its last predecessor finished, Promises only: no validation, no persistence, no events, no
 * retries. What AgentFlow does beyond this is its overhead.
 */

/** What a node does with its input: the single upstream output, or outputs keyed by source id. */
export type BaselineFn = (input: unknown) => unknown;

export interface BaselineGraph {
  ids: string[];
  fns: BaselineFn[];
  /** [source, target] node indexes. */
  edges: ReadonlyArray<readonly [number, number]>;
}

export interface PreparedBaseline {
  ids: string[];
  fns: BaselineFn[];
  preds: number[][];
  succ: number[][];
  entries: number[];
  sinks: number[];
}

/** Builds adjacency once, as an engine compiles a workflow once. */
export function prepareBaseline(graph: BaselineGraph): PreparedBaseline {
  const n = graph.fns.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const [s, t] of graph.edges) {
    succ[s]!.push(t);
    preds[t]!.push(s);
  }
  const all = [...Array(n).keys()];
  return {
    ids: graph.ids,
    fns: graph.fns,
    preds,
    succ,
    entries: all.filter((i) => preds[i]!.length === 0),
    sinks: all.filter((i) => succ[i]!.length === 0),
  };
}

/** Runs the graph once; resolves with the sink's output (outputs keyed by id if there are several sinks). */
export function runBaseline(g: PreparedBaseline, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const pending = g.preds.map((p) => p.length);
    const outputs: unknown[] = new Array(g.fns.length);
    let remaining = g.fns.length;
    const launch = (i: number): void => {
      const preds = g.preds[i]!;
      let arg: unknown = input;
      if (preds.length === 1) arg = outputs[preds[0]!];
      else if (preds.length > 1) {
        const keyed: Record<string, unknown> = {};
        for (const s of preds) keyed[g.ids[s]!] = outputs[s];
        arg = keyed;
      }
      Promise.resolve(g.fns[i]!(arg)).then((out) => {
        outputs[i] = out;
        for (const t of g.succ[i]!) if (--pending[t]! === 0) launch(t);
        if (--remaining > 0) return;
        if (g.sinks.length === 1) resolve(outputs[g.sinks[0]!]);
        else resolve(Object.fromEntries(g.sinks.map((s) => [g.ids[s]!, outputs[s]])));
      }, reject);
    };
    for (const e of g.entries) launch(e);
  });
}
