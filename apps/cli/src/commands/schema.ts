import { withLocalEngine } from '../engine-setup.js';
import { EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { workflowSchemaWithNodeTypes } from '../workflow-schema.js';

/**
 * `agentflow schema`: the workflow format's JSON Schema, with the config schema of every node type the server
 * registers (and of `--plugin` modules').
 */
export async function schemaCommand(options: { plugin?: string[] }, io: CliContext): Promise<number> {
  const schema = await withLocalEngine(
    io,
    (engine) => workflowSchemaWithNodeTypes(engine.nodeTypes()),
    options.plugin,
  );
  io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}
