import { AgentFlowError } from '@agentflow/protocol';
import { z } from 'zod';
import type { CompiledExpression } from '../../expr/cel.js';
import { defineNodeType, type NestedGraph } from '../define.js';

/**
 * Runs another workflow as a durable child execution: an inline `workflow`, or a stored one by `workflowId`.
 * `input` is an optional CEL expression over `input` mapping what the child receives.
 */
export const subworkflowNode = defineNodeType({
  type: 'subworkflow',
  category: 'control',
  description: 'Runs another workflow (inline or stored, by id) as a child execution and returns its output.',
  configSchema: z
    .object({
      workflowId: z.string().min(1).max(64).optional(),
      workflow: z.record(z.string(), z.unknown()).optional(),
      input: z.string().min(1).optional(),
    })
    .refine((c) => (c.workflowId === undefined) !== (c.workflow === undefined), {
      message: 'set exactly one of workflowId or workflow',
    }),
  compile(config, h): { inline: NestedGraph | undefined; input: CompiledExpression | undefined } {
    return {
      inline: config.workflow ? h.graph(config.workflow, 'workflow') : undefined,
      input: config.input ? h.expression(config.input, 'input') : undefined,
    };
  },
  async run({ input, config, prepared, context }) {
    const workflow = prepared.inline?.workflow ?? (await context.resolveWorkflow(config.workflowId!));
    if (!workflow) throw new AgentFlowError('AF_NOT_FOUND', `workflow "${config.workflowId}" not found`);
    const childInput = prepared.input
      ? prepared.input.evaluate({ input, workflowInput: context.workflowInput })
      : input;
    return context.runChild({ key: 'run', workflow, input: childInput });
  },
});
