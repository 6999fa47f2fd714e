import { AgentFlowError, isTerminal } from '@agentflow/protocol';
import type { CompiledGraph } from '../graph/compiled.js';
import { ExecutionRun } from './execution-run.js';
import { checkGivenPayload, waitingNode } from './payload.js';
import type { RunHost } from './types.js';

/** Throws unless `agentId` of the run waits for a payload and `payload` is valid for it. */
export function checkApproval(run: ExecutionRun, agentId: string, payload: unknown): void {
  const node = waitingNode(run, agentId);
  if (!node)
    throw new AgentFlowError('AF_NOT_RESUMABLE', `agent "${agentId}" of ${run.id} is not waiting for input`);
  checkGivenPayload(run, node, payload);
}

export interface ApprovalDeps {
  host: RunHost;
  leaseTtlMs: number;
  compile(workflow: unknown): CompiledGraph;
  /** The run of this execution in progress in this engine, if any. */
  live(executionId: string): ExecutionRun | undefined;
  /** Executions whose approval this engine is recording (its lease would not keep a second one out). */
  recording: Set<string>;
}

/**
 * `engine.recordApproval`: validates the payload, then commits the human node's step exactly as a run given the
 * payload would (the same commit: step, skipped dead paths, messages, ready and waiting sets), launches nothing,
 * and leaves the execution `queued` without a lease, for a worker's `resume` to run its successors. Under the
 * execution's lease, taken before the history is read, and one at a time per engine (a lease does not keep its
 * own owner out): of two approvals of one node only one is recorded.
 */
export async function recordApproval(
  deps: ApprovalDeps,
  executionId: string,
  agentId: string,
  payload: unknown,
): Promise<void> {
  const running = deps.live(executionId);
  if (running) {
    // This engine runs it: the run takes the payload (validated here) and goes on, as with `approve`.
    running.provide(agentId, payload);
    return;
  }
  const conflict = () =>
    new AgentFlowError(
      'AF_CONFLICT',
      `execution ${executionId} is held by another approval or a worker running it; try again`,
    );
  if (deps.recording.has(executionId)) throw conflict();
  deps.recording.add(executionId);
  try {
    await recordUnderLease(deps, executionId, agentId, payload, conflict);
  } finally {
    deps.recording.delete(executionId);
  }
}

async function recordUnderLease(
  deps: ApprovalDeps,
  executionId: string,
  agentId: string,
  payload: unknown,
  conflict: () => AgentFlowError,
): Promise<void> {
  const { store, ownerId } = deps.host;
  const before = await store.getExecution(executionId);
  if (!before) throw new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
  if (isTerminal(before.status))
    throw new AgentFlowError('AF_NOT_RESUMABLE', `execution ${executionId} already ${before.status}`);
  if (!(await store.acquireLease(executionId, ownerId, deps.leaseTtlMs))) throw conflict();
  try {
    // Read under the lease: an approval recorded before it is in this history.
    const record = await store.getExecution(executionId);
    if (!record || isTerminal(record.status))
      throw new AgentFlowError('AF_NOT_RESUMABLE', `execution ${executionId} already ${record?.status}`);
    const run = new ExecutionRun(deps.host, deps.compile(record.workflow), record);
    run.begin(await store.listSteps(executionId));
    checkApproval(run, agentId, payload);
    // Queued before the commit, as `resume` marks it running first: should this process die in between, a
    // worker resumes it, and it pauses again at the node still waiting.
    if (!(await store.updateExecution(executionId, { status: 'queued' })))
      throw new AgentFlowError('AF_NOT_RESUMABLE', `execution ${executionId} ended meanwhile`);
    // A failed commit is thrown by `hold`; the run's own promise needs no handler then.
    run.done.catch(() => {});
    await run.hold(agentId, payload);
  } finally {
    await store.releaseLease(executionId, ownerId);
  }
}
