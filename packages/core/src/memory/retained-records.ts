import type { MessageRecord, StepRecord } from '@agentflow/protocol';
import { stepIdOf } from '../engine/step-records.js';

/**
 * How the in-memory store keeps the steps and messages of a finished execution (issue 15 item 5): in columns,
 * one array per field, instead of one object per record. Retained executions are most of what an embedding
 * process keeps (1,000 of them by default), and every record object is copied by the young-generation GC and
 * then marked by each full GC while it is kept. As objects, a step of a zero-work chain cost ~152 bytes (a
 * 112-byte object and a 16-byte box for each timestamp) and its message ~104; as columns, 80 and 48 (timestamps
 * are unboxed in an array of doubles, the execution id is not repeated), and there are a few arrays per
 * execution instead of two objects per node. A step id (and a message's) that is the usual
 * `${executionId}:${agentId}:${iteration}` is not kept either (~64 bytes a step): it is built again on read.
 *
 * Reads rebuild records equal to the ones committed, as new objects with the fields in the order the engine
 * writes them (a step's `output` only when it had one; `input` and a message's fields always, as the engine
 * writes them: a field the committer left out comes back as undefined, the same value as JSON). A step with a
 * field beyond the common ones (usage, error, route, model or tool calls, attempts, a fork's `reusedFrom`)
 * makes its execution's steps stay as given.
 */

/**
 * Below this many steps an execution's records stay as given (trimmed): a column is an array with its own
 * headers, so a few records gain little from them and the arrays would only be more to allocate.
 */
const MIN_COLUMNS = 16;

/**
 * Whether a step has only the common fields: one with any extra (usage, error, route, fallback, attempts, model
 * or tool calls, a fork's `reusedFrom`) keeps its execution's list as given. Property reads, not a walk over the
 * keys: this runs for every step of every execution that finishes.
 */
function isPlainStep(s: StepRecord, executionId: string): boolean {
  return (
    s.executionId === executionId &&
    s.error === undefined &&
    s.route === undefined &&
    s.fallbackUsed === undefined &&
    s.usage === undefined &&
    s.attempts === undefined &&
    s.modelCalls === undefined &&
    s.toolCalls === undefined &&
    s.reusedFrom === undefined
  );
}

/** A finished execution's steps, by column. */
export class RetainedSteps {
  /** The id, or undefined for the usual one (`stepIdOf`). */
  private readonly id: (string | undefined)[];
  private readonly agentId: string[];
  /** iteration, seq and attempt, three per step (small integers). */
  private readonly counters: number[];
  private readonly status: StepRecord['status'][];
  private readonly input: unknown[];
  /** The output of a step with an `output` field; `NO_OUTPUT` for one without. */
  private readonly output: unknown[];
  /** startedAt and completedAt, two per step. */
  private readonly times: number[];

  private constructor(
    private readonly executionId: string,
    n: number,
  ) {
    this.id = new Array(n);
    this.agentId = new Array(n);
    this.counters = new Array(3 * n);
    this.status = new Array(n);
    this.input = new Array(n);
    this.output = new Array(n);
    this.times = new Array(2 * n);
  }

  /** The columns of `steps`, or `steps` itself when one of them has another shape. */
  static of(executionId: string, steps: StepRecord[]): RetainedSteps | StepRecord[] {
    const n = steps.length;
    if (n < MIN_COLUMNS) return steps.slice();
    for (const s of steps) {
      if (!isPlainStep(s, executionId)) return steps.slice();
    }
    const r = new RetainedSteps(executionId, n);
    for (let i = 0; i < n; i++) {
      const s = steps[i]!;
      r.id[i] = s.id === stepIdOf(executionId, s.agentId, s.iteration) ? undefined : s.id;
      r.agentId[i] = s.agentId;
      r.counters[3 * i] = s.iteration;
      r.counters[3 * i + 1] = s.seq;
      r.counters[3 * i + 2] = s.attempt;
      r.status[i] = s.status;
      r.input[i] = s.input;
      r.output[i] = 'output' in s ? s.output : NO_OUTPUT;
      r.times[2 * i] = s.startedAt;
      r.times[2 * i + 1] = s.completedAt;
    }
    return r;
  }

  list(): StepRecord[] {
    const out: StepRecord[] = new Array(this.id.length);
    for (let i = 0; i < out.length; i++) {
      const agentId = this.agentId[i]!;
      const iteration = this.counters[3 * i]!;
      const step: StepRecord = {
        id: this.id[i] ?? stepIdOf(this.executionId, agentId, iteration),
        executionId: this.executionId,
        agentId,
        iteration,
        seq: this.counters[3 * i + 1]!,
        status: this.status[i]!,
        attempt: this.counters[3 * i + 2]!,
        input: this.input[i],
        startedAt: this.times[2 * i]!,
        completedAt: this.times[2 * i + 1]!,
      };
      if (this.output[i] !== NO_OUTPUT) step.output = this.output[i];
      out[i] = step;
    }
    return out;
  }
}

const NO_OUTPUT = Symbol('no output');

/** A finished execution's messages, by column. */
export class RetainedMessages {
  private readonly connectionId: string[];
  private readonly fromAgentId: string[];
  private readonly toAgentId: string[];
  /** The sending step's id, or undefined for the usual one of its first iteration. */
  private readonly stepId: (string | undefined)[];
  private readonly payload: unknown[];
  private readonly at: number[];

  private constructor(
    private readonly executionId: string,
    n: number,
  ) {
    this.connectionId = new Array(n);
    this.fromAgentId = new Array(n);
    this.toAgentId = new Array(n);
    this.stepId = new Array(n);
    this.payload = new Array(n);
    this.at = new Array(n);
  }

  /** The columns of `messages`, or `messages` itself when one of them has another shape. */
  static of(executionId: string, messages: MessageRecord[]): RetainedMessages | MessageRecord[] {
    const n = messages.length;
    if (n < MIN_COLUMNS) return messages.slice();
    for (const m of messages) {
      if (m.executionId !== executionId) return messages.slice();
    }
    const r = new RetainedMessages(executionId, n);
    for (let i = 0; i < n; i++) {
      const m = messages[i]!;
      r.connectionId[i] = m.connectionId;
      r.fromAgentId[i] = m.fromAgentId;
      r.toAgentId[i] = m.toAgentId;
      r.stepId[i] = m.stepId === stepIdOf(executionId, m.fromAgentId, 0) ? undefined : m.stepId;
      r.payload[i] = m.payload;
      r.at[i] = m.at;
    }
    return r;
  }

  list(): MessageRecord[] {
    const out: MessageRecord[] = new Array(this.at.length);
    for (let i = 0; i < out.length; i++) {
      const fromAgentId = this.fromAgentId[i]!;
      out[i] = {
        executionId: this.executionId,
        connectionId: this.connectionId[i]!,
        fromAgentId,
        toAgentId: this.toAgentId[i]!,
        stepId: this.stepId[i] ?? stepIdOf(this.executionId, fromAgentId, 0),
        payload: this.payload[i],
        at: this.at[i]!,
      };
    }
    return out;
  }
}
