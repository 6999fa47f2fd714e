import { AgentFlowError, formatIssues } from '@agentflow/protocol';
import type { CompiledNode } from '../graph/compiled.js';
import type { Outcome } from './step-records.js';

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
