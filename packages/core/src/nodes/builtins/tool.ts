import { fromErrorInfo } from '@agentflow/protocol';
import { z } from 'zod';
import type { CompiledExpression } from '../../expr/cel.js';
import { defineNodeType } from '../define.js';

/**
 * Calls one tool of the ToolHost. Its arguments are the node's input, or `args`: a CEL expression over `input`.
 * A tool error fails the step (so retry policies and onError connections apply).
 */
export const toolNode = defineNodeType({
  type: 'tool',
  category: 'tool',
  description: 'Calls one tool with the input (or a CEL mapping of it) and outputs its result.',
  sideEffect: true,
  configSchema: z.strictObject({ tool: z.string().min(1).max(128), args: z.string().min(1).optional() }),
  compile: (config, h): CompiledExpression | undefined =>
    config.args ? h.expression(config.args, 'args') : undefined,
  async run({ input, config, prepared, context }) {
    const args = prepared ? prepared.evaluate({ input, workflowInput: context.workflowInput }) : input;
    const result = await context.tools.call(config.tool, args, {
      signal: context.signal,
      idempotencyKey: context.idempotencyKey,
      logger: context.logger,
      executionId: context.executionId,
      workflowId: context.workflowId,
      ...(context.workspaceId !== undefined ? { workspaceId: context.workspaceId } : {}),
    });
    if (!result.ok) throw fromErrorInfo(result.error);
    return result.output;
  },
});
