import { withLocalEngine } from '../engine-setup.js';
import { EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { configSchemaOf } from '../workflow-schema.js';

export interface NodeTypesOptions {
  json?: boolean;
  plugin?: string[];
}

/**
 * `agentflow node-types`: the node types the server registers (and `--plugin` modules'), with their descriptions
 * (and config schemas in JSON).
 */
export async function nodeTypesCommand(options: NodeTypesOptions, io: CliContext): Promise<number> {
  const types = await withLocalEngine(io, (engine) => engine.nodeTypes(), options.plugin);
  if (options.json) {
    const list = types.map((t) => ({
      type: t.type,
      category: t.category ?? null,
      description: t.description ?? '',
      configSchema: configSchemaOf(t),
    }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...types.map((t) => t.type.length));
  const catWidth = Math.max(...types.map((t) => (t.category ?? '').length));
  for (const t of types) {
    io.stdout.write(
      `${t.type.padEnd(width)}  ${(t.category ?? '').padEnd(catWidth)}  ${t.description ?? ''}\n`,
    );
  }
  return EXIT.ok;
}
