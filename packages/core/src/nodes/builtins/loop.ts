import { AgentFlowError, WorkflowGraph } from '@agentflow/protocol';
import { z } from 'zod';
import { type CompiledExpression, evaluateCondition } from '../../expr/cel.js';
import { compiledNested } from '../../graph/compile.js';
import { defineNodeType, type NestedGraph } from '../define.js';

const Body = z.lazy(() => WorkflowGraph.partial({ connections: true, config: true }));

interface Prepared {
  body: NestedGraph | undefined;
  items: CompiledExpression | undefined;
  until: CompiledExpression | undefined;
}

/**
 * Runs a nested workflow (`body`) repeatedly, each run a durable child execution:
 * - `mode: 'map'`: once per item of a list (`items`, CEL over `input`; default `input` itself), at most
 *   `concurrency` at once; the output is the list of body outputs in item order.
 * - `mode: 'until'`: feeds each body output into the next run until the CEL `until` (over `output`,
 *   `iteration`, `input`) holds or `maxIterations` runs happened; the output is the last body output.
 */
export const loopNode = defineNodeType({
  type: 'loop',
  category: 'control',
  description:
    'Maps a nested workflow over a list (bounded concurrency) or repeats it until a condition holds.',
  configSchema: z.strictObject({
    mode: z.enum(['map', 'until']).default('map'),
    body: z.record(z.string(), z.unknown()),
    items: z.string().min(1).optional(),
    concurrency: z.number().int().min(1).max(64).default(4),
    until: z.string().min(1).optional(),
    maxIterations: z.number().int().min(1).max(10_000).default(100),
    maxItems: z.number().int().min(1).max(100_000).default(1000),
  }),
  compile(config, h): Prepared {
    const shape = Body.safeParse(config.body);
    if (!shape.success) {
      h.issue('body', 'must be a workflow graph with agents and connections');
    }
    if (config.mode === 'until' && config.until === undefined)
      h.issue('until', 'required when mode is "until"');
    return {
      body: shape.success ? h.graph(config.body, 'body') : undefined,
      items: config.items ? h.expression(config.items, 'items') : undefined,
      until: config.until ? h.expression(config.until, 'until') : undefined,
    };
  },
  async run({ input, config, prepared, context }) {
    const body = prepared.body && compiledNested(prepared.body) ? prepared.body.workflow : undefined;
    if (!body) throw new AgentFlowError('AF_INTERNAL', 'loop body was not compiled');
    if (config.mode === 'until') {
      let current = input;
      for (let i = 0; i < config.maxIterations; i++) {
        current = await context.runChild({ key: String(i), workflow: body, input: current });
        if (evaluateCondition(prepared.until!, { output: current, iteration: i, input })) break;
      }
      return current;
    }
    const list = prepared.items
      ? prepared.items.evaluate({ input, workflowInput: context.workflowInput })
      : input;
    if (!Array.isArray(list)) {
      throw new AgentFlowError(
        'AF_NODE_FAILED',
        `loop items must be a list, got ${list === null ? 'null' : typeof list}`,
      );
    }
    if (list.length > config.maxItems) {
      throw new AgentFlowError(
        'AF_LIMIT_EXCEEDED',
        `loop has ${list.length} items, more than maxItems ${config.maxItems}`,
      );
    }
    const results = new Array<unknown>(list.length);
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const index = next++;
        results[index] = await context.runChild({ key: String(index), workflow: body, input: list[index] });
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, list.length) }, worker));
    return results;
  },
});
