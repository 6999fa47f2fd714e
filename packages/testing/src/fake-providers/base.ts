import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type {
  FakeProviderServer,
  FakeReply,
  FakeServerOptions,
  FakeServerStats,
  FakeStep,
  FakeStepSource,
  FakeUsage,
  RecordedRequest,
} from './types.js';

export interface ModelCallMatch {
  model: string;
  stream: boolean;
  /** Which model endpoint, for servers that have several (OpenAI: `chat` or `responses`). */
  endpoint?: string;
}

/** A reply with every default filled in, ready to render. */
export interface NormalizedReply {
  text: string;
  chunks: string[];
  toolCalls: { id: string; name: string; input: unknown }[];
  /** True when the step carried `json` (structured output). */
  structured: boolean;
  json: unknown;
  usage: FakeUsage;
  finishReason: 'stop' | 'length' | 'tool-calls';
  /** Per-server sequence number, for ids. */
  n: number;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  recorded: RecordedRequest;
  sendJson(status: number, body: unknown, headers?: Record<string, string>): void;
}

/** What differs between providers: routes, auth, and how replies and errors look on the wire. */
export interface WireFormat {
  provider: string;
  /** Path prefix the provider SDK expects in its base URL (`/v1`, `/v1beta`, `/api`). */
  basePath: string;
  matchModelCall(
    method: string,
    path: string,
    body: unknown,
    query: Record<string, string>,
  ): ModelCallMatch | undefined;
  authorized(headers: Record<string, string>, query: Record<string, string>, apiKey: string): boolean;
  toolCallIdPrefix: string;
  renderJson(reply: NormalizedReply, call: ModelCallMatch, body: unknown): unknown;
  /** Framed stream chunks (SSE events or NDJSON lines), written one by one. */
  renderStream(reply: NormalizedReply, call: ModelCallMatch, body: unknown): string[];
  streamContentType: string;
  /** A frame whose payload is not valid JSON. */
  malformedFrame: string;
  errorBody(status: number, message: string): unknown;
  /** Non-model routes (Ollama management). Returns false when the route is unknown. */
  handleOther?(ctx: RouteContext): boolean | Promise<boolean>;
}

const DEFAULT_STEP: FakeStep = { text: 'ok' };

/** One server-sent event. */
export function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

