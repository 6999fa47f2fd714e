import { AgentFlowError } from '@agentflow/protocol';
import { normalizeBaseURL } from './config.js';

export interface OllamaStatus {
  reachable: boolean;
  baseURL: string;
  version?: string;
  error?: string;
}

export interface OllamaModelInfo {
  name: string;
  /** Bytes on disk. */
  size: number;
  family: string;
  /** ISO timestamp of the last change. */
  modified: string;
  digest?: string;
  parameterSize?: string;
  quantization?: string;
}

export interface OllamaPullProgress {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
  /** 0-100 when the layer size is known. */
  percent?: number;
}

export interface OllamaManagerOptions {
  /**
   * Server root, with or without `/api` (the runtime passes the configured `ollama` base URL: `OLLAMA_BASE_URL`,
   * else `OLLAMA_HOST`). (Default: http://127.0.0.1:11434)
   */
  baseURL?: string;
  /** Timeout for status/list/delete in ms (pull has none; cancel it with a signal). (Default: 5000) */
  timeoutMs?: number;
  /** The fetch to send with (the runtime passes one behind the egress guard). (Default: the global fetch) */
  fetch?: typeof globalThis.fetch;
}

export interface OllamaManager {
  readonly baseURL: string;
  status(): Promise<OllamaStatus>;
  list(): Promise<OllamaModelInfo[]>;
  pull(
    name: string,
    onProgress?: (progress: OllamaPullProgress) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  delete(name: string): Promise<void>;
}

interface TagsResponse {
  models?: {
    name: string;
    size: number;
    modified_at: string;
    digest?: string;
    details?: { family?: string; parameter_size?: string; quantization_level?: string };
  }[];
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}

/** Ollama's management API (status, list, pull with progress, delete): the AI SDK covers only inference. */
export function createOllamaManager(options: OllamaManagerOptions = {}): OllamaManager {
  const root = options.baseURL ?? 'http://127.0.0.1:11434';
  const api = normalizeBaseURL(root, '/api');
  const baseURL = api.endsWith('/api') ? api.slice(0, -4) : api;
  const timeoutMs = options.timeoutMs ?? 5000;
  const fetch = options.fetch ?? globalThis.fetch;

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${api}${path}`, { signal: AbortSignal.timeout(timeoutMs), ...init });
    } catch (error) {
      throw new AgentFlowError(
        'AF_PROVIDER_ERROR',
        `Ollama at ${baseURL} is not reachable: ${(error as Error).message}`,
        {
          details: { provider: 'ollama', baseURL },
          cause: error,
        },
      );
    }
    return response;
  }

  async function failure(response: Response, what: string): Promise<AgentFlowError> {
    const message = errorText(await response.text());
    if (response.status === 404) {
      return new AgentFlowError('AF_NOT_FOUND', `Ollama ${what}: ${message}`, {
        details: { provider: 'ollama' },
      });
    }
    return new AgentFlowError('AF_PROVIDER_ERROR', `Ollama ${what} failed (${response.status}): ${message}`, {
      retryable: response.status >= 500,
      details: { provider: 'ollama', status: response.status },
    });
  }

  return {
    baseURL,
    async status() {
      try {
        const response = await request('/version');
        if (!response.ok) return { reachable: false, baseURL, error: `HTTP ${response.status}` };
        const { version } = (await response.json()) as { version?: string };
        return { reachable: true, baseURL, ...(version && { version }) };
      } catch (error) {
        return { reachable: false, baseURL, error: (error as Error).message };
      }
    },

    async list() {
      const response = await request('/tags');
      if (!response.ok) throw await failure(response, 'list');
      const { models = [] } = (await response.json()) as TagsResponse;
      return models.map((m) => ({
        name: m.name,
        size: m.size,
        family: m.details?.family ?? '',
        modified: m.modified_at,
        ...(m.digest && { digest: m.digest }),
        ...(m.details?.parameter_size && { parameterSize: m.details.parameter_size }),
        ...(m.details?.quantization_level && { quantization: m.details.quantization_level }),
      }));
    },

    async pull(name, onProgress, signal) {
      let response: Response;
      try {
        response = await fetch(`${api}/pull`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: name, stream: true }),
          ...(signal && { signal }),
        });
      } catch (error) {
        throw new AgentFlowError(
          'AF_PROVIDER_ERROR',
          `Ollama at ${baseURL} is not reachable: ${(error as Error).message}`,
          {
            details: { provider: 'ollama', baseURL },
            cause: error,
          },
        );
      }
      if (!response.ok || !response.body) throw await failure(response, `pull ${name}`);
      const decoder = new TextDecoder();
      let buffered = '';
      let succeeded = false;
      const handle = (line: string) => {
        if (line.trim() === '') return;
        const event = JSON.parse(line) as OllamaPullProgress & { error?: string };
        if (event.error) {
          throw new AgentFlowError('AF_PROVIDER_ERROR', `Ollama pull ${name} failed: ${event.error}`, {
            retryable: false,
            details: { provider: 'ollama', model: name },
          });
        }
        if (event.status === 'success') succeeded = true;
        const progress: OllamaPullProgress = { status: event.status };
        if (event.digest) progress.digest = event.digest;
        if (event.total !== undefined) progress.total = event.total;
        if (event.completed !== undefined) progress.completed = event.completed;
        if (event.total) progress.percent = Math.round(((event.completed ?? 0) / event.total) * 1000) / 10;
        onProgress?.(progress);
      };
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          handle(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
      }
      handle(buffered + decoder.decode());
      if (!succeeded) {
        throw new AgentFlowError('AF_PROVIDER_ERROR', `Ollama pull ${name} ended before it succeeded`, {
          details: { provider: 'ollama', model: name },
        });
      }
    },

    async delete(name) {
      const response = await request('/delete', {
        method: 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: name }),
      });
      if (!response.ok) throw await failure(response, `delete ${name}`);
      await response.arrayBuffer();
    },
  };
}
