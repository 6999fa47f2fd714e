/**
 * What a new execution starts from: its input checked against the entry nodes' input schemas, and its record
 * (`running` when started here, `queued` for a worker to take up) with the pinned definition, the entry nodes
 * ready and no usage yet.
 */
import {
  AgentFlowError,
  type ExecutionRecord,
  emptyUsage,
  type Issue,
  type ValueLimits,
} from '@agentflow/protocol';
import type { CompiledGraph } from '../graph/compiled.js';
import { randomId } from '../util/ids.js';
import type { RunOptions } from './api.js';
import { checkInputValue } from './value-checks.js';

/**
 * Throws AF_INVALID_INPUT with every entry node's issues when `input` does not fit them, and AF_INVALID_INPUT or
 * AF_INPUT_TOO_LARGE when it cannot be stored (`ValueLimits`).
 */
export function checkInput(graph: CompiledGraph, input: unknown, limits: ValueLimits): void {
  checkInputValue(input, limits);
  const issues: Issue[] = [];
  for (const i of graph.entries) {
    const node = graph.nodes[i]!;
    const found = node.def.validateInput?.(input, node.config, node.prepared) ?? [];
    for (const issue of found) issues.push(issue);
  }
  if (issues.length > 0)
    throw new AgentFlowError('AF_INVALID_INPUT', 'the input does not match the workflow', { issues });
}

/** A new execution's record: `running` (started here) or `queued` (for a worker to take up). */
export function newExecutionRecord(
  graph: CompiledGraph,
  input: unknown,
  opts: RunOptions,
  status: 'running' | 'queued',
  now: number,
): ExecutionRecord {
  const wf = graph.workflow;
  const record: ExecutionRecord = {
    id: opts.executionId ?? randomId(),
    workflowId: opts.workflowId ?? wf.id ?? wf.name,
    workflowVersion: wf.version ?? 1,
    workflow: wf,
    status,
    input,
    createdAt: now,
    // In the literal, so every started record has one shape; a queued one starts when a worker takes it up.
    startedAt: now,
    ready: graph.entries.map((i) => graph.nodes[i]!.id),
    waiting: [],
    stepCount: 0,
    usage: emptyUsage(),
  };
  if (status === 'queued') delete record.startedAt;
  const workspaceId = opts.workspaceId ?? wf.workspaceId;
  if (workspaceId !== undefined) record.workspaceId = workspaceId;
  if (opts.parentExecutionId !== undefined) record.parentExecutionId = opts.parentExecutionId;
  if (opts.forkedFrom !== undefined) record.forkedFrom = { executionId: opts.forkedFrom.executionId };
  return record;
}
