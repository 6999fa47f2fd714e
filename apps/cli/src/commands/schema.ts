import { createEngine } from '@agentflow/core';
import { EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { workflowSchemaWithNodeTypes } from '../workflow-schema.js';

/** `agentflow schema`: the workflow format's JSON Schema, with each node type's config schema. */
export function schemaCommand(io: CliIo): number {
  const schema = workflowSchemaWithNodeTypes(createEngine().nodeTypes());
  io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}
