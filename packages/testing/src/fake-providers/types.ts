/**
 * Scripting vocabulary shared by every fake provider server. A server answers each model request with one
 * `FakeStep`: the next one queued with `enqueue()`, else the default set with `setDefault()` (a reply "ok").
 */

export interface FakeToolCall {
  /** Provider call id; generated when absent (Gemini and Ollama send none on the wire). */
  id?: string;
  name: string;
  input: unknown;
}

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A successful answer. */
export interface FakeReply {
  kind?: 'reply';
  text?: string;
  /** Text pieces streamed one per chunk; default: `text` split after each whitespace run. */
  chunks?: string[];
  toolCalls?: FakeToolCall[];
  /** Structured output: serialized as the reply's text (Anthropic's JSON-tool mode: as the `json` tool's input). */
  json?: unknown;
  /** Token counts reported in the usage fields; default: an estimate (4 characters per token). */
  usage?: Partial<FakeUsage>;
  /** Default: `tool-calls` when there are tool calls, else `stop`. */
  finishReason?: 'stop' | 'length' | 'tool-calls';
  /** Wait before answering (slow provider). */
  delayMs?: number;
  /** Wait between streamed chunks. */
  chunkDelayMs?: number;
  headers?: Record<string, string>;
}

/** An HTTP error in the provider's own error format. */
export interface FakeError {
  kind: 'error';
  status: number;
  message?: string;
  /** `Retry-After` header value (seconds, or an HTTP date). */
  retryAfter?: number | string;
  /** `retry-after-ms` header (OpenAI sends it). */
  retryAfterMs?: number;
  /** Replaces the provider's error body. */
  body?: unknown;
  delayMs?: number;
}

/** Accepts the request and never answers (streams: sends `afterChunks` chunks first, then stalls). */
export interface FakeHang {
  kind: 'hang';
  afterChunks?: number;
}

/** 200 with a body that is not valid JSON (streams: one good chunk, then a broken one). */
export interface FakeMalformed {
  kind: 'malformed';
  delayMs?: number;
}

/** Closes the connection mid-response (streams: after `afterChunks` chunks; default half of them). */
export interface FakeCut {
  kind: 'cut';
  afterChunks?: number;
}

export type FakeStep = FakeReply | FakeError | FakeHang | FakeMalformed | FakeCut;

export type FakeStepSource = FakeStep | ((request: RecordedRequest) => FakeStep);

export interface RecordedRequest {
  /** 1-based arrival order on this server. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** True for model calls that asked for a stream. */
  stream: boolean;
  /** Model named by a model call. */
  model?: string;
  /** Which step answered (model calls only). */
  answeredWith?: NonNullable<FakeStep['kind']>;
  /** HTTP status sent (absent while unanswered or when the request hung). */
  status?: number;
  /** performance.now() when the request arrived and when the first body chunk was written. */
  receivedAt: number;
  firstChunkAt?: number;
}

export interface FakeServerStats {
  /** Model calls received. */
  modelCalls: number;
  inFlight: number;
  maxInFlight: number;
}

export interface FakeServerOptions {
  /** When set, requests without this API key get the provider's 401. */
  apiKey?: string;
  /** Keep request bodies (default true; turn off for long benchmarks). */
  record?: boolean;
}

export interface FakeProviderServer {
  readonly provider: string;
  /** `http://127.0.0.1:<port>` (no path). */
  readonly url: string;
  /** The base URL the provider's SDK expects (e.g. `${url}/v1`). */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  readonly stats: FakeServerStats;
  /** Requests that were model calls. */
  modelRequests(): RecordedRequest[];
  /** Queues steps answered, in order, by the next model calls. */
  enqueue(...steps: FakeStep[]): this;
  /** Answer used once the queue is empty. */
  setDefault(step: FakeStepSource): this;
  /** Clears the queue, the default, the recorded requests and the stats. */
  reset(): void;
  close(): Promise<void>;
}
