import type { Agent, RetryPolicy, Workflow } from '@agentflow/protocol';
import type { CompiledExpression } from '../expr/cel.js';
import type { AnyNodeType } from '../nodes/define.js';

export interface CompiledNode {
  readonly index: number;
  readonly id: string;
  readonly agent: Agent;
  readonly def: AnyNodeType;
  readonly config: unknown;
  readonly prepared: unknown;
  /** Incoming edge indexes (all kinds). */
  readonly in: readonly number[];
  /** Outgoing edge indexes (all kinds). */
  readonly out: readonly number[];
  /** Incoming edges that gate readiness (every incoming edge but back edges). */
  readonly forwardIn: number;
  /** True when the node has more than one distinct source: its input is then keyed by source id. */
  readonly keyedInput: boolean;
  /** Index of the node's strongly connected component, or -1 when it is on no cycle. */
  readonly scc: number;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number | undefined;
  readonly hasFallback: boolean;
  readonly hasErrorEdge: boolean;
}

export interface CompiledEdge {
  readonly index: number;
  readonly id: string;
  readonly source: number;
  readonly target: number;
  readonly condition: CompiledExpression | undefined;
  readonly handle: string | undefined;
  readonly onError: boolean;
  /** Closes a cycle (found by depth-first search from the entry nodes): it re-enters a loop. */
  readonly back: boolean;
  /** Leaves a cycle: source on a cycle, target outside it. Skips along it wait until the loop is done. */
  readonly exits: boolean;
}

/** A validated workflow, ready to run. Immutable; one compiled graph serves any number of executions. */
export interface CompiledGraph {
  readonly workflow: Workflow;
  readonly nodes: readonly CompiledNode[];
  readonly edges: readonly CompiledEdge[];
  readonly byId: ReadonlyMap<string, CompiledNode>;
  /** Nodes with no incoming connection; they receive the execution input. */
  readonly entries: readonly number[];
  /** Members of each cycle component. */
  readonly sccs: readonly (readonly number[])[];
  /** Max activations of any node in each component (from the bounding router's maxIterations). */
  readonly sccBounds: readonly number[];
  /** Nodes whose outputs form the execution output: `output` nodes, or else the sinks. */
  readonly outputs: readonly number[];
}
