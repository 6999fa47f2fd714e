import { fromErrorInfo, type ToolCallApproval, toErrorInfo } from '@agentflow/protocol';
import { z } from 'zod';
import type { CompiledExpression } from '../../expr/cel.js';
import { defineNodeType, PauseSignal } from '../define.js';
import {
  approvalOf,
  approvalState,
  approvalStateOf,
  checkDecision,
  decisionOf,
  rejectedError,
} from '../tool-approval.js';

/**
 * Calls one tool of the ToolHost. Its arguments are the node's input, or `args`: a CEL expression over `input`.
 * A tool error fails the step (so retry policies and onError connections apply). A call the approval policy marks
 * (`requiresApproval`, else the workflow's and workspace's policy) pauses the node with the exact call; approved,
 * it runs with those arguments, rejected, the step fails with AF_TOOL_REJECTED.
 */
export const toolNode = defineNodeType({
  type: 'tool',
  category: 'tool',
  description: 'Calls one tool with the input (or a CEL mapping of it) and outputs its result.',
  sideEffect: true,
  configSchema: z.strictObject({
    tool: z.string().min(1).max(128),
    args: z.string().min(1).optional(),
    /** Whether the call waits for a person. (Default: the workflow's, then the workspace's policy) */
    requiresApproval: z.boolean().optional(),
  }),
  compile: (config, h): CompiledExpression | undefined =>
    config.args ? h.expression(config.args, 'args') : undefined,
  validateResume: (payload) => checkDecision(payload),
  async run({ input, config, prepared, context }) {
    let args: unknown;
    // The step's tool call record (StepRecord.toolCalls) is folded from these events.
    const toolCallId = context.stepId;
    const toolName = config.tool;
    let answer: ToolCallApproval | undefined;
    if (context.resumed) {
      // The exact call a person saw: approved, it runs as recorded.
      const { approval } = approvalStateOf(context.resumed.state);
      const decision = decisionOf(context.resumed.payload);
      answer = approvalOf(decision);
      if (!decision.approved) {
        const error = rejectedError(approval, decision);
        const output = { error: toErrorInfo(error) };
        context.emit({ type: 'step.tool_result', toolName, toolCallId, ok: false, output, approval: answer });
        throw error;
      }
      args = approval.args;
    } else {
      args = prepared ? prepared.evaluate({ input, workflowInput: context.workflowInput }) : input;
      if (await context.approvalRequired(config.tool, args, config.requiresApproval)) {
        const request = {
          kind: 'tool_call' as const,
          tool: config.tool,
          args,
          idempotencyKey: context.idempotencyKey,
        };
        throw new PauseSignal(`approve the call of ${config.tool}`, approvalState(request));
      }
    }
    context.emit({ type: 'step.tool_call', toolName, toolCallId, input: args });
    const result = await context.tools.call(config.tool, args, {
      signal: context.signal,
      idempotencyKey: context.idempotencyKey,
      logger: context.logger,
      executionId: context.executionId,
      workflowId: context.workflowId,
      ...(context.workspaceId !== undefined ? { workspaceId: context.workspaceId } : {}),
    });
    const output = result.ok ? result.output : { error: result.error };
    context.emit({
      type: 'step.tool_result',
      toolName,
      toolCallId,
      ok: result.ok,
      output,
      ...(answer ? { approval: answer } : {}),
    });
    if (!result.ok) throw fromErrorInfo(result.error);
    return result.output;
  },
});
