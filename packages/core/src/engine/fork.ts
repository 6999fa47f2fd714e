import {
  AgentFlowError,
  type ExecutionRecord,
  emptyUsage,
  type MessageRecord,
  type StepRecord,
} from '@agentflow/protocol';
import type { CompiledGraph } from '../graph/compiled.js';
import type { Store } from '../ports/store.js';

/** What `engine.fork` takes. */
export interface ForkOptions {
  /**
   * The node to run again from. Every step of a node not downstream of it (not reachable from it along any
   * connection) is reused; it and everything downstream runs. Absent: a re-run from the start (same input,
   * same pinned definition, nothing reused).
   */
  nodeId?: string;
  /** The fork node's input on its first activation, instead of what its upstream delivered (with `nodeId`). */
  input?: { value: unknown };
  /** Id of the new execution. (Default: a random id) */
  executionId?: string;
}

export interface ForkPlan {
  source: ExecutionRecord;
  /** The reused steps and their messages, renamed into the new execution (`reusedFrom` set). */
  steps: StepRecord[];
  messages: MessageRecord[];
}

/** Nodes reachable from `start` along every connection (back edges included): what a fork runs again. */
export function downstreamOf(graph: CompiledGraph, start: number): Set<number> {
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (const e of graph.nodes[i]!.out) {
      const target = graph.edges[e]!.target;
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}

/**
 * Checks a fork request against its source execution and plans the reused steps. Refused: a source still
 * queued or running (AF_CONFLICT: its steps are not final), an unknown node or one the source never ran
 * (AF_VALIDATION at `nodeId`). A node's predecessors are never downstream of it unless it is in a cycle, so the
 * reused steps are closed under "upstream of": replayed in their order they rebuild a consistent state.
 */
export async function planFork(
  store: Store,
  source: ExecutionRecord,
  graph: CompiledGraph,
  newId: string,
  options: ForkOptions,
): Promise<ForkPlan> {
  if (source.status === 'queued' || source.status === 'running') {
    throw new AgentFlowError(
      'AF_CONFLICT',
      `execution ${source.id} is ${source.status}: re-run or fork it once it has ended or paused`,
    );
  }
  if (options.nodeId === undefined) {
    if (options.input !== undefined) {
      throw new AgentFlowError('AF_VALIDATION', 'an edited input needs the node it is for', {
        issues: [{ code: 'AF_VALIDATION', path: 'nodeId', message: 'required with input' }],
      });
    }
    return { source, steps: [], messages: [] };
  }
  const nodeId = options.nodeId;
  const node = graph.byId.get(nodeId);
  if (!node) {
    throw new AgentFlowError('AF_VALIDATION', `node "${nodeId}" is not in the execution's workflow`, {
      issues: [{ code: 'AF_NOT_FOUND', path: 'nodeId', message: `no node "${nodeId}" in the workflow` }],
    });
  }
  const history = await store.listSteps(source.id);
  if (!history.some((s) => s.agentId === nodeId && s.status !== 'skipped' && s.status !== 'cancelled')) {
    throw new AgentFlowError('AF_VALIDATION', `node "${nodeId}" did not run in execution ${source.id}`, {
      issues: [
        {
          code: 'AF_VALIDATION',
          path: 'nodeId',
          message: `node "${nodeId}" was not reached in execution ${source.id} (not run, or skipped)`,
        },
      ],
    });
  }
  const rerun = downstreamOf(graph, node.index);
  const prefix = `${source.id}:`;
  const rename = (id: string) => (id.startsWith(prefix) ? `${newId}:${id.slice(prefix.length)}` : id);
  const steps: StepRecord[] = [];
  const reusedIds = new Map<string, string>();
  for (const s of history) {
    const n = graph.byId.get(s.agentId);
    if (!n || rerun.has(n.index) || s.status === 'cancelled') continue;
    const id = rename(s.id);
    reusedIds.set(s.id, id);
    steps.push({ ...s, id, executionId: newId, seq: steps.length, reusedFrom: s.reusedFrom ?? s.id });
  }
  const messages: MessageRecord[] = [];
  for (const m of await store.listMessages(source.id)) {
    const stepId = reusedIds.get(m.stepId);
    if (stepId !== undefined) messages.push({ ...m, executionId: newId, stepId });
  }
  return { source, steps, messages };
}

/** The new execution's record: the source's definition and input, started now, with the reused steps counted. */
export function forkRecord(
  plan: ForkPlan,
  newId: string,
  now: number,
  options: ForkOptions,
  entries: string[],
): ExecutionRecord {
  const { source } = plan;
  const forkedFrom: NonNullable<ExecutionRecord['forkedFrom']> = { executionId: source.id };
  if (options.nodeId !== undefined) forkedFrom.nodeId = options.nodeId;
  if (options.input !== undefined) forkedFrom.input = options.input.value;
  const record: ExecutionRecord = {
    id: newId,
    workflowId: source.workflowId,
    workflowVersion: source.workflowVersion,
    workflow: source.workflow,
    status: 'running',
    input: source.input,
    createdAt: now,
    startedAt: now,
    ready: plan.steps.length === 0 ? entries : [],
    waiting: [],
    stepCount: plan.steps.length,
    usage: emptyUsage(),
    forkedFrom,
  };
  if (source.workspaceId !== undefined) record.workspaceId = source.workspaceId;
  return record;
}

/**
 * The input a fork with an edited input (`ForkOptions.input`) gives its node: on the node's first activation in the
 * new execution only (after a resume too), so undefined once `steps` hold a run of it that was not reused.
 */
export function forkedInput(
  record: ExecutionRecord,
  nodeId: string,
  steps: readonly StepRecord[],
): { value: unknown } | undefined {
  const fork = record.forkedFrom;
  if (fork?.nodeId === undefined || !('input' in fork) || nodeId !== fork.nodeId) return undefined;
  const ran = steps.some((s) => s.agentId === fork.nodeId && s.reusedFrom === undefined);
  return ran ? undefined : { value: fork.input };
}

/** Nodes still waiting after the reused steps: those whose last reused record is `waiting`. */
export function waitingOf(steps: readonly StepRecord[], ready: readonly string[]): string[] {
  const last = new Map<string, StepRecord>();
  for (const s of steps) if (s.status !== 'skipped') last.set(s.agentId, s);
  const out: string[] = [];
  for (const [agentId, s] of last) if (s.status === 'waiting' && !ready.includes(agentId)) out.push(agentId);
  return out;
}
