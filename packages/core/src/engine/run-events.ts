import type {
  ErrorInfo,
  ExecutionRecord,
  MessageRecord,
  NodeEmittable,
  StepRecord,
} from '@agentflow/protocol';
import type { CompiledNode } from '../graph/compiled.js';
import type { RunHost, RunResult } from './types.js';

type Emitted = Parameters<RunHost['emit']>[0];

/**
 * Builds one execution's events and numbers them (`seq`, increasing within the run). Callers check
 * `host.listening` first on hot paths, so an engine nobody listens to builds no event objects.
 */
export class RunEvents {
  private seq = 0;

  constructor(
    private readonly host: RunHost,
    private readonly record: ExecutionRecord,
  ) {}

  step(node: CompiledNode, stepId: string, iteration: number, event: NodeEmittable | object): void {
    const base = {
      executionId: this.record.id,
      at: this.host.clock.now(),
      seq: this.seq++,
      stepId,
      agentId: node.id,
      iteration,
    };
    // Not `{ ...base, ...event }`: an object literal with two spreads takes V8's slow generic path.
    this.host.emit(Object.assign(base, event) as Emitted);
  }

  /** `step.started` at `at` (the attempt's start), one literal: it is emitted for every attempt. */
  started(node: CompiledNode, stepId: string, iteration: number, attempt: number, at: number): void {
    this.host.emit({
      executionId: this.record.id,
      at,
      seq: this.seq++,
      stepId,
      agentId: node.id,
      iteration,
      type: 'step.started',
      attempt,
      nodeType: node.def.type,
    });
  }

  /** After a commit is durable: its messages, then its steps (completed, skipped, waiting). */
  committed(steps: readonly StepRecord[], messages: readonly MessageRecord[]): void {
    const at = this.host.clock.now();
    // Literals with every field named (no spreads): one per message and step of every commit.
    for (const m of messages) {
      this.host.emit({
        type: 'message',
        executionId: m.executionId,
        connectionId: m.connectionId,
        fromAgentId: m.fromAgentId,
        toAgentId: m.toAgentId,
        stepId: m.stepId,
        payload: m.payload,
        at,
        seq: this.seq++,
      });
    }
    for (const s of steps) {
      if (s.status === 'succeeded') {
        const event: Extract<Emitted, { type: 'step.completed' }> = {
          type: 'step.completed',
          executionId: this.record.id,
          at,
          seq: this.seq++,
          stepId: s.id,
          agentId: s.agentId,
          iteration: s.iteration,
          output: s.output,
          durationMs: s.completedAt - s.startedAt,
        };
        if (s.usage) event.usage = s.usage;
        if (s.route !== undefined) event.route = s.route;
        this.host.emit(event);
      } else if (s.status === 'skipped' || s.status === 'waiting') {
        this.host.emit({
          type: s.status === 'skipped' ? 'step.skipped' : 'step.waiting',
          executionId: this.record.id,
          at,
          seq: this.seq++,
          stepId: s.id,
          agentId: s.agentId,
          iteration: s.iteration,
        });
      }
    }
  }

  executionStarted(resumed: boolean): void {
    const base = { executionId: this.record.id, at: this.host.clock.now(), seq: this.seq++ };
    if (resumed) {
      this.host.emit({ type: 'execution.resumed', ...base, workflowId: this.record.workflowId });
      return;
    }
    this.host.emit({
      type: 'execution.started',
      ...base,
      workflowId: this.record.workflowId,
      input: this.record.input,
      ...(this.record.parentExecutionId ? { parentExecutionId: this.record.parentExecutionId } : {}),
    });
  }

  finished(result: RunResult, waiting: string[]): void {
    const base = { executionId: this.record.id, at: this.host.clock.now(), seq: this.seq++ };
    if (result.status === 'paused') {
      this.host.emit({ type: 'execution.paused', ...base, waiting });
      return;
    }
    this.host.emit({
      type: 'execution.completed',
      ...base,
      status: result.status as 'succeeded' | 'failed' | 'cancelled',
      ...(result.output !== undefined ? { output: result.output } : {}),
      ...(result.error ? { error: result.error } : {}),
      durationMs: result.durationMs,
      usage: result.usage,
    });
  }
}

/**
 * `execution.completed` of an execution that ended where no run of it was going on (failed when taken up too
 * often, cancelled while queued or paused), for the engine's listeners as a run's end would be. `seq` starts
 * again, as it does when a run resumes (the event hub numbers its streams itself).
 */
export function endedOutsideRun(
  record: ExecutionRecord,
  status: 'failed' | 'cancelled',
  error: ErrorInfo,
  at: number,
): Emitted {
  return {
    type: 'execution.completed',
    executionId: record.id,
    at,
    seq: 0,
    status,
    error,
    durationMs: record.startedAt === undefined ? 0 : at - record.startedAt,
    usage: record.usage,
  };
}
