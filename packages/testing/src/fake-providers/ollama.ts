import { createHash } from 'node:crypto';
import {
  type ModelCallMatch,
  type NormalizedReply,
  type RouteContext,
  startFakeServer,
  type WireFormat,
} from './base.js';
import type { FakeProviderServer, FakeServerOptions } from './types.js';

export interface FakeOllamaModel {
  name: string;
  size: number;
  family: string;
  parameterSize?: string;
  quantization?: string;
  modifiedAt?: string;
}

export interface FakeOllamaOptions extends FakeServerOptions {
  /** Installed models (default: llama3.2:latest). */
  models?: FakeOllamaModel[];
  version?: string;
  /** Names that fail to pull (the registry has no such manifest). */
  unpullable?: string[];
  /** Delay between pull progress lines. */
  pullDelayMs?: number;
}

export interface FakeOllamaServer extends FakeProviderServer {
  /** Installed models by full name (`name:tag`). */
  readonly models: Map<string, FakeOllamaModel>;
}

const CREATED_AT = '2025-10-01T12:00:00.000000Z';

export function fullModelName(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

function digest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function timings(reply: NormalizedReply) {
  return {
    total_duration: 1_200_000,
    load_duration: 100_000,
    prompt_eval_count: reply.usage.inputTokens,
    prompt_eval_duration: 300_000,
    eval_count: reply.usage.outputTokens,
    eval_duration: 800_000,
  };
}

function toolCalls(reply: NormalizedReply) {
  return reply.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.input ?? {} } }));
}

function renderJson(reply: NormalizedReply, call: ModelCallMatch) {
  return {
    model: call.model,
    created_at: CREATED_AT,
    message: {
      role: 'assistant',
      content: reply.text,
      ...(reply.toolCalls.length > 0 && { tool_calls: toolCalls(reply) }),
    },
    done_reason: reply.finishReason === 'length' ? 'length' : 'stop',
    done: true,
    ...timings(reply),
  };
}

function renderStream(reply: NormalizedReply, call: ModelCallMatch): string[] {
  const line = (data: unknown) => `${JSON.stringify(data)}\n`;
  const base = { model: call.model, created_at: CREATED_AT };
  const frames = reply.chunks.map((content) =>
    line({ ...base, message: { role: 'assistant', content }, done: false }),
  );
  if (reply.toolCalls.length > 0) {
    frames.push(
      line({
        ...base,
        message: { role: 'assistant', content: '', tool_calls: toolCalls(reply) },
        done: false,
      }),
    );
  }
  frames.push(
    line({
      ...base,
      message: { role: 'assistant', content: '' },
      done_reason: reply.finishReason === 'length' ? 'length' : 'stop',
      done: true,
      ...timings(reply),
    }),
  );
  return frames;
}

function familyOf(name: string): string {
  return (name.split(':')[0] ?? name).replace(/[\d.]+$/, '') || 'llama';
}

function modelNameFrom(body: unknown): string {
  const b = (body ?? {}) as { model?: unknown; name?: unknown };
  const name = typeof b.model === 'string' ? b.model : typeof b.name === 'string' ? b.name : '';
  return name;
}

function createManagement(models: Map<string, FakeOllamaModel>, options: FakeOllamaOptions) {
  const unpullable = new Set((options.unpullable ?? []).map(fullModelName));
  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

  async function pull(ctx: RouteContext): Promise<void> {
    const raw = modelNameFrom(ctx.recorded.body);
    const name = fullModelName(raw);
    const stream = (ctx.recorded.body as { stream?: unknown }).stream !== false;
    if (!raw) {
      ctx.sendJson(400, { error: 'model is required' });
      return;
    }
    if (!stream) {
      if (unpullable.has(name)) ctx.sendJson(500, { error: 'pull model manifest: file does not exist' });
      else {
        models.set(name, {
          name,
          size: 1_000_000,
          family: familyOf(name),
          modifiedAt: new Date().toISOString(),
        });
        ctx.sendJson(200, { status: 'success' });
      }
      return;
    }
    ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const write = (data: unknown) => ctx.res.write(`${JSON.stringify(data)}\n`);
    write({ status: 'pulling manifest' });
    if (unpullable.has(name)) {
      await sleep(options.pullDelayMs ?? 0);
      write({ error: 'pull model manifest: file does not exist' });
      ctx.res.end();
      return;
    }
    const total = 1_000_000 + raw.length * 4096;
    const layer = `sha256:${digest(name)}`;
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
      await sleep(options.pullDelayMs ?? 0);
      if (ctx.res.destroyed) return;
      write({
        status: `pulling ${layer.slice(7, 19)}`,
        digest: layer,
        total,
        completed: Math.round(total * fraction),
      });
    }
    for (const status of ['verifying sha256 digest', 'writing manifest']) write({ status });
    models.set(name, { name, size: total, family: familyOf(name), modifiedAt: new Date().toISOString() });
    write({ status: 'success' });
    ctx.res.end();
  }

  return async (ctx: RouteContext): Promise<boolean> => {
    const { method } = ctx.req;
    const path = ctx.recorded.path;
    if (method === 'GET' && path === '/') {
      ctx.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      ctx.res.end('Ollama is running');
    } else if (method === 'GET' && path === '/api/version') {
      ctx.sendJson(200, { version: options.version ?? '0.12.6' });
    } else if (method === 'GET' && path === '/api/tags') {
      ctx.sendJson(200, {
        models: [...models.values()].map((m) => ({
          name: m.name,
          model: m.name,
          modified_at: m.modifiedAt ?? CREATED_AT,
          size: m.size,
          digest: digest(m.name),
          details: {
            parent_model: '',
            format: 'gguf',
            family: m.family,
            families: [m.family],
            parameter_size: m.parameterSize ?? '3.2B',
            quantization_level: m.quantization ?? 'Q4_K_M',
          },
        })),
      });
    } else if (method === 'POST' && path === '/api/pull') {
      await pull(ctx);
    } else if (method === 'DELETE' && path === '/api/delete') {
      const raw = modelNameFrom(ctx.recorded.body);
      const name = fullModelName(raw);
      if (!models.delete(name)) {
        ctx.sendJson(404, { error: `model '${raw}' not found` });
      } else {
        ctx.res.writeHead(200, { 'content-length': '0' });
        ctx.res.end();
      }
    } else {
      return false;
    }
    return true;
  };
}

/** Fake Ollama: /api/chat (NDJSON stream by default) and /api/tags, /api/pull, /api/delete, /api/version. */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllamaServer> {
  const models = new Map<string, FakeOllamaModel>();
  for (const m of options.models ?? [{ name: 'llama3.2:latest', size: 2_019_393_189, family: 'llama' }]) {
    models.set(fullModelName(m.name), { ...m, name: fullModelName(m.name) });
  }
  const wire: WireFormat = {
    provider: 'ollama',
    basePath: '/api',
    matchModelCall(method, path, body) {
      if (method !== 'POST' || path !== '/api/chat') return undefined;
      const b = (body ?? {}) as { model?: unknown; stream?: unknown };
      return { model: typeof b.model === 'string' ? b.model : '', stream: b.stream !== false };
    },
    authorized: (headers, _query, apiKey) => headers.authorization === `Bearer ${apiKey}`,
    toolCallIdPrefix: 'call_',
    renderJson,
    renderStream,
    streamContentType: 'application/x-ndjson',
    malformedFrame: '{"model": "broken", "message": \n',
    errorBody: (_status, message) => ({ error: message }),
    handleOther: createManagement(models, options),
  };
  return startFakeServer(wire, options, { models });
}
