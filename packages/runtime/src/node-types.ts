import type { AnyNodeType, Engine } from '@agentflow/core';
import { z } from 'zod';

/** A registered node type as the API and the UI list it. */
export interface NodeTypeInfo {
  type: string;
  category: string | null;
  description: string;
  /** The config as JSON Schema (input form: fields with defaults are optional). */
  configSchema: Record<string, unknown>;
}

/** The registered node types, with their config JSON Schemas. */
export function createNodeTypeService(engine: Engine) {
  const cache = new WeakMap<AnyNodeType, NodeTypeInfo>();
  return {
    list(): NodeTypeInfo[] {
      return engine.nodeTypes().map((t) => {
        let info = cache.get(t);
        if (!info) {
          info = {
            type: t.type,
            category: t.category ?? null,
            description: t.description ?? '',
            configSchema: configJsonSchema(t),
          };
          cache.set(t, info);
        }
        return info;
      });
    },
  };
}

export type NodeTypeService = ReturnType<typeof createNodeTypeService>;

function configJsonSchema(nodeType: AnyNodeType): Record<string, unknown> {
  try {
    const out = z.toJSONSchema(nodeType.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    const { $schema: _drop, ...rest } = out;
    return rest;
  } catch {
    // Refinements and transforms JSON Schema cannot express: accept any object.
    return { type: 'object' };
  }
}
