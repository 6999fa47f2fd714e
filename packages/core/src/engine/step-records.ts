import {
  type AttemptRecord,
  type ErrorInfo,
  emptyUsage,
  type MessageRecord,
  type StepRecord,
  type StepStatus,
  type Usage,
} from '@agentflow/protocol';
import type { CompiledGraph, CompiledNode } from '../graph/compiled.js';
import type { Transition } from './scheduler.js';
import type { StepExtras } from './types.js';

/** How one step ended, after its attempts. */
export type Outcome =
  | {
      kind: 'ok';
      stepId: string;
      output: unknown;
      input: unknown;
      attempt: number;
      startedAt: number;
      attempts?: AttemptRecord[];
      extras: StepExtras;
    }
  | {
      kind: 'fail';
      stepId: string;
      error: ErrorInfo;
      input: unknown;
      attempt: number;
      startedAt: number;
      attempts?: AttemptRecord[];
      extras: StepExtras;
    }
  | {
      kind: 'pause';
      stepId: string;
      prompt: string | undefined;
      /** What the node needs to continue (a tool approval); undefined for a human node. */
      state: unknown;
      input: unknown;
      startedAt: number;
      /** What the attempt spent before it paused. */
      extras?: StepExtras;
    }
  | { kind: 'aborted' };

/**
 * `${executionId}:${agentId}:${iteration}`, the step's id and idempotency key. Built with `join`, which makes one
 * flat string; a template literal makes a rope of four pieces (twice the memory), and step and message records
 * keep the id as long as the execution is stored.
 */
export function stepIdOf(executionId: string, agentId: string, iteration: number): string {
  return [executionId, agentId, iteration].join(':');
}

type Finished = Extract<Outcome, { kind: 'ok' | 'fail' }>;

/**
 * Builds one execution's step and message records and numbers the steps (`seq`, commit order). Each kind of
 * record starts as one object literal with every field it always has, so records share hidden classes; the
 * fields few steps have (`error`, `fallbackUsed`, `route`, `usage`, `modelCalls`, `attempts`) are added after,
 * only when present.
 */
export class StepRecords {
  /** The next step's `seq`. */
  seq = 0;

  constructor(private readonly executionId: string) {}

  /** A step that is not `succeeded` (no output): failed, skipped, waiting. */
  step(
    node: CompiledNode,
    id: string,
    iteration: number,
    status: StepStatus,
    startedAt: number,
    completedAt: number,
    attempt: number,
    input: unknown,
  ): StepRecord {
    return {
      id,
      executionId: this.executionId,
      agentId: node.id,
      iteration,
      seq: this.seq++,
      status,
      attempt,
      input,
      startedAt,
      completedAt,
    };
  }

  succeeded(
    node: CompiledNode,
    id: string,
    iteration: number,
    startedAt: number,
    completedAt: number,
    attempt: number,
    input: unknown,
    output: unknown,
  ): StepRecord {
    return {
      id,
      executionId: this.executionId,
      agentId: node.id,
      iteration,
      seq: this.seq++,
      status: 'succeeded',
      attempt,
      input,
      startedAt,
      completedAt,
      output,
    };
  }

  /** A finished step: succeeded, succeeded with its fallback (`fallback` given), or failed. */
  finished(
    node: CompiledNode,
    iteration: number,
    outcome: Finished,
    completedAt: number,
    fallback?: { value: unknown },
  ): StepRecord {
    let step: StepRecord;
    const { stepId, startedAt, attempt, input } = outcome;
    if (outcome.kind === 'ok') {
      step = this.succeeded(node, stepId, iteration, startedAt, completedAt, attempt, input, outcome.output);
    } else if (fallback) {
      step = this.succeeded(node, stepId, iteration, startedAt, completedAt, attempt, input, fallback.value);
      step.error = outcome.error;
      step.fallbackUsed = true;
    } else {
      step = this.step(node, stepId, iteration, 'failed', startedAt, completedAt, attempt, input);
      step.error = outcome.error;
    }
    const x = outcome.extras;
    if (x.route !== undefined) step.route = x.route;
    if (x.usage) step.usage = x.usage;
    if (x.modelCalls) step.modelCalls = x.modelCalls;
    if (x.toolCalls) step.toolCalls = x.toolCalls.records;
    if (outcome.attempts) step.attempts = outcome.attempts;
    return step;
  }

  /** A node skipped because every input was skipped (dead path). */
  skipped(node: CompiledNode, iteration: number, at: number): StepRecord {
    const id = `${stepIdOf(this.executionId, node.id, iteration)}:skipped`;
    return this.step(node, id, iteration, 'skipped', at, at, 0, undefined);
  }

  /** The messages a transition delivered, sent by the step `stepId`. */
  messages(graph: CompiledGraph, t: Transition, stepId: string, at: number): MessageRecord[] {
    const messages: MessageRecord[] = [];
    for (let k = 0; k < t.delivered.length; k++) {
      const edge = t.delivered[k]!;
      messages.push({
        executionId: this.executionId,
        connectionId: edge.id,
        fromAgentId: graph.nodes[edge.source]!.id,
        toAgentId: graph.nodes[edge.target]!.id,
        stepId,
        payload: t.payloads[k],
        at,
      });
    }
    return messages;
  }
}

/** What the steps spent, summed. */
export function totalUsage(steps: readonly StepRecord[]): Usage {
  const u = emptyUsage();
  for (const s of steps) {
    if (!s.usage) continue;
    u.inputTokens += s.usage.inputTokens;
    u.outputTokens += s.usage.outputTokens;
    u.costUsd += s.usage.costUsd;
  }
  return u;
}
