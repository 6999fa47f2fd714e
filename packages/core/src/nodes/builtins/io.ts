import { z } from 'zod';
import type { CompiledExpression } from '../../expr/cel.js';
import { defineNodeType } from '../define.js';
import { compileSchemaOption, type JsonSchemaCheck } from '../json-schema.js';

/** Entry node: passes the execution input on, after checking it against an optional JSON Schema. */
export const inputNode = defineNodeType({
  type: 'input',
  category: 'io',
  description: "Receives the execution's input; optionally checks it against a JSON Schema.",
  configSchema: z.strictObject({ schema: z.record(z.string(), z.unknown()).optional() }),
  compile: (config, h): JsonSchemaCheck | undefined =>
    compileSchemaOption(config.schema, h, 'AF_INVALID_INPUT'),
  validateInput: (input, _config, check) => check?.(input) ?? [],
  run: ({ input }) => input,
});

/** Marks the execution's output; `value` is an optional CEL expression over `input`. */
export const outputNode = defineNodeType({
  type: 'output',
  category: 'io',
  description: "Marks the execution's output; optionally maps it with a CEL expression over `input`.",
  configSchema: z.strictObject({ value: z.string().min(1).optional() }),
  compile: (config, h): CompiledExpression | undefined =>
    config.value ? h.expression(config.value, 'value') : undefined,
  run: ({ input, prepared, context }) =>
    prepared ? prepared.evaluate({ input, workflowInput: context.workflowInput }) : input,
});

/** Waits `ms` milliseconds (honouring cancellation), then passes its input on. */
export const delayNode = defineNodeType({
  type: 'delay',
  category: 'control',
  description: 'Waits for a number of milliseconds, then passes its input on.',
  configSchema: z.strictObject({ ms: z.number().int().min(0).max(86_400_000) }),
  async run({ input, config, context }) {
    await context.clock.sleep(config.ms, context.signal);
    return input;
  },
});
