import type { ToolSpec } from '../../ports/model-provider.js';
import type { ToolHost } from '../../ports/tool-host.js';

/** A tiny ToolHost for core's own tests: `add` sums a and b; any other name is unknown. */
export function createToolRegistryForTest(): ToolHost {
  const add: ToolSpec = {
    name: 'add',
    description: 'Adds two numbers',
    inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
    sideEffect: false,
  };
  const missing: ToolSpec = {
    name: 'missing_input',
    description: 'Always fails',
    inputSchema: {},
    sideEffect: false,
  };
  return {
    async list(names) {
      return [add, missing].filter((t) => !names || names.includes(t.name));
    },
    async call(name, input) {
      if (name === 'add') {
        const { a, b } = input as { a: number; b: number };
        return { ok: true, output: a + b };
      }
      return { ok: false, error: { code: 'AF_TOOL_ERROR', message: `${name} failed` } };
    },
  };
}
