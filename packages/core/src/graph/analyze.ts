/**
 * Graph analysis over adjacency lists: reachability, back edges (by depth-first search from the entries) and
 * strongly connected components (Tarjan, iterative so deep graphs cannot overflow the stack).
 */
export function reachableFrom(
  entries: readonly number[],
  adjacency: readonly (readonly number[])[],
): Uint8Array {
  const seen = new Uint8Array(adjacency.length);
  const stack = [...entries];
  for (const e of entries) seen[e] = 1;
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const m of adjacency[n]!) {
      if (!seen[m]) {
        seen[m] = 1;
        stack.push(m);
      }
    }
  }
  return seen;
}

/** Returns, per node, the indexes into its adjacency list that are back edges. */
export function findBackEdges(
  entries: readonly number[],
  adjacency: readonly (readonly number[])[],
): Set<string> {
  const n = adjacency.length;
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Set<string>();
  for (const root of entries) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, i] = top;
      const next = adjacency[node]![i];
      if (next === undefined) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      if (state[next] === 1) back.add(`${node}:${i}`);
      else if (state[next] === 0) {
        state[next] = 1;
        stack.push([next, 0]);
      }
    }
  }
  return back;
}

/** Tarjan's algorithm. Returns component index per node (-1 for nodes on no cycle) and the cyclic components. */
export function cyclicComponents(adjacency: readonly (readonly number[])[]): {
  component: Int32Array;
  components: number[][];
} {
  const n = adjacency.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const component = new Int32Array(n).fill(-1);
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const succ = adjacency[v]!;
      if (i < succ.length) {
        frame[1] = i + 1;
        const w = succ[i]!;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          members.push(w);
        } while (w !== v);
        const selfLoop = members.length === 1 && succ.includes(v);
        if (members.length > 1 || selfLoop) {
          for (const m of members) component[m] = components.length;
          components.push(members.sort((a, b) => a - b));
        }
      }
    }
  }
  return { component, components };
}
