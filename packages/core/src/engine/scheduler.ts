import { AgentFlowError, type ErrorInfo } from '@agentflow/protocol';
import { evaluateCondition } from '../expr/cel.js';
import type { CompiledEdge, CompiledGraph } from '../graph/compiled.js';

export enum NodeState {
  Idle = 0,
  Ready = 1,
  Running = 2,
  Done = 3,
  Skipped = 4,
  Failed = 5,
  Waiting = 6,
}

enum EdgeState {
  Pending = 0,
  Delivered = 1,
  Skipped = 2,
}

/** What one transition produced: messages sent, nodes skipped (dead paths), nodes made ready. */
export interface Transition {
  delivered: CompiledEdge[];
  payloads: unknown[];
  skipped: number[];
  ready: number[];
}

/**
 * The scheduler's state machine, with no I/O and no clocks: given the same sequence of completions it reaches
 * the same state, which is how `resume` rebuilds an execution from its committed steps.
 *
 * Readiness: a node is ready when every incoming connection except back edges is resolved (delivered or
 * skipped) and at least one delivered; if all were skipped it is skipped too (dead-path elimination). A back
 * edge re-enters its loop: the component's inner connections reset and the target runs again. Skips along
 * connections that leave a loop wait until the loop is quiescent, since a later iteration may still deliver.
 */
export class Scheduler {
  readonly status: Uint8Array;
  readonly activations: Int32Array;
  readonly outputs: unknown[];
  private readonly edgeState: Uint8Array;
  private readonly payload: unknown[];
  private readonly pending: Int32Array;
  private readonly deliveredIn: Int32Array;
  private readonly sccLive: Int32Array;
  private readonly deferred: number[][];
  private decisions = new Uint8Array(8);

  constructor(private readonly graph: CompiledGraph) {
    const n = graph.nodes.length;
    this.status = new Uint8Array(n);
    this.activations = new Int32Array(n);
    this.outputs = new Array(n);
    this.edgeState = new Uint8Array(graph.edges.length);
    this.payload = new Array(graph.edges.length);
    this.pending = new Int32Array(n);
    this.deliveredIn = new Int32Array(n);
    for (const node of graph.nodes) this.pending[node.index] = node.forwardIn;
    this.sccLive = new Int32Array(graph.sccs.length);
    this.deferred = graph.sccs.map(() => []);
  }

  /** Activates the entry nodes. */
  start(t: Transition): void {
    for (const i of this.graph.entries) this.activate(i, t);
  }

  /** Iteration of the node's current (latest) activation. */
  iteration(i: number): number {
    return this.activations[i]! - 1;
  }

  markRunning(i: number): void {
    this.status[i] = NodeState.Running;
  }

  markWaiting(i: number): void {
    this.status[i] = NodeState.Waiting;
  }

  /** A waiting node given its payload runs again (same activation: a paused node with a state). */
  markReady(i: number): void {
    this.status[i] = NodeState.Ready;
  }

  /** The node's input: the single upstream payload, or payloads keyed by source id. */
  inputOf(i: number, workflowInput: unknown): { input: unknown; inputs: Record<string, unknown> } {
    const node = this.graph.nodes[i]!;
    if (node.in.length === 0) return { input: workflowInput, inputs: {} };
    const inputs: Record<string, unknown> = {};
    let single: unknown;
    for (const e of node.in) {
      if (this.edgeState[e] !== EdgeState.Delivered) continue;
      const edge = this.graph.edges[e]!;
      single = this.payload[e];
      inputs[this.graph.nodes[edge.source]!.id] = single;
    }
    return { input: node.keyedInput ? inputs : single, inputs };
  }

  /**
   * A node finished with `output`. Decides each outgoing connection (route, condition) and applies the effects.
   * Throws AF_EXPRESSION_ERROR if a condition fails to evaluate; the state is then unchanged.
   */
  complete(
    i: number,
    output: unknown,
    route: string | undefined,
    workflowInput: unknown,
    t: Transition,
  ): void {
    const node = this.graph.nodes[i]!;
    // Scratch space reused across completions (complete() never re-enters itself).
    if (this.decisions.length < node.out.length) this.decisions = new Uint8Array(node.out.length * 2);
    const decisions = this.decisions;
    let loops = false;
    for (let k = 0; k < node.out.length; k++) {
      const edge = this.graph.edges[node.out[k]!]!;
      let deliver = !edge.onError && (edge.handle === undefined || edge.handle === route);
      if (deliver && edge.condition) {
        deliver = evaluateCondition(edge.condition, { output, input: workflowInput });
      }
      decisions[k] = deliver ? 1 : 0;
      if (deliver && edge.back) loops = true;
    }
    this.settle(i, NodeState.Done, output);
    for (let k = 0; k < node.out.length; k++) {
      const edge = this.graph.edges[node.out[k]!]!;
      if (decisions[k]) this.deliver(edge, output, t);
      else this.skipEdge(edge, t, loops);
    }
    this.finishLoops(node.scc, t);
  }

  /** A node failed and has onError connections: they carry `{ error, input }`; the others are skipped. */
  fail(i: number, error: ErrorInfo, input: unknown, t: Transition): void {
    const node = this.graph.nodes[i]!;
    this.settle(i, NodeState.Failed, undefined);
    const payload = { error, input };
    for (const e of node.out) {
      const edge = this.graph.edges[e]!;
      if (edge.onError) this.deliver(edge, payload, t);
      else this.skipEdge(edge, t, false);
    }
    this.finishLoops(node.scc, t);
  }

