/**
 * A node paused by a spend limit (AF_BUDGET_EXCEEDED with `details.onExceed: 'pause'`, thrown by the runtime's
 * budget guard before a model call). Its `waiting` step keeps `{budgetExceeded, resumed?}`: the refusal's
 * details, and what the node was resuming from when it was refused (a tool approval's state and decision), so
 * a resume continues from there. Any payload resumes it (the node type's `validateResume` is not asked: the
 * decision is "the limit was raised", not the node's); the node then runs again, and its next model call is
 * checked against the limit as it is now, so it pauses again if the limit was not raised enough.
 */
import type { AgentFlowError } from '@agentflow/protocol';
import type { ResumedNode } from '../nodes/define.js';

export interface BudgetPauseState {
  budgetExceeded: Record<string, unknown>;
  resumed?: ResumedNode;
}

export function budgetPauseState(error: AgentFlowError, resumed: ResumedNode | undefined): BudgetPauseState {
  return {
    budgetExceeded: { message: error.message, ...error.details },
    ...(resumed ? { resumed } : {}),
  };
}

export function isBudgetPause(state: unknown): state is BudgetPauseState {
  return typeof state === 'object' && state !== null && 'budgetExceeded' in state;
}
