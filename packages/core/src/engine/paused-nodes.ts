import type { StepRecord } from '@agentflow/protocol';
import type { CompiledNode } from '../graph/compiled.js';
import type { ResumedNode } from '../nodes/define.js';
import { isBudgetPause } from './budget-pause.js';
import type { Outcome, StepRecords } from './step-records.js';

type Paused = Extract<Outcome, { kind: 'pause' }>;

/**
 * Nodes of one execution that paused with a state (a tool call waiting for approval), and those given their
 * payload, which run again from that state. Made only when such a pause happens or is replayed: a run without
 * one never creates it.
 *
 * Records: the pause is a `waiting` step whose `output` is the state (with its usage so far); the payload is a
 * `resumed` step whose `input` is the payload, committed with the node back in the ready set. Replaying both
 * rebuilds this, so a resume in another process (a worker after `recordApproval`) runs the node from its state.
 */
export class PausedNodes {
  private readonly states = new Map<number, unknown>();
  private readonly resumes = new Map<number, ResumedNode>();

  /** The node paused with `state` (live or replayed). */
  paused(node: number, state: unknown): void {
    this.states.set(node, state);
    this.resumes.delete(node);
  }

  hasState(node: number): boolean {
    return this.states.has(node);
  }

  /** The node waits for a spend limit to be raised (any payload resumes it). */
  budgetPaused(node: number): boolean {
    return isBudgetPause(this.states.get(node));
  }

  /**
   * The node was given `payload`: its next run continues from its state with it. A budget pause continues from
   * what the node was resuming when it was refused (nothing: a fresh run).
   */
  resume(node: number, payload: unknown): void {
    const state = this.states.get(node);
    this.states.delete(node);
    if (isBudgetPause(state)) {
      if (state.resumed) this.resumes.set(node, state.resumed);
      else this.resumes.delete(node);
      return;
    }
    this.resumes.set(node, { state, payload });
  }

  /** What the node's next run resumes from, once (undefined for a fresh run). */
  take(node: number): ResumedNode | undefined {
    const resumed = this.resumes.get(node);
    if (resumed) this.resumes.delete(node);
    return resumed;
  }

  /** The `waiting` record of a pause with a state: unique per pause (a node may pause again after a resume). */
  pausedStep(
    records: StepRecords,
    node: CompiledNode,
    iteration: number,
    outcome: Paused,
    now: number,
  ): StepRecord {
    const id = `${outcome.stepId}:waiting:${records.seq}`;
    const step = records.step(node, id, iteration, 'waiting', outcome.startedAt, now, 1, outcome.input);
    step.output = outcome.state;
    const x = outcome.extras;
    if (x?.usage) step.usage = x.usage;
    if (x?.modelCalls) step.modelCalls = x.modelCalls;
    if (x?.toolCalls) step.toolCalls = x.toolCalls.records;
    this.paused(node.index, outcome.state);
    return step;
  }

  /** The `resumed` record of `payload` given to the node (`stepId`: the node's current step id). */
  resumedStep(
    records: StepRecords,
    node: CompiledNode,
    stepId: string,
    iteration: number,
    payload: unknown,
    now: number,
  ): StepRecord {
    const id = `${stepId}:resumed:${records.seq}`;
    this.resume(node.index, payload);
    return records.step(node, id, iteration, 'resumed', now, now, 1, payload);
  }
}
