/**
 * A plugin node type, as CONTRIBUTING.md shows it; custom-node-type.test.ts is the test that goes with it.
 */
import { type CompiledExpression, defineNodeType, evaluateCondition } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { z } from 'zod';

export const filterNode = defineNodeType({
  type: 'filter',
  category: 'data',
  description: 'Keeps the items of a list for which a CEL predicate over `item` holds.',
  configSchema: z.object({ keep: z.string().min(1) }),
  // Runs once, at validation: a bad expression is reported with its path (agents[2].config.keep) before
  // anything runs, and the parsed expression is handed to every run as `prepared`.
  compile: (config, h): CompiledExpression | undefined => h.expression(config.keep, 'keep'),
  run({ input, prepared, context }) {
    if (!Array.isArray(input)) throw new AgentFlowError('AF_NODE_FAILED', 'filter expects a list');
    context.logger.debug('filtering', { items: input.length });
    return input.filter((item) =>
      evaluateCondition(prepared!, { item, workflowInput: context.workflowInput }),
    );
  },
});
