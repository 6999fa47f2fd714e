import { type ToolCallApproval, toErrorInfo } from '@agentflow/protocol';
import type { ChatMessage, ToolCall } from '../../ports/model-provider.js';
import { type NodeContext, PauseSignal, type RequiresApproval } from '../define.js';
import {
  type ApprovalDecision,
  approvalOf,
  approvalState,
  rejectedError,
  type ToolApprovalRequest,
} from '../tool-approval.js';

/** What a paused agent keeps (the waiting step's `output.resume`) to continue without calling the model again. */
export interface AgentResume {
  /** The conversation through the assistant message whose tool calls are running. */
  messages: ChatMessage[];
  /** The model call (turn) that asked for the tools. */
  step: number;
  /** Results of that turn's calls so far, by call index (null: not run yet). */
  results: (ChatMessage | null)[];
  /** The call waiting for approval. */
  pending: number;
}

/** A decision for one call of the turn (the call the agent paused on). */
interface Decided {
  index: number;
  request: ToolApprovalRequest;
  decision: ApprovalDecision;
}

/**
 * Runs one turn's tool calls. Calls the policy lets through run first, side by side; then the approved call (on a
 * resume) runs with its recorded arguments and idempotency key, or a rejected one becomes an AF_TOOL_REJECTED tool
 * error for the model; then the first call still needing approval pauses the node with the conversation so far
 * (`AgentResume`): no side effect happens before a person says yes.
 */
export async function runTurn(
  context: NodeContext,
  setting: RequiresApproval | undefined,
  messages: ChatMessage[],
  step: number,
  calls: readonly ToolCall[],
  results: (ChatMessage | null)[],
  decided?: Decided,
): Promise<ChatMessage[]> {
  const open = (k: number) => results[k] == null && k !== decided?.index;
  const needs = await Promise.all(
    calls.map((c, k) => (open(k) ? context.approvalRequired(c.name, c.input, setting) : false)),
  );
  await Promise.all(
    calls.map(async (c, k) => {
      if (open(k) && !needs[k]) results[k] = await callTool(context, c, keyOf(context, step, k), c.input);
    }),
  );
  if (decided) {
    const { index, request, decision } = decided;
    const call = calls[index]!;
    const approval = approvalOf(decision);
    results[index] = decision.approved
      ? await callTool(context, call, request.idempotencyKey, request.args, approval)
      : rejection(context, call, rejectedError(request, decision), approval);
  }
  for (let k = 0; k < calls.length; k++) {
    if (!needs[k] || results[k] != null) continue;
    const call = calls[k]!;
    const request: ToolApprovalRequest = {
      kind: 'tool_call',
      tool: call.name,
      args: call.input,
      idempotencyKey: keyOf(context, step, k),
      toolCallId: call.id,
    };
    const resume: AgentResume = { messages, step, results, pending: k };
    throw new PauseSignal(`approve the call of ${call.name}`, approvalState(request, resume));
  }
  return results as ChatMessage[];
}

/** The key of a call is stable across retries and resumes of this step (model call ids are not). */
function keyOf(context: NodeContext, step: number, k: number): string {
  return `${context.idempotencyKey}:${step}.${k}`;
}

async function callTool(
  context: NodeContext,
  call: ToolCall,
  idempotencyKey: string,
  input: unknown,
  approval?: ToolCallApproval,
): Promise<ChatMessage> {
  const { id, name } = call;
  context.emit({ type: 'step.tool_call', toolName: name, toolCallId: id, input });
  const result = await context.tools.call(name, input, {
    signal: context.signal,
    idempotencyKey,
    logger: context.logger,
    executionId: context.executionId,
    workflowId: context.workflowId,
    ...(context.workspaceId !== undefined ? { workspaceId: context.workspaceId } : {}),
    toolCallId: id,
  });
  if (!result.ok) {
    // Returned to the model, which may recover: a warning, not the step's failure.
    const { code, message } = result.error;
    context.logger.warn(`tool ${name} failed (${code}: ${message})`, { tool: name, code });
  }
  const output = result.ok ? result.output : { error: result.error };
  context.emit({
    type: 'step.tool_result',
    toolName: name,
    toolCallId: id,
    ok: result.ok,
    output,
    ...(approval ? { approval } : {}),
  });
  return { role: 'tool', toolCallId: id, toolName: name, content: output, isError: !result.ok };
}

function rejection(
  context: NodeContext,
  call: ToolCall,
  error: Error,
  approval: ToolCallApproval,
): ChatMessage {
  const output = { error: toErrorInfo(error) };
  const { name: toolName, id: toolCallId } = call;
  context.emit({ type: 'step.tool_result', toolName, toolCallId, ok: false, output, approval });
  return { role: 'tool', toolCallId: call.id, toolName: call.name, content: output, isError: true };
}