  /** The execution's output: the output node's (null if it did not run), or outputs keyed by node id. */
  executionOutput(): unknown {
    const outs = this.graph.outputs;
    if (outs.length === 1) {
      const i = outs[0]!;
      return this.status[i] === NodeState.Done ? this.outputs[i] : null;
    }
    const result: Record<string, unknown> = {};
    for (const i of outs)
      if (this.status[i] === NodeState.Done) result[this.graph.nodes[i]!.id] = this.outputs[i];
    return result;
  }

  /** True while any node is ready, running or waiting. */
  loopLive(scc: number): boolean {
    return this.sccLive[scc]! > 0;
  }

  private settle(i: number, state: NodeState, output: unknown): void {
    this.status[i] = state;
    this.outputs[i] = output;
    const scc = this.graph.nodes[i]!.scc;
    if (scc >= 0) this.sccLive[scc]!--;
  }

  private activate(i: number, t: Transition): void {
    const node = this.graph.nodes[i]!;
    if (node.scc >= 0 && this.activations[i]! >= this.graph.sccBounds[node.scc]!) {
      throw new AgentFlowError(
        'AF_LOOP_LIMIT',
        `agent "${node.id}" would run more than ${this.graph.sccBounds[node.scc]!} times in its loop`,
      );
    }
    this.status[i] = NodeState.Ready;
    this.activations[i]!++;
    if (node.scc >= 0) this.sccLive[node.scc]!++;
    t.ready.push(i);
  }

  private deliver(edge: CompiledEdge, output: unknown, t: Transition): void {
    t.delivered.push(edge);
    t.payloads.push(output);
    if (edge.back) {
      this.reenter(edge, output, t);
      return;
    }
    if (this.edgeState[edge.index] !== EdgeState.Pending) return; // a later iteration re-delivering outside its loop
    this.edgeState[edge.index] = EdgeState.Delivered;
    this.payload[edge.index] = output;
    this.deliveredIn[edge.target]!++;
    this.resolved(edge.target, t);
  }

  private skipEdge(edge: CompiledEdge, t: Transition, loopContinues: boolean): void {
    if (edge.back || this.edgeState[edge.index] !== EdgeState.Pending) return;
    if (edge.exits) {
      const scc = this.graph.nodes[edge.source]!.scc;
      if (loopContinues || this.sccLive[scc]! > 0) {
        this.deferred[scc]!.push(edge.index);
        return;
      }
    }
    this.edgeState[edge.index] = EdgeState.Skipped;
    this.resolved(edge.target, t);
  }

  private resolved(target: number, t: Transition): void {
    if (--this.pending[target]! > 0 || this.status[target] !== NodeState.Idle) return;
    if (this.deliveredIn[target]! > 0) {
      this.activate(target, t);
      return;
    }
    // Dead path: every input was skipped.
    const node = this.graph.nodes[target]!;
    this.status[target] = NodeState.Skipped;
    t.skipped.push(target);
    for (const e of node.out) this.skipEdge(this.graph.edges[e]!, t, false);
    this.finishLoops(node.scc, t);
  }

  /** Back edge delivered: reset the loop's inner connections and run the target again. */
  private reenter(edge: CompiledEdge, output: unknown, t: Transition): void {
    const scc = this.graph.nodes[edge.target]!.scc;
    const members = this.graph.sccs[scc]!;
    for (const m of members) {
      const node = this.graph.nodes[m]!;
      for (const e of node.in) {
        const inner = this.graph.nodes[this.graph.edges[e]!.source]!.scc === scc;
        if (inner) this.edgeState[e] = EdgeState.Pending;
      }
    }
    for (const m of members) {
      const st = this.status[m];
      if (st === NodeState.Running || st === NodeState.Ready || st === NodeState.Waiting) continue;
      const node = this.graph.nodes[m]!;
      let pending = 0;
      let delivered = 0;
      for (const e of node.in) {
        const ed = this.graph.edges[e]!;
        if (ed.back) continue;
        if (this.edgeState[e] === EdgeState.Pending) pending++;
        else if (this.edgeState[e] === EdgeState.Delivered) delivered++;
      }
      this.pending[m] = pending;
      this.deliveredIn[m] = delivered;
      this.status[m] = NodeState.Idle;
    }
    this.edgeState[edge.index] = EdgeState.Delivered;
    this.payload[edge.index] = output;
    this.activate(edge.target, t);
  }

  /** When a loop has nothing ready, running or waiting, its deferred exit skips become final. */
  private finishLoops(scc: number, t: Transition): void {
    if (scc < 0 || this.sccLive[scc]! > 0) return;
    const deferred = this.deferred[scc]!;
    if (deferred.length === 0) return;
    this.deferred[scc] = [];
    for (const e of deferred) this.skipEdge(this.graph.edges[e]!, t, false);
  }
}

export function newTransition(): Transition {
  return { delivered: [], payloads: [], skipped: [], ready: [] };
}

/**
 * Empties a transition for reuse (one per execution for its completions). A used list is replaced, not truncated:
 * setting `length` is a runtime call in V8, slower than a new empty array.
 */
export function clearTransition(t: Transition): Transition {
  if (t.delivered.length > 0) t.delivered = [];
  if (t.payloads.length > 0) t.payloads = [];
  if (t.skipped.length > 0) t.skipped = [];
  if (t.ready.length > 0) t.ready = [];
  return t;
}
