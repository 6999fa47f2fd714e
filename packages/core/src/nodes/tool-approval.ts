import {
  AgentFlowError,
  type Issue,
  type ToolApprovalPolicy,
  type ToolCallApproval,
} from '@agentflow/protocol';
import { z } from 'zod';
import type { ToolHost } from '../ports/tool-host.js';
import type { RequiresApproval } from './define.js';

/**
 * Tool approval: a tool call the policy marks waits for a person before it runs. The node pauses durably with
 * the exact call (`ToolApprovalRequest`, the waiting step's `output.approval`); the person answers through the
 * approvals API with an `ApprovalDecision`, and the node runs again from its recorded state: the approved call
 * runs once with its idempotency key, a rejected one does not run at all.
 */

/** The exact call waiting for approval, as the approvals API shows it. */
export interface ToolApprovalRequest {
  kind: 'tool_call';
  tool: string;
  args: unknown;
  /** The key the call runs with once approved (side-effecting tools pass it on). */
  idempotencyKey: string;
  /** The model's id of the call (agent nodes). */
  toolCallId?: string;
}

/** What a waiting tool-approval step keeps as its output: the call, and what the node needs to continue. */
export interface ToolApprovalState<R = unknown> {
  approval: ToolApprovalRequest;
  resume?: R;
}

/** The payload that answers a tool approval. */
export const ApprovalDecision = z.strictObject({
  approved: z.boolean(),
  /** Why (shown to the model as the tool's error when rejected). */
  reason: z.string().max(2000).optional(),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** `validateResume` of nodes that wait for tool approvals: the payload must be `{approved: boolean, reason?}`. */
export function checkDecision(payload: unknown): Issue[] {
  const parsed = ApprovalDecision.safeParse(payload);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    code: 'AF_INVALID_RESUME_PAYLOAD',
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
}

/**
 * Whether calling `tool` with `input` waits for a person: the node's setting, then each policy in order (the
 * workflow's, then the workspace default): a per-tool entry wins, else the first `mode` given (default
 * `side-effects`: whatever the tool host says changes something).
 */
export async function approvalRequired(
  policies: readonly (ToolApprovalPolicy | undefined)[],
  tools: ToolHost,
  tool: string,
  input: unknown,
  nodeSetting?: RequiresApproval,
): Promise<boolean> {
  if (typeof nodeSetting === 'boolean') return nodeSetting;
  const own = nodeSetting && Object.hasOwn(nodeSetting, tool) ? nodeSetting[tool] : undefined;
  if (typeof own === 'boolean') return own;
  for (const p of policies) {
    const v = p?.tools && Object.hasOwn(p.tools, tool) ? p.tools[tool] : undefined;
    if (typeof v === 'boolean') return v;
  }
  let mode: ToolApprovalPolicy['mode'];
  for (const p of policies) mode ??= p?.mode;
  if (mode === 'all') return true;
  if (mode === 'none') return false;
  if (tools.sideEffect) return tools.sideEffect(tool, input);
  const [spec] = await tools.list([tool]);
  return spec?.sideEffect ?? false;
}

/** What the step's tool call record keeps of a person's answer. */
export function approvalOf(decision: ApprovalDecision): ToolCallApproval {
  return decision.reason === undefined
    ? { approved: decision.approved }
    : { approved: decision.approved, reason: decision.reason };
}

/** The decision of a resumed tool approval (validated when it was given, checked again here). */
export function decisionOf(payload: unknown): ApprovalDecision {
  const parsed = ApprovalDecision.safeParse(payload);
  if (!parsed.success)
    throw new AgentFlowError('AF_INVALID_RESUME_PAYLOAD', 'a tool approval needs {approved: boolean}');
  return parsed.data;
}

/** The error of a rejected call: what the model sees as the tool's result, and what a tool node fails with. */
export function rejectedError(request: ToolApprovalRequest, decision: ApprovalDecision): AgentFlowError {
  const why = decision.reason ? `: ${decision.reason}` : '';
  return new AgentFlowError('AF_TOOL_REJECTED', `the call of ${request.tool} was rejected by a human${why}`, {
    details: { tool: request.tool },
  });
}

/** The paused state of a node waiting for approval of `request`, in the shape the approvals API reads. */
export function approvalState<R>(request: ToolApprovalRequest, resume?: R): ToolApprovalState<R> {
  return resume === undefined ? { approval: request } : { approval: request, resume };
}

/** The state a resumed node paused with, if it is a tool approval (anything else: AF_INTERNAL). */
export function approvalStateOf<R>(state: unknown): ToolApprovalState<R> {
  const approval = (state as { approval?: ToolApprovalRequest } | null)?.approval;
  if (approval?.kind !== 'tool_call' || typeof approval.tool !== 'string')
    throw new AgentFlowError('AF_INTERNAL', 'the paused state is not a tool approval');
  return state as ToolApprovalState<R>;
}
