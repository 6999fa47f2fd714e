import { AgentFlowError } from '@agentflow/protocol';
import { z } from 'zod';
import { type CompiledExpression, evaluateCondition } from '../../expr/cel.js';
import { defineNodeType } from '../define.js';

const Route = z.strictObject({ name: z.string().min(1).max(64), when: z.string().min(1) });

/**
 * Picks the first route whose CEL `when` holds (variables: `input`, `inputs`, `workflowInput`, `iteration`)
 * and passes its input on; connections whose `sourceHandle` names the route deliver. With `maxIterations` it
 * bounds a feedback loop: on its last allowed iteration it takes `exhaustedRoute` (or `default`).
 */
export const routerNode = defineNodeType({
  type: 'router',
  category: 'control',
  description:
    'Routes its input to the first matching named route; bounds feedback loops with maxIterations.',
  configSchema: z.strictObject({
    routes: z.array(Route).max(64).default([]),
    default: z.string().min(1).max(64).optional(),
    maxIterations: z.number().int().min(1).max(1000).optional(),
    exhaustedRoute: z.string().min(1).max(64).optional(),
  }),
  compile(config, h): (CompiledExpression | undefined)[] {
    return config.routes.map((r, i) => h.expression(r.when, `routes[${i}].when`));
  },
  loopBound: (config) => config.maxIterations,
  run({ input, inputs, config, prepared, context }) {
    const exhausted = config.maxIterations !== undefined && context.iteration + 1 >= config.maxIterations;
    let route: string | undefined;
    if (exhausted) route = config.exhaustedRoute ?? config.default;
    if (route === undefined) {
      const vars = { input, inputs, workflowInput: context.workflowInput, iteration: context.iteration };
      for (let i = 0; i < config.routes.length; i++) {
        if (evaluateCondition(prepared[i]!, vars)) {
          route = config.routes[i]!.name;
          break;
        }
      }
    }
    route ??= config.default;
    if (route === undefined)
      throw new AgentFlowError('AF_NODE_FAILED', 'no route matched and no default is set');
    context.setRoute(route);
    return input;
  },
});
