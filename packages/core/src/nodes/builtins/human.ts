import { z } from 'zod';
import { defineNodeType, PauseSignal } from '../define.js';
import { compileSchemaOption, type JsonSchemaCheck } from '../json-schema.js';

/**
 * Pauses the execution durably until someone supplies a payload (through `engine.approve`, the API or the UI),
 * days later if need be. The payload, checked against `schema`, becomes the node's output.
 */
export const humanNode = defineNodeType({
  type: 'human',
  category: 'human',
  description: 'Pauses until a person supplies a payload (checked against an optional JSON Schema).',
  configSchema: z.strictObject({
    prompt: z.string().max(10_000).optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
  }),
  compile: (config, h): JsonSchemaCheck | undefined =>
    compileSchemaOption(config.schema, h, 'AF_INVALID_RESUME_PAYLOAD'),
  validateResume: (payload, _config, check) => check?.(payload) ?? [],
  run({ config }) {
    throw new PauseSignal(config.prompt);
  },
});
