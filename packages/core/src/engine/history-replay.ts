/**
 * Resuming an execution from its committed steps: each stored step is re-applied to the scheduler in commit order
 * (no node runs), rebuilding which nodes are done, waiting, paused with a state or ready, and the step sequence.
 * A step that does not fit the workflow's state (another graph, a missing node, a wrong iteration) stops the
 * resume with AF_INTERNAL.
 */
import { AgentFlowError, type ExecutionRecord, type StepRecord } from '@agentflow/protocol';
import type { CompiledGraph } from '../graph/compiled.js';
import type { PausedNodes } from './paused-nodes.js';
import { NodeState, newTransition, type Scheduler } from './scheduler.js';
import type { StepRecords } from './step-records.js';

/** What replaying reads and changes of its run (an `ExecutionRun`). */
export interface ReplayTarget {
  readonly id: string;
  /** The execution (its `input` is what the scheduler's completions take). */
  readonly record: ExecutionRecord;
  readonly graph: CompiledGraph;
  readonly sched: Scheduler;
  readonly records: StepRecords;
  /** The run's paused nodes, made on first use. */
  pausedNodes(): PausedNodes;
}

/**
 * Re-applies one committed step to rebuild the scheduler's state. Returns true when the step counts as one taken
 * (it succeeded or failed), toward the workflow's `maxSteps`.
 */
export function replayStep(run: ReplayTarget, step: StepRecord): boolean {
  const { graph, sched, records } = run;
  if (step.seq >= records.seq) records.seq = step.seq + 1;
  if (step.status === 'skipped' || step.status === 'cancelled') return false;
  const node = graph.byId.get(step.agentId);
  const st = node ? sched.status[node.index] : undefined;
  if (
    !node ||
    (st !== NodeState.Ready && st !== NodeState.Waiting) ||
    sched.iteration(node.index) !== step.iteration
  ) {
    throw new AgentFlowError(
      'AF_INTERNAL',
      `execution ${run.id}: step ${step.id} does not match the workflow's state`,
    );
  }
  const t = newTransition();
  if (step.status === 'waiting') {
    sched.markWaiting(node.index);
    if (step.output != null) run.pausedNodes().paused(node.index, step.output);
    return false;
  }
  if (step.status === 'resumed') {
    sched.markReady(node.index);
    run.pausedNodes().resume(node.index, step.input);
    return false;
  }
  if (step.status === 'succeeded') sched.complete(node.index, step.output, step.route, run.record.input, t);
  else sched.fail(node.index, step.error!, step.input, t);
  return true;
}
