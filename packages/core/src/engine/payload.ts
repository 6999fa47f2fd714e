/**
 * Payloads given to an execution's waiting nodes (`approve`, `resume` with approvals, `recordApproval`): which
 * node may take one, the payload's check, and what it becomes. A human node settles as if it had returned its
 * payload; a node paused with a state (a tool approval, a budget pause) is ready again with a `resumed` record.
 * Cold code, once per payload: `ExecutionRun.provide` commits what `takeInput` decides.
 */
import { AgentFlowError, formatIssues, type StepRecord } from '@agentflow/protocol';
import type { CompiledGraph, CompiledNode } from '../graph/compiled.js';
import type { PausedNodes } from './paused-nodes.js';
import { NodeState, type Scheduler } from './scheduler.js';
import { type Outcome, type StepRecords, stepIdOf } from './step-records.js';
import type { RunHost } from './types.js';
import { checkPayloadValue } from './value-checks.js';

/** What a payload reads and changes of its run (an `ExecutionRun`). */
export interface InputTarget {
  readonly id: string;
  readonly host: RunHost;
  readonly graph: CompiledGraph;
  readonly sched: Scheduler;
  readonly records: StepRecords;
  /** The run's nodes paused with a state, if any paused so. */
  readonly paused: PausedNodes | undefined;
}

/** What a payload given to a waiting node becomes (`node`: its index). */
export type TakenInput =
  | { kind: 'resumed'; node: number; step: StepRecord }
  | { kind: 'approved'; node: number; outcome: Outcome };

/**
 * Checks a payload given to a waiting node: it can be stored (`ValueLimits`), and, unless the node waits on a
 * spend limit (which takes any payload), it fits the node's schema. Throws AF_INVALID_RESUME_PAYLOAD.
 */
export function checkGivenPayload(run: InputTarget, node: CompiledNode, payload: unknown): void {
  checkPayloadValue(payload, run.host.valueLimits, node.id);
  if (!run.paused?.budgetPaused(node.index)) checkPayload(node, payload);
}

/** Checks a human node's payload against its schema: AF_INVALID_RESUME_PAYLOAD listing every issue's path. */
export function checkPayload(node: CompiledNode, payload: unknown): void {
  const issues = node.def.validateResume?.(payload, node.config, node.prepared) ?? [];
  if (issues.length > 0) {
    throw new AgentFlowError(
      'AF_INVALID_RESUME_PAYLOAD',
      `payload for "${node.id}" is invalid:\n${formatIssues(issues)}`,
      { issues },
    );
  }
}

/** What a human node's step settles with once given its payload: as if it ran and returned the payload. */
export function approvedOutcome(stepId: string, payload: unknown, now: number): Outcome {
  return {
    kind: 'ok',
    stepId,
    output: payload,
    input: undefined,
    attempt: 1,
    startedAt: now,
    extras: { route: undefined, usage: undefined, modelCalls: undefined, logs: undefined },
  };
}

/** The node `agentId` of the run, if it waits for input. */
export function waitingNode(run: InputTarget, agentId: string): CompiledNode | undefined {
  const node = run.graph.byId.get(agentId);
  return node !== undefined && run.sched.status[node.index] === NodeState.Waiting ? node : undefined;
}

/**
 * Takes `payload` for the waiting node `agentId` once it passed the node's check (a budget pause takes any
 * payload): a node paused with a state is marked ready and gets its `resumed` record (to commit with the node back
 * in the ready set); a human node gets the outcome it settles with.
 */
export function takeInput(run: InputTarget, agentId: string, payload: unknown): TakenInput {
  const node = waitingNode(run, agentId);
  if (!node) throw new AgentFlowError('AF_NOT_RESUMABLE', `agent "${agentId}" is not waiting for input`);
  const i = node.index;
  const paused = run.paused;
  checkGivenPayload(run, node, payload);
  const iteration = run.sched.iteration(i);
  const stepId = stepIdOf(run.id, node.id, iteration);
  const now = run.host.clock.now();
  if (paused?.hasState(i)) {
    run.sched.markReady(i);
    const step = paused.resumedStep(run.records, node, stepId, iteration, payload, now);
    return { kind: 'resumed', node: i, step };
  }
  return { kind: 'approved', node: i, outcome: approvedOutcome(stepId, payload, now) };
}
