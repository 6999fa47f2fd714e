/**
 * Commands that talk to a running AgentFlow server (`agentflow templates ...`) go through `@agentflow/client`,
 * the typed HTTP client of the server's OpenAPI document. Where and as whom:
 *
 * - `--server <url>`, else `AGENTFLOW_SERVER`, else `http://127.0.0.1:3000` (what `agentflow start` serves);
 * - `--api-key <key>`, else `AGENTFLOW_API_KEY` (an `af_...` key from Settings -> API keys, or
 *   `POST /api/v1/api-keys`). Prefer the variable: a flag shows in the process list.
 *
 * An API error becomes a CliError with the server's message, its AF_ code and every bad field's path.
 */
import { type AgentFlowClient, ApiError, createAgentFlowClient } from '@agentflow/client';
import type { Issue } from '@agentflow/protocol';
import { CliError, EXIT } from './errors.js';
import type { CliContext } from './io.js';

export interface RemoteOptions {
  server?: string;
  apiKey?: string;
}

export const DEFAULT_SERVER = 'http://127.0.0.1:3000';

/** The client for `--server`/`--api-key` (or their variables); a usage error without a key or with a bad URL. */
export function connect(options: RemoteOptions, io: CliContext): AgentFlowClient {
  const server = options.server ?? io.config.server ?? DEFAULT_SERVER;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliError(`--server ${server}: expected a URL such as ${DEFAULT_SERVER}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--server ${server}: expected an http:// or https:// URL`);
  const apiKey = options.apiKey ?? io.config.apiKey;
  if (apiKey === undefined || apiKey === '') {
    throw new CliError(
      'no API key: set AGENTFLOW_API_KEY (or pass --api-key) to a key of the workspace (Settings -> API keys)',
    );
  }
  return createAgentFlowClient({ baseUrl: url.origin + url.pathname.replace(/\/+$/, ''), apiKey });
}

/** Runs one remote call; an API error becomes a CliError (exit 2 for bad input or a missing object, else 1). */
export async function remote<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toCliError(error);
  }
}

export function toCliError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map(
    (i): Issue => ({ code: i.code as Issue['code'], path: i.path, message: i.message }),
  );
  const userError = error.status === 400 || error.status === 404 || error.status === 409;
  return new CliError(`${error.message} [${error.code}]`, issues, userError ? EXIT.usage : EXIT.failed);
}