export function splitWords(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function estimateTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

function normalize(step: FakeReply, n: number, rawBodyLength: number, idPrefix: string): NormalizedReply {
  const structured = step.json !== undefined;
  const text = step.text ?? (structured ? JSON.stringify(step.json) : '');
  const toolCalls = (step.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `${idPrefix}${n}_${i}`,
    name: call.name,
    input: call.input,
  }));
  const outputChars =
    text.length + toolCalls.reduce((sum, c) => sum + JSON.stringify(c.input ?? {}).length, 0);
  return {
    text,
    chunks: step.chunks ?? (text ? splitWords(text) : []),
    toolCalls,
    structured,
    json: step.json,
    usage: {
      inputTokens: step.usage?.inputTokens ?? estimateTokens(rawBodyLength),
      outputTokens: step.usage?.outputTokens ?? estimateTokens(outputChars),
    },
    finishReason: step.finishReason ?? (toolCalls.length > 0 ? 'tool-calls' : 'stop'),
    n,
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Starts a fake provider on 127.0.0.1 (random port) speaking `wire`. */
export async function startFakeServer<Extra extends object = object>(
  wire: WireFormat,
  options: FakeServerOptions = {},
  extra?: Extra,
): Promise<FakeProviderServer & Extra> {
  const queue: FakeStep[] = [];
  let fallback: FakeStepSource = DEFAULT_STEP;
  const requests: RecordedRequest[] = [];
  const stats: FakeServerStats = { modelCalls: 0, inFlight: 0, maxInFlight: 0 };
  const record = options.record ?? true;
  let seq = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(wire.errorBody(500, `fake server error: ${String(error)}`)));
      } else {
        res.destroy();
      }
    });
  });

  function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown = raw;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const method = req.method ?? 'GET';
    const headers = flatHeaders(req);
    const recorded: RecordedRequest = {
      seq: ++seq,
      method,
      path: url.pathname,
      query,
      headers,
      body: record ? body : undefined,
      stream: false,
      receivedAt: performance.now(),
    };
    requests.push(recorded);
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });
    res.on('close', () => {
      if (res.headersSent) recorded.status ??= res.statusCode;
    });

    if (options.apiKey !== undefined && !wire.authorized(headers, query, options.apiKey)) {
      sendJson(res, 401, wire.errorBody(401, 'Invalid API key provided.'));
      return;
    }
    const call = wire.matchModelCall(method, url.pathname, body, query);
    if (!call) {
      const ctx: RouteContext = {
        req,
        res,
        recorded,
        sendJson: (status, payload, extraHeaders) => sendJson(res, status, payload, extraHeaders),
      };
      if (wire.handleOther && (await wire.handleOther(ctx))) return;
      sendJson(res, 404, wire.errorBody(404, `no route for ${method} ${url.pathname}`));
      return;
    }
    if (typeof body !== 'object' || body === null) {
      sendJson(res, 400, wire.errorBody(400, 'request body must be a JSON object'));
      return;
    }
    recorded.stream = call.stream;
    recorded.model = call.model;
    stats.modelCalls++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => {
      stats.inFlight--;
    });
    const step = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
    recorded.answeredWith = step.kind ?? 'reply';
    await answer(res, recorded, step, call, body, raw.length);
  }

  async function writeFrames(
    res: ServerResponse,
    recorded: RecordedRequest,
    frames: string[],
    delayMs: number,
  ) {
    for (let i = 0; i < frames.length; i++) {
      if (res.destroyed) return;
      if (i > 0) await sleep(delayMs);
      if (recorded.firstChunkAt === undefined) recorded.firstChunkAt = performance.now();
      res.write(frames[i]);
    }
  }

  async function answer(
    res: ServerResponse,
    recorded: RecordedRequest,
    step: FakeStep,
    call: ModelCallMatch,
    body: unknown,
    rawLength: number,
  ): Promise<void> {
    switch (step.kind) {
      case 'error': {
        await sleep(step.delayMs ?? 0);
        const headers: Record<string, string> = {};
        if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter);
        if (step.retryAfterMs !== undefined) headers['retry-after-ms'] = String(step.retryAfterMs);
        const message = step.message ?? `fake ${wire.provider} error ${step.status}`;
        sendJson(res, step.status, step.body ?? wire.errorBody(step.status, message), headers);
        return;
      }
      case 'hang': {
        if (call.stream && step.afterChunks) {
          const frames = wire.renderStream(
            normalize({ text: 'partial answer' }, seq, rawLength, ''),
            call,
            body,
          );
          res.writeHead(200, { 'content-type': wire.streamContentType });
          await writeFrames(res, recorded, frames.slice(0, step.afterChunks), 0);
        }
        return; // never ends; close() destroys the socket
      }
      case 'malformed': {
        await sleep(step.delayMs ?? 0);
        if (call.stream) {
          const frames = wire.renderStream(
            normalize({ text: 'partial answer' }, seq, rawLength, ''),
            call,
            body,
          );
          res.writeHead(200, { 'content-type': wire.streamContentType });
          await writeFrames(res, recorded, [frames[0] ?? '', wire.malformedFrame], 0);
          res.end();
          return;
        }
        const text = '{"id": "broken", "choices": [{"message": {"content": "unterminated';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
        res.end(text);
        return;
      }
      case 'cut': {
        const reply = normalize(
          { text: 'this answer will be cut short' },
          seq,
          rawLength,
          wire.toolCallIdPrefix,
        );
        if (call.stream) {
          const frames = wire.renderStream(reply, call, body);
          res.writeHead(200, { 'content-type': wire.streamContentType });
          await writeFrames(
            res,
            recorded,
            frames.slice(0, step.afterChunks ?? Math.ceil(frames.length / 2)),
            0,
          );
        } else {
          const text = JSON.stringify(wire.renderJson(reply, call, body));
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
          res.write(text.slice(0, Math.floor(text.length / 2)));
        }
        await sleep(1);
        res.socket?.destroy();
        return;
      }
      default: {
        await sleep(step.delayMs ?? 0);
        if (res.destroyed) return;
        const reply = normalize(step, seq, rawLength, wire.toolCallIdPrefix);
        if (call.stream) {
          res.writeHead(200, {
            'content-type': wire.streamContentType,
            'cache-control': 'no-cache',
            ...step.headers,
          });
          await writeFrames(res, recorded, wire.renderStream(reply, call, body), step.chunkDelayMs ?? 0);
          res.end();
        } else {
          recorded.firstChunkAt = performance.now();
          sendJson(res, 200, wire.renderJson(reply, call, body), step.headers);
        }
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.keepAliveTimeout = 30_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const api: FakeProviderServer = {
    provider: wire.provider,
    url,
    baseURL: `${url}${wire.basePath}`,
    requests,
    stats,
    modelRequests: () => requests.filter((r) => r.model !== undefined),
    enqueue(...steps: FakeStep[]) {
      queue.push(...steps);
      return this;
    },
    setDefault(step: FakeStepSource) {
      fallback = step;
      return this;
    },
    reset() {
      queue.length = 0;
      fallback = DEFAULT_STEP;
      requests.length = 0;
      stats.modelCalls = 0;
      stats.maxInFlight = stats.inFlight;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return Object.assign(api, extra ?? ({} as Extra));
}
