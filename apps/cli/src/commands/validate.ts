import { formatIssues } from '@agentflow/protocol';
import { withLocalEngine } from '../engine-setup.js';
import { EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { loadWorkflowFile } from '../load.js';

export interface ValidateOptions {
  json?: boolean;
  /** Modules exporting extra node types, as given to `start --plugin`. */
  plugin?: string[];
}

/**
 * `agentflow validate <file>`: every problem as `path: message [CODE]`; exit 2 when invalid. Validates with the
 * server's node types (the runtime's composition), so it accepts and refuses what the server does.
 */
export async function validateCommand(
  file: string,
  options: ValidateOptions,
  io: CliContext,
): Promise<number> {
  const raw = await loadWorkflowFile(file, io.cwd);
  const result = await withLocalEngine(io, (engine) => engine.validate(raw), options.plugin);
  if (options.json) {
    const report = result.ok ? { ok: true, issues: [] } : { ok: false, issues: result.issues };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return result.ok ? EXIT.ok : EXIT.usage;
  }
  if (result.ok) {
    const wf = result.workflow;
    io.stdout.write(`${file}: valid (${wf.agents.length} agents, ${wf.connections.length} connections)\n`);
    return EXIT.ok;
  }
  const count = result.issues.length;
  io.stdout.write(`${file}: invalid workflow (${count} ${count === 1 ? 'problem' : 'problems'})\n`);
  io.stdout.write(`${formatIssues(result.issues)}\n`);
  return EXIT.usage;
}
