import type { AnyNodeType } from '@agentflow/core';
import { workflowJsonSchema } from '@agentflow/protocol';
import { z } from 'zod';

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema of the workflow format, enriched with the config schema of every given node type: each agent
 * gets `allOf: [{ if: { type: const T }, then: { config: <T's config schema> } }, ...]`, so editors check
 * configs too, and `type` lists the known node types.
 */
export function workflowSchemaWithNodeTypes(nodeTypes: readonly AnyNodeType[]): JsonObject {
  const schema = workflowJsonSchema();
  const agent = agentItemsOf(schema);
  if (!agent) return schema;
  const properties = (agent.properties ?? {}) as JsonObject;
  const typeProperty = (properties.type ?? {}) as JsonObject;
  properties.type = {
    ...typeProperty,
    description: `Node type. Registered: ${nodeTypes.map((t) => t.type).join(', ')}.`,
    examples: nodeTypes.map((t) => t.type),
  };
  agent.properties = properties;
  agent.allOf = nodeTypes.map((t) => ({
    if: { properties: { type: { const: t.type } }, required: ['type'] },
    // biome-ignore lint/suspicious/noThenProperty: `if`/`then` is JSON Schema, never awaited.
    then: { properties: { config: configSchemaOf(t) } },
  }));
  return schema;
}

/** One node type's config as JSON Schema (input form: fields with defaults are optional). */
export function configSchemaOf(nodeType: AnyNodeType): JsonObject {
  let out: JsonObject;
  try {
    out = z.toJSONSchema(nodeType.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  } catch {
    // A schema JSON Schema cannot express (custom refinements, transforms): accept any object.
    out = { type: 'object' };
  }
  const { $schema: _drop, ...rest } = out;
  return nodeType.description ? { description: nodeType.description, ...rest } : rest;
}

function agentItemsOf(schema: JsonObject): JsonObject | undefined {
  const properties = schema.properties as JsonObject | undefined;
  const agents = properties?.agents as JsonObject | undefined;
  const items = agents?.items;
  return typeof items === 'object' && items !== null ? (items as JsonObject) : undefined;
}
