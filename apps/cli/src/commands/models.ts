import { createOllamaManager } from '@agentflow/models';
import { loadConfig } from '@agentflow/runtime';
import { EXIT } from '../errors.js';
import type { CliContext } from '../io.js';

interface ModelsOptions {
  baseUrl?: string;
  json?: boolean;
}

function manager(options: ModelsOptions, io: CliContext) {
  // --base-url, else the configured one (OLLAMA_BASE_URL, else OLLAMA_HOST), else Ollama's local default.
  const baseURL = options.baseUrl ?? loadConfig({ ...io.config.runtimeEnv }).modelBaseURLs.ollama;
  return createOllamaManager(baseURL ? { baseURL } : {});
}

/** `agentflow models list`: Ollama's status and installed models. */
export async function modelsListCommand(options: ModelsOptions, io: CliContext): Promise<number> {
  const ollama = manager(options, io);
  const status = await ollama.status();
  if (!status.reachable) {
    io.stderr.write(`agentflow: Ollama is not reachable at ${ollama.baseURL} (set OLLAMA_BASE_URL)\n`);
    return EXIT.failed;
  }
  const models = await ollama.list();
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ status, models }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`Ollama ${status.version ?? ''} at ${ollama.baseURL}\n`);
  if (models.length === 0) io.stdout.write('no models installed (agentflow models pull <name>)\n');
  for (const m of models) {
    io.stdout.write(`${m.name.padEnd(32)} ${(m.size / 1e9).toFixed(2).padStart(7)} GB  ${m.family ?? ''}\n`);
  }
  return EXIT.ok;
}

/** `agentflow models pull <name>`: downloads a model through Ollama, with progress. */
export async function modelsPullCommand(
  name: string,
  options: ModelsOptions,
  io: CliContext,
): Promise<number> {
  const ollama = manager(options, io);
  let last = '';
  await ollama.pull(name, (p) => {
    const pct = p.total ? ` ${Math.floor(((p.completed ?? 0) / p.total) * 100)}%` : '';
    const line = `${p.status}${pct}`;
    if (line !== last) io.stderr.write(`${line}\n`);
    last = line;
  });
  io.stdout.write(`pulled ${name}\n`);
  return EXIT.ok;
}

/** `agentflow models rm <name>`: deletes an installed Ollama model. */
export async function modelsRemoveCommand(
  name: string,
  options: ModelsOptions,
  io: CliContext,
): Promise<number> {
  await manager(options, io).delete(name);
  io.stdout.write(`deleted ${name}\n`);
  return EXIT.ok;
}
