import { z } from 'zod';
import type { CompiledExpression } from '../../expr/cel.js';
import { defineNodeType } from '../define.js';

/**
 * Maps its input with CEL: either one `expression`, or a `mapping` of output keys to expressions. Variables:
 * `input` (the node's input), `inputs` (keyed by source), `workflowInput`.
 */
export const transformNode = defineNodeType({
  type: 'transform',
  category: 'data',
  description: 'Maps the input with a CEL expression, or builds an object from a mapping of CEL expressions.',
  configSchema: z
    .object({
      expression: z.string().min(1).optional(),
      mapping: z.record(z.string(), z.string().min(1)).optional(),
    })
    .refine((c) => (c.expression === undefined) !== (c.mapping === undefined), {
      message: 'set exactly one of expression or mapping',
    }),
  compile(config, h): { one?: CompiledExpression; many?: [string, CompiledExpression][] } {
    if (config.expression !== undefined) return { one: h.expression(config.expression, 'expression') };
    const many: [string, CompiledExpression][] = [];
    for (const [key, source] of Object.entries(config.mapping ?? {})) {
      const expr = h.expression(source, `mapping[${JSON.stringify(key)}]`);
      if (expr) many.push([key, expr]);
    }
    return { many };
  },
  run({ input, inputs, prepared, context }) {
    const vars = { input, inputs, workflowInput: context.workflowInput };
    if (prepared.one) return prepared.one.evaluate(vars);
    const out: Record<string, unknown> = {};
    for (const [key, expr] of prepared.many ?? []) out[key] = expr.evaluate(vars);
    return out;
  },
});
